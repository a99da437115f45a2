//! The router the binary serves, called over HTTP in-process: health, readiness (and
//! which service is down), pages, the 404 page and a server function.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use tower::ServiceExt;

async fn get(app: axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app.oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

/// A pool for a PostgreSQL that is not there (nothing listens on port 1).
fn stopped_postgres() -> PgPool {
    PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy("postgres://aura@127.0.0.1:1/aura")
        .unwrap()
}

/// A database on a MongoDB-wire server that is not there.
async fn stopped_mongodb() -> mongodb::Database {
    let mut settings = common::settings();
    settings.mongodb_uri = app::server::Secret::new("mongodb://127.0.0.1:1/?directConnection=true");
    app::server::mongo::connect(&settings).await.unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn healthz_answers_while_the_process_is_up(pg: PgPool) {
    let (status, body) = get(common::app(pg, stopped_mongodb().await), "/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn readyz_is_ok_when_both_services_answer(pg: PgPool) {
    let mongo = common::fresh_mongo().await;
    let (status, body) = get(common::app(pg, mongo.clone()), "/readyz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, r#"{"postgres":"up","mongodb":"up"}"#);
    mongo.drop().await.unwrap();
}

#[tokio::test]
async fn readyz_names_postgres_when_it_is_down() {
    let mongo = common::fresh_mongo().await;
    let (status, body) = get(common::app(stopped_postgres(), mongo.clone()), "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body, r#"{"postgres":"down","mongodb":"up"}"#);
    mongo.drop().await.unwrap();
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn readyz_names_mongodb_when_it_is_down(pg: PgPool) {
    let (status, body) = get(common::app(pg, stopped_mongodb().await), "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body, r#"{"postgres":"up","mongodb":"down"}"#);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn home_page_renders_complete_html_with_service_status(pg: PgPool) {
    let mongo = common::fresh_mongo().await;
    let (status, html) = get(common::app(pg, mongo.clone()), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<title>Aura</title>"), "{html}");
    assert!(html.contains("Welcome to Aura"));
    assert!(html.contains(r#"data-testid="service-status""#), "status rendered without JS");
    assert_eq!(html.matches(">up</span>").count(), 2, "both services up: {html}");
    assert!(html.contains("/pkg/aura.js") && html.contains("/pkg/aura.css"));
    mongo.drop().await.unwrap();
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn unknown_paths_get_the_404_page(pg: PgPool) {
    let (status, html) = get(common::app(pg, stopped_mongodb().await), "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn service_status_server_function_reports_each_service(pg: PgPool) {
    let request = Request::post("/api/system/status")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let response = common::app(pg, stopped_mongodb().await).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], br#"{"postgres":"up","mongodb":"down"}"#);
}
