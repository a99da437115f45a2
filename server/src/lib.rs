//! The Aura server: builds the application state (pools, migrations, Mongo
//! collections, each context's settings), the axum router and the job queue's
//! worker. `main.rs` calls these; integration tests call them too, so tests serve
//! exactly the app, and run exactly the worker, the binary does.

mod assets;
mod form_echo;
pub mod security;

/// mimalloc, not the system's allocator, for every binary that links this crate
/// (the server, the bench, the integration tests), so the bench measures what the
/// server runs. After a burst of sign-ins (19 MiB per password check) glibc kept
/// the memory, growing by ~13 MiB a sign-in up to gigabytes; mimalloc hands it
/// back (docs/security.md has the measurements).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::num::NonZeroU32;
use std::sync::Arc;

use anyhow::Context as _;
use app::contexts::auth::server::backend::{AuthSession, Backend};
use app::contexts::auth::server::service::end_if_too_old;
use app::contexts::auth::server::session_store::PgSessionStore;
use app::contexts::automation::server::queue::{Worker, WorkerConfig};
use app::contexts::system::server::service::readiness;
use app::server::crypto::Keyring;
use app::server::settings::Environment;
use app::server::{AppState, Settings, db, mongo};
use app::{App, shell};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_login::AuthManagerLayerBuilder;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The name cargo-leptos gives the built JS, WASM and CSS (`[[workspace.metadata.leptos]] name`).
pub const SITE_OUTPUT_NAME: &str = "aura";

/// Connects to both services, applies migrations and creates Mongo collections.
/// Fails with a message that names the service when one cannot be reached.
pub async fn build_state(settings: Settings) -> anyhow::Result<AppState> {
    // Each context's settings first: a bad variable is reported before any connection.
    let configs = app::root::config::from_process_env()?;
    let pg = db::connect(&settings).await.context(
        "cannot connect to PostgreSQL (DATABASE_URL); is it running? try `scripts/services up`",
    )?;
    db::MIGRATOR.run(&pg).await.context("applying PostgreSQL migrations failed")?;
    let mongo =
        mongo::connect(&settings).await.context("MONGODB_URI is not a valid MongoDB URI")?;
    mongo::ensure_collections(&mongo, &app::root::collections::all()).await.context(
        "cannot prepare MongoDB collections (MONGODB_URI); is it running? try `scripts/services up`",
    )?;
    assemble(settings, pg, mongo, configs)
}

/// Assembles the state from ready-made pools (tests use this with their own
/// databases): loads the token keys and each context's settings (from the process
/// environment, as `Settings::load` left it) and builds the platform HTTP client.
pub fn state_from_parts(
    settings: Settings,
    pg: sqlx::PgPool,
    mongo: mongodb::Database,
) -> anyhow::Result<AppState> {
    assemble(settings, pg, mongo, app::root::config::from_process_env()?)
}

fn assemble(
    settings: Settings,
    pg: sqlx::PgPool,
    mongo: mongodb::Database,
    configs: app::server::Configs,
) -> anyhow::Result<AppState> {
    let leptos_options = leptos_options(&settings);
    let keyring = Keyring::from_settings(&settings)
        .context("cannot load the token keys (AURA_TOKEN_KEYS or AURA_TOKEN_KEY_FILE)")?;
    let http = app::contexts::integrations::server::client::http_client()
        .context("cannot build the HTTP client for platform APIs")?;
    Ok(AppState { settings: Arc::new(settings), pg, mongo, leptos_options, keyring, http, configs })
}

/// The job queue's worker with every context's jobs (`app::root::jobs`): the one
/// `main.rs` runs beside the web server, and tests run.
pub fn build_worker(state: &AppState) -> Worker {
    build_worker_with(state, WorkerConfig::default())
}

/// `build_worker` with another timing (tests use short backoffs).
pub fn build_worker_with(state: &AppState, config: WorkerConfig) -> Worker {
    app::root::jobs::worker(state, config)
}

fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(SITE_OUTPUT_NAME)
        .site_root(settings.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .env(match settings.environment {
            Environment::Development => Env::DEV,
            Environment::Production => Env::PROD,
        })
        .build()
}

/// Server-side sessions in PostgreSQL behind an HttpOnly, SameSite=Lax cookie
/// (Secure behind HTTPS) that ends after the configured idle time, and
/// axum-login's authentication on top.
fn auth_layer(state: &AppState) -> axum_login::AuthManagerLayer<Backend, PgSessionStore> {
    let settings = &state.settings;
    // The store reads each session's user with it and hands it to the backend.
    let handoff = app::contexts::auth::server::backend::UserHandoff::default();
    let store = PgSessionStore::new(state.pg.clone()).with_handoff(handoff.clone());
    let sessions = SessionManagerLayer::new(store)
        .with_name("aura_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(settings.session_idle_minutes)));
    AuthManagerLayerBuilder::new(Backend::new(state.pg.clone()).with_handoff(handoff), sessions)
        .build()
}

/// The largest request body Aura reads (a CSV import is the largest form).
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// How long one request may take before it is answered 408.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// The media library's upload: files up to the largest kind's limit (a 100 MB
/// video), with room for several images and the form around them, and the time
/// to send them over a slow line.
const UPLOAD_PATH: &str = "/api/media/upload";
const MAX_UPLOAD_BYTES: usize = 128 * 1024 * 1024;
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Middleware: the body limit and the time limit of a request, larger for uploads.
/// A body announced over the limit is answered 413 before it is read; one that
/// grows past it while read fails its reader.
async fn request_limits(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let upload = request.uri().path() == UPLOAD_PATH;
    let (limit, time) =
        if upload { (MAX_UPLOAD_BYTES, UPLOAD_TIMEOUT) } else { (MAX_BODY_BYTES, REQUEST_TIMEOUT) };
    let announced = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    match tokio::time::timeout(time, next.run(axum::extract::Request::from_parts(parts, body)))
        .await
    {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The whole application: health endpoints, server functions, pages and static files.
/// `leptos_routes` provides the `AppState` as context to server functions and SSR;
/// the fallback (static files, then the 404 page) gets it the same way.
pub fn build_app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let auth_limit = security::AuthRateLimit::new(
        NonZeroU32::new(state.settings.auth_rate_per_minute).unwrap_or(NonZeroU32::MIN),
        NonZeroU32::new(state.settings.auth_burst).unwrap_or(NonZeroU32::MIN),
    );
    let render = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let fallback_context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/l/{code}", get(short_link))
        .route("/webhooks/meta", get(meta_webhook_handshake).post(meta_webhook))
        .nest_service(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            assets::pkg_service(
                &state.leptos_options.site_root,
                &state.leptos_options.site_pkg_dir,
            ),
        )
        .leptos_routes(&state, routes, render)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            fallback_context,
            shell,
        ))
        .layer(axum::middleware::map_response(server_fn_error_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), form_echo::form_echo))
        .layer(axum::middleware::from_fn_with_state(state.clone(), form_echo::echo_guard))
        .layer(axum::middleware::map_response(assets::revalidate_files))
        .layer(assets::compression_layer())
        .layer(axum::middleware::from_fn(viewer_zone))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session_age_limit))
        .layer(auth_layer(&state))
        // Before anything reads a session or a body: writes from other sites and
        // sign-in floods stop here.
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::same_origin_writes))
        .layer(axum::middleware::from_fn_with_state(auth_limit, security::auth_rate_limit))
        .layer(axum::middleware::from_fn(request_limits))
        .layer(axum::middleware::from_fn(security::body_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::security_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Server functions answer every error with 500; this gives each `AppError` its
/// own status (422 for invalid input, 404, 401, 403, 409), so clients and logs can
/// tell a typo from a fault. Redirects (the no-JavaScript form flow) and internal
/// errors are left as they are.
async fn server_fn_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(seconds) = err.retry_after_seconds() {
            parts.headers.insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Ends a signed-in session older than `AURA_SESSION_MAX_HOURS`, however recently
/// used, before anything else sees the request (which then runs signed out).
async fn session_age_limit(
    State(state): State<AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Some(mut auth) = request.extensions().get::<AuthSession>().cloned()
        && auth.user.is_some()
    {
        match end_if_too_old(&mut auth, state.settings.session_max_hours).await {
            Ok(()) => {
                request.extensions_mut().insert(auth);
            }
            Err(err) => tracing::warn!("checking the session's age failed: {err}"),
        }
    }
    next.run(request).await
}

/// Tells the pages which time zone the signed-in viewer reads times in
/// (`app::ui::time::ViewerZone`): the one axum-login loaded with the user.
async fn viewer_zone(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let zone = request
        .extensions()
        .get::<AuthSession>()
        .and_then(|auth| auth.user.as_ref())
        .and_then(|user| app::ui::time::ViewerZone::parse(user.0.timezone.as_deref()?));
    if let Some(zone) = zone {
        request.extensions_mut().insert(zone);
    }
    next.run(request).await
}

/// The process is up.
/// A campaign's short link: a redirect (302) to exactly the address stored for
/// its code, the click counted unless a bot made it; an unknown code is 404.
async fn short_link(
    State(state): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
    method: axum::http::Method,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::http::header::{CACHE_CONTROL, LOCATION, USER_AGENT};
    let agent = headers.get(USER_AGENT).and_then(|v| v.to_str().ok());
    // A HEAD (a checker, a preview) is answered but not counted.
    let count = method == axum::http::Method::GET;
    match app::contexts::campaigns::server::service::follow(&state.pg, &code, agent, count).await {
        Ok(Some(url)) => {
            (StatusCode::FOUND, [(LOCATION, url), (CACHE_CONTROL, "no-store".to_owned())])
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "short link not followed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Meta's verification request: the challenge back when the token is ours
/// (403 otherwise; 404 while no verify token is set).
async fn meta_webhook_handshake(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use app::contexts::inbox::server::{config::InboxSettings, meta};
    let Some(ours) = state.config::<InboxSettings>().ok().and_then(|s| s.meta_verify_token.clone())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let get = |k: &str| query.get(k).map(String::as_str);
    match meta::handshake(
        get("hub.mode"),
        get("hub.verify_token"),
        get("hub.challenge"),
        ours.expose(),
    ) {
        Some(challenge) => (StatusCode::OK, challenge.to_owned()).into_response(),
        None => {
            tracing::warn!("Meta webhook verification refused: wrong verify token or mode");
            StatusCode::FORBIDDEN.into_response()
        }
    }
}

/// A delivery from Meta: checked against the app secret before anything is
/// read (a bad signature is refused, logged and writes nothing), then each
/// item goes to the inbox. A failure to store answers 500, so Meta delivers it
/// again; a redelivery stores nothing twice.
async fn meta_webhook(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> axum::response::Response {
    use app::contexts::inbox::server::{config::InboxSettings, meta, service};
    let Some(secret) = state.config::<InboxSettings>().ok().and_then(|s| s.meta_app_secret.clone())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if !meta::signature_valid(&body, signature, secret.expose()) {
        tracing::warn!(bytes = body.len(), "Meta webhook refused: its signature does not match");
        return StatusCode::FORBIDDEN.into_response();
    }
    let items = meta::items(&body);
    match service::ingest(&state.pg, &items).await {
        Ok(done) => {
            tracing::info!(
                stored = done.stored,
                repeated = done.repeated,
                unknown = done.unknown,
                "Meta webhook delivery"
            );
            StatusCode::OK.into_response()
        }
        Err(err) => {
            tracing::warn!(error = %err, "Meta webhook delivery not stored; Meta will send it again");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// 200 while PostgreSQL answers (`"status": "ok"`, or `"degraded"` with MongoDB
/// down: the PostgreSQL pages keep working, so a load balancer keeps this server);
/// 503 without PostgreSQL. The body names each service's health.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let status = readiness(&state).await;
    let code = if status.is_ready() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = serde_json::json!({
        "status": status.overall(),
        "postgres": status.postgres,
        "mongodb": status.mongodb,
    });
    (code, axum::Json(body))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The worker the binary runs handles every task type the contexts enqueue.
    #[tokio::test]
    async fn the_worker_runs_every_contexts_jobs() {
        let settings = Settings::from_lookup(|name| match name {
            "AURA_TOKEN_KEYS" => Some(Keyring::generate_entry("test")),
            _ => None,
        })
        .unwrap();
        let pg = sqlx::PgPool::connect_lazy(settings.database_url.expose()).unwrap();
        let mongo = mongo::connect(&settings).await.unwrap();
        let state = state_from_parts(settings, pg, mongo).unwrap();
        assert_eq!(
            build_worker(&state).kinds(),
            [
                app::contexts::content::types::APPROVAL_DEADLINE,
                app::contexts::approvals::types::APPROVAL_REMINDERS,
                app::contexts::inbox::types::CHATBOT_REPLY,
                app::contexts::integrations::types::CHECK_TOKEN_EXPIRY,
                app::contexts::engagement::types::COLLECT_ENGAGEMENT,
                app::contexts::insights::types::GENERATE_INSIGHTS,
                app::contexts::inbox::types::INBOX_POLL,
                app::contexts::listening::types::LISTEN,
                app::contexts::content::types::PUBLISH_TARGET,
                app::contexts::engagement::types::ROLLUP_ENGAGEMENT,
                app::contexts::inbox::types::SLA_BREACH,
                app::contexts::integrations::types::SYNC_CONNECTION,
            ]
        );
    }
}
