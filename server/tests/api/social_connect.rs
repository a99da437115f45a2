//! Connecting social accounts through each platform's OAuth flow against a local
//! mock answering as the platforms document: X with PKCE and HTTP Basic client
//! credentials; Facebook's short-lived token traded for a long-lived one and the
//! Pages to pick from (each with its own Page token); Instagram through the Page
//! it is linked to; LinkedIn's member and the organisations they administer;
//! TikTok's `client_key`; YouTube without a channel; and what a forged state, a
//! declined consent, a refused code and an unconfigured platform say. Removing an
//! account keeps its posts' history.

use std::collections::HashMap;

use app::contexts::integrations::types::SocialPlatform;
use chrono::{Duration, Utc};
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::{Actor, TestApp, location};

const CALLBACK: &str = "/api/integrations/callback";

/// Starts connecting `platform` as `who`; returns the consent screen's query.
async fn start(app: &TestApp, who: &Actor, platform: &str) -> HashMap<String, String> {
    let reply = app.post("/api/integrations/social_connect", &[("platform", platform)], who).await;
    let to = url::Url::parse(&location(&reply)).expect("redirected to the consent screen");
    to.query_pairs().into_owned().collect()
}

/// Comes back from the consent screen with `code`; returns where Aura sends the
/// person next.
async fn come_back(app: &TestApp, who: &Actor, state: &str, code: &str) -> String {
    let back = format!("{CALLBACK}?state={state}&code={code}");
    location(&app.get(&back, who).await)
}

async fn accounts_page(app: &TestApp, who: &Actor) -> serde_json::Value {
    let reply = app.post("/api/integrations/social_accounts", &[], who).await;
    assert!(reply.ok(), "{}", reply.body);
    reply.json()
}

/// The account's row: (username, display name, sealed access token, sealed
/// refresh token, expiry, metadata).
type Row =
    (String, String, String, Option<String>, Option<chrono::DateTime<Utc>>, serde_json::Value);

async fn row(app: &TestApp, platform: &str, id: &str) -> Row {
    sqlx::query_as(
        "SELECT username, display_name, access_token, refresh_token, token_expires_at, metadata
         FROM social_accounts WHERE workspace_id = $1 AND platform = $2 AND platform_account_id = $3",
    )
    .bind(app.a.id)
    .bind(platform)
    .bind(id)
    .fetch_one(&app.pg)
    .await
    .unwrap()
}

fn open(app: &TestApp, platform: &str, id: &str, sealed: &str) -> String {
    let aad = format!("social:{}:{platform}:{id}:access_token", app.a.id);
    app.state.keyring.open(sealed, &aad).unwrap().expose().to_owned()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn x_connects_with_pkce_and_basic_client_credentials(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let owner = app.owner().await;
    let q = start(&app, owner, "twitter").await;
    assert_eq!(q["client_id"], "x-app");
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["redirect_uri"], format!("http://127.0.0.1:3000{CALLBACK}"));
    assert!(q["scope"].split(' ').any(|s| s == "tweet.write"), "{}", q["scope"]);

    // X's token endpoint: the confidential client's Basic credentials, the code
    // and the PKCE verifier.
    Mock::given(method("POST"))
        .and(path("/x/2/oauth2/token"))
        .and(header("authorization", "Basic eC1hcHA6eC1zZWNyZXQ="))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=VGNibzFWSWREZm01bjN1N3dicWlNUG1oa2xRRVNNdmVHelJGY2hSMjpAY"))
        .and(body_string_contains("code_verifier="))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "bearer", "expires_in": 7200, "access_token": "x-access-1",
            "scope": "tweet.read tweet.write users.read media.write offline.access",
            "refresh_token": "x-refresh-1"
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/x/2/users/me"))
        .and(header("authorization", "Bearer x-access-1"))
        .and(query_param("user.fields", "profile_image_url"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {
                "id": "2244994945", "name": "Northwind Coffee", "username": "northwindcoffee",
                "profile_image_url": "https://pbs.twimg.com/profile_images/1/northwind_normal.jpg"
            }
        })))
        .expect(1)
        .mount(mock)
        .await;

    let code = "VGNibzFWSWREZm01bjN1N3dicWlNUG1oa2xRRVNNdmVHelJGY2hSMjpAY";
    assert_eq!(come_back(&app, owner, &q["state"], code).await, "/accounts");
    let page = accounts_page(&app, owner).await;
    assert_eq!(page["notice"]["ok"], true);
    assert_eq!(page["notice"]["text"], "Connected X · Northwind Coffee.");
    assert_eq!(page["accounts"][0]["username"], "northwindcoffee");
    assert_eq!(page["accounts"][0]["health"], "connected");
    assert!(!accounts_page(&app, owner).await.to_string().contains("x-access"), "no token shown");
    assert!(accounts_page(&app, owner).await["notice"].is_null(), "the notice is said once");

    let (username, _, access, refresh, expires, _) = row(&app, "twitter", "2244994945").await;
    assert_eq!(username, "northwindcoffee");
    assert!(!access.contains("x-access") && !refresh.unwrap().contains("x-refresh"), "sealed");
    assert_eq!(open(&app, "twitter", "2244994945", &access), "x-access-1");
    assert!(expires.unwrap() > Utc::now() + Duration::minutes(110));

    // The same callback again finds nothing in progress.
    let again = come_back(&app, owner, &q["state"], code).await;
    assert_eq!(again, "/brands");
}

/// Meta's token endpoints: the code for a short-lived token, then the long-lived one.
async fn meta_tokens(mock: &wiremock::MockServer) {
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/oauth/access_token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("client_id=meta-app"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "EAAshort", "token_type": "bearer", "expires_in": 5183
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .and(query_param("fb_exchange_token", "EAAshort"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "EAAlong", "token_type": "bearer", "expires_in": 5183944
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/me/accounts"))
        .and(query_param("access_token", "EAAlong"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [
                {
                    "access_token": "EAApage1", "category": "Coffee Shop",
                    "category_list": [{"id": "128673187201735", "name": "Coffee Shop"}],
                    "name": "Northwind Coffee", "id": "1122334455",
                    "tasks": ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
                    "picture": {"data": {"url": "https://scontent.example/northwind.png"}},
                    "instagram_business_account": {
                        "id": "17841405822304914", "username": "northwind.coffee",
                        "name": "Northwind Coffee", "profile_picture_url": "https://scontent.example/ig.png"
                    }
                },
                {
                    "access_token": "EAApage2", "category": "Food & Beverage",
                    "name": "Northwind Roastery", "id": "5566778899",
                    "tasks": ["ANALYZE", "CREATE_CONTENT"]
                }
            ],
            "paging": {"cursors": {"before": "MTEyMjMzNDQ1NQZDZD", "after": "NTU2Njc3ODg5OQZDZD"}}
        })))
        .mount(mock)
        .await;
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn facebook_lists_the_pages_to_pick_and_keeps_each_pages_own_token(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    meta_tokens(app.mock()).await;
    let admin = app.admin().await;
    let q = start(&app, admin, "facebook").await;
    assert_eq!(q["client_id"], "meta-app");
    assert!(q["scope"].contains("pages_manage_posts"), "{}", q["scope"]);
    assert_eq!(come_back(&app, admin, &q["state"], "AQDfb").await, "/accounts/connect");

    let choices = app.post("/api/integrations/social_choices", &[], admin).await.json();
    let options = choices["options"].as_array().unwrap();
    assert_eq!(options.len(), 2, "{choices}");
    assert_eq!(options[1]["display_name"], "Northwind Roastery");
    assert!(!choices.to_string().contains("EAA"), "tokens stay on the server");

    // Nothing ticked: said, and the choice waits.
    let none = app.post("/api/integrations/social_add", &[], admin).await;
    assert_eq!(none.status, 422, "{}", none.body);
    assert!(none.body.contains("Choose at least one account"), "{}", none.body);

    let added =
        app.post("/api/integrations/social_add", &[("chosen[5566778899]", "on")], admin).await;
    assert_eq!(location(&added), "/accounts", "{}", added.body);
    let (_, name, access, refresh, expires, _) = row(&app, "facebook", "5566778899").await;
    assert_eq!(name, "Northwind Roastery");
    assert_eq!(open(&app, "facebook", "5566778899", &access), "EAApage2", "the Page's own token");
    assert!(refresh.is_none() && expires.is_none(), "a Page token does not expire");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM social_accounts")
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(count, 1, "only the ticked Page");
    let page = accounts_page(&app, admin).await;
    assert_eq!(page["notice"]["text"], "Connected Facebook · Northwind Roastery.");
    // The pick is used up.
    assert!(app.post("/api/integrations/social_choices", &[], admin).await.json().is_null());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn instagram_is_reached_through_its_linked_page(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    meta_tokens(app.mock()).await;
    let owner = app.owner().await;
    let q = start(&app, owner, "instagram").await;
    // One Page has an Instagram account linked: it is added without a pick.
    assert_eq!(come_back(&app, owner, &q["state"], "AQDig").await, "/accounts");
    let (username, _, access, _, _, metadata) = row(&app, "instagram", "17841405822304914").await;
    assert_eq!(username, "northwind.coffee");
    assert_eq!(open(&app, "instagram", "17841405822304914", &access), "EAApage1");
    assert_eq!(metadata["page_id"], "1122334455");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn linkedin_offers_the_member_and_the_organizations_they_administer(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    Mock::given(method("POST"))
        .and(path("/linkedin/oauth/v2/accessToken"))
        .and(body_string_contains("client_secret=li-secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "AQUli", "expires_in": 5183999,
            "scope": "openid,profile,w_member_social,w_organization_social,rw_organization_admin"
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/linkedin/v2/userinfo"))
        .and(header("authorization", "Bearer AQUli"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sub": "782bbtaQ", "name": "Ada Lovelace", "given_name": "Ada",
            "family_name": "Lovelace", "picture": "https://media.licdn.com/dms/image/ada",
            "locale": "en-US"
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/linkedin/rest/organizationAcls"))
        .and(query_param("q", "roleAssignee"))
        .and(query_param("role", "ADMINISTRATOR"))
        .and(header("linkedin-version", "202611"))
        .and(header("x-restli-protocol-version", "2.0.0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "paging": {"count": 10, "start": 0, "links": []},
            "elements": [{
                "roleAssignee": "urn:li:person:782bbtaQ", "state": "APPROVED",
                "role": "ADMINISTRATOR", "organization": "urn:li:organization:2414183"
            }]
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/linkedin/rest/organizations/2414183"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 2414183, "localizedName": "Northwind Coffee Co.", "vanityName": "northwind-coffee"
        })))
        .mount(mock)
        .await;
    let owner = app.owner().await;
    let q = start(&app, owner, "linkedin").await;
    assert!(!q.contains_key("code_challenge"), "LinkedIn's web flow has no PKCE");
    assert_eq!(come_back(&app, owner, &q["state"], "AQTli").await, "/accounts/connect");
    let choices = app.post("/api/integrations/social_choices", &[], owner).await.json();
    let ids: Vec<&str> = choices["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["platform_account_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["urn:li:person:782bbtaQ", "urn:li:organization:2414183"]);
    assert_eq!(choices["options"][1]["detail"], "organization page");
    let added = app
        .post(
            "/api/integrations/social_add",
            &[
                ("chosen[urn:li:person:782bbtaQ]", "on"),
                ("chosen[urn:li:organization:2414183]", "on"),
            ],
            owner,
        )
        .await;
    assert_eq!(location(&added), "/accounts", "{}", added.body);
    let (username, _, _, _, expires, _) =
        row(&app, "linkedin", "urn:li:organization:2414183").await;
    assert_eq!(username, "northwind-coffee");
    assert!(expires.unwrap() > Utc::now() + Duration::days(59), "LinkedIn's 60-day token");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn tiktok_takes_its_client_key_and_youtube_needs_a_channel(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let owner = app.owner().await;
    let q = start(&app, owner, "tiktok").await;
    assert_eq!(q["client_key"], "tt-key");
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/oauth/token/"))
        .and(body_string_contains("client_key=tt-key"))
        .and(body_string_contains("client_secret=tt-secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "act.tiktok", "expires_in": 86400, "open_id": "723f24d7-e717-40f8",
            "refresh_expires_in": 31536000, "refresh_token": "rft.tiktok",
            "scope": "user.info.basic,video.publish", "token_type": "Bearer"
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/tiktok/v2/user/info/"))
        .and(header("authorization", "Bearer act.tiktok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"user": {
                "avatar_url": "https://p19-sign.tiktokcdn-us.com/avatar.jpeg",
                "open_id": "723f24d7-e717-40f8", "display_name": "Northwind Coffee",
                "username": "northwindcoffee"
            }},
            "error": {"code": "ok", "message": "", "log_id": "20220829194722CBE87ED59D524E727021"}
        })))
        .mount(mock)
        .await;
    assert_eq!(come_back(&app, owner, &q["state"], "tt-code").await, "/accounts");
    let (username, ..) = row(&app, "tiktok", "723f24d7-e717-40f8").await;
    assert_eq!(username, "northwindcoffee");

    // A Google account without a YouTube channel: said, nothing added.
    let q = start(&app, owner, "youtube").await;
    assert_eq!(q["access_type"], "offline");
    Mock::given(method("POST"))
        .and(path("/google/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "ya29.yt", "expires_in": 3599, "refresh_token": "1//yt",
            "scope": "https://www.googleapis.com/auth/youtube.force-ssl", "token_type": "Bearer"
        })))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/channels"))
        .and(query_param("mine", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#channelListResponse", "etag": "x",
            "pageInfo": {"totalResults": 0, "resultsPerPage": 5}
        })))
        .mount(mock)
        .await;
    assert_eq!(come_back(&app, owner, &q["state"], "4/0Ayt").await, "/accounts");
    let page = accounts_page(&app, owner).await;
    assert_eq!(page["notice"]["ok"], false);
    assert!(page["notice"]["text"].as_str().unwrap().contains("no YouTube channel"), "{page}");
    assert_eq!(page["accounts"].as_array().unwrap().len(), 1);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_forged_state_a_declined_consent_and_a_refused_code_change_nothing(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let owner = app.owner().await;
    let notice = |page: serde_json::Value| page["notice"]["text"].as_str().unwrap_or("").to_owned();

    start(&app, owner, "reddit").await;
    assert_eq!(come_back(&app, owner, "forged", "code").await, "/accounts");
    assert!(notice(accounts_page(&app, owner).await).contains("did not match"));

    let q = start(&app, owner, "reddit").await;
    assert_eq!(q["duration"], "permanent", "Reddit gives a refresh token only then");
    let back = format!("{CALLBACK}?state={}&error=access_denied", q["state"]);
    assert_eq!(location(&app.get(&back, owner).await), "/accounts");
    assert!(
        notice(accounts_page(&app, owner).await).starts_with("Access was not granted on Reddit")
    );

    Mock::given(method("POST"))
        .and(path("/reddit-www/api/v1/access_token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"})))
        .mount(app.mock())
        .await;
    let q = start(&app, owner, "reddit").await;
    assert_eq!(come_back(&app, owner, &q["state"], "used-code").await, "/accounts");
    let said = notice(accounts_page(&app, owner).await);
    assert!(said.contains("Reddit no longer accepts") && said.contains("invalid_grant"), "{said}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM social_accounts")
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_unconfigured_platform_names_what_to_set(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let owner = app.owner().await;
    let reply =
        app.post("/api/integrations/social_connect", &[("platform", "pinterest")], owner).await;
    assert_eq!(reply.status, 422);
    assert!(
        reply.body.contains("set AURA_PINTEREST_CLIENT_ID, AURA_PINTEREST_CLIENT_SECRET"),
        "{}",
        reply.body
    );
    let page = accounts_page(&app, owner).await;
    let pinterest = page["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["platform"] == "pinterest")
        .unwrap()
        .clone();
    assert_eq!(
        pinterest["missing_settings"],
        json!(["AURA_PINTEREST_CLIENT_ID", "AURA_PINTEREST_CLIENT_SECRET"])
    );
    // Editors see the accounts' health but not the platforms to connect.
    let editor = app.editor().await;
    assert_eq!(app.post("/api/integrations/social_accounts", &[], editor).await.status, 403);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_removed_account_keeps_its_posts_history_and_can_come_back(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let owner = app.owner().await;
    let mut tx = app.pg.begin().await.unwrap();
    let x = app::contexts::integrations::server::service::add_demo_social_account(
        &mut tx,
        app.a.id,
        SocialPlatform::Twitter,
        "northwind",
        "Northwind Coffee",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let draft = app
        .post(
            "/api/posts/save",
            &[
                ("post_id", ""),
                ("post[text]", "Our winter blend"),
                (&format!("post[on.{x}]"), "on"),
                ("post[intent]", "draft"),
            ],
            owner,
        )
        .await;
    let post = location(&draft).trim_start_matches("/posts/").to_owned();

    let outsider = app.outsider().await;
    let theirs = app
        .post("/api/integrations/social_remove", &[("account_id", &x.to_string())], outsider)
        .await;
    assert_eq!(theirs.status, 404, "another workspace cannot remove it");
    let removed =
        app.post("/api/integrations/social_remove", &[("account_id", &x.to_string())], owner).await;
    assert!(removed.ok(), "{}", removed.body);
    assert!(accounts_page(&app, owner).await["accounts"].as_array().unwrap().is_empty());
    let again =
        app.post("/api/integrations/social_remove", &[("account_id", &x.to_string())], owner).await;
    assert_eq!(again.status, 404, "already removed");

    let composer = app.post("/api/posts/composer", &[("post_id", &post)], owner).await.json();
    let targets = composer["post"]["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1, "the post keeps its target: {composer}");
    assert_eq!(targets[0]["account_name"], "Northwind Coffee");
    let (token, active): (String, bool) =
        sqlx::query_as("SELECT access_token, is_active FROM social_accounts WHERE id = $1")
            .bind(x)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    assert!(token.is_empty() && !active, "its access is deleted");
    let activity: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM activity_logs WHERE workspace_id = $1 AND type = 'social_account_removed'",
    )
    .bind(app.a.id)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(activity, 1);
}
