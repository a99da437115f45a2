//! Platform errors the way the platforms document them (docs/integrations.md,
//! "Errors"): Meta's rate limits and expired tokens sent with HTTP 400, GA4's quota
//! buckets, Google Ads' `GoogleAdsFailure` details, Shopify's decimal `Retry-After`
//! and a `Link` whose URL holds a comma, a GA4 report with an extra column and its
//! metrics reordered, recovery after a non-auth error, and a forged Shopify `hmac`.

use std::time::Duration as StdDuration;

use app::contexts::integrations::server::client::SyncError;
use app::contexts::integrations::server::service::SyncOutcome;
use app::contexts::integrations::types::SYNC_CONNECTION;
use app::kernel::{BrandId, ConnectionId};
use chrono::{Duration, Utc};
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use super::{app_with_mock, brand, connected, status, sync, today_ny, values};
use crate::helpers::{Actor, TestApp, location};

/// Runs the connection's sync as the queue does and returns the task's state:
/// (status, seconds until it is due again, retries counted, error).
async fn run_as_queued(app: &TestApp, id: ConnectionId) -> (String, f64, i32, Option<String>) {
    let mut tx = app.pg.begin().await.unwrap();
    let data = json!({ "connection_id": id.to_string() });
    app::contexts::automation::server::queue::enqueue(
        &mut tx,
        app.a.id,
        SYNC_CONNECTION,
        &data,
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    server::build_worker(&app.state).run_once().await.unwrap().expect("a task ran");
    sqlx::query_as(
        "SELECT status, extract(epoch FROM scheduled_for - now())::float8, retry_count, error
         FROM scheduled_tasks WHERE type = $1",
    )
    .bind(SYNC_CONNECTION)
    .fetch_one(&app.pg)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_meta_rate_limit_sent_as_400_waits_as_long_as_meta_says(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "meta", "act_1234567890", None, Some(Duration::days(50))).await;
    // Meta's documented shape (code 80004, Ads Management) with HTTP 400, and its
    // usage header saying access returns in 19 minutes.
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890/insights"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header(
                    "x-business-use-case-usage",
                    r#"{"1234567890":[{"type":"ads_management","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19,"ads_api_access_tier":"standard_access"}]}"#,
                )
                .set_body_json(json!({ "error": {
                    "message": "(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
                    "type": "OAuthException", "code": 80004, "error_subcode": 2446079,
                    "fbtrace_id": "AFm-w0VSqFxoRyuKXJgg48H" } })),
        )
        .mount(app.mock())
        .await;
    let (task, due_in, retries, error) = run_as_queued(&app, id).await;
    assert_eq!((task.as_str(), retries), ("pending", 0), "back in the queue, no retry used up");
    assert!((18.0 * 60.0..=19.0 * 60.0 + 5.0).contains(&due_in), "due in 19 minutes: {due_in}");
    let error = error.unwrap();
    assert!(error.contains("80004") && error.contains("19 minutes"), "{error}");
    // A rate limit is not the connection's fault: it stays connected.
    assert_eq!(status(&app.pg, id).await.0, "connected");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_expired_meta_token_sent_as_400_asks_for_a_reconnect_with_metas_reason(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "meta", "act_1234567890", None, Some(Duration::days(50))).await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890/insights"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({ "error": {
            "message": "Error validating access token: Session has expired on Monday, 19-Jun-23 06:29:46 PDT. The current time is Tuesday, 04-Jul-23 02:11:32 PDT.",
            "type": "OAuthException", "code": 190, "error_subcode": 463,
            "fbtrace_id": "AXS25JPViBb5AY5tP5EzTnD" } })))
        .mount(app.mock())
        .await;
    let err = sync(&app, id).await.unwrap_err();
    assert!(matches!(err, SyncError::Reauthorize(_)), "{err:?}");
    let (st, reason) = status(&app.pg, id).await;
    let reason = reason.unwrap();
    assert_eq!(st, "expired");
    assert!(
        reason.contains("the access expired") && reason.contains("Session has expired"),
        "{reason}"
    );
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_spent_ga4_daily_quota_waits_for_midnight_pacific_through_the_queue(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "google_analytics", "412345678", None, None).await;
    Mock::given(method("POST"))
        .and(path("/ga4/v1beta/properties/412345678:runReport"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({ "error": {
            "code": 429,
            "message": "Exhausted property tokens per day. These quota tokens will return in under 24 hours.",
            "status": "RESOURCE_EXHAUSTED" } })))
        .expect(1)
        .mount(app.mock())
        .await;
    let started = std::time::Instant::now();
    let (task, due_in, retries, error) = run_as_queued(&app, id).await;
    assert!(started.elapsed() < StdDuration::from_secs(5), "no worker sleeps on it");
    let pacific = Utc::now().with_timezone(&chrono_tz::America::Los_Angeles);
    let midnight = pacific.date_naive().succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap();
    let expected = (midnight - pacific.naive_local()).num_seconds() as f64;
    assert_eq!((task.as_str(), retries), ("pending", 0));
    assert!((due_in - expected).abs() < 120.0, "due at midnight Pacific: {due_in} vs {expected}");
    assert!(error.unwrap().contains("tokens per day"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn google_ads_errors_keep_their_code_field_and_request_id(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "google_ads", "1234567890", Some("1//r"), Some(Duration::hours(1)))
        .await;
    Mock::given(method("POST"))
        .and(path("/googleads/v18/customers/1234567890/googleAds:searchStream"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({ "error": {
            "code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
            "details": [{
                "@type": "type.googleapis.com/google.ads.googleads.v18.errors.GoogleAdsFailure",
                "errors": [{
                    "errorCode": { "authorizationError": "CUSTOMER_NOT_ENABLED" },
                    "message": "The customer account can't be accessed because it is not yet enabled or has been deactivated.",
                    "location": { "fieldPathElements": [{ "fieldName": "customer_id" }] }
                }],
                "requestId": "xN_KaZRHZuU6Rlgt3cM2uQ"
            }] } })))
        .mount(app.mock())
        .await;
    let err = sync(&app, id).await.unwrap_err();
    let SyncError::Platform(message) = &err else { panic!("{err:?}") };
    for part in [
        "not yet enabled",
        "authorizationError CUSTOMER_NOT_ENABLED",
        "at customer_id",
        "request id xN_KaZRHZuU6Rlgt3cM2uQ",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
    assert_eq!(status(&app.pg, id).await.0, "error");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_connection_in_error_syncs_again_and_recovers_by_itself(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "google_analytics", "412345678", None, None).await;
    let report = "/ga4/v1beta/properties/412345678:runReport";
    // First: no access to the property yet (a person fixes it in GA4).
    Mock::given(method("POST"))
        .and(path(report))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({ "error": {
            "code": 403, "message": "User does not have sufficient permissions for this property.",
            "status": "PERMISSION_DENIED" } })))
        .up_to_n_times(1)
        .mount(app.mock())
        .await;
    assert!(matches!(sync(&app, id).await, Err(SyncError::Platform(_))));
    let (st, reason) = status(&app.pg, id).await;
    assert_eq!(st, "error");
    assert!(reason.unwrap().contains("sufficient permissions"));
    // Access granted on Google's side: the next sync runs and the error clears.
    Mock::given(method("POST"))
        .and(path(report))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "dimensionHeaders": [{ "name": "date" }],
            "metricHeaders": [{ "name": "sessions", "type": "TYPE_INTEGER" }],
            "rowCount": 0, "kind": "analyticsData#runReport" })))
        .mount(app.mock())
        .await;
    assert!(matches!(sync(&app, id).await, Ok(SyncOutcome::Synced { .. })));
    assert_eq!(status(&app.pg, id).await, ("connected".to_owned(), None));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn ga4_columns_are_read_by_their_header_names(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "google_analytics", "412345678", None, None).await;
    let day = today_ny() - Duration::days(1);
    let ymd = day.format("%Y%m%d").to_string();
    // An extra `dateRange` dimension first, and the metrics in another order than asked.
    Mock::given(method("POST"))
        .and(path("/ga4/v1beta/properties/412345678:runReport"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "dimensionHeaders": [{ "name": "dateRange" }, { "name": "date" }],
            "metricHeaders": [
                { "name": "engagementRate", "type": "TYPE_FLOAT" },
                { "name": "totalRevenue", "type": "TYPE_CURRENCY" },
                { "name": "sessions", "type": "TYPE_INTEGER" },
                { "name": "conversions", "type": "TYPE_FLOAT" }
            ],
            "rows": [{
                "dimensionValues": [{ "value": "date_range_0" }, { "value": ymd }],
                "metricValues": [{ "value": "0.61" }, { "value": "1234.5" }, { "value": "321" }, { "value": "12" }]
            }],
            "rowCount": 1, "kind": "analyticsData#runReport" })))
        .mount(app.mock())
        .await;
    sync(&app, id).await.unwrap();
    let got = values(&app.pg, id).await;
    assert_eq!(got[&(day, "sessions".into())], 321.0);
    assert_eq!(got[&(day, "revenue".into())], 1234.5);
    assert_eq!(got[&(day, "conversions".into())], 12.0);
    assert_eq!(got[&(day, "engagement_rate".into())], 0.61);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn shopify_decimal_retry_after_and_a_comma_in_the_next_link(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let id = connected(&app, b, "shopify", "northwind", None, None).await;
    let mock = app.mock();
    let base = format!("{}/shopify/northwind/admin/api/2024-10", mock.uri());
    let noon = format!("{}T12:00:00-05:00", today_ny() - Duration::days(1));
    let orders = "/shopify/northwind/admin/api/2024-10/orders.json";
    // Shopify's 429 with `Retry-After: 1.0` (it sends decimals), then the page.
    Mock::given(method("GET"))
        .and(path(orders))
        .and(query_param("status", "any"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1.0").set_body_json(json!({
            "errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
        })))
        .up_to_n_times(1)
        .mount(mock)
        .await;
    // The next link's URL holds commas (its fields list) and comes after "previous".
    let next = format!(
        "{base}/orders.json?limit=250&fields=id,created_at,current_total_price&page_info=eyJu"
    );
    Mock::given(method("GET"))
        .and(path(orders))
        .and(query_param("status", "any"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "Link",
                    format!(r#"<{base}/orders.json?page_info=eyJw>; rel="previous", <{next}>; rel="next""#).as_str(),
                )
                .set_body_json(json!({ "orders": [
                    { "id": 1, "created_at": noon, "current_total_price": "10.00", "test": false, "cancelled_at": null, "customer": null }
                ]})),
        )
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path(orders))
        .and(query_param("page_info", "eyJu"))
        .and(query_param("fields", "id,created_at,current_total_price"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "orders": [
            { "id": 2, "created_at": noon, "current_total_price": "5.50", "test": false, "cancelled_at": null, "customer": null }
        ]})))
        .expect(1)
        .mount(mock)
        .await;
    let started = std::time::Instant::now();
    sync(&app, id).await.unwrap();
    assert!(started.elapsed() >= StdDuration::from_secs(1), "waited the 1.0 seconds");
    let day = today_ny() - Duration::days(1);
    assert_eq!(values(&app.pg, id).await[&(day, "revenue".into())], 15.5, "both pages");
}

/// Starts connecting `brand` to the Shopify shop "northwind" as `owner`; returns the
/// OAuth `state` Aura sent to Shopify's consent screen.
async fn start_shopify_connect(app: &TestApp, owner: &Actor, brand: BrandId) -> String {
    let brand_id = brand.to_string();
    let connect =
        [("brand_id", brand_id.as_str()), ("platform", "shopify"), ("account", "northwind")];
    let reply = app.post("/api/integrations/connect", &connect, owner).await;
    let to = url::Url::parse(&location(&reply)).expect("to Shopify's consent screen");
    to.query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned()
}

/// The brand's connection's status and the reason it gives.
async fn status_and_reason(app: &TestApp, brand: BrandId) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, metadata->>'reason' FROM connections WHERE brand_id = $1")
        .bind(brand)
        .fetch_one(&app.pg)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_shopify_callback_with_a_forged_hmac_connects_nothing(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let owner = app.owner().await;
    let oauth_state = start_shopify_connect(&app, owner, b).await;
    // No token exchange may happen.
    Mock::given(method("POST"))
        .and(path("/shopify/northwind/admin/oauth/access_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "shpat_forged", "scope": "read_orders,read_customers" })))
        .expect(0)
        .mount(app.mock())
        .await;
    let back = format!(
        "/api/integrations/callback?code=0907a61c0c8d55e99db179b68161bc00&hmac=4712bf92ffc2917d15a2f5a273e39f0116667419aa4b6ac0b3baaf26fa3c4d20&host=YWRtaW4&shop=northwind.myshopify.com&state={oauth_state}&timestamp=1337178173"
    );
    let reply = app.get(&back, owner).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"));
    let (st, reason) = status_and_reason(&app, b).await;
    assert_eq!(st, "error");
    assert!(reason.unwrap().contains("not signed by Shopify"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_signed_shopify_callback_with_less_access_than_asked_connects_nothing(pg: PgPool) {
    use hmac::{Hmac, Mac};
    let app = app_with_mock(pg).await;
    let b = brand(&app).await;
    let owner = app.owner().await;
    let oauth_state = start_shopify_connect(&app, owner, b).await;
    Mock::given(method("POST"))
        .and(path("/shopify/northwind/admin/oauth/access_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "shpat_partial", "scope": "read_orders" })))
        .expect(1)
        .mount(app.mock())
        .await;
    // Signed as Shopify signs: every parameter but hmac, sorted, with the app secret.
    let params = format!(
        "code=abc123&host=YWRtaW4&shop=northwind.myshopify.com&state={oauth_state}&timestamp=1337178173"
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"shopify-secret").unwrap();
    mac.update(params.as_bytes());
    let hmac: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let reply = app.get(&format!("/api/integrations/callback?{params}&hmac={hmac}"), owner).await;
    assert_eq!(location(&reply), format!("/brands/{b}#integrations"));
    let (st, reason) = status_and_reason(&app, b).await;
    assert_eq!(st, "error");
    assert!(reason.unwrap().contains("missing read_customers"));
}
