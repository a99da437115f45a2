//! What goes wrong with a platform: a 401 refreshes once and retries, an expired
//! refresh token asks for a reconnect, an hourly quota is handed back to the queue
//! for the hour, and a malformed page fails the sync without writing anything.

use app::contexts::integrations::server::client::SyncError;
use chrono::Duration;
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_string_contains, header as has_header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use super::{app_with_mock, brand, connected, status, sync, today_ny, values};

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_401_refreshes_once_and_retries_and_the_new_token_is_kept(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let id = connected(
        &app,
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
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/google/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=1%2F%2Frefresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "ya29.new", "expires_in": 3599, "token_type": "Bearer", "scope": "https://www.googleapis.com/auth/adwords"
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path(stream))
        .and(has_header("authorization", "Bearer ya29.new"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{ "results": [], "requestId": "r" }])),
        )
        .expect(1)
        .mount(mock)
        .await;
    sync(&app, id).await.unwrap();
    let (access, refresh): (String, String) =
        sqlx::query_as("SELECT access_token, refresh_token FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(pg)
            .await
            .unwrap();
    let aad = |f: &str| format!("connection:{id}:{f}");
    assert_eq!(app.state.keyring.open(&access, &aad("access_token")).unwrap().expose(), "ya29.new");
    assert_eq!(
        app.state.keyring.open(&refresh, &aad("refresh_token")).unwrap().expose(),
        "1//refresh",
        "kept when not rotated"
    );
    assert_eq!(status(pg, id).await.0, "connected");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_expired_refresh_token_marks_the_connection_expired(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    // The token expired an hour ago: Aura refreshes before asking for data.
    let id = connected(
        &app,
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
        .mount(mock)
        .await;
    let err = sync(&app, id).await.unwrap_err();
    assert!(matches!(err, SyncError::Reauthorize(_)), "{err:?}");
    let (st, reason) = status(pg, id).await;
    assert_eq!(st, "expired");
    assert!(reason.unwrap().contains("Token has been expired or revoked."));
    assert!(values(pg, id).await.is_empty());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_hourly_quota_goes_back_to_the_queue_for_the_hour(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let mock = app.mock();
    let b = brand(&app).await;
    let id = connected(&app, b, "google_analytics", "412345678", None, None).await;
    let report = "/ga4/v1beta/properties/412345678:runReport";
    Mock::given(method("POST"))
        .and(path(report))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1").set_body_json(json!({
            "error": { "code": 429, "message": "Exhausted property tokens for a project per hour.", "status": "RESOURCE_EXHAUSTED" }
        })))
        .expect(1)
        .mount(mock)
        .await;
    // Retry-After says a second, but the quota is counted per hour: asking again in
    // a second would only be refused again. No worker sleeps on it.
    let started = std::time::Instant::now();
    let err = sync(&app, id).await.unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "not slept on");
    let SyncError::RateLimited { retry_in, message } = &err else { panic!("{err:?}") };
    assert_eq!(*retry_in, std::time::Duration::from_secs(3600));
    assert!(message.contains("tokens per project per hour"), "{message}");
    assert_eq!(status(&app.pg, id).await.0, "connected");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_malformed_page_fails_the_sync_and_writes_nothing(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let id = connected(&app, b, "shopify", "northwind", None, None).await;
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
        .mount(mock)
        .await;
    // Page two lost its orders array.
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("page_info", "p2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "order": {} })))
        .mount(mock)
        .await;
    let err = sync(&app, id).await.unwrap_err();
    assert!(matches!(err, SyncError::Platform(_)), "{err:?}");
    let (st, reason) = status(pg, id).await;
    assert_eq!(st, "error");
    let reason = reason.unwrap();
    assert!(reason.starts_with("Shopify answered with data Aura could not read"), "{reason}");
    // The decoder's own words ("missing field `orders` at line 1…") go to the
    // log, not to the page.
    assert!(!reason.contains("missing field"), "{reason}");
    assert!(reason.contains("the details are in the server's log"), "{reason}");
    assert!(values(pg, id).await.is_empty(), "page one was not written");
    let progress: serde_json::Value =
        sqlx::query_scalar("SELECT metadata->'sync' FROM connections WHERE id = $1")
            .bind(id)
            .fetch_one(pg)
            .await
            .unwrap();
    assert_eq!(progress["state"], "failed");
}
