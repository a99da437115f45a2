//! Publishing through the queue against a local mock of each platform, with
//! payloads shaped as the platforms document them: X (`POST /2/tweets`, 201
//! `data.id`), Facebook Pages (`/{page}/feed`, `permalink_url`), LinkedIn
//! (`/rest/posts`, the URN in `x-restli-id`), Threads (container → status →
//! `threads_publish`), Reddit (`/api/submit`, errors inside a 200). Also the
//! failures: a duplicate refusal (with the author told and a retry), a 429 with
//! `Retry-After`, Reddit's RATELIMIT, a Threads container ending in ERROR, an
//! unreadable answer after the post was sent (unconfirmed, never re-sent), an
//! ended access, and a sample account.

use app::contexts::integrations::server::service::{ConnectedAccount, save_social_account};
use app::contexts::integrations::types::SocialPlatform;
use app::kernel::SocialAccountId;
use app::server::Secret;
use chrono::{Duration, Utc};
use mongodb::bson::doc;
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{
    body_partial_json, body_string_contains, header, method, path, query_param,
};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::{TestApp, location};

pub(crate) async fn connect(
    app: &TestApp,
    platform: SocialPlatform,
    id: &str,
    username: &str,
    token: &str,
) -> SocialAccountId {
    let mut tx = app.pg.begin().await.unwrap();
    let token = Secret::new(token);
    let account = ConnectedAccount {
        platform,
        platform_account_id: id,
        username,
        display_name: "Northwind Coffee",
        avatar_url: None,
        access_token: &token,
        refresh_token: None,
        token_expires_at: None,
        metadata: json!({}),
    };
    let saved = save_social_account(&mut tx, &app.state.keyring, app.a.id, &account).await.unwrap();
    tx.commit().await.unwrap();
    saved
}

/// Schedules a post (as the editor) for the given account fields, makes its tasks
/// due now, and returns the post's id.
pub(crate) async fn schedule(app: &TestApp, fields: &[(String, String)]) -> String {
    let editor = app.editor().await.cookie.clone();
    let when = (Utc::now() + Duration::days(2)).format("%Y-%m-%dT09:00").to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("post_id", ""),
        ("post[text]", "The holiday blend is roasting now."),
        ("post[when]", &when),
        ("post[intent]", "schedule"),
    ];
    form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let saved = app.post("/api/posts/save", &form, &editor).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    sqlx::query("UPDATE scheduled_tasks SET scheduled_for = now() WHERE type = 'publish_target'")
        .execute(&app.pg)
        .await
        .unwrap();
    location(&saved).trim_start_matches("/posts/").to_owned()
}

pub(crate) async fn run_all(app: &TestApp) {
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
}

pub(crate) async fn targets(app: &TestApp, post: &str) -> serde_json::Value {
    let editor = app.editor().await.cookie.clone();
    app.post("/api/posts/composer", &[("post_id", post)], &editor).await.json()["post"].clone()
}

pub(crate) fn target<'a>(post: &'a serde_json::Value, platform: &str) -> &'a serde_json::Value {
    post["targets"].as_array().unwrap().iter().find(|t| t["platform"] == platform).unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_post_goes_out_to_five_platforms_through_their_documented_apis(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let x = connect(&app, SocialPlatform::Twitter, "2244994945", "northwind", "x-token").await;
    let fb = connect(&app, SocialPlatform::Facebook, "1234567890", "northwind", "page-token").await;
    let li = connect(
        &app,
        SocialPlatform::Linkedin,
        "urn:li:organization:5515715",
        "northwind",
        "li-token",
    )
    .await;
    let th =
        connect(&app, SocialPlatform::Threads, "17841400000000000", "northwind", "th-token").await;
    let rd =
        connect(&app, SocialPlatform::Reddit, "northwind_bot", "northwind_bot", "rd-token").await;

    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .and(header("authorization", "Bearer x-token"))
        .and(body_partial_json(json!({"text": "The holiday blend is roasting now."})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "data": {"id": "1445880548472328192", "text": "The holiday blend is roasting now."}
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/1234567890/feed"))
        .and(query_param("access_token", "page-token"))
        .and(body_string_contains("message=The+holiday+blend"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "1234567890_987654321"})),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/1234567890_987654321"))
        .and(query_param("fields", "permalink_url"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "permalink_url": "https://www.facebook.com/1234567890/posts/987654321",
            "id": "1234567890_987654321"
        })))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/linkedin/rest/posts"))
        .and(header("authorization", "Bearer li-token"))
        .and(header("linkedin-version", "202611"))
        .and(header("x-restli-protocol-version", "2.0.0"))
        .and(body_partial_json(json!({
            "author": "urn:li:organization:5515715",
            "commentary": "The holiday blend is roasting now.",
            "visibility": "PUBLIC",
            "lifecycleState": "PUBLISHED",
            "distribution": {"feedDistribution": "MAIN_FEED"}
        })))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn:li:share:7100000000000000000"),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/threads/v1.0/17841400000000000/threads"))
        .and(query_param("access_token", "th-token"))
        .and(body_string_contains("media_type=TEXT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "17889615691921648"})))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/threads/v1.0/17889615691921648"))
        .and(query_param("fields", "status,error_message"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "FINISHED", "id": "17889615691921648"})),
        )
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/threads/v1.0/17841400000000000/threads_publish"))
        .and(body_string_contains("creation_id=17889615691921648"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "18031234567890123"})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/threads/v1.0/18031234567890123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "18031234567890123",
            "permalink": "https://www.threads.net/@northwind/post/C1a2b3c4d5e"
        })))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/reddit/api/submit"))
        .and(header("authorization", "Bearer rd-token"))
        .and(body_string_contains("sr=coffee"))
        .and(body_string_contains("kind=self"))
        .and(body_string_contains("api_type=json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"json": {"errors": [], "data": {
                "url": "https://www.reddit.com/r/coffee/comments/abc123/the_holiday_blend_is_here/",
                "id": "abc123",
                "name": "t3_abc123"
            }}}),
        ))
        .expect(1)
        .mount(mock)
        .await;

    let mut fields: Vec<(String, String)> =
        [x, fb, li, th, rd].iter().map(|id| (format!("post[on.{id}]"), "on".to_owned())).collect();
    fields.push((format!("post[title.{rd}]"), "The holiday blend is here".into()));
    fields.push((format!("post[subreddit.{rd}]"), "r/coffee".into()));
    let post = schedule(&app, &fields).await;
    run_all(&app).await;

    let post = targets(&app, &post).await;
    assert_eq!(post["status"], "published", "{post}");
    let expected = [
        ("twitter", "1445880548472328192", "https://x.com/northwind/status/1445880548472328192"),
        ("facebook", "1234567890_987654321", "https://www.facebook.com/1234567890/posts/987654321"),
        (
            "linkedin",
            "urn:li:share:7100000000000000000",
            "https://www.linkedin.com/feed/update/urn:li:share:7100000000000000000/",
        ),
        ("threads", "18031234567890123", "https://www.threads.net/@northwind/post/C1a2b3c4d5e"),
        (
            "reddit",
            "t3_abc123",
            "https://www.reddit.com/r/coffee/comments/abc123/the_holiday_blend_is_here/",
        ),
    ];
    for (platform, id, permalink) in expected {
        let t = target(&post, platform);
        assert_eq!(t["publish_status"], "published", "{platform}: {t}");
        assert_eq!(t["platform_post_id"], id, "{platform}");
        assert_eq!(t["permalink"], permalink, "{platform}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn refusals_fail_with_the_platforms_words_and_limits_wait_as_the_platform_says(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let x = connect(&app, SocialPlatform::Twitter, "2244994945", "northwind", "x-token").await;
    let li =
        connect(&app, SocialPlatform::Linkedin, "urn:li:person:abc", "northwind", "li-token").await;
    let th =
        connect(&app, SocialPlatform::Threads, "17841400000000000", "northwind", "th-token").await;
    let rd =
        connect(&app, SocialPlatform::Reddit, "northwind_bot", "northwind_bot", "rd-token").await;
    // X refuses a duplicate once (403, problem details), then takes the retry.
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "detail": "You are not allowed to create a Tweet with duplicate content.",
            "type": "about:blank", "title": "Forbidden", "status": 403
        })))
        .up_to_n_times(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"data": {"id": "1445880548472328199", "text": "x"}})),
        )
        .mount(mock)
        .await;
    // LinkedIn limits with Retry-After; Reddit limits inside a 200.
    Mock::given(method("POST"))
        .and(path("/linkedin/rest/posts"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120").set_body_json(
            json!({
                "message": "Resource level throttle limit for calls to this resource is reached.",
                "status": 429
            }),
        ))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/reddit/api/submit"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"json": {
            "errors": [["RATELIMIT", "you are doing that too much. try again in 9 minutes.", "ratelimit"]],
            "ratelimit": 540.5
        }})))
        .mount(mock)
        .await;
    // Threads prepares the container but it ends in ERROR.
    Mock::given(method("POST"))
        .and(path("/threads/v1.0/17841400000000000/threads"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "17889615691921648"})))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/threads/v1.0/17889615691921648"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "ERROR", "id": "17889615691921648", "error_message": "UNKNOWN"
        })))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/threads/v1.0/17841400000000000/threads_publish"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "never"})))
        .expect(0)
        .mount(mock)
        .await;

    let mut fields: Vec<(String, String)> =
        [x, li, th, rd].iter().map(|id| (format!("post[on.{id}]"), "on".to_owned())).collect();
    fields.push((format!("post[title.{rd}]"), "The holiday blend is here".into()));
    fields.push((format!("post[subreddit.{rd}]"), "coffee".into()));
    let post_id = schedule(&app, &fields).await;
    run_all(&app).await;

    let post = targets(&app, &post_id).await;
    let t = target(&post, "twitter");
    assert_eq!(t["publish_status"], "failed");
    assert_eq!(
        t["error"],
        "X refused the post: \"You are not allowed to create a Tweet with duplicate content.\""
    );
    let t = target(&post, "threads");
    assert_eq!(t["publish_status"], "failed");
    assert_eq!(t["error"], "Threads could not prepare the post (UNKNOWN).");
    // Limited: waiting, not failed, due again when the platform said.
    let t = target(&post, "linkedin");
    assert_eq!(
        (t["publish_status"].as_str(), t["error"].as_str().unwrap().contains("about 2 minutes")),
        (Some("pending"), true),
        "{t}"
    );
    let t = target(&post, "reddit");
    assert_eq!(t["publish_status"], "pending", "{t}");
    assert_eq!(post["status"], "publishing");
    let waits: Vec<(f64, i32)> = sqlx::query_as(
        "SELECT extract(epoch FROM scheduled_for - now())::float8, retry_count FROM scheduled_tasks
         WHERE type = 'publish_target' AND status = 'pending' ORDER BY scheduled_for",
    )
    .fetch_all(&app.pg)
    .await
    .unwrap();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert!(
        (100.0..=121.0).contains(&waits[0].0) && (500.0..=541.0).contains(&waits[1].0),
        "{waits:?}"
    );
    assert!(waits.iter().all(|(_, retries)| *retries == 0), "a platform's wait uses no retry");

    // The author (the editor) is told, with a link to the post.
    let editor = app.editor().await;
    let told = app
        .mongo
        .collection::<mongodb::bson::Document>("notifications")
        .count_documents(doc! { "user_id": editor.id.to_string(), "type": "post_failed", "action_url": format!("/posts/{post_id}") })
        .await
        .unwrap();
    assert_eq!(told, 2);
    let listed = app.post("/api/notifications/list", &[], &editor.cookie).await.json();
    let messages: Vec<&str> =
        listed.as_array().unwrap().iter().map(|n| n["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("duplicate content")), "{listed}");
    assert_eq!(listed[0]["action_url"], format!("/posts/{post_id}"));
    let badges = app.post("/api/home/badges", &[], &editor.cookie).await.json();
    assert!(
        badges.as_array().unwrap().iter().any(|b| b[0] == "/notifications" && b[1] == 2),
        "{badges}"
    );
    assert!(app.post("/api/notifications/read_all", &[], &editor.cookie).await.ok());
    let listed = app.post("/api/notifications/list", &[], &editor.cookie).await.json();
    assert!(listed.as_array().unwrap().iter().all(|n| n["read"] == true));
    // Another workspace's member sees none of them.
    let outsider = app.outsider().await.cookie.clone();
    let theirs = app.post("/api/notifications/list", &[], &outsider).await.json();
    assert_eq!(theirs.as_array().unwrap().len(), 0);

    // Retried, X takes it.
    let cookie = editor.cookie.clone();
    let retried = app
        .post("/api/posts/retry", &[("post_id", &post_id), ("account_id", &x.to_string())], &cookie)
        .await;
    assert!(retried.ok(), "{}", retried.body);
    server::build_worker(&app.state).run_once().await.unwrap();
    let post = targets(&app, &post_id).await;
    assert_eq!(target(&post, "twitter")["publish_status"], "published");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_unanswered_post_is_unconfirmed_and_never_sent_twice_and_sample_accounts_send_nothing(
    pg: PgPool,
) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let x = connect(&app, SocialPlatform::Twitter, "2244994945", "northwind", "x-token").await;
    let fb = connect(&app, SocialPlatform::Facebook, "1234567890", "northwind", "page-token").await;
    let mut tx = app.pg.begin().await.unwrap();
    let sample = app::contexts::integrations::server::service::add_demo_social_account(
        &mut tx,
        app.a.id,
        SocialPlatform::Linkedin,
        "sample",
        "Sample",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // X answers something that is not its documented JSON: it may have posted.
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .respond_with(ResponseTemplate::new(201).set_body_string("<html>upstream reset</html>"))
        .expect(1)
        .mount(mock)
        .await;
    // Facebook's page token has expired (code 190, subcode 463).
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/1234567890/feed"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "Error validating access token: Session has expired on Tuesday, 01-Dec-26 10:00:00 PST.",
            "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "AbCdEf"
        }})))
        .mount(mock)
        .await;
    let fields: Vec<(String, String)> =
        [x, fb, sample].iter().map(|id| (format!("post[on.{id}]"), "on".to_owned())).collect();
    let post_id = schedule(&app, &fields).await;
    run_all(&app).await;
    let post = targets(&app, &post_id).await;
    let t = target(&post, "twitter");
    assert_eq!(
        (t["publish_status"].as_str(), t["unconfirmed"].as_bool()),
        (Some("failed"), Some(true))
    );
    assert!(t["error"].as_str().unwrap().contains("may have gone out"), "{t}");
    let t = target(&post, "facebook");
    assert!(
        t["error"].as_str().unwrap().starts_with("Facebook no longer accepts Aura's access"),
        "{t}"
    );
    let t = target(&post, "linkedin");
    assert!(t["error"].as_str().unwrap().contains("sample data, so nothing was sent"), "{t}");
    assert_eq!(post["status"], "failed");

    // The same task run again (a stale retry) sends nothing: the target is unconfirmed.
    sqlx::query("UPDATE scheduled_tasks SET status = 'pending', scheduled_for = now() WHERE type = 'publish_target'")
        .execute(&app.pg)
        .await
        .unwrap();
    run_all(&app).await;
    // `expect(1)` on X's mock is checked when the mock server drops.
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_ending_token_is_renewed_first_and_a_refused_one_renewed_once(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    // An X account whose two-hour token has just ended, with its refresh token.
    let mut tx = app.pg.begin().await.unwrap();
    let (access, refresh) = (Secret::new("x-old"), Secret::new("x-refresh-1"));
    let account = ConnectedAccount {
        platform: SocialPlatform::Twitter,
        platform_account_id: "2244994945",
        username: "northwind",
        display_name: "Northwind Coffee",
        avatar_url: None,
        access_token: &access,
        refresh_token: Some(&refresh),
        token_expires_at: Some(Utc::now() - Duration::minutes(1)),
        metadata: json!({}),
    };
    let x = save_social_account(&mut tx, &app.state.keyring, app.a.id, &account).await.unwrap();
    tx.commit().await.unwrap();

    // X's refresh grant (HTTP Basic client credentials), rotating the refresh token.
    Mock::given(method("POST"))
        .and(path("/x/2/oauth2/token"))
        .and(header("authorization", "Basic eC1hcHA6eC1zZWNyZXQ="))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=x-refresh-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "bearer", "expires_in": 7200, "access_token": "x-new",
            "scope": "tweet.read tweet.write users.read offline.access",
            "refresh_token": "x-refresh-2"
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .and(header("authorization", "Bearer x-new"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "data": {"id": "1445880548472328192", "text": "The holiday blend is roasting now."}
        })))
        .expect(1)
        .mount(mock)
        .await;
    let post = schedule(&app, &[(format!("post[on.{x}]"), "on".to_owned())]).await;
    run_all(&app).await;
    let first = targets(&app, &post).await;
    assert_eq!(first["status"], "published", "{first}");
    let (expires, last_success): (Option<chrono::DateTime<Utc>>, Option<chrono::DateTime<Utc>>) =
        sqlx::query_as(
            "SELECT token_expires_at, last_success_at FROM social_accounts WHERE id = $1",
        )
        .bind(x)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert!(expires.unwrap() > Utc::now() + Duration::minutes(110), "the new token's lifetime");
    assert!(last_success.is_some(), "kept for the integration-health page");

    // Later X refuses the token before it ends (revoked): renewed once, then sent again.
    mock.reset().await;
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .and(header("authorization", "Bearer x-new"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/oauth2/token"))
        .and(body_string_contains("refresh_token=x-refresh-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "bearer", "expires_in": 7200, "access_token": "x-newer",
            "scope": "tweet.read tweet.write users.read offline.access", "refresh_token": "x-refresh-3"
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .and(header("authorization", "Bearer x-newer"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "data": {"id": "1445880548472328193", "text": "The holiday blend is roasting now."}
        })))
        .expect(1)
        .mount(mock)
        .await;
    let post = schedule(&app, &[(format!("post[on.{x}]"), "on".to_owned())]).await;
    run_all(&app).await;
    assert_eq!(targets(&app, &post).await["status"], "published");

    // A refresh token X no longer accepts: the author is told to reconnect.
    mock.reset().await;
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"
        })))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/oauth2/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": "Value passed for the token was invalid."
        })))
        .expect(1)
        .mount(mock)
        .await;
    let post = schedule(&app, &[(format!("post[on.{x}]"), "on".to_owned())]).await;
    run_all(&app).await;
    let failed = targets(&app, &post).await;
    let error = target(&failed, "twitter")["error"].as_str().unwrap().to_owned();
    assert!(error.contains("Reconnect"), "{error}");
    let last_error: Option<String> =
        sqlx::query_scalar("SELECT last_error FROM social_accounts WHERE id = $1")
            .bind(x)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    assert_eq!(last_error.as_deref(), Some(error.as_str()));
}

/// A 64-pixel PNG stored in workspace A's library; its id.
pub(crate) async fn picture(app: &TestApp, name: &str) -> String {
    let shot = image::RgbImage::from_pixel(64, 64, image::Rgb([181, 101, 29]));
    let mut bytes = Vec::new();
    shot.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    stored(app, name, bytes).await
}

/// `bytes` stored in workspace A's library as `name`; its id.
pub(crate) async fn stored(app: &TestApp, name: &str, bytes: Vec<u8>) -> String {
    app::contexts::content::server::media::add_generated(
        &app.state,
        app.a.id,
        name,
        bytes.into(),
        None,
        &[],
    )
    .await
    .unwrap();
    sqlx::query_scalar::<_, uuid::Uuid>("SELECT id FROM media_assets WHERE filename = $1")
        .bind(name)
        .fetch_one(&app.pg)
        .await
        .unwrap()
        .to_string()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn files_go_out_as_signed_links_to_instagram_pinterest_facebook_and_threads(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let ig =
        connect(&app, SocialPlatform::Instagram, "17841405822304914", "northwind", "page-token")
            .await;
    let pin = connect(&app, SocialPlatform::Pinterest, "northwind", "northwind", "pin-token").await;
    sqlx::query("UPDATE social_accounts SET metadata = $2 WHERE id = $1")
        .bind(pin)
        .bind(json!({"boards": [{"id": "549755885175", "name": "Holiday drinks"}]}))
        .execute(&app.pg)
        .await
        .unwrap();
    let fb = connect(&app, SocialPlatform::Facebook, "1234567890", "northwind", "page-token").await;
    let th =
        connect(&app, SocialPlatform::Threads, "17841400000000000", "northwind", "th-token").await;
    let (first, second) = (picture(&app, "cup.png").await, picture(&app, "beans.png").await);

    // Instagram: a carousel of two (each as its JPEG copy), prepared, then published.
    for (n, id) in [("c1", &first), ("c2", &second)] {
        Mock::given(method("POST"))
            .and(path("/meta/v21.0/17841405822304914/media"))
            .and(body_string_contains("is_carousel_item=true"))
            .and(body_string_contains(format!("id%3D{id}").as_str()))
            .and(body_string_contains("jpeg%3Dtrue"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": n})))
            .mount(mock)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/17841405822304914/media"))
        .and(body_string_contains("media_type=CAROUSEL"))
        .and(body_string_contains("children=c1%2Cc2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "carousel"})))
        .expect(1)
        .mount(mock)
        .await;
    for container in ["c1", "c2", "carousel"] {
        Mock::given(method("GET"))
            .and(path(format!("/meta/v21.0/{container}")))
            .and(query_param("fields", "status_code,status"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"status_code": "FINISHED", "id": container})),
            )
            .mount(mock)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/17841405822304914/media_publish"))
        .and(body_string_contains("creation_id=carousel"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "17920238422030506"})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/17920238422030506"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "permalink": "https://www.instagram.com/p/DAbC123xYz/", "id": "17920238422030506"
        })))
        .mount(mock)
        .await;
    // Pinterest: the board named on the target, found among the account's boards.
    Mock::given(method("POST"))
        .and(path("/pinterest/v5/pins"))
        .and(header("authorization", "Bearer pin-token"))
        .and(body_partial_json(json!({
            "board_id": "549755885175",
            "media_source": {"source_type": "multiple_image_urls"}
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "813744226420795884", "board_id": "549755885175",
            "created_at": "2026-12-01T09:00:00", "title": null
        })))
        .expect(1)
        .mount(mock)
        .await;
    // Facebook: two photos uploaded unpublished, then one feed post carrying them.
    for (n, id) in [("111", &first), ("222", &second)] {
        Mock::given(method("POST"))
            .and(path("/meta/v21.0/1234567890/photos"))
            .and(body_string_contains("published=false"))
            .and(body_string_contains(format!("id%3D{id}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": n})))
            .mount(mock)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/1234567890/feed"))
        .and(body_string_contains("attached_media%5B1%5D=%7B%22media_fbid%22%3A%22222%22%7D"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "1234567890_987654321"})),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/1234567890_987654321"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "permalink_url": "https://www.facebook.com/1234567890/posts/987654321"
        })))
        .mount(mock)
        .await;
    // Threads: a carousel of two image containers.
    for n in ["t1", "t2"] {
        Mock::given(method("POST"))
            .and(path("/threads/v1.0/17841400000000000/threads"))
            .and(body_string_contains("media_type=IMAGE"))
            .and(body_string_contains("is_carousel_item=true"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": n})))
            .up_to_n_times(1)
            .mount(mock)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/threads/v1.0/17841400000000000/threads"))
        .and(body_string_contains("media_type=CAROUSEL"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "tc"})))
        .mount(mock)
        .await;
    for container in ["t1", "t2", "tc"] {
        Mock::given(method("GET"))
            .and(path(format!("/threads/v1.0/{container}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "FINISHED"})))
            .mount(mock)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/threads/v1.0/17841400000000000/threads_publish"))
        .and(body_string_contains("creation_id=tc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "18000000000000001"})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/threads/v1.0/18000000000000001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "permalink": "https://www.threads.net/@northwind/post/C1a2B3c4"
        })))
        .mount(mock)
        .await;

    let mut fields: Vec<(String, String)> =
        [ig, pin, fb, th].iter().map(|id| (format!("post[on.{id}]"), "on".to_owned())).collect();
    fields.push((format!("post[board.{pin}]"), "Holiday drinks".into()));
    fields.push((format!("post[media.{first}]"), "on".into()));
    fields.push((format!("post[order.{first}]"), "1".into()));
    fields.push((format!("post[media.{second}]"), "on".into()));
    fields.push((format!("post[order.{second}]"), "2".into()));
    // A board the account does not have is said on its target before anything goes.
    let editor = app.editor().await.cookie.clone();
    let when = (Utc::now() + Duration::days(2)).format("%Y-%m-%dT09:00").to_string();
    let unknown_board = format!("post[board.{pin}]");
    let mut wrong: Vec<(&str, &str)> = vec![
        ("post_id", ""),
        ("post[text]", "Winter cups"),
        ("post[when]", &when),
        ("post[intent]", "schedule"),
    ];
    wrong.extend(
        fields.iter().filter(|(k, _)| *k != unknown_board).map(|(k, v)| (k.as_str(), v.as_str())),
    );
    wrong.push((&unknown_board, "Summer"));
    let refused = app.post("/api/posts/save", &wrong, &editor).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("has no board \\\"Summer\\\": choose one of Holiday drinks"),
        "{}",
        refused.body
    );

    let post = schedule(&app, &fields).await;
    run_all(&app).await;
    let post = targets(&app, &post).await;
    assert_eq!(post["status"], "published", "{post}");
    assert_eq!(target(&post, "instagram")["permalink"], "https://www.instagram.com/p/DAbC123xYz/");
    assert_eq!(
        target(&post, "pinterest")["permalink"],
        "https://www.pinterest.com/pin/813744226420795884/"
    );
    assert_eq!(target(&post, "threads")["platform_post_id"], "18000000000000001");

    // The link Instagram was given works without signing in, as a JPEG, until
    // altered.
    let requests = mock.received_requests().await.unwrap();
    let sent = requests
        .iter()
        .find(|r| {
            r.url.path() == "/meta/v21.0/17841405822304914/media"
                && String::from_utf8_lossy(&r.body).contains("is_carousel_item")
        })
        .unwrap();
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(&sent.body).into_owned().collect();
    let link = form["image_url"].trim_start_matches("http://127.0.0.1:3000").to_owned();
    assert!(link.starts_with("/api/media/public?"), "{link}");
    let fetched = app.get(&link, crate::helpers::Anonymous).await;
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.headers["content-type"], "image/jpeg");
    let tampered = link.replace("jpeg=true", "jpeg=false");
    assert_eq!(app.get(&tampered, crate::helpers::Anonymous).await.status, 404);
    let other_file = link.replace(&first, &second);
    assert_eq!(app.get(&other_file, crate::helpers::Anonymous).await.status, 404);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_full_rolling_day_on_instagram_makes_a_post_wait_not_fail(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let ig =
        connect(&app, SocialPlatform::Instagram, "17841405822304914", "northwind", "page-token")
            .await;
    // 100 posts went out in the last 20 hours (the oldest 20 hours ago).
    sqlx::query(
        "WITH made AS (
             INSERT INTO posts (workspace_id, status, published_at)
             SELECT $1, 'published', now() - make_interval(mins => n * 12)
             FROM generate_series(1, 100) AS n RETURNING id, published_at)
         INSERT INTO platform_posts (workspace_id, post_id, account_id, platform, publish_status, published_at)
         SELECT $1, id, $2, 'instagram', 'published', published_at FROM made",
    )
    .bind(app.a.id)
    .bind(ig)
    .execute(&app.pg)
    .await
    .unwrap();
    let cup = picture(&app, "cup.png").await;
    let fields = vec![
        (format!("post[on.{ig}]"), "on".to_owned()),
        (format!("post[media.{cup}]"), "on".to_owned()),
    ];
    let post_id = schedule(&app, &fields).await;
    run_all(&app).await;

    // Nothing was sent; the target waits with the reason until the oldest leaves
    // the window (in about 4 hours).
    assert!(app.mock().received_requests().await.unwrap().is_empty());
    let post = targets(&app, &post_id).await;
    let instagram = target(&post, "instagram");
    assert_eq!(instagram["publish_status"], "pending", "{post}");
    assert_eq!(post["status"], "scheduled");
    assert_eq!(
        instagram["error"],
        "Instagram takes 100 posts a day from apps, and this account has had 100 in the last 24 hours; this post waits about 4 hours for room, then goes out."
    );
    let wait: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM scheduled_for - now())::float8 FROM scheduled_tasks
         WHERE type = 'publish_target' AND status = 'pending'",
    )
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert!((3.9 * 3600.0..=4.0 * 3600.0).contains(&wait), "{wait}");

    // Scheduled into a full day, the composer says the post will wait.
    sqlx::query("UPDATE posts SET scheduled_at = now() + interval '1 hour' WHERE id = $1::uuid")
        .bind(&post_id)
        .execute(&app.pg)
        .await
        .unwrap();
    let editor = app.editor().await.cookie.clone();
    let composer = app.post("/api/posts/composer", &[("post_id", &post_id)], &editor).await.json();
    let notes = composer["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{composer}");
    assert!(
        notes[0]
            .as_str()
            .unwrap()
            .contains("already has 100 posts in the 24 hours before this one")
    );

    // A target that went out meanwhile is left as it is when its waiting task
    // runs again (at the post's time) with the day still full: never reset,
    // never sent twice.
    sqlx::query(
        "UPDATE posts SET scheduled_at = (SELECT (data->>'due')::timestamptz FROM scheduled_tasks
                                          WHERE type = 'publish_target' AND status = 'pending')
         WHERE id = $1::uuid",
    )
    .bind(&post_id)
    .execute(&app.pg)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE platform_posts SET publish_status = 'published', platform_post_id = '17920238422030506',
                published_at = now() WHERE post_id = $1::uuid",
    )
    .bind(&post_id)
    .execute(&app.pg)
    .await
    .unwrap();
    sqlx::query("UPDATE scheduled_tasks SET scheduled_for = now() WHERE status = 'pending'")
        .execute(&app.pg)
        .await
        .unwrap();
    run_all(&app).await;
    let post = targets(&app, &post_id).await;
    let instagram = target(&post, "instagram");
    assert_eq!(instagram["publish_status"], "published", "{post}");
    assert_eq!(instagram["platform_post_id"], "17920238422030506");
    assert!(app.mock().received_requests().await.unwrap().is_empty());
}
