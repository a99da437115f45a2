//! Brand connections (`connections` of kind `brand`) and their log; social
//! accounts in `social.rs`. Every query names the workspace. Tokens arrive here
//! already sealed; these files never see them in clear.

mod social;
pub use social::*;

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::kernel::{BrandId, ConnectionId, UserId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConnectionRow {
    pub id: ConnectionId,
    pub brand_id: BrandId,
    pub platform: String,
    pub status: String,
    pub access_token: Option<String>,
    pub refresh_token: Option<String>,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub platform_account_id: Option<String>,
    pub platform_account_name: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub metadata: serde_json::Value,
    /// 7 or 1: the expiry warning already sent for the current token.
    pub expiry_warned_days: Option<i16>,
}

impl ConnectionRow {
    /// Whether it holds the demo's generated data (`metadata.demo`).
    pub fn is_demo(&self) -> bool {
        self.metadata.get("demo").and_then(|d| d.as_bool()).unwrap_or(false)
    }
}

const COLUMNS: &str = "id, brand_id, platform, status, access_token, refresh_token, \
    token_expires_at, platform_account_id, platform_account_name, last_sync_at, metadata, \
    expiry_warned_days";

/// Every brand data source of the workspace.
pub async fn all_connections(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<ConnectionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM connections
         WHERE workspace_id = $1 AND kind = 'brand' AND brand_id IS NOT NULL"
    ))
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// Records the expiry warning sent for the connection's current token.
pub async fn set_connection_warned(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    days: i16,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE connections SET expiry_warned_days = $3 WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(days)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn for_brand(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<Vec<ConnectionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM connections
         WHERE workspace_id = $1 AND kind = 'brand' AND brand_id = $2 ORDER BY platform"
    ))
    .bind(workspace)
    .bind(brand)
    .fetch_all(db)
    .await
}

pub async fn find(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<Option<ConnectionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM connections WHERE workspace_id = $1 AND kind = 'brand' AND id = $2"
    ))
    .bind(workspace)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The brand's connection row for a platform, created (disconnected) if missing.
pub async fn ensure(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
    platform: &str,
    by: UserId,
) -> Result<ConnectionId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO connections (workspace_id, kind, brand_id, platform, connected_by)
         VALUES ($1, 'brand', $2, $3, $4)
         ON CONFLICT ON CONSTRAINT unique_brand_platform DO UPDATE SET updated_at = now()
         RETURNING id",
    )
    .bind(workspace)
    .bind(brand)
    .bind(platform)
    .bind(by)
    .fetch_one(db)
    .await
}

/// A connection holding generated demo data: not connected, `metadata.demo`, so
/// connecting the real account replaces its values.
pub async fn insert_demo(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
    platform: &str,
    by: Option<UserId>,
) -> Result<ConnectionId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO connections (workspace_id, kind, brand_id, connected_by, platform, status,
                                  platform_account_name, metadata)
         VALUES ($1, 'brand', $2, $3, $4, 'disconnected', 'Demo data', '{\"demo\": true}')
         RETURNING id",
    )
    .bind(workspace)
    .bind(brand)
    .bind(by)
    .bind(platform)
    .fetch_one(db)
    .await
}

/// What a successful connection stores (tokens sealed).
pub struct Connected<'a> {
    pub by: UserId,
    pub account_id: &'a str,
    pub account_name: &'a str,
    pub access_token: &'a str,
    pub refresh_token: Option<&'a str>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Marks the connection connected to an account with fresh tokens. It stops being
/// demo data, and the last sync is forgotten (a new account starts with a backfill).
pub async fn set_connected(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    c: &Connected<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE connections SET status = 'connected', connected_by = $3,
             platform_account_id = $4, platform_account_name = $5,
             access_token = $6, refresh_token = $7, token_expires_at = $8,
             last_sync_at = NULL, metadata = metadata - 'demo' - 'reason',
             expiry_warned_days = NULL, updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(c.by)
    .bind(c.account_id)
    .bind(c.account_name)
    .bind(c.access_token)
    .bind(c.refresh_token)
    .bind(c.expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Stores refreshed tokens (sealed).
pub async fn set_tokens(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    access_token: &str,
    refresh_token: Option<&str>,
    expires_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE connections SET access_token = $3, refresh_token = $4, token_expires_at = $5,
             expiry_warned_days = NULL, updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(access_token)
    .bind(refresh_token)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Sets the status and its reason (kept in `metadata.reason`; none when connected).
pub async fn set_status(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    status: &str,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE connections SET status = $3,
             metadata = CASE WHEN $4::text IS NULL THEN metadata - 'reason'
                             ELSE jsonb_set(metadata, '{reason}', to_jsonb($4::text)) END,
             updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(status)
    .bind(reason)
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets the tokens and marks the connection disconnected. Synced metrics stay.
pub async fn disconnect(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE connections SET status = 'disconnected', access_token = NULL,
             refresh_token = NULL, credentials = NULL, token_expires_at = NULL,
             metadata = metadata - 'reason' - 'sync', updated_at = now()
         WHERE workspace_id = $1 AND kind = 'brand' AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores the sync's progress (`metadata.sync`) for the brand page.
pub async fn set_progress(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    progress: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE connections SET metadata = jsonb_set(metadata, '{sync}', $3)
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(progress)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_synced(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE connections SET last_sync_at = $3, status = 'connected',
             metadata = metadata - 'reason', updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// Adds an event to the connection's log (seed 000 `connection_logs`).
pub async fn log(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConnectionId,
    event_type: &str,
    status: &str,
    message: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO connection_logs (workspace_id, connection_id, event_type, status, message)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(workspace)
    .bind(id)
    .bind(event_type)
    .bind(status)
    .bind(message)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LogRow {
    pub connection_id: ConnectionId,
    pub event_type: String,
    pub status: String,
    pub message: String,
    pub occurred_at: DateTime<Utc>,
}

/// The newest `per_connection` entries of each connection.
pub async fn recent_logs(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    ids: &[ConnectionId],
    per_connection: i64,
) -> Result<Vec<LogRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT connection_id, event_type, status, message, occurred_at FROM (
             SELECT l.*, row_number() OVER (PARTITION BY connection_id
                                            ORDER BY occurred_at DESC, id) AS n
             FROM connection_logs l
             WHERE workspace_id = $1 AND connection_id = ANY($2)
         ) recent WHERE n <= $3
         ORDER BY occurred_at DESC",
    )
    .bind(workspace)
    .bind(ids.iter().map(ConnectionId::as_uuid).collect::<Vec<_>>())
    .bind(per_connection)
    .fetch_all(db)
    .await
}

/// The workspace's connections that are connected, and those that need a person
/// (expired or in error, or access ending within a week that cannot be renewed).
pub async fn count_by_health(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status = 'connected'),
                count(*) FILTER (WHERE status IN ('expired', 'error')
                                    OR (status = 'connected' AND refresh_token IS NULL
                                        AND token_expires_at < now() + interval '7 days'))
         FROM connections WHERE workspace_id = $1",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}

/// Every brand connection of the workspace: its id, brand and platform (to say
/// what a background task is for).
pub async fn all_of_workspace(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(ConnectionId, BrandId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, brand_id, platform FROM connections
         WHERE workspace_id = $1 AND kind = 'brand' AND brand_id IS NOT NULL",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}
