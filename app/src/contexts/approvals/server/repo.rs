//! The `approvals` table: one row per approver, level and round of a subject.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::{PostId, UserId, WorkflowId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApprovalRow {
    pub id: Uuid,
    pub post_id: PostId,
    pub approver_id: UserId,
    pub status: String,
    pub comments: Option<String>,
    pub level: i32,
    pub round: i32,
    pub mode: String,
    pub version: String,
    pub workflow_id: Option<WorkflowId>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT id, post_id, approver_id, status, comments, level, round, mode,
        version, workflow_id, created_at, decided_at
    FROM approvals";

/// One level's rows for its approvers.
pub struct NewLevel<'a> {
    pub workflow: Option<WorkflowId>,
    pub round: i32,
    pub level: i32,
    pub mode: &'a str,
    pub version: &'a str,
}

pub async fn insert_level(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    post: PostId,
    level: &NewLevel<'_>,
    approvers: &[UserId],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO approvals (workspace_id, post_id, approver_id, workflow_id, round, level,
                                mode, version)
         SELECT $1, $2, a, $4, $5, $6, $7, $8 FROM unnest($3::uuid[]) AS a",
    )
    .bind(workspace)
    .bind(post)
    .bind(approvers)
    .bind(level.workflow)
    .bind(level.round)
    .bind(level.level)
    .bind(level.mode)
    .bind(level.version)
    .execute(tx)
    .await?;
    Ok(())
}

/// The subject's highest round so far (0 before its first).
pub async fn last_round(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(max(round), 0) FROM approvals WHERE workspace_id = $1 AND post_id = $2",
    )
    .bind(workspace)
    .bind(post)
    .fetch_one(db)
    .await
}

/// The rows still waiting on the subject (all of one round and level).
pub async fn open_rows(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND post_id = $2 AND status = 'pending'
         ORDER BY created_at, id"
    ))
    .bind(workspace)
    .bind(post)
    .fetch_all(db)
    .await
}

/// Every row of one level of one round, locked until the transaction ends, so two
/// approvers deciding at once see each other's decision.
pub async fn lock_level(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    post: PostId,
    round: i32,
    level: i32,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND post_id = $2 AND round = $3 AND level = $4
         ORDER BY created_at, id FOR UPDATE"
    ))
    .bind(workspace)
    .bind(post)
    .bind(round)
    .bind(level)
    .fetch_all(tx)
    .await
}

/// Records a decision on a row still waiting; false when it was no longer waiting.
pub async fn decide(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    id: Uuid,
    status: &str,
    comment: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE approvals
         SET status = $3, comments = $4, decided_at = now(),
             approved_at = CASE WHEN $3 = 'approved' THEN now() END
         WHERE workspace_id = $1 AND id = $2 AND status = 'pending'",
    )
    .bind(workspace)
    .bind(id)
    .bind(status)
    .bind(comment)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes every row still waiting on the subject as `status` (superseded or
/// expired); returns whose they were.
pub async fn close_open(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    post: PostId,
    status: &str,
) -> Result<Vec<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE approvals SET status = $3, decided_at = now()
         WHERE workspace_id = $1 AND post_id = $2 AND status = 'pending'
         RETURNING approver_id",
    )
    .bind(workspace)
    .bind(post)
    .bind(status)
    .fetch_all(tx)
    .await
}

/// Every row of the subject, oldest first: its history.
pub async fn history(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND post_id = $2 ORDER BY round, level, created_at, id"
    ))
    .bind(workspace)
    .bind(post)
    .fetch_all(db)
    .await
}

/// The rows waiting on `user`, oldest first.
pub async fn waiting_for(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND approver_id = $2 AND status = 'pending'
         ORDER BY created_at, id"
    ))
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn count_waiting(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM approvals
         WHERE workspace_id = $1 AND approver_id = $2 AND status = 'pending'",
    )
    .bind(workspace)
    .bind(user)
    .fetch_one(db)
    .await
}

/// The workspace's latest decisions (approved, rejected, changes requested),
/// newest first.
pub async fn decisions(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1
           AND status IN ('approved', 'rejected', 'changes_requested', 'expired')
         ORDER BY decided_at DESC, id LIMIT $2 OFFSET $3"
    ))
    .bind(workspace)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count_decisions(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM approvals WHERE workspace_id = $1
           AND status IN ('approved', 'rejected', 'changes_requested', 'expired')",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}
