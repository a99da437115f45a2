//! Use cases of the integrations context: connecting a brand to a platform through
//! OAuth, the brand page's data sources, disconnecting, and syncing.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::client::{Api, Progress, SyncError};
use super::connectors::{self, Request};
use super::oauth::{self, Tokens};
use super::repo::{self, ConnectionRow};
use crate::contexts::analytics::server::repo as metrics;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::brands::server::service as brands;
use crate::contexts::integrations::rules;
use crate::contexts::integrations::types::{
    BrandIntegrations, ConnectionLogEntry, ConnectionStatus, ConnectionView, Platform,
    PlatformCard, SyncProgress,
};
use crate::error::AppError;
use crate::kernel::{Action, BrandId, ConnectionId, Permission, Resource, WorkspaceId};
use crate::server::crypto::Keyring;
use crate::server::{AppState, Settings};

/// What a sync needs: the database, the token keys, the HTTP client, the settings.
#[derive(Clone)]
pub struct Deps {
    pub pg: PgPool,
    pub keyring: Keyring,
    pub http: reqwest::Client,
    pub settings: Arc<Settings>,
}

impl Deps {
    pub fn from_state(state: &AppState) -> Self {
        Self {
            pg: state.pg.clone(),
            keyring: state.keyring.clone(),
            http: state.http.clone(),
            settings: state.settings.clone(),
        }
    }
}

/// Where platforms send people back to.
pub fn redirect_url(settings: &Settings) -> String {
    format!("{}/api/integrations/callback", settings.public_url)
}

/// The binding of a sealed token to its connection and field.
fn aad(id: ConnectionId, field: &str) -> String {
    format!("connection:{id}:{field}")
}

/// A connection attempt between leaving for the platform and coming back, kept in
/// the person's session (never in the browser).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingConnect {
    pub state: String,
    pub verifier: Option<String>,
    pub brand: BrandId,
    pub platform: Platform,
    pub account: String,
    pub started_at: DateTime<Utc>,
}

/// How long a person may take on the platform's consent screen.
const PENDING_MINUTES: i64 = 15;
/// Log entries shown per connection.
const LOG_ENTRIES: i64 = 10;

fn manage() -> Permission {
    Permission::new(Resource::Integrations, Action::Create)
}

fn view(row: &ConnectionRow, log: Vec<ConnectionLogEntry>) -> Option<ConnectionView> {
    let platform = Platform::parse(&row.platform)?;
    let meta = &row.metadata;
    Some(ConnectionView {
        id: row.id,
        platform,
        status: ConnectionStatus::parse(&row.status).unwrap_or(ConnectionStatus::Error),
        reason: meta.get("reason").and_then(|r| r.as_str()).map(String::from),
        account_id: row
            .platform_account_id
            .as_deref()
            .map(|id| rules::display_account(platform, id)),
        account_name: row.platform_account_name.clone(),
        last_sync_at: row.last_sync_at,
        token_expires_at: row.token_expires_at,
        demo: meta.get("demo").and_then(|d| d.as_bool()).unwrap_or(false),
        progress: meta.get("sync").and_then(|s| serde_json::from_value(s.clone()).ok()),
        log,
    })
}

/// The brand's four data sources with their state and recent log.
pub async fn brand_integrations(
    state: &AppState,
    member: &Member,
    brand: BrandId,
) -> Result<BrandIntegrations, AppError> {
    let brand = brands::get(&state.pg, member, brand).await?;
    let rows = repo::for_brand(&state.pg, member.workspace, brand.id).await?;
    let ids: Vec<ConnectionId> = rows.iter().map(|r| r.id).collect();
    let logs = repo::recent_logs(&state.pg, member.workspace, &ids, LOG_ENTRIES).await?;
    let cards = Platform::ALL
        .into_iter()
        .map(|platform| {
            let connection =
                rows.iter().find(|r| r.platform == platform.as_str()).and_then(|row| {
                    let log = logs
                        .iter()
                        .filter(|l| l.connection_id == row.id)
                        .map(|l| ConnectionLogEntry {
                            event_type: l.event_type.clone(),
                            status: l.status.clone(),
                            message: l.message.clone(),
                            occurred_at: l.occurred_at,
                        })
                        .collect();
                    view(row, log)
                });
            PlatformCard {
                platform,
                missing_settings: state
                    .settings
                    .integrations
                    .get(platform)
                    .missing()
                    .into_iter()
                    .map(String::from)
                    .collect(),
                connection,
            }
        })
        .collect();
    Ok(BrandIntegrations { brand_id: brand.id, cards, can_manage: member.can(manage()) })
}

/// Checks the request and returns where to send the person, with what to keep in
/// their session until they come back.
pub async fn start_connect(
    state: &AppState,
    member: &Member,
    brand: BrandId,
    platform: Platform,
    account: &str,
) -> Result<(String, PendingConnect), AppError> {
    member.check(manage())?;
    let brand = brands::get(&state.pg, member, brand).await?;
    if brand.archived_at.is_some() {
        return Err(AppError::invalid(
            "account",
            "This brand is archived; restore it to connect data sources.",
        ));
    }
    let config = state.settings.integrations.get(platform);
    let missing = config.missing();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "account",
            format!(
                "{} is not configured on this server: set {}.",
                platform.label(),
                missing.join(", ")
            ),
        ));
    }
    let account =
        rules::normalize_account(platform, account).map_err(|m| AppError::invalid("account", m))?;
    let shop = if platform == Platform::Shopify { account.as_str() } else { "" };
    let client = oauth::client(platform, config, shop, &redirect_url(&state.settings))
        .map_err(AppError::internal)?;
    let (url, csrf, verifier) = oauth::authorize_url(&client, platform);
    let pending = PendingConnect {
        state: csrf,
        verifier,
        brand: brand.id,
        platform,
        account,
        started_at: Utc::now(),
    };
    Ok((url, pending))
}

/// What the platform sent back to the callback.
#[derive(Debug, Clone, Default)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Finishes a connection: checks `state`, exchanges the code, checks the account,
/// stores the sealed tokens and starts the first sync. A failure is logged on the
/// connection and shown on the brand page; an existing connection stays as it was.
/// Returns the brand to go back to.
pub async fn finish_connect(
    state: &AppState,
    member: &Member,
    pending: &PendingConnect,
    callback: &Callback,
) -> Result<BrandId, AppError> {
    member.check(manage())?;
    let brand = brands::get(&state.pg, member, pending.brand).await?;
    let platform = pending.platform;
    let id =
        repo::ensure(&state.pg, member.workspace, brand.id, platform.as_str(), member.user).await?;
    match connect(state, member, pending, callback, &brand, id).await {
        Ok(name) => {
            let message = format!(
                "Connected to {name} ({}).",
                rules::display_account(platform, &pending.account)
            );
            repo::log(&state.pg, member.workspace, id, "connected", "success", &message).await?;
            queue_sync(&state.pg, member.workspace, id).await?;
            schedule_daily(&state.pg, member.workspace, id).await?;
        }
        Err(message) => {
            let row = repo::find(&state.pg, member.workspace, id).await?;
            if row.is_some_and(|r| r.status != "connected") {
                repo::set_status(&state.pg, member.workspace, id, "error", Some(&message)).await?;
            }
            repo::log(&state.pg, member.workspace, id, "connect_failed", "error", &message).await?;
        }
    }
    Ok(brand.id)
}

/// The steps of `finish_connect` that can fail for reasons people can act on.
async fn connect(
    state: &AppState,
    member: &Member,
    pending: &PendingConnect,
    callback: &Callback,
    brand: &crate::contexts::brands::types::Brand,
    id: ConnectionId,
) -> Result<String, String> {
    let platform = pending.platform;
    let label = platform.label();
    if let Some(error) = &callback.error {
        let detail = callback.error_description.as_deref().unwrap_or(error);
        return Err(if error == "access_denied" {
            format!("Access was not granted on {label} ({detail}). Nothing changed.")
        } else {
            format!("{label} did not grant access: {detail}. Nothing changed.")
        });
    }
    if callback.state.as_deref() != Some(pending.state.as_str()) {
        return Err(format!(
            "The answer from {label} did not match the request Aura sent (state). Nothing changed; connect again."
        ));
    }
    if Utc::now() - pending.started_at > chrono::Duration::minutes(PENDING_MINUTES) {
        return Err(format!(
            "The {label} sign-in took longer than {PENDING_MINUTES} minutes. Connect again."
        ));
    }
    let Some(code) = callback.code.as_deref().filter(|c| !c.is_empty()) else {
        return Err(format!("{label} sent no authorization code. Connect again."));
    };
    let config = state.settings.integrations.get(platform);
    let shop = if platform == Platform::Shopify { pending.account.as_str() } else { "" };
    let redirect = redirect_url(&state.settings);
    let client = oauth::client(platform, config, shop, &redirect)?;
    let mut tokens =
        oauth::exchange_code(&state.http, &client, platform, code, pending.verifier.clone())
            .await
            .map_err(|e| e.to_string())?;
    if platform == Platform::Meta {
        tokens = oauth::meta_long_lived(&state.http, config, &tokens)
            .await
            .map_err(|e| e.to_string())?;
    }
    let mut api = Api::new(&state.http, platform, config, shop, &redirect, tokens);
    let account = connectors::connector(platform)
        .account(&mut api, &pending.account)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(currency) =
        account.currency.as_deref().filter(|c| !c.eq_ignore_ascii_case(&brand.currency))
    {
        return Err(format!(
            "{} reports in {currency} but {} is in {}. Connect an account in {}, or change the brand's currency.",
            account.name, brand.name, brand.currency, brand.currency
        ));
    }
    let tokens = &api.tokens;
    let sealed_access = state.keyring.seal(tokens.access.expose(), &aad(id, "access_token"));
    let sealed_refresh =
        tokens.refresh.as_ref().map(|r| state.keyring.seal(r.expose(), &aad(id, "refresh_token")));
    let stored: Result<(), sqlx::Error> = async {
        let mut tx = state.pg.begin().await?;
        repo::delete_demo_metrics(&mut *tx, member.workspace, id).await?;
        repo::set_connected(
            &mut *tx,
            member.workspace,
            id,
            &repo::Connected {
                by: member.user,
                account_id: &account.id,
                account_name: &account.name,
                access_token: &sealed_access,
                refresh_token: sealed_refresh.as_deref(),
                expires_at: tokens.expires_at,
            },
        )
        .await?;
        tx.commit().await
    }
    .await;
    stored.map_err(|e| AppError::internal(e).to_string())?;
    Ok(account.name)
}

/// Forgets the connection's tokens. Metrics already synced stay on the dashboard.
pub async fn disconnect(pg: &PgPool, member: &Member, id: ConnectionId) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Integrations, Action::Delete))?;
    if !repo::disconnect(pg, member.workspace, id).await? {
        return Err(AppError::NotFound);
    }
    repo::log(
        pg,
        member.workspace,
        id,
        "disconnected",
        "success",
        "Disconnected; the stored tokens were deleted.",
    )
    .await?;
    Ok(())
}

pub const SYNC_CONNECTION: &str = "sync_connection";

fn sync_data(id: ConnectionId, daily: bool) -> serde_json::Value {
    if daily {
        serde_json::json!({ "connection_id": id, "daily": true })
    } else {
        serde_json::json!({ "connection_id": id })
    }
}

async fn queue_sync(pg: &PgPool, workspace: WorkspaceId, id: ConnectionId) -> Result<(), AppError> {
    use crate::contexts::automation::server::queue;
    queue::enqueue_unique(pg, workspace, SYNC_CONNECTION, &sync_data(id, false), None).await?;
    let queued = SyncProgress {
        state: "queued".into(),
        message: "Waiting for a worker".into(),
        ..SyncProgress::default()
    };
    repo::set_progress(pg, workspace, id, &serde_json::to_value(queued).unwrap_or_default())
        .await?;
    Ok(())
}

/// Books the connection's next daily sync at its brand's sync hour.
pub async fn schedule_daily(
    pg: &PgPool,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<(), AppError> {
    use crate::contexts::automation::server::queue;
    use crate::contexts::insights::server::jobs::next_run;
    let Some(row) = repo::find(pg, workspace, id).await? else { return Ok(()) };
    let Some(brand) = brands::find_for_job(pg, workspace, row.brand_id).await? else {
        return Ok(());
    };
    if brand.archived_at.is_some() || row.status == "disconnected" {
        return Ok(());
    }
    let tz: chrono_tz::Tz = brand.timezone.parse().unwrap_or(chrono_tz::UTC);
    let due = next_run(Utc::now(), tz, u32::try_from(brand.sync_hour).unwrap_or(6));
    queue::enqueue_unique(pg, workspace, SYNC_CONNECTION, &sync_data(id, true), Some(due)).await?;
    Ok(())
}

/// "Sync now": queues a sync of a connected account.
pub async fn sync_now(pg: &PgPool, member: &Member, id: ConnectionId) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Integrations, Action::Update))?;
    let row = repo::find(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    if row.status != "connected" {
        return Err(AppError::invalid("connection", "Connect this account first."));
    }
    queue_sync(pg, member.workspace, id).await?;
    repo::log(pg, member.workspace, id, "sync_requested", "success", "Sync requested.").await?;
    Ok(())
}

/// Stores progress as the connector reports it.
struct StoredProgress {
    pg: PgPool,
    workspace: WorkspaceId,
    id: ConnectionId,
    days_total: u32,
}

impl StoredProgress {
    async fn store(&self, progress: SyncProgress) {
        let value = serde_json::to_value(progress).unwrap_or_default();
        if let Err(err) = repo::set_progress(&self.pg, self.workspace, self.id, &value).await {
            tracing::warn!("could not store sync progress: {err}");
        }
    }
}

#[async_trait]
impl Progress for StoredProgress {
    async fn report(&self, message: String, days_done: u32) {
        self.store(SyncProgress {
            state: "running".into(),
            message,
            days_done: days_done.min(self.days_total),
            days_total: self.days_total,
            finished_at: None,
        })
        .await;
    }
}

/// How a sync ended.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncOutcome {
    /// Values written for the days read.
    Synced { values: usize, days: u32 },
    /// Nothing to do: the connection is gone or not connected.
    Skipped(String),
}

fn open_tokens(keyring: &Keyring, row: &ConnectionRow) -> Result<Tokens, SyncError> {
    let reconnect = |_| {
        SyncError::Reauthorize(
            "Aura cannot read this connection's stored token (its key is gone). Reconnect.".into(),
        )
    };
    let access = row
        .access_token
        .as_deref()
        .ok_or_else(|| SyncError::Reauthorize("No access token is stored. Reconnect.".into()))?;
    let access = keyring.open(access, &aad(row.id, "access_token")).map_err(reconnect)?;
    let refresh = match row.refresh_token.as_deref() {
        Some(sealed) => {
            Some(keyring.open(sealed, &aad(row.id, "refresh_token")).map_err(reconnect)?)
        }
        None => None,
    };
    Ok(Tokens { access, refresh, expires_at: row.token_expires_at })
}

/// Reads the connection's days from its platform and writes them in one transaction;
/// on failure nothing is written and the connection shows why.
pub async fn sync(
    deps: &Deps,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<SyncOutcome, SyncError> {
    let pg = &deps.pg;
    let db = |e: sqlx::Error| SyncError::Transient(AppError::internal(e).to_string());
    let Some(row) = repo::find(pg, workspace, id).await.map_err(db)? else {
        return Ok(SyncOutcome::Skipped("the connection was deleted".into()));
    };
    if row.status != "connected" {
        return Ok(SyncOutcome::Skipped(format!("the connection is {}", row.status)));
    }
    let Some(platform) = Platform::parse(&row.platform) else {
        return Ok(SyncOutcome::Skipped("not a brand platform".into()));
    };
    let Some(brand) = brands::find_for_job(pg, workspace, row.brand_id)
        .await
        .map_err(|e| SyncError::Transient(e.to_string()))?
    else {
        return Ok(SyncOutcome::Skipped("the brand was deleted".into()));
    };
    let tz: chrono_tz::Tz = brand.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = Utc::now().with_timezone(&tz).date_naive();
    let last_day = row.last_sync_at.map(|at| at.with_timezone(&tz).date_naive());
    let (since, until) = rules::sync_range(today, last_day);
    let account = row.platform_account_id.clone().unwrap_or_default();
    let request = Request { account: &account, since, until, tz };
    let progress = StoredProgress { pg: pg.clone(), workspace, id, days_total: request.days() };
    progress.report(format!("Starting: {since} to {until}"), 0).await;

    let result = async {
        let tokens = open_tokens(&deps.keyring, &row)?;
        let config = deps.settings.integrations.get(platform);
        let shop = if platform == Platform::Shopify { account.as_str() } else { "" };
        let redirect = redirect_url(&deps.settings);
        let mut api = Api::new(&deps.http, platform, config, shop, &redirect, tokens);
        let fetched = connectors::connector(platform).fetch(&mut api, request, &progress).await;
        if api.refreshed {
            let t = &api.tokens;
            let access = deps.keyring.seal(t.access.expose(), &aad(id, "access_token"));
            let refresh = t
                .refresh
                .as_ref()
                .map(|r| deps.keyring.seal(r.expose(), &aad(id, "refresh_token")));
            repo::set_tokens(pg, workspace, id, &access, refresh.as_deref(), t.expires_at)
                .await
                .map_err(db)?;
            repo::log(
                pg,
                workspace,
                id,
                "token_refreshed",
                "success",
                "The access token was refreshed.",
            )
            .await
            .map_err(db)?;
        }
        fetched
    }
    .await;

    match result {
        Ok(values) => {
            let now = Utc::now();
            let written: Result<(), sqlx::Error> = async {
                let mut tx = pg.begin().await?;
                metrics::upsert(
                    &mut *tx,
                    workspace,
                    brand.id,
                    Some(id.as_uuid()),
                    &brand.currency,
                    &values,
                )
                .await?;
                repo::set_synced(&mut *tx, workspace, id, now).await?;
                let message = format!("Synced {} days ({since} to {until}).", request.days());
                repo::log(&mut *tx, workspace, id, "sync", "success", &message).await?;
                tx.commit().await
            }
            .await;
            written.map_err(db)?;
            progress
                .store(SyncProgress {
                    state: "done".into(),
                    message: format!("Synced {} days", request.days()),
                    days_done: request.days(),
                    days_total: request.days(),
                    finished_at: Some(now),
                })
                .await;
            crate::contexts::insights::server::jobs::enqueue_now(pg, workspace, brand.id)
                .await
                .map_err(|e| SyncError::Transient(e.to_string()))?;
            Ok(SyncOutcome::Synced { values: values.len(), days: request.days() })
        }
        Err(err) => {
            let message = err.to_string();
            let status = match err {
                SyncError::Reauthorize(_) => Some("expired"),
                SyncError::Platform(_) => Some("error"),
                SyncError::Transient(_) => None,
            };
            if let Some(status) = status {
                repo::set_status(pg, workspace, id, status, Some(&message)).await.map_err(db)?;
            }
            repo::log(pg, workspace, id, "sync", "error", &message).await.map_err(db)?;
            progress
                .store(SyncProgress {
                    state: "failed".into(),
                    message: message.clone(),
                    finished_at: Some(Utc::now()),
                    ..SyncProgress::default()
                })
                .await;
            Err(err)
        }
    }
}
