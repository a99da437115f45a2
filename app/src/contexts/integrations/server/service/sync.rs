//! Running a sync: read the connection's days from its platform and write them, with
//! the new state and a request for fresh insights, in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use super::{Deps, aad, redirect_url};
use crate::contexts::analytics::server::service as analytics;
use crate::contexts::analytics::types::DailyValue;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::server::service as brands;
use crate::contexts::brands::types::Brand;
use crate::contexts::insights::types::{GENERATE_INSIGHTS, GenerateInsights};
use crate::contexts::integrations::rules;
use crate::contexts::integrations::server::client::{Api, Progress};
use crate::contexts::integrations::server::connectors::{self, Request};
use crate::contexts::integrations::server::error::SyncError;
use crate::contexts::integrations::server::oauth::Tokens;
use crate::contexts::integrations::server::repo::{self, ConnectionRow};
use crate::contexts::integrations::types::{Platform, SyncProgress};
use crate::error::AppError;
use crate::kernel::{ConnectionId, WorkspaceId};
use crate::server::crypto::Keyring;

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
    Ok(Tokens { access, refresh, expires_at: row.token_expires_at, granted: None })
}

/// A database failure during a sync: worth another try.
fn db(err: impl Into<AppError>) -> SyncError {
    match err.into() {
        AppError::Internal(reference) => {
            SyncError::Transient(AppError::Internal(reference).to_string())
        }
        other => SyncError::Transient(AppError::internal(other).to_string()),
    }
}

/// Reads the connection's days from its platform and writes them in one transaction;
/// on failure nothing is written and the connection shows why.
pub async fn sync(
    deps: &Deps,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<SyncOutcome, SyncError> {
    let pg = &deps.pg;
    let Some(row) = repo::find(pg, workspace, id).await.map_err(db)? else {
        return Ok(SyncOutcome::Skipped("the connection was deleted".into()));
    };
    // "error" still syncs: a problem fixed on the platform's side (access granted
    // to a property) heals on the next run; only a lost access waits for a person.
    if row.status != "connected" && row.status != "error" {
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

    match fetch(deps, &row, platform, request, &progress).await {
        Ok(values) => {
            let now = Utc::now();
            let days = request.days();
            write(pg, workspace, &brand, id, &values, (since, until, days), now).await?;
            progress
                .store(SyncProgress {
                    state: "done".into(),
                    message: format!("Synced {days} days"),
                    days_done: days,
                    days_total: days,
                    finished_at: Some(now),
                })
                .await;
            Ok(SyncOutcome::Synced { values: values.len(), days })
        }
        Err(err) => {
            record_failure(pg, workspace, id, &err).await?;
            progress
                .store(SyncProgress {
                    state: "failed".into(),
                    message: err.to_string(),
                    finished_at: Some(Utc::now()),
                    ..SyncProgress::default()
                })
                .await;
            Err(err)
        }
    }
}

/// Reads the days from the platform, storing refreshed tokens if the client had to
/// refresh them.
async fn fetch(
    deps: &Deps,
    row: &ConnectionRow,
    platform: Platform,
    request: Request<'_>,
    progress: &StoredProgress,
) -> Result<Vec<DailyValue>, SyncError> {
    let (pg, workspace, id) = (&deps.pg, progress.workspace, row.id);
    let tokens = open_tokens(&deps.keyring, row)?;
    let settings = deps.integrations()?;
    let config = settings.get(platform);
    let shop = if platform == Platform::Shopify { request.account } else { "" };
    let redirect = redirect_url(&deps.settings);
    let mut api = Api::new(&deps.http, platform, config, shop, &redirect, tokens);
    let fetched = connectors::connector(platform).fetch(&mut api, request, progress).await;
    if api.refreshed {
        let t = &api.tokens;
        let access = deps.keyring.seal(t.access.expose(), &aad(id, "access_token"));
        let refresh =
            t.refresh.as_ref().map(|r| deps.keyring.seal(r.expose(), &aad(id, "refresh_token")));
        repo::set_tokens(pg, workspace, id, &access, refresh.as_deref(), t.expires_at)
            .await
            .map_err(db)?;
        let message = "The access token was refreshed.";
        repo::log(pg, workspace, id, "token_refreshed", "success", message).await.map_err(db)?;
    }
    fetched
}

/// Writes the values, the connection's new state, its log entry and the request
/// for fresh insights in one transaction.
async fn write(
    pg: &PgPool,
    workspace: WorkspaceId,
    brand: &Brand,
    id: ConnectionId,
    values: &[DailyValue],
    (since, until, days): (NaiveDate, NaiveDate, u32),
    now: DateTime<Utc>,
) -> Result<(), SyncError> {
    let connection = Some(id.as_uuid());
    let mut tx = pg.begin().await.map_err(db)?;
    analytics::store_values(&mut tx, workspace, brand.id, connection, &brand.currency, values)
        .await
        .map_err(db)?;
    repo::set_synced(&mut *tx, workspace, id, now).await.map_err(db)?;
    let message = format!("Synced {days} days ({since} to {until}).");
    repo::log(&mut *tx, workspace, id, "sync", "success", &message).await.map_err(db)?;
    let insights = GenerateInsights::new(brand.id).data();
    queue::enqueue(&mut tx, workspace, GENERATE_INSIGHTS, &insights, None).await.map_err(db)?;
    tx.commit().await.map_err(db)
}

/// Shows on the connection why the sync failed.
async fn record_failure(
    pg: &PgPool,
    workspace: WorkspaceId,
    id: ConnectionId,
    err: &SyncError,
) -> Result<(), SyncError> {
    let message = err.to_string();
    let status = match err {
        SyncError::Reauthorize(_) => Some("expired"),
        SyncError::Platform(_) => Some("error"),
        SyncError::RateLimited { .. } | SyncError::Transient(_) => None,
    };
    if let Some(status) = status {
        repo::set_status(pg, workspace, id, status, Some(&message)).await.map_err(db)?;
    }
    repo::log(pg, workspace, id, "sync", "error", &message).await.map_err(db)?;
    Ok(())
}
