//! Shared set-up for integration tests: settings from the environment (the same
//! variables the server reads), a fresh MongoDB database per test, and the app.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::server::{AppState, Settings, mongo};
use axum::Router;
use sqlx::PgPool;

pub fn settings() -> Settings {
    Settings::from_lookup(|name| std::env::var(name).ok()).expect("test settings")
}

/// A MongoDB database no other test uses, with Aura's collections and indexes.
pub async fn fresh_mongo() -> mongodb::Database {
    let mut settings = settings();
    settings.mongodb_database = format!("aura_test_{}", uuid::Uuid::new_v4().simple());
    let db = mongo::connect(&settings).await.expect("mongo client");
    mongo::ensure_collections(&db).await.expect("mongo collections");
    db
}

pub fn state(pg: PgPool, mongo: mongodb::Database) -> AppState {
    server::state_from_parts(settings(), pg, mongo)
}

pub fn app(pg: PgPool, mongo: mongodb::Database) -> Router {
    server::build_app(state(pg, mongo))
}
