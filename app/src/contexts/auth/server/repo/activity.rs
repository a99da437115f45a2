//! The activity log (seed 004 `activity_logs`): who did what in a workspace. Every
//! context records through `super::super::accounts::log_activity`; the team context
//! shows it.

use chrono::{DateTime, NaiveDate, Utc};
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

/// What the activity log is narrowed to (`None`: any), with days counted in `zone`
/// (an IANA name).
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub user: Option<UserId>,
    pub kind: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub zone: String,
}

/// The filter's condition; `$1` is the workspace, `$2`..`$6` the filter.
const MATCHES: &str = "a.workspace_id = $1
    AND ($2::uuid IS NULL OR a.user_id = $2)
    AND ($3::text IS NULL OR a.type = $3)
    AND ($4::date IS NULL OR (a.created_at AT TIME ZONE $6)::date >= $4)
    AND ($5::date IS NULL OR (a.created_at AT TIME ZONE $6)::date <= $5)";

fn zone(filter: &ActivityFilter) -> &str {
    if filter.zone.is_empty() { "UTC" } else { &filter.zone }
}

pub async fn activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &ActivityFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT a.id, a.type AS kind, a.description, coalesce(u.name, u.email) AS actor,
                a.created_at
         FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id
         WHERE {MATCHES} ORDER BY a.created_at DESC, a.id DESC LIMIT $7 OFFSET $8"
    ))
    .bind(workspace)
    .bind(filter.user)
    .bind(filter.kind.as_deref())
    .bind(filter.from)
    .bind(filter.to)
    .bind(zone(filter))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count_activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &ActivityFilter,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT count(*) FROM activity_logs a WHERE {MATCHES}"))
        .bind(workspace)
        .bind(filter.user)
        .bind(filter.kind.as_deref())
        .bind(filter.from)
        .bind(filter.to)
        .bind(zone(filter))
        .fetch_one(db)
        .await
}

/// Who has done anything in the workspace, and the kinds of thing done: the
/// activity filter's choices.
pub async fn activity_choices(
    db: &sqlx::PgPool,
    workspace: WorkspaceId,
) -> Result<(Vec<(UserId, String)>, Vec<String>), sqlx::Error> {
    let people = sqlx::query_as(
        "SELECT DISTINCT u.id, coalesce(u.name, u.email) AS name
         FROM activity_logs a JOIN users u ON u.id = a.user_id
         WHERE a.workspace_id = $1 ORDER BY 2",
    )
    .bind(workspace)
    .fetch_all(db)
    .await?;
    let kinds = sqlx::query_scalar(
        "SELECT DISTINCT type FROM activity_logs
         WHERE workspace_id = $1 AND type IS NOT NULL ORDER BY 1",
    )
    .bind(workspace)
    .fetch_all(db)
    .await?;
    Ok((people, kinds))
}
