//! Shared set-up for integration tests: settings from the environment (the same
//! variables the server reads), a fresh MongoDB database per test, and the app.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::server::{AppState, Settings, mongo};
use axum::Router;
use sqlx::PgPool;

pub fn settings() -> Settings {
    let mut settings =
        Settings::from_lookup(|name| std::env::var(name).ok()).expect("test settings");
    // Tests never touch the developer's key file.
    settings.token_keys = Some(app::server::Secret::new(TEST_TOKEN_KEYS));
    settings
}

/// A fixed key for tests (never used outside them).
pub const TEST_TOKEN_KEYS: &str = "test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// A MongoDB database no other test uses, with Aura's collections and indexes.
pub async fn fresh_mongo() -> mongodb::Database {
    let mut settings = settings();
    settings.mongodb_database = format!("aura_test_{}", uuid::Uuid::new_v4().simple());
    let db = mongo::connect(&settings).await.expect("mongo client");
    mongo::ensure_collections(&db, &app::root::collections::all())
        .await
        .expect("mongo collections");
    db
}

pub fn state(pg: PgPool, mongo: mongodb::Database) -> AppState {
    server::state_from_parts(settings(), pg, mongo).expect("app state")
}

pub fn app(pg: PgPool, mongo: mongodb::Database) -> Router {
    server::build_app(state(pg, mongo))
}

// --- talking to the router as a browser does ---

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The `aura_session=...` pair this reply sets, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("aura_session="))
            .map(|v| v.split(';').next().unwrap().to_owned())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// Success, or the redirect a server function answers with when it is done.
    pub fn ok(&self) -> bool {
        self.status.is_success() || self.status.is_redirection()
    }
}

/// Posts a form to `path` (a server function) with an optional session cookie.
pub async fn post(app: &Router, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
    let body =
        form.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&");
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Logs in and returns the session cookie.
pub async fn log_in(app: &Router, email: &str, password: &str) -> String {
    let reply =
        post(app, "/api/auth/log_in", &[("email", email), ("password", password)], None).await;
    assert!(reply.ok(), "log in as {email}: {} {}", reply.status, reply.body);
    reply.session_cookie().expect("session cookie")
}

/// A user with a membership of `role` in `workspace`; returns their id.
pub async fn member(
    pg: &PgPool,
    workspace: app::kernel::WorkspaceId,
    email: &str,
    password: &str,
    role: app::kernel::Role,
) -> app::kernel::UserId {
    use app::contexts::auth::server::{password as hashing, repo};
    let hash = hashing::hash(password.to_owned()).await.unwrap();
    let mut tx = pg.begin().await.unwrap();
    let name = email.split('@').next().unwrap();
    let user = repo::insert_user(&mut tx, email, name, &hash, "UTC").await.unwrap();
    repo::insert_membership(&mut *tx, workspace, user, role).await.unwrap();
    tx.commit().await.unwrap();
    user
}

/// A workspace with no members yet.
pub async fn workspace(pg: &PgPool, name: &str, slug: &str) -> app::kernel::WorkspaceId {
    use app::contexts::auth::server::repo;
    let new = repo::NewWorkspace {
        name,
        slug,
        industry: None,
        website: None,
        timezone: "UTC",
        currency: "USD",
    };
    repo::insert_workspace(pg, &new).await.unwrap()
}
