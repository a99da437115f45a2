//! What every test module shares: settings from the environment (the variables the
//! server reads), a fresh MongoDB database, the router, requests as a browser makes
//! them (`http`), users, members and workspaces made through the repositories
//! (`fixtures`), the `TestApp` with its ready-made workspaces and members
//! (`test_app`), and the wiremock stand-in for the platforms (`mock_platform`).

pub mod files;
pub mod fixtures;
pub mod http;
pub mod mock_platform;
pub mod test_app;

pub use fixtures::PASSWORD;
pub use http::{Reply, location, send};
pub use test_app::{Actor, Anonymous, Caller, TestApp};

use app::server::{AppState, Secret, Settings, mongo};
use axum::Router;
use sqlx::PgPool;

/// A fixed key for tests (never used outside them).
pub const TEST_TOKEN_KEYS: &str = "test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The settings the server would load, with the test token key: tests never touch
/// the developer's key file.
pub fn settings() -> Settings {
    let mut settings =
        Settings::from_lookup(|name| std::env::var(name).ok()).expect("test settings");
    settings.token_keys = Some(Secret::new(TEST_TOKEN_KEYS));
    // The tests run as development does (the outbox readable); they sign in far
    // more often from one address than a person would, so the per-address limit
    // is out of their way (a test of its own sets it low).
    settings.environment = app::server::Environment::Development;
    settings.auth_rate_per_minute = 100_000;
    settings.auth_burst = 100_000;
    settings
}

/// A name for a MongoDB database no other test uses.
pub fn fresh_mongo_name() -> String {
    format!("aura_test_{}", uuid::Uuid::new_v4().simple())
}

/// A MongoDB database no other test uses, with Aura's collections and indexes.
pub async fn fresh_mongo() -> mongodb::Database {
    let mut settings = settings();
    settings.mongodb_database = fresh_mongo_name();
    let db = mongo::connect(&settings).await.expect("mongo client");
    mongo::ensure_collections(&db, &app::root::collections::all())
        .await
        .expect("mongo collections");
    db
}

/// The state the binary builds, from these settings and ready-made pools.
pub fn state_with(settings: Settings, pg: PgPool, mongo: mongodb::Database) -> AppState {
    // Each test's media files in a directory of its own, under the system's temp.
    let media = std::env::temp_dir().join(format!("aura-test-media-{}", uuid::Uuid::new_v4()));
    server::state_from_parts(settings, pg, mongo)
        .expect("app state")
        .with_config(app::contexts::content::server::media_store::MediaStore::local(media).unwrap())
}

/// The router the binary serves, over these pools (for tests that need a service
/// to be down, which `TestApp` never is).
pub fn router(pg: PgPool, mongo: mongodb::Database) -> Router {
    server::build_app(state_with(settings(), pg, mongo))
}
