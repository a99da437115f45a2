//! Connecting brands to platforms and syncing them, against the real database and a
//! local mock of each platform (wiremock) answering with payloads shaped as the
//! platforms document them: the OAuth redirect with state and PKCE, pagination,
//! 401 → refresh → retry, 429 with Retry-After, an expired refresh token, and a
//! malformed answer that leaves nothing half-written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use app::contexts::integrations::server::client::SyncError;
use app::contexts::integrations::server::config::IntegrationSettings;
use app::contexts::integrations::server::service::{self, Deps, SyncOutcome};
use app::kernel::{BrandId, ConnectionId, Role, WorkspaceId};
use app::server::AppState;
use axum::body::Body;
use axum::http::{Request, header};
use chrono::{Duration, NaiveDate, Utc};
use common::{Reply, log_in, member, post};
use http_body_util::BodyExt;
use serde_json::json;
use sqlx::PgPool;
use tower::ServiceExt;
use wiremock::matchers::{body_string_contains, header as has_header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PASSWORD: &str = "granite kettle orbit";

/// The app with every platform's OAuth app and API pointed at `mock`.
fn state_with_mock(pg: &PgPool, mongo: mongodb::Database, mock: &str) -> AppState {
    let settings = common::settings();
    let vars: HashMap<&str, String> = [
        ("AURA_SHOPIFY_CLIENT_ID", "shopify-app".to_owned()),
        ("AURA_SHOPIFY_CLIENT_SECRET", "shopify-secret".to_owned()),
        ("AURA_SHOPIFY_SHOP_URL", format!("{mock}/shopify/{{shop}}")),
        ("AURA_META_CLIENT_ID", "meta-app".to_owned()),
        ("AURA_META_CLIENT_SECRET", "meta-secret".to_owned()),
        ("AURA_META_AUTH_URL", format!("{mock}/meta/dialog/oauth")),
        ("AURA_META_API_URL", format!("{mock}/meta/v21.0")),
        ("AURA_GOOGLE_CLIENT_ID", "google-app".to_owned()),
        ("AURA_GOOGLE_CLIENT_SECRET", "google-secret".to_owned()),
        ("AURA_GOOGLE_AUTH_URL", format!("{mock}/google/auth")),
        ("AURA_GOOGLE_TOKEN_URL", format!("{mock}/google/token")),
        ("AURA_GOOGLE_ADS_API_URL", format!("{mock}/googleads/v18")),
        ("AURA_GOOGLE_ADS_DEVELOPER_TOKEN", "dev-token".to_owned()),
        ("AURA_GA4_DATA_URL", format!("{mock}/ga4/v1beta")),
        ("AURA_GA4_ADMIN_URL", format!("{mock}/ga4admin/v1beta")),
    ]
    .into_iter()
    .collect();
    let integrations = IntegrationSettings::from_lookup(&|n| vars.get(n).cloned()).unwrap();
    server::state_from_parts(settings, pg.clone(), mongo).unwrap().with_config(integrations)
}

async fn brand(pg: &PgPool, workspace: WorkspaceId) -> BrandId {
    sqlx::query_scalar(
        "INSERT INTO brands (workspace_id, name, currency, timezone)
         VALUES ($1, 'Roasters', 'USD', 'America/New_York') RETURNING id",
    )
    .bind(workspace)
    .fetch_one(pg)
    .await
    .unwrap()
}

/// A connected connection with sealed tokens, as a finished OAuth flow leaves it.
async fn connected(
    state: &AppState,
    workspace: WorkspaceId,
    brand: BrandId,
    platform: &str,
    account: &str,
    refresh: Option<&str>,
    expires_in: Option<Duration>,
) -> ConnectionId {
    let id: ConnectionId = sqlx::query_scalar(
        "INSERT INTO connections (workspace_id, kind, brand_id, platform, status, platform_account_id)
         VALUES ($1, 'brand', $2, $3, 'connected', $4) RETURNING id",
    )
    .bind(workspace)
    .bind(brand)
    .bind(platform)
    .bind(account)
    .fetch_one(&state.pg)
    .await
    .unwrap();
    let access = state.keyring.seal("old-access", &format!("connection:{id}:access_token"));
    let refresh = refresh.map(|r| state.keyring.seal(r, &format!("connection:{id}:refresh_token")));
    sqlx::query(
        "UPDATE connections SET access_token = $2, refresh_token = $3, token_expires_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(access)
    .bind(refresh)
    .bind(expires_in.map(|d| Utc::now() + d))
    .execute(&state.pg)
    .await
    .unwrap();
    id
}

/// The connection's synced values: (date, metric) → value.
async fn values(pg: &PgPool, id: ConnectionId) -> HashMap<(NaiveDate, String), f64> {
    let rows: Vec<(NaiveDate, String, f64)> = sqlx::query_as(
        "SELECT date, metric_type, value::float8 FROM metrics WHERE connection_id = $1",
    )
    .bind(id)
    .fetch_all(pg)
    .await
    .unwrap();
    rows.into_iter().map(|(d, m, v)| ((d, m), v)).collect()
}

async fn status(pg: &PgPool, id: ConnectionId) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, metadata->>'reason' FROM connections WHERE id = $1")
        .bind(id)
        .fetch_one(pg)
        .await
        .unwrap()
}

fn today_ny() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::America::New_York).date_naive()
}

async fn get(app: &axum::Router, uri: &str, cookie: &str) -> Reply {
    let request = Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn location(reply: &Reply) -> String {
    reply.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn google_ads_connects_through_oauth_with_pkce_then_syncs(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let app = server::build_app(state.clone());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, ws, "owner@northwind.example", PASSWORD, Role::Owner).await;
    let b = brand(&pg, ws).await;
    let cookie = log_in(&app, "owner@northwind.example", PASSWORD).await;

    let reply = post(
        &app,
        "/api/integrations/connect",
        &[("brand_id", &b.to_string()), ("platform", "google_ads"), ("account", "123-456-7890")],
        Some(&cookie),
    )
    .await;
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
        .mount(&mock)
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
        .mount(&mock)
        .await;

    // A wrong state is refused: nothing connects, the attempt is logged.
    let reply =
        get(&app, "/api/integrations/callback?code=4%2F0AQSTgQ&state=forged", &cookie).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"));
    let (st, reason): (String, Option<String>) =
        sqlx::query_as("SELECT status, metadata->>'reason' FROM connections WHERE brand_id = $1")
            .bind(b)
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!(st, "error");
    assert!(reason.unwrap().contains("did not match"));
    // The attempt is used up: the same callback again goes back to the brand list.
    let again = format!("/api/integrations/callback?code=4%2F0AQSTgQ&state={oauth_state}");
    assert_eq!(location(&get(&app, &again, &cookie).await), "/brands");

    // Start again and come back properly (Google adds scope and authuser).
    let reply = post(
        &app,
        "/api/integrations/connect",
        &[("brand_id", &b.to_string()), ("platform", "google_ads"), ("account", "123-456-7890")],
        Some(&cookie),
    )
    .await;
    let to = url::Url::parse(&location(&reply)).unwrap();
    let oauth_state = to.query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();
    let back = format!(
        "/api/integrations/callback?state={oauth_state}&code=4%2F0AQSTgQ&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fadwords&authuser=0&prompt=consent"
    );
    let reply = get(&app, &back, &cookie).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"), "{}", reply.body);

    let row: (ConnectionId, String, String, String, String, Option<chrono::DateTime<Utc>>) = sqlx::query_as(
        "SELECT id, status, platform_account_name, access_token, refresh_token, token_expires_at
         FROM connections WHERE brand_id = $1",
    )
    .bind(b)
    .fetch_one(&pg)
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
    .fetch_all(&pg)
    .await
    .unwrap();
    assert_eq!(tasks.len(), 2, "a sync now and the daily one: {tasks:?}");

    // The page's data never carries a token.
    let panel =
        post(&app, "/api/integrations/brand", &[("brand_id", &b.to_string())], Some(&cookie)).await;
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
        .mount(&mock)
        .await;
    let outcome = service::sync(&Deps::from_state(&state), ws, id).await.unwrap();
    assert_eq!(outcome, SyncOutcome::Synced { values: 90 * 4, days: 90 });
    let got = values(&pg, id).await;
    assert_eq!(got[&(yesterday, "ad_spend".into())], 125.5);
    assert_eq!(got[&(yesterday, "conversions".into())], 6.5);
    assert_eq!(got[&(today, "clicks".into())], 21.0);
    assert_eq!(got[&(today - Duration::days(10), "ad_spend".into())], 0.0);
    let last_sync: Option<chrono::DateTime<Utc>> =
        sqlx::query_scalar("SELECT last_sync_at FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(&pg)
            .await
            .unwrap();
    assert!(last_sync.is_some());

    // Disconnecting wipes the tokens and keeps the data.
    let reply = post(
        &app,
        "/api/integrations/disconnect",
        &[("connection_id", &id.to_string())],
        Some(&cookie),
    )
    .await;
    assert!(reply.ok(), "{}", reply.body);
    let (st, access): (String, Option<String>) =
        sqlx::query_as("SELECT status, access_token FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!((st.as_str(), access), ("disconnected", None));
    assert_eq!(values(&pg, id).await.len(), 360);
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT event_type FROM connection_logs WHERE connection_id = $1 ORDER BY occurred_at",
    )
    .bind(id)
    .fetch_all(&pg)
    .await
    .unwrap();
    assert_eq!(events, ["connect_failed", "connected", "sync", "disconnected"]);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn meta_connects_without_pkce_and_keeps_a_long_lived_token(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let app = server::build_app(state.clone());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, ws, "owner@northwind.example", PASSWORD, Role::Owner).await;
    let b = brand(&pg, ws).await;
    let cookie = log_in(&app, "owner@northwind.example", PASSWORD).await;
    let reply = post(
        &app,
        "/api/integrations/connect",
        &[("brand_id", &b.to_string()), ("platform", "meta"), ("account", "1234567890")],
        Some(&cookie),
    )
    .await;
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
        .mount(&mock)
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
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890"))
        .and(query_param("access_token", "EAAlong"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "Roasters Meta", "currency": "USD", "account_id": "1234567890", "id": "act_1234567890"
        })))
        .expect(1)
        .mount(&mock)
        .await;
    let back = format!("/api/integrations/callback?code=AQD-meta-code&state={}", query["state"]);
    let reply = get(&app, &back, &cookie).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"), "{}", reply.body);
    let (id, st, access, expires): (ConnectionId, String, String, chrono::DateTime<Utc>) =
        sqlx::query_as(
            "SELECT id, status, access_token, token_expires_at FROM connections WHERE brand_id = $1",
        )
        .bind(b)
        .fetch_one(&pg)
        .await
        .unwrap();
    assert_eq!(st, "connected");
    let aad = format!("connection:{id}:access_token");
    assert_eq!(state.keyring.open(&access, &aad).unwrap().expose(), "EAAlong");
    assert!(expires > Utc::now() + Duration::days(59), "the long-lived token's expiry");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn shopify_orders_follow_the_link_header_and_count_by_local_day(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    let id = connected(&state, ws, b, "shopify", "northwind", None, None).await;
    let today = today_ny();
    let yesterday = today - Duration::days(1);
    // 03:30 UTC today is still yesterday evening in New York.
    let late = format!("{}T03:30:00Z", today);
    let noon = format!("{}T12:00:00-05:00", yesterday);
    let base = format!("{}/shopify/northwind/admin/api/2024-10", mock.uri());
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("status", "any"))
        .and(has_header("x-shopify-access-token", "old-access"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Link", format!(r#"<{base}/orders.json?limit=250&page_info=eyJsYXN0X2lkIjo0>; rel="next""#).as_str())
                .set_body_json(json!({ "orders": [
                    { "id": 450789469, "created_at": noon, "current_total_price": "199.00", "currency": "USD",
                      "cancelled_at": null, "test": false,
                      "customer": { "id": 207119551, "created_at": noon } },
                    { "id": 450789470, "created_at": noon, "current_total_price": "50.00", "currency": "USD",
                      "cancelled_at": "2026-01-01T00:00:00-05:00", "test": false, "customer": null }
                ]})),
        )
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("page_info", "eyJsYXN0X2lkIjo0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "orders": [
            { "id": 450789471, "created_at": late, "current_total_price": "25.50", "currency": "USD",
              "cancelled_at": null, "test": false,
              "customer": { "id": 207119552, "created_at": "2024-05-01T10:00:00-04:00" } }
        ]})))
        .expect(1)
        .mount(&mock)
        .await;
    let outcome = service::sync(&Deps::from_state(&state), ws, id).await.unwrap();
    assert!(matches!(outcome, SyncOutcome::Synced { days: 90, .. }));
    let got = values(&pg, id).await;
    assert_eq!(got[&(yesterday, "revenue".into())], 224.5, "the cancelled order is left out");
    assert_eq!(got[&(yesterday, "orders".into())], 2.0);
    assert_eq!(got[&(yesterday, "new_customers".into())], 1.0, "a returning customer is not new");
    assert_eq!(got[&(today, "orders".into())], 0.0);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn meta_insights_page_and_count_purchases_once(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    let id =
        connected(&state, ws, b, "meta", "act_1234567890", None, Some(Duration::days(50))).await;
    let today = today_ny();
    let day = |n: i64| (today - Duration::days(n)).to_string();
    let next = format!(
        "{}/meta/v21.0/act_1234567890/insights?access_token=old-access&after=MjQZD&limit=100",
        mock.uri()
    );
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890/insights"))
        .and(query_param("time_increment", "1"))
        .and(query_param("access_token", "old-access"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{ "date_start": day(2), "date_stop": day(2), "spend": "80.25", "impressions": "9000",
                       "clicks": "210", "account_id": "1234567890",
                       "actions": [ { "action_type": "link_click", "value": "210" },
                                    { "action_type": "offsite_conversion.fb_pixel_purchase", "value": "4" },
                                    { "action_type": "purchase", "value": "4" } ] }],
            "paging": { "cursors": { "before": "MAZDZD", "after": "MjQZD" }, "next": next }
        })))
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890/insights"))
        .and(query_param("after", "MjQZD"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{ "date_start": day(1), "date_stop": day(1), "spend": "10", "impressions": "1000",
                       "clicks": "20", "account_id": "1234567890" }],
            "paging": { "cursors": { "before": "MjQZD", "after": "MjUZD" } }
        })))
        .expect(1)
        .mount(&mock)
        .await;
    service::sync(&Deps::from_state(&state), ws, id).await.unwrap();
    let got = values(&pg, id).await;
    let two_days_ago = today - Duration::days(2);
    assert_eq!(got[&(two_days_ago, "ad_spend".into())], 80.25);
    assert_eq!(got[&(two_days_ago, "conversions".into())], 4.0, "purchases counted once");
    assert_eq!(got[&(today - Duration::days(1), "conversions".into())], 0.0);
    assert_eq!(got[&(today - Duration::days(1), "impressions".into())], 1000.0);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn ga4_reports_by_date(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    let id = connected(
        &state,
        ws,
        b,
        "google_analytics",
        "412345678",
        Some("1//refresh"),
        Some(Duration::hours(1)),
    )
    .await;
    let today = today_ny();
    Mock::given(method("POST"))
        .and(path("/ga4/v1beta/properties/412345678:runReport"))
        .and(body_string_contains(r#""name":"totalRevenue""#))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "dimensionHeaders": [{ "name": "date" }],
            "metricHeaders": [
                { "name": "sessions", "type": "TYPE_INTEGER" }, { "name": "conversions", "type": "TYPE_INTEGER" },
                { "name": "totalRevenue", "type": "TYPE_CURRENCY" }, { "name": "engagementRate", "type": "TYPE_FLOAT" }
            ],
            "rows": [{ "dimensionValues": [{ "value": today.format("%Y%m%d").to_string() }],
                       "metricValues": [{ "value": "1520" }, { "value": "38" }, { "value": "2410.75" }, { "value": "0.6123" }] }],
            "rowCount": 1,
            "metadata": { "currencyCode": "USD", "timeZone": "America/New_York" },
            "kind": "analyticsData#runReport"
        })))
        .expect(1)
        .mount(&mock)
        .await;
    service::sync(&Deps::from_state(&state), ws, id).await.unwrap();
    let got = values(&pg, id).await;
    assert_eq!(got[&(today, "sessions".into())], 1520.0);
    assert_eq!(got[&(today, "revenue".into())], 2410.75);
    assert_eq!(got[&(today, "engagement_rate".into())], 0.61);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_401_refreshes_once_and_retries_and_the_new_token_is_kept(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    let id = connected(
        &state,
        ws,
        b,
        "google_ads",
        "1234567890",
        Some("1//refresh"),
        Some(Duration::hours(1)),
    )
    .await;
    let stream = "/googleads/v18/customers/1234567890/googleAds:searchStream";
    Mock::given(method("POST"))
        .and(path(stream))
        .and(has_header("authorization", "Bearer old-access"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": { "code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED" }
        })))
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/google/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=1%2F%2Frefresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "ya29.new", "expires_in": 3599, "token_type": "Bearer", "scope": "https://www.googleapis.com/auth/adwords"
        })))
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("POST"))
        .and(path(stream))
        .and(has_header("authorization", "Bearer ya29.new"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{ "results": [], "requestId": "r" }])),
        )
        .expect(1)
        .mount(&mock)
        .await;
    service::sync(&Deps::from_state(&state), ws, id).await.unwrap();
    let (access, refresh): (String, String) =
        sqlx::query_as("SELECT access_token, refresh_token FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(&pg)
            .await
            .unwrap();
    let aad = |f: &str| format!("connection:{id}:{f}");
    assert_eq!(state.keyring.open(&access, &aad("access_token")).unwrap().expose(), "ya29.new");
    assert_eq!(
        state.keyring.open(&refresh, &aad("refresh_token")).unwrap().expose(),
        "1//refresh",
        "kept when not rotated"
    );
    assert_eq!(status(&pg, id).await.0, "connected");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_expired_refresh_token_marks_the_connection_expired(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    // The token expired an hour ago: Aura refreshes before asking for data.
    let id = connected(
        &state,
        ws,
        b,
        "google_ads",
        "1234567890",
        Some("1//revoked"),
        Some(Duration::hours(-1)),
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/google/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant", "error_description": "Token has been expired or revoked."
        })))
        .expect(1)
        .mount(&mock)
        .await;
    let err = service::sync(&Deps::from_state(&state), ws, id).await.unwrap_err();
    assert!(matches!(err, SyncError::Reauthorize(_)), "{err:?}");
    let (st, reason) = status(&pg, id).await;
    assert_eq!(st, "expired");
    assert!(reason.unwrap().contains("Token has been expired or revoked."));
    assert!(values(&pg, id).await.is_empty());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_429_is_waited_out_per_retry_after(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    let id = connected(&state, ws, b, "google_analytics", "412345678", None, None).await;
    let report = "/ga4/v1beta/properties/412345678:runReport";
    Mock::given(method("POST"))
        .and(path(report))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1").set_body_json(json!({
            "error": { "code": 429, "message": "Exhausted property tokens for a project per hour.", "status": "RESOURCE_EXHAUSTED" }
        })))
        .up_to_n_times(1)
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("POST"))
        .and(path(report))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "rowCount": 0, "kind": "analyticsData#runReport" })),
        )
        .expect(1)
        .mount(&mock)
        .await;
    let started = std::time::Instant::now();
    let outcome = service::sync(&Deps::from_state(&state), ws, id).await.unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "waited for Retry-After");
    assert!(matches!(outcome, SyncOutcome::Synced { .. }));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_malformed_page_fails_the_sync_and_writes_nothing(pg: PgPool) {
    let mock = MockServer::start().await;
    let state = state_with_mock(&pg, common::fresh_mongo().await, &mock.uri());
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws).await;
    let id = connected(&state, ws, b, "shopify", "northwind", None, None).await;
    let base = format!("{}/shopify/northwind/admin/api/2024-10", mock.uri());
    let noon = format!("{}T12:00:00-05:00", today_ny());
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("status", "any"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "Link",
                    format!(r#"<{base}/orders.json?page_info=p2>; rel="next""#).as_str(),
                )
                .set_body_json(json!({ "orders": [
                    { "id": 1, "created_at": noon, "current_total_price": "10.00", "test": false }
                ]})),
        )
        .mount(&mock)
        .await;
    // Page two lost its orders array.
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("page_info", "p2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "order": {} })))
        .mount(&mock)
        .await;
    let err = service::sync(&Deps::from_state(&state), ws, id).await.unwrap_err();
    assert!(matches!(err, SyncError::Platform(_)), "{err:?}");
    let (st, reason) = status(&pg, id).await;
    assert_eq!(st, "error");
    let reason = reason.unwrap();
    assert!(reason.starts_with("Shopify answered with data Aura could not read"), "{reason}");
    assert!(reason.contains("orders"), "names what is missing: {reason}");
    assert!(values(&pg, id).await.is_empty(), "page one was not written");
    let progress: serde_json::Value =
        sqlx::query_scalar("SELECT metadata->'sync' FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!(progress["state"], "failed");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn unconfigured_platforms_say_what_to_set_and_editors_cannot_connect(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, ws, "owner@northwind.example", PASSWORD, Role::Owner).await;
    member(&pg, ws, "eddie@northwind.example", PASSWORD, Role::Editor).await;
    let b = brand(&pg, ws).await.to_string();
    let owner = log_in(&app, "owner@northwind.example", PASSWORD).await;
    let panel = post(&app, "/api/integrations/brand", &[("brand_id", &b)], Some(&owner)).await;
    let cards = panel.json()["cards"].clone();
    assert_eq!(cards[0]["platform"], "shopify");
    assert_eq!(
        cards[0]["missing_settings"],
        json!(["AURA_SHOPIFY_CLIENT_ID", "AURA_SHOPIFY_CLIENT_SECRET"])
    );
    let reply = post(
        &app,
        "/api/integrations/connect",
        &[("brand_id", &b), ("platform", "shopify"), ("account", "northwind")],
        Some(&owner),
    )
    .await;
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("AURA_SHOPIFY_CLIENT_ID"), "{}", reply.body);

    let editor = log_in(&app, "eddie@northwind.example", PASSWORD).await;
    let reply = post(&app, "/api/integrations/brand", &[("brand_id", &b)], Some(&editor)).await;
    assert_eq!(reply.status, 403);
    let reply = post(
        &app,
        "/api/integrations/connect",
        &[("brand_id", &b), ("platform", "shopify"), ("account", "northwind")],
        Some(&editor),
    )
    .await;
    assert_eq!(reply.status, 403);
}
