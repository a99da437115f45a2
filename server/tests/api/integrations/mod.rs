//! Connecting brands to platforms and syncing them, against the real database and a
//! local mock of each platform (wiremock) answering with payloads shaped as the
//! platforms document them: the OAuth redirect with state and PKCE (`oauth`), each
//! connector's pagination and counting (`connectors`), and what goes wrong
//! (`failures`): 401 → refresh → retry, an hourly quota handed back to the queue, an
//! expired refresh token, and a malformed answer that leaves nothing half-written;
//! and each platform's documented error shapes (`platform_errors`).

mod connectors;
mod failures;
mod oauth;
mod platform_errors;

use std::collections::HashMap;

use app::contexts::integrations::server::client::SyncError;
use app::contexts::integrations::server::repo::{self as connections, Connected};
use app::contexts::integrations::server::service::{self, Deps, SyncOutcome};
use app::kernel::{BrandId, ConnectionId};
use chrono::{Duration, NaiveDate, Utc};
use sqlx::PgPool;

use crate::helpers::TestApp;

/// The app with every platform pointed at its wiremock server.
async fn app_with_mock(pg: PgPool) -> TestApp {
    TestApp::builder(pg).mock_platform().build().await
}

/// Workspace A's brand "Roasters" (USD), in New York.
async fn brand(app: &TestApp) -> BrandId {
    app.brand_in(app.a, "Roasters", "America/New_York").await
}

/// A connection of workspace A connected to `account` with sealed tokens (the
/// access token is `old-access`), as a finished OAuth flow leaves it.
async fn connected(
    app: &TestApp,
    brand: BrandId,
    platform: &str,
    account: &str,
    refresh: Option<&str>,
    expires_in: Option<Duration>,
) -> ConnectionId {
    let (pg, keyring, ws, owner) = (&app.pg, &app.state.keyring, app.a.id, app.a.owner);
    let id = connections::ensure(pg, ws, brand, platform, owner).await.unwrap();
    let access = keyring.seal("old-access", &format!("connection:{id}:access_token"));
    let refresh = refresh.map(|r| keyring.seal(r, &format!("connection:{id}:refresh_token")));
    let tokens = Connected {
        by: owner,
        account_id: account,
        account_name: "Roasters",
        access_token: &access,
        refresh_token: refresh.as_deref(),
        expires_at: expires_in.map(|d| Utc::now() + d),
    };
    connections::set_connected(pg, ws, id, &tokens).await.unwrap();
    id
}

/// Syncs workspace A's connection `id` as the `sync_connection` job does.
async fn sync(app: &TestApp, id: ConnectionId) -> Result<SyncOutcome, SyncError> {
    service::sync(&Deps::from_state(&app.state), app.a.id, id).await
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

/// The connection's status and the reason kept with it.
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
