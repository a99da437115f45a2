//! The router the binary serves, called over HTTP in-process: health, readiness (and
//! which service is down), pages, the 404 page and a server function.

use std::time::Duration;

use axum::http::StatusCode;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::helpers::{self, Anonymous, TestApp, http::get};

/// A pool for a PostgreSQL that is not there (nothing listens on port 1).
fn stopped_postgres() -> PgPool {
    PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy("postgres://aura@127.0.0.1:1/aura")
        .unwrap()
}

/// A database on a MongoDB-wire server that is not there.
async fn stopped_mongodb() -> mongodb::Database {
    let mut settings = helpers::settings();
    settings.mongodb_uri = app::server::Secret::new("mongodb://127.0.0.1:1/?directConnection=true");
    app::server::mongo::connect(&settings).await.unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn healthz_answers_while_the_process_is_up(pg: PgPool) {
    let reply = get(&helpers::router(pg, stopped_mongodb().await), "/healthz", None).await;
    assert_eq!((reply.status, reply.body.as_str()), (StatusCode::OK, "ok"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn readyz_is_ok_when_both_services_answer(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let reply = app.get("/readyz", Anonymous).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, r#"{"status":"ok","postgres":"up","mongodb":"up"}"#);
}

#[tokio::test]
async fn readyz_names_postgres_when_it_is_down() {
    let mongo = helpers::fresh_mongo().await;
    let reply = get(&helpers::router(stopped_postgres(), mongo.clone()), "/readyz", None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.body, r#"{"status":"down","postgres":"down","mongodb":"up"}"#);
    mongo.drop().await.unwrap();
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn readyz_stays_ready_but_degraded_when_mongodb_is_down(pg: PgPool) {
    // The PostgreSQL pages keep working: a load balancer must not pull the server.
    let reply = get(&helpers::router(pg, stopped_mongodb().await), "/readyz", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, r#"{"status":"degraded","postgres":"up","mongodb":"down"}"#);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn home_page_renders_complete_html_with_service_status(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let reply = app.get("/", Anonymous).await;
    let html = &reply.body;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(html.contains("<title>Aura</title>"), "{html}");
    assert!(html.contains("Welcome to Aura"));
    assert!(html.contains(r#"data-testid="service-status""#), "status rendered without JS");
    // Text nodes may be followed by a hydration marker (`up<!>`): count the text.
    assert_eq!(html.matches(">up<").count(), 2, "both services up: {html}");
    assert!(html.contains("/pkg/aura.js") && html.contains("/pkg/aura.css"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn unknown_paths_get_the_404_page(pg: PgPool) {
    let reply = get(&helpers::router(pg, stopped_mongodb().await), "/no/such/page", None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Page not found"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn service_status_server_function_reports_each_service(pg: PgPool) {
    let router = helpers::router(pg, stopped_mongodb().await);
    let reply = helpers::http::post(&router, "/api/system/status", &[], None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, r#"{"postgres":"up","mongodb":"down"}"#);
}
