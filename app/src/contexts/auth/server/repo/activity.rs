//! The activity log (seed 004 `activity_logs`): who did what in a workspace. Every
//! context records through `super::super::accounts::log_activity`; the team context
//! shows it.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::kernel::{UserId, WorkspaceId};

pub async fn log_activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: Option<UserId>,
    kind: &str,
    description: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO activity_logs (workspace_id, user_id, type, description) VALUES ($1, $2, $3, $4)",
    )
    .bind(workspace)
    .bind(user)
    .bind(kind)
    .bind(description)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: Uuid,
    pub kind: Option<String>,
    pub description: String,
    pub actor: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.type AS kind, a.description, coalesce(u.name, u.email) AS actor,
                a.created_at
         FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.workspace_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(workspace)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count_activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM activity_logs WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(db)
        .await
}
