//! `posting_slots`: the times of the week each account posts at.

use chrono::{DateTime, NaiveTime, Utc};
use sqlx::PgExecutor;

use crate::kernel::{SocialAccountId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlotRow {
    pub id: uuid::Uuid,
    pub account_id: SocialAccountId,
    pub weekday: i16,
    pub at: NaiveTime,
}

/// Every posting time of the workspace, by account, day and time.
pub async fn slots(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<SlotRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, account_id, weekday, at FROM posting_slots WHERE workspace_id = $1
         ORDER BY account_id, weekday, at",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// Adds the account's times on `weekdays` at `at` (a time it already has is kept
/// once); how many were new. An account of another workspace fails the composite
/// foreign key.
pub async fn add(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    weekdays: &[i16],
    at: NaiveTime,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO posting_slots (workspace_id, account_id, weekday, at)
         SELECT $1, $2, d, $4 FROM unnest($3::smallint[]) AS d
         ON CONFLICT (account_id, weekday, at) DO NOTHING",
    )
    .bind(workspace)
    .bind(account)
    .bind(weekdays)
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Removes one posting time; whether it was the workspace's.
pub async fn remove(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: uuid::Uuid,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM posting_slots WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// When the accounts' scheduled posts go out between `from` and `to` (the times
/// the queue must not give again).
pub async fn taken(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    accounts: &[SocialAccountId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT p.scheduled_at FROM posts p
         WHERE p.workspace_id = $1 AND p.status IN ('scheduled', 'pending_approval', 'approved')
           AND p.scheduled_at >= $3 AND p.scheduled_at < $4
           AND EXISTS (SELECT 1 FROM platform_posts t
                       WHERE t.workspace_id = p.workspace_id AND t.post_id = p.id
                         AND t.account_id = ANY($2))",
    )
    .bind(workspace)
    .bind(accounts)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}
