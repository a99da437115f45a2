//! The `workflows` table (seed 002 and 003): every kind of workflow, each kept by
//! its `type`. Other contexts read and write their own kind through these
//! functions (approval chains: the approvals context), never the table itself.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::kernel::{UserId, WorkflowId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WorkflowRow {
    pub id: WorkflowId,
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    pub settings: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// What a write sets.
pub struct WorkflowWrite<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    /// active, paused or draft.
    pub status: &'a str,
    pub settings: &'a serde_json::Value,
}

const SELECT: &str = "SELECT id, name, description, status, settings, created_at FROM workflows";

/// The workspace's workflows of `kind`, oldest first.
pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
) -> Result<Vec<WorkflowRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND type = $2 ORDER BY created_at, id"
    ))
    .bind(workspace)
    .bind(kind)
    .fetch_all(db)
    .await
}

/// The workspace's active workflows of `kind`, oldest first.
pub async fn active(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
) -> Result<Vec<WorkflowRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND type = $2 AND is_active ORDER BY created_at, id"
    ))
    .bind(workspace)
    .bind(kind)
    .fetch_all(db)
    .await
}

pub async fn get(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
    id: WorkflowId,
) -> Result<Option<WorkflowRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE workspace_id = $1 AND type = $2 AND id = $3"))
        .bind(workspace)
        .bind(kind)
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
    by: UserId,
    write: &WorkflowWrite<'_>,
) -> Result<WorkflowId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO workflows (workspace_id, type, name, description, status, settings, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(workspace)
    .bind(kind)
    .bind(write.name)
    .bind(write.description)
    .bind(write.status)
    .bind(write.settings)
    .bind(by)
    .fetch_one(db)
    .await
}

/// False when the workspace has no workflow of `kind` with this id.
pub async fn update(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
    id: WorkflowId,
    write: &WorkflowWrite<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE workflows SET name = $4, description = $5, status = $6, settings = $7,
                              updated_at = now()
         WHERE workspace_id = $1 AND type = $2 AND id = $3",
    )
    .bind(workspace)
    .bind(kind)
    .bind(id)
    .bind(write.name)
    .bind(write.description)
    .bind(write.status)
    .bind(write.settings)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// False when the workspace has no workflow of `kind` with this id.
pub async fn delete(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
    id: WorkflowId,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("DELETE FROM workflows WHERE workspace_id = $1 AND type = $2 AND id = $3")
            .bind(workspace)
            .bind(kind)
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}
