//! Connecting through each platform's OAuth flow: Google with PKCE and a state
//! that must match, Meta without PKCE trading its short-lived token for a
//! long-lived one, and what an unconfigured platform says.

use std::collections::HashMap;

use app::contexts::integrations::server::service::SyncOutcome;
use app::kernel::ConnectionId;
use chrono::{Duration, Utc};
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_string_contains, header as has_header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use super::{app_with_mock, brand, sync, today_ny, values};
use crate::helpers::{TestApp, location};

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn google_ads_connects_through_oauth_with_pkce_then_syncs(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let owner = app.owner().await;
    let brand_id = b.to_string();
    let connect =
        [("brand_id", brand_id.as_str()), ("platform", "google_ads"), ("account", "123-456-7890")];

    let reply = app.post("/api/integrations/connect", &connect, owner).await;
    let to = url::Url::parse(&location(&reply)).expect("redirected to the consent screen");
    assert!(to.as_str().starts_with(&format!("{}/google/auth?", mock.uri())), "{to}");
    let query: HashMap<_, _> = to.query_pairs().into_owned().collect();
    assert_eq!(query["client_id"], "google-app");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["redirect_uri"], "http://127.0.0.1:3000/api/integrations/callback");
    let oauth_state = query["state"].clone();

    // The token endpoint expects the code and the PKCE verifier in the body.
    Mock::given(method("POST"))
        .and(path("/google/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=4%2F0AQSTgQ"))
        .and(body_string_contains("code_verifier="))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "ya29.a0-access", "expires_in": 3599, "token_type": "Bearer",
            "refresh_token": "1//0g-refresh", "scope": "https://www.googleapis.com/auth/adwords"
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/googleads/v18/customers/1234567890/googleAds:searchStream"))
        .and(has_header("developer-token", "dev-token"))
        .and(has_header("authorization", "Bearer ya29.a0-access"))
        .and(body_string_contains("FROM customer LIMIT 1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "results": [{ "customer": {
                "resourceName": "customers/1234567890", "id": "1234567890",
                "descriptiveName": "Northwind Roasters Ads", "currencyCode": "USD" } }],
            "fieldMask": "customer.id,customer.descriptiveName,customer.currencyCode",
            "requestId": "r1"
        }])))
        .mount(mock)
        .await;

    // A wrong state is refused: nothing connects, the attempt is logged.
    let reply = app.get("/api/integrations/callback?code=4%2F0AQSTgQ&state=forged", owner).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"));
    let (st, reason): (String, Option<String>) =
        sqlx::query_as("SELECT status, metadata->>'reason' FROM connections WHERE brand_id = $1")
            .bind(b)
            .fetch_one(pg)
            .await
            .unwrap();
    assert_eq!(st, "error");
    assert!(reason.unwrap().contains("did not match"));
    // The attempt is used up: the same callback again goes back to the brand list.
    let again = format!("/api/integrations/callback?code=4%2F0AQSTgQ&state={oauth_state}");
    assert_eq!(location(&app.get(&again, owner).await), "/brands");

    // Start again and come back properly (Google adds scope and authuser).
    let reply = app.post("/api/integrations/connect", &connect, owner).await;
    let to = url::Url::parse(&location(&reply)).unwrap();
    let oauth_state = to.query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();
    let back = format!(
        "/api/integrations/callback?state={oauth_state}&code=4%2F0AQSTgQ&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fadwords&authuser=0&prompt=consent"
    );
    let reply = app.get(&back, owner).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"), "{}", reply.body);

    let row: (ConnectionId, String, String, String, String, Option<chrono::DateTime<Utc>>) = sqlx::query_as(
        "SELECT id, status, platform_account_name, access_token, refresh_token, token_expires_at
         FROM connections WHERE brand_id = $1",
    )
    .bind(b)
    .fetch_one(pg)
    .await
    .unwrap();
    let (id, st, name, access, refresh, expires) = row;
    assert_eq!((st.as_str(), name.as_str()), ("connected", "Northwind Roasters Ads"));
    assert!(access.starts_with("v1:test:") && !access.contains("ya29"), "sealed at rest");
    assert!(!refresh.contains("1//0g"), "sealed at rest");
    assert!(expires.unwrap() > Utc::now() + Duration::minutes(55));
    let tasks: Vec<serde_json::Value> = sqlx::query_scalar(
        "SELECT data FROM scheduled_tasks WHERE type = 'sync_connection' ORDER BY scheduled_for",
    )
    .fetch_all(pg)
    .await
    .unwrap();
    assert_eq!(tasks.len(), 2, "a sync now and the daily one: {tasks:?}");

    // The page's data never carries a token.
    let panel = app.post("/api/integrations/brand", &[("brand_id", &brand_id)], owner).await;
    assert!(panel.ok(), "{}", panel.body);
    assert!(!panel.body.contains("ya29") && !panel.body.contains("v1:test"), "{}", panel.body);
    assert!(panel.body.contains("123-456-7890"));

    // The sync: one stream with a row per day; days without a row are zero.
    let today = today_ny();
    let yesterday = today - Duration::days(1);
    Mock::given(method("POST"))
        .and(path("/googleads/v18/customers/1234567890/googleAds:searchStream"))
        .and(body_string_contains("segments.date BETWEEN"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "results": [
                { "customer": { "resourceName": "customers/1234567890" },
                  "segments": { "date": yesterday.to_string() },
                  "metrics": { "costMicros": "125500000", "impressions": "4200", "clicks": "130", "conversions": 6.5 } },
                { "customer": { "resourceName": "customers/1234567890" },
                  "segments": { "date": today.to_string() },
                  "metrics": { "costMicros": "20000000", "impressions": "800", "clicks": "21", "conversions": 1.0 } }
            ],
            "fieldMask": "segments.date,metrics.costMicros,metrics.impressions,metrics.clicks,metrics.conversions",
            "requestId": "r2"
        }])))
        .mount(mock)
        .await;
    let outcome = sync(&app, id).await.unwrap();
    assert_eq!(outcome, SyncOutcome::Synced { values: 90 * 4, days: 90 });
    let got = values(pg, id).await;
    assert_eq!(got[&(yesterday, "ad_spend".into())], 125.5);
    assert_eq!(got[&(yesterday, "conversions".into())], 6.5);
    assert_eq!(got[&(today, "clicks".into())], 21.0);
    assert_eq!(got[&(today - Duration::days(10), "ad_spend".into())], 0.0);
    let last_sync: Option<chrono::DateTime<Utc>> =
        sqlx::query_scalar("SELECT last_sync_at FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(pg)
            .await
            .unwrap();
    assert!(last_sync.is_some());

    // Disconnecting wipes the tokens and keeps the data.
    let reply = app
        .post("/api/integrations/disconnect", &[("connection_id", &id.to_string())], owner)
        .await;
    assert!(reply.ok(), "{}", reply.body);
    let (st, access): (String, Option<String>) =
        sqlx::query_as("SELECT status, access_token FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(pg)
            .await
            .unwrap();
    assert_eq!((st.as_str(), access), ("disconnected", None));
    assert_eq!(values(pg, id).await.len(), 360);
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT event_type FROM connection_logs WHERE connection_id = $1 ORDER BY occurred_at",
    )
    .bind(id)
    .fetch_all(pg)
    .await
    .unwrap();
    assert_eq!(events, ["connect_failed", "connected", "sync", "disconnected"]);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn meta_connects_without_pkce_and_keeps_a_long_lived_token(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let owner = app.owner().await;
    let brand_id = b.to_string();
    let connect =
        [("brand_id", brand_id.as_str()), ("platform", "meta"), ("account", "1234567890")];
    let reply = app.post("/api/integrations/connect", &connect, owner).await;
    let to = url::Url::parse(&location(&reply)).expect("redirected to the consent screen");
    assert!(to.as_str().starts_with(&format!("{}/meta/dialog/oauth?", mock.uri())), "{to}");
    let query: HashMap<_, _> = to.query_pairs().into_owned().collect();
    assert_eq!(query["scope"], "ads_read");
    assert!(!query.contains_key("code_challenge"), "Meta gets no PKCE");

    Mock::given(method("POST"))
        .and(path("/meta/v21.0/oauth/access_token"))
        .and(body_string_contains("code=AQD-meta-code"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "EAAshort", "token_type": "bearer", "expires_in": 5183
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .and(query_param("fb_exchange_token", "EAAshort"))
        .and(query_param("client_id", "meta-app"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "EAAlong", "token_type": "bearer", "expires_in": 5183944
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890"))
        .and(query_param("access_token", "EAAlong"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "Roasters Meta", "currency": "USD", "account_id": "1234567890", "id": "act_1234567890"
        })))
        .expect(1)
        .mount(mock)
        .await;
    let back = format!("/api/integrations/callback?code=AQD-meta-code&state={}", query["state"]);
    let reply = app.get(&back, owner).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"), "{}", reply.body);
    let (id, st, access, expires): (ConnectionId, String, String, chrono::DateTime<Utc>) =
        sqlx::query_as(
            "SELECT id, status, access_token, token_expires_at FROM connections WHERE brand_id = $1",
        )
        .bind(b)
        .fetch_one(pg)
        .await
        .unwrap();
    assert_eq!(st, "connected");
    let aad = format!("connection:{id}:access_token");
    assert_eq!(app.state.keyring.open(&access, &aad).unwrap().expose(), "EAAlong");
    assert!(expires > Utc::now() + Duration::days(59), "the long-lived token's expiry");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn unconfigured_platforms_say_what_to_set_and_editors_cannot_connect(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let b = brand(&app).await.to_string();
    let (owner, editor) = (app.owner().await, app.editor().await);
    let panel = app.post("/api/integrations/brand", &[("brand_id", &b)], owner).await;
    let cards = panel.json()["cards"].clone();
    assert_eq!(cards[0]["platform"], "shopify");
    assert_eq!(
        cards[0]["missing_settings"],
        json!(["AURA_SHOPIFY_CLIENT_ID", "AURA_SHOPIFY_CLIENT_SECRET"])
    );
    let connect = [("brand_id", b.as_str()), ("platform", "shopify"), ("account", "northwind")];
    let reply = app.post("/api/integrations/connect", &connect, owner).await;
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("AURA_SHOPIFY_CLIENT_ID"), "{}", reply.body);

    let reply = app.post("/api/integrations/brand", &[("brand_id", &b)], editor).await;
    assert_eq!(reply.status, 403);
    let reply = app.post("/api/integrations/connect", &connect, editor).await;
    assert_eq!(reply.status, 403);
}
