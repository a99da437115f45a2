//! The router the binary serves, called over HTTP in-process: health, readiness (and
//! which service is down), pages, the 404 page and a server function.

use std::time::Duration;

use axum::http::StatusCode;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::helpers::{self, Anonymous, TestApp, http::get};

/// Home for a new workspace: the getting-started checklist, each step done as its
/// work is done; then the cards of what waits.
#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn home_shows_a_new_workspace_how_to_start_then_what_waits(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let owner = app.owner().await;
    let home = app.post("/api/home", &[], owner).await.json();
    let steps = home["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3, "{home}");
    assert!(steps.iter().all(|s| s["done"] == false));
    let page = app.get("/", owner).await.body;
    assert!(page.contains("Get started") && page.contains("Add your first brand"), "{page}");

    app.brand("Northwind Roasters").await;
    let home = app.post("/api/home", &[], owner).await.json();
    assert_eq!(home["steps"][0]["done"], true, "{home}");
    // A failed job shows as a card for who may see jobs.
    sqlx::query(
        "INSERT INTO scheduled_tasks (workspace_id, type, data, status, error)
         VALUES ($1, 'sync_connection', '{}', 'failed', 'Meta refused')",
    )
    .bind(app.a.id)
    .execute(&app.pg)
    .await
    .unwrap();
    let home = app.post("/api/home", &[], owner).await.json();
    let cards = home["cards"].as_array().unwrap();
    assert!(cards.iter().any(|c| c["href"] == "/jobs" && c["count"] == 1), "{home}");
    assert_eq!(
        cards.iter().find(|c| c["href"] == "/jobs").unwrap()["text"],
        "1 job failed and can be retried"
    );
    // Signed out, no Home: the landing page.
    assert_eq!(app.post("/api/home", &[], Anonymous).await.json(), serde_json::Value::Null);
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
async fn the_landing_and_status_pages_render_complete_html(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let landing = app.get("/", Anonymous).await;
    assert_eq!(landing.status, StatusCode::OK);
    assert!(landing.body.contains("<title>Aura</title>"), "{}", landing.body);
    assert!(landing.body.contains("Welcome to Aura") && landing.body.contains("Create an account"));
    assert!(!landing.body.contains("service-status"), "service health is on /status");
    let reply = app.get("/status", Anonymous).await;
    let html = &reply.body;
    assert_eq!(reply.status, StatusCode::OK);
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

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn pages_answer_honest_status_codes(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (owner, viewer) = (app.owner().await, app.viewer().await);
    // Signed out, a members' page sends the browser to log in and back.
    let reply = app.get("/dashboard?brand=all", Anonymous).await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    assert_eq!(
        reply.headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/login?next=/dashboard%3Fbrand%3Dall")
    );
    // A page the member's role does not open: 403, with the friendly panel.
    let reply = app.get("/members", viewer).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains("Not allowed"));
    // A record that does not exist, or is another workspace's: 404.
    let missing = format!("/brands/{}", uuid::Uuid::new_v4());
    assert_eq!(app.get(&missing, owner).await.status, StatusCode::NOT_FOUND);
    let theirs = app.brand_in(app.b, "Their Roastery", "UTC").await;
    let reply = app.get(&format!("/brands/{theirs}"), owner).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(!reply.body.contains("Their Roastery"));
    // And a page the member may open: 200.
    assert_eq!(app.get("/members", owner).await.status, StatusCode::OK);
}

/// What a newcomer trips over: values they may not change read as text, the
/// dashboard's address keeps only what was chosen, and times read in their zone.
#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn pages_read_as_the_member_expects(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (owner, viewer) = (app.owner().await, app.viewer().await);
    let brand = app.brand("Northwind Roasters").await;
    let page = app.get(&format!("/brands/{brand}"), viewer).await.body;
    assert!(page.contains("data-testid=\"read-only-value\""), "{page}");
    assert!(!page.contains("name=\"domain\""), "a viewer gets no inputs: {page}");
    assert!(page.contains("an owner, admin or manager can change them"));
    let page = app.get(&format!("/brands/{brand}"), owner).await.body;
    assert!(page.contains("name=\"domain\"") && !page.contains("read-only-value"));

    // A GET form's empty fields and a preset's stale dates are redirected away.
    let reply = app.get("/dashboard?brand=&preset=yesterday&from=2026-01-01&to=", owner).await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    assert_eq!(helpers::http::location(&reply), "/dashboard?preset=yesterday");
    assert_eq!(app.get("/dashboard?preset=yesterday", owner).await.status, StatusCode::OK);

    // Times in the viewer's own zone, named on hover.
    sqlx::query("UPDATE user_settings SET timezone = 'Asia/Tokyo' WHERE user_id = $1")
        .bind(owner.id)
        .execute(&app.pg)
        .await
        .unwrap();
    let page = app.get("/activity", owner).await.body;
    assert!(page.contains("title=\"Time zone: Asia/Tokyo\"") && page.contains(" JST<"), "{page}");
}
