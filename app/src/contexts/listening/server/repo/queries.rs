//! The SQL of the workspace's searches (`listening_queries`).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::kernel::WorkspaceId;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueryRow {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub terms: String,
    pub platforms: Vec<String>,
    pub active: bool,
    pub cursors: serde_json::Value,
    pub last_run_at: Option<DateTime<Utc>>,
    pub last_errors: serde_json::Value,
}

const COLUMNS: &str = "id, name, kind, terms, platforms, active, cursors, last_run_at, last_errors";

/// The workspace's searches, by name.
pub async fn all(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<QueryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM listening_queries WHERE workspace_id = $1 ORDER BY name"
    ))
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// What a person sets on a search.
pub struct QueryFields<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub terms: &'a str,
    pub platforms: &'a [String],
    pub active: bool,
}

/// Adds a search (`id` None) or changes one (its cursors kept unless its
/// terms changed); `Ok(None)` when the name is taken, `Ok(Some(false))` when
/// there is no such search.
pub async fn save(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Option<Uuid>,
    q: &QueryFields<'_>,
) -> Result<Option<bool>, sqlx::Error> {
    let done =
        match id {
            Some(id) => {
                sqlx::query(
                    "UPDATE listening_queries
                 SET name = $3, kind = $4, platforms = $6, active = $7, updated_at = now(),
                     cursors = CASE WHEN terms = $5 THEN cursors ELSE '{}' END, terms = $5
                 WHERE workspace_id = $1 AND id = $2",
                )
                .bind(workspace)
                .bind(id)
                .bind(q.name)
                .bind(q.kind)
                .bind(q.terms)
                .bind(q.platforms)
                .bind(q.active)
                .execute(db)
                .await
            }
            None => sqlx::query(
                "INSERT INTO listening_queries (workspace_id, name, kind, terms, platforms, active)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(workspace)
            .bind(q.name)
            .bind(q.kind)
            .bind(q.terms)
            .bind(q.platforms)
            .bind(q.active)
            .execute(db)
            .await,
        };
    match done {
        Ok(r) => Ok(Some(r.rows_affected() == 1)),
        Err(sqlx::Error::Database(e))
            if e.constraint() == Some("listening_queries_workspace_name_key") =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// False when the workspace has no such search. Its mentions stay.
pub async fn delete(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM listening_queries WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(db)
        .await?
        .rows_affected()
        == 1)
}

/// After a run: where each platform's search stopped, and what went wrong.
pub async fn finish_run(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
    cursors: &serde_json::Value,
    errors: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE listening_queries SET cursors = $3, last_errors = $4, last_run_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(cursors)
    .bind(errors)
    .execute(db)
    .await?;
    Ok(())
}
