//! The queue's repository: every SQL statement on seed 002 `scheduled_tasks`.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::Task;
use crate::kernel::WorkspaceId;

/// Tells the listening workers there is work (delivered when the transaction commits).
pub async fn notify(db: impl PgExecutor<'_>, channel: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, '')").bind(channel).execute(db).await?;
    Ok(())
}

pub async fn insert(
    db: &mut PgConnection,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO scheduled_tasks (workspace_id, type, data, scheduled_for)
         VALUES ($1, $2, $3, coalesce($4, now())) RETURNING id",
    )
    .bind(workspace)
    .bind(kind)
    .bind(data)
    .bind(due)
    .fetch_one(db)
    .await
}

/// Inserts unless a pending task of the same kind and data is waiting.
pub async fn insert_unique(
    db: &mut PgConnection,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO scheduled_tasks (workspace_id, type, data, scheduled_for)
         SELECT $1, $2, $3, coalesce($4, now())
         WHERE NOT EXISTS (SELECT 1 FROM scheduled_tasks
                           WHERE workspace_id = $1 AND type = $2 AND data = $3
                             AND status = 'pending')
         RETURNING id",
    )
    .bind(workspace)
    .bind(kind)
    .bind(data)
    .bind(due)
    .fetch_optional(db)
    .await
}

/// Brings a waiting task of this kind and data forward to `due` (now when
/// `None`), if it was due later.
pub async fn bring_forward(
    db: &mut PgConnection,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE scheduled_tasks SET scheduled_for = least(scheduled_for, coalesce($4, now()))
         WHERE workspace_id = $1 AND type = $2 AND data = $3 AND status = 'pending'",
    )
    .bind(workspace)
    .bind(kind)
    .bind(data)
    .bind(due)
    .execute(db)
    .await?;
    Ok(())
}

/// Claims the oldest due task (or one whose lease ran out) and marks it processing.
pub async fn claim(db: impl PgExecutor<'_>, lease_secs: f64) -> Result<Option<Task>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE scheduled_tasks SET status = 'processing', executed_at = now()
         WHERE id = (
             SELECT id FROM scheduled_tasks
             WHERE (status = 'pending' AND scheduled_for <= now())
                OR (status = 'processing' AND updated_at < now() - make_interval(secs => $1))
             ORDER BY scheduled_for
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
         RETURNING id, workspace_id, type, data, retry_count",
    )
    .bind(lease_secs)
    .fetch_optional(db)
    .await
}

pub async fn complete(
    db: impl PgExecutor<'_>,
    id: Uuid,
    result: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE scheduled_tasks SET status = 'completed', result = $2, error = NULL
         WHERE id = $1",
    )
    .bind(id)
    .bind(result)
    .execute(db)
    .await?;
    Ok(())
}

/// Back to pending after `delay_secs`; one more retry counted when `count_retry`
/// (not for a wait the job asked for, such as a platform's rate limit).
pub async fn reschedule(
    db: impl PgExecutor<'_>,
    id: Uuid,
    error: &str,
    delay_secs: f64,
    count_retry: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE scheduled_tasks SET status = 'pending', error = $2,
             retry_count = retry_count + CASE WHEN $4 THEN 1 ELSE 0 END,
             scheduled_for = now() + make_interval(secs => $3)
         WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .bind(delay_secs)
    .bind(count_retry)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn fail(db: impl PgExecutor<'_>, id: Uuid, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE scheduled_tasks SET status = 'failed', error = $2 WHERE id = $1")
        .bind(id)
        .bind(error)
        .execute(db)
        .await?;
    Ok(())
}

/// Seconds until the next pending task is due (0 when one is due now).
pub async fn next_due_in_secs(db: impl PgExecutor<'_>) -> Result<Option<f64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT greatest(extract(epoch FROM min(scheduled_for) - now()), 0)::float8
         FROM scheduled_tasks WHERE status = 'pending'",
    )
    .fetch_one(db)
    .await
}

/// A failed task of the workspace back to pending, due now; `false` when there is none.
pub async fn retry(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE scheduled_tasks SET status = 'pending', scheduled_for = now(), retry_count = 0
         WHERE workspace_id = $1 AND id = $2 AND status = 'failed'",
    )
    .bind(workspace)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, sqlx::FromRow)]
pub struct TaskRow {
    pub id: Uuid,
    #[sqlx(rename = "type")]
    pub kind: String,
    pub status: String,
    pub scheduled_for: chrono::DateTime<chrono::Utc>,
    pub executed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub error: Option<String>,
    pub retry_count: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub data: serde_json::Value,
}

/// What the Jobs page narrows tasks to: a status, and tasks about a brand (its
/// id in `data.brand_id`, or one of its connections in `data.connection_id`).
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub status: Option<String>,
    pub brand: Option<(Uuid, Vec<Uuid>)>,
}

/// `$1` is the workspace, `$2`..`$4` the filter.
const MATCHES: &str = "workspace_id = $1
    AND ($2::text IS NULL OR status = $2)
    AND ($3::uuid IS NULL OR data ->> 'brand_id' = $3::text
         OR data ->> 'connection_id' = ANY($4::text[]))";

fn brand_binds(filter: &TaskFilter) -> (Option<Uuid>, Vec<String>) {
    match &filter.brand {
        Some((brand, connections)) => {
            (Some(*brand), connections.iter().map(Uuid::to_string).collect())
        }
        None => (None, Vec::new()),
    }
}

/// The workspace's tasks matching `filter`, newest first.
pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &TaskFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<TaskRow>, sqlx::Error> {
    let (brand, connections) = brand_binds(filter);
    sqlx::query_as(&format!(
        "SELECT id, type, status, scheduled_for, executed_at, error, retry_count, created_at, data
         FROM scheduled_tasks WHERE {MATCHES}
         ORDER BY created_at DESC, id LIMIT $5 OFFSET $6"
    ))
    .bind(workspace)
    .bind(filter.status.as_deref())
    .bind(brand)
    .bind(connections)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &TaskFilter,
) -> Result<i64, sqlx::Error> {
    let (brand, connections) = brand_binds(filter);
    sqlx::query_scalar(&format!("SELECT count(*) FROM scheduled_tasks WHERE {MATCHES}"))
        .bind(workspace)
        .bind(filter.status.as_deref())
        .bind(brand)
        .bind(connections)
        .fetch_one(db)
        .await
}

/// The workspace's tasks of `kind` waiting or running (to say "working on it").
pub async fn count_active(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM scheduled_tasks
         WHERE workspace_id = $1 AND type = $2 AND status IN ('pending', 'processing')
           AND scheduled_for <= now()",
    )
    .bind(workspace)
    .bind(kind)
    .fetch_one(db)
    .await
}

/// The workspace's failed tasks.
pub async fn count_failed(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM scheduled_tasks WHERE workspace_id = $1 AND status = 'failed'",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}
