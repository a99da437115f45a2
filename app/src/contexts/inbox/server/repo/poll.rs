//! Where the inbox's last read of each polled account stopped
//! (`inbox_poll_cursors`).

use chrono::{DateTime, Utc};

use crate::kernel::{SocialAccountId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CursorRow {
    pub account_id: SocialAccountId,
    pub cursor: Option<String>,
    pub polled_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub heard_total: i64,
}

/// Every polled account's cursor in the workspace.
pub async fn cursors(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<CursorRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT account_id, cursor, polled_at, last_error, heard_total
         FROM inbox_poll_cursors WHERE workspace_id = $1",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// A read that went well: the new cursor (`None` keeps the old one) and how
/// many messages it brought.
pub async fn read_ok(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    cursor: Option<&str>,
    heard: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inbox_poll_cursors (workspace_id, account_id, cursor, polled_at, heard_total)
         VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (workspace_id, account_id) DO UPDATE
         SET cursor = coalesce(EXCLUDED.cursor, inbox_poll_cursors.cursor),
             polled_at = now(), last_error = NULL,
             heard_total = inbox_poll_cursors.heard_total + EXCLUDED.heard_total",
    )
    .bind(workspace)
    .bind(account)
    .bind(cursor)
    .bind(heard)
    .execute(db)
    .await?;
    Ok(())
}

/// A read that failed: why, in words; the cursor stays where it was.
pub async fn read_failed(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    why: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inbox_poll_cursors (workspace_id, account_id, polled_at, last_error)
         VALUES ($1, $2, now(), $3)
         ON CONFLICT (workspace_id, account_id) DO UPDATE
         SET polled_at = now(), last_error = EXCLUDED.last_error",
    )
    .bind(workspace)
    .bind(account)
    .bind(why)
    .execute(db)
    .await?;
    Ok(())
}
