//! The job queue on `scheduled_tasks`.
//!
//! - `enqueue` inserts a pending task and `NOTIFY`s the channel (delivered at commit).
//! - A `Worker` claims the oldest due task with `FOR UPDATE SKIP LOCKED`, so several
//!   workers (in one process or many) never run the same task at once; it sleeps on
//!   `LISTEN` until a notification or the next due time.
//! - A failed attempt goes back to pending after `backoff × 2^(attempt-1)`; after
//!   `max_retries` retries the task is failed with the error kept. A task left
//!   `processing` by a crashed worker is claimed again after `lease`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::PgListener;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use crate::kernel::WorkspaceId;

/// The `LISTEN`/`NOTIFY` channel.
pub const CHANNEL: &str = "aura_scheduled_tasks";

/// A claimed task, handed to its job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Task {
    pub id: Uuid,
    pub workspace_id: WorkspaceId,
    #[sqlx(rename = "type")]
    pub kind: String,
    pub data: serde_json::Value,
    pub retry_count: i32,
}

/// What a job does with a task of its kind. `Ok` carries the result to keep;
/// `Err` keeps its message, and the task is retried unless the error is permanent.
#[async_trait]
pub trait Job: Send + Sync {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError>;
}

/// Why a task did not complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError {
    pub message: String,
    /// Retrying cannot help (a person has to act first, such as reconnecting an
    /// account): the task fails at once, keeping the message, and can be retried
    /// from the Jobs page.
    pub permanent: bool,
}

impl JobError {
    pub fn permanent(message: impl Into<String>) -> Self {
        Self { message: message.into(), permanent: true }
    }
}

impl From<String> for JobError {
    fn from(message: String) -> Self {
        Self { message, permanent: false }
    }
}

impl From<&str> for JobError {
    fn from(message: &str) -> Self {
        Self { message: message.to_owned(), permanent: false }
    }
}

/// Tells the listening workers there is work (delivered when the transaction commits).
async fn wake_workers(db: impl PgExecutor<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, '')").bind(CHANNEL).execute(db).await?;
    Ok(())
}

/// Adds a task due at `due` (now when `None`) and wakes the workers.
pub async fn enqueue(
    db: impl PgExecutor<'_> + Copy,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Uuid, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO scheduled_tasks (workspace_id, type, data, scheduled_for)
         VALUES ($1, $2, $3, coalesce($4, now())) RETURNING id",
    )
    .bind(workspace)
    .bind(kind)
    .bind(data)
    .bind(due)
    .fetch_one(db)
    .await?;
    wake_workers(db).await?;
    Ok(id)
}

/// Like `enqueue`, unless a pending task of the same kind with the same data is
/// already waiting (a recurring job re-scheduling itself, a button pressed twice).
/// Returns the new task's id, or `None` when one was already waiting.
pub async fn enqueue_unique(
    db: impl PgExecutor<'_> + Copy,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let id: Option<Uuid> = sqlx::query_scalar(
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
    .await?;
    if id.is_some() {
        wake_workers(db).await?;
    }
    Ok(id)
}

/// How a worker behaves.
#[derive(Debug, Clone, Copy)]
pub struct WorkerConfig {
    /// The first retry's delay; each later one doubles it.
    pub backoff: Duration,
    /// Retries after the first attempt before the task is failed.
    pub max_retries: i32,
    /// How long a `processing` task may go unfinished before it is claimed again.
    pub lease: Duration,
    /// The longest sleep without a notification.
    pub idle_poll: Duration,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            backoff: Duration::from_secs(30),
            max_retries: 5,
            lease: Duration::from_secs(15 * 60),
            idle_poll: Duration::from_secs(30),
        }
    }
}

/// The delay before retry number `attempt` (1-based): `backoff × 2^(attempt-1)`,
/// capped at a day.
pub fn retry_delay(backoff: Duration, attempt: i32) -> Duration {
    let exponent = u32::try_from(attempt.saturating_sub(1)).unwrap_or(0).min(20);
    backoff.saturating_mul(2u32.saturating_pow(exponent)).min(Duration::from_secs(86_400))
}

/// What happened to one claimed task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Completed(Uuid),
    /// Failed this attempt; will run again after the delay.
    Retrying(Uuid),
    /// Failed for good.
    Failed(Uuid),
}

#[derive(Clone)]
pub struct Worker {
    pg: PgPool,
    jobs: HashMap<String, Arc<dyn Job>>,
    config: WorkerConfig,
}

impl Worker {
    pub fn new(pg: PgPool, config: WorkerConfig) -> Self {
        Self { pg, jobs: HashMap::new(), config }
    }

    /// Registers the job that runs tasks of `kind`.
    pub fn with_job(mut self, kind: &str, job: Arc<dyn Job>) -> Self {
        self.jobs.insert(kind.to_owned(), job);
        self
    }

    /// Claims the oldest due task, if any, and marks it processing.
    pub async fn claim(&self) -> Result<Option<Task>, sqlx::Error> {
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
        .bind(self.config.lease.as_secs_f64())
        .fetch_optional(&self.pg)
        .await
    }

    /// Claims and runs one task; `None` when nothing is due.
    pub async fn run_once(&self) -> Result<Option<Outcome>, sqlx::Error> {
        let Some(task) = self.claim().await? else { return Ok(None) };
        let result = match self.jobs.get(&task.kind) {
            Some(job) => job.run(&task).await,
            None => Err(JobError::from(format!("No job handles tasks of type `{}`.", task.kind))),
        };
        match result {
            Ok(value) => {
                sqlx::query(
                    "UPDATE scheduled_tasks SET status = 'completed', result = $2, error = NULL
                     WHERE id = $1",
                )
                .bind(task.id)
                .bind(value)
                .execute(&self.pg)
                .await?;
                Ok(Some(Outcome::Completed(task.id)))
            }
            Err(JobError { message, permanent: false })
                if task.retry_count < self.config.max_retries =>
            {
                let delay = retry_delay(self.config.backoff, task.retry_count + 1);
                sqlx::query(
                    "UPDATE scheduled_tasks SET status = 'pending', error = $2,
                         retry_count = retry_count + 1,
                         scheduled_for = now() + make_interval(secs => $3)
                     WHERE id = $1",
                )
                .bind(task.id)
                .bind(&message)
                .bind(delay.as_secs_f64())
                .execute(&self.pg)
                .await?;
                Ok(Some(Outcome::Retrying(task.id)))
            }
            Err(JobError { message, .. }) => {
                sqlx::query(
                    "UPDATE scheduled_tasks SET status = 'failed', error = $2 WHERE id = $1",
                )
                .bind(task.id)
                .bind(&message)
                .execute(&self.pg)
                .await?;
                Ok(Some(Outcome::Failed(task.id)))
            }
        }
    }

    /// Runs tasks until `stop` turns true: everything due, then sleeps on `LISTEN`
    /// until a notification, the next due time or `idle_poll`.
    pub async fn run(
        self,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) -> Result<(), sqlx::Error> {
        let mut listener = PgListener::connect_with(&self.pg).await?;
        listener.listen(CHANNEL).await?;
        while !*stop.borrow() {
            loop {
                match self.run_once().await {
                    Ok(Some(_)) => continue,
                    Ok(None) => break,
                    Err(err) => {
                        tracing::warn!("job queue: {err}");
                        break;
                    }
                }
            }
            let wait = self.next_due_in().await.unwrap_or(self.config.idle_poll);
            tokio::select! {
                _ = listener.recv() => {}
                _ = tokio::time::sleep(wait.min(self.config.idle_poll)) => {}
                _ = stop.changed() => {}
            }
        }
        Ok(())
    }

    async fn next_due_in(&self) -> Option<Duration> {
        let seconds: Option<f64> = sqlx::query_scalar(
            "SELECT greatest(extract(epoch FROM min(scheduled_for) - now()), 0)::float8
             FROM scheduled_tasks WHERE status = 'pending'",
        )
        .fetch_one(&self.pg)
        .await
        .ok()
        .flatten();
        seconds.map(|s| Duration::from_secs_f64(s.max(0.05)))
    }
}

/// Puts a failed task back in the queue, due now, with its retry count reset.
/// `false` when no failed task of the workspace has this id.
pub async fn retry(
    db: impl PgExecutor<'_> + Copy,
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
    if done.rows_affected() == 1 {
        wake_workers(db).await?;
    }
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_a_day() {
        let base = Duration::from_secs(30);
        assert_eq!(retry_delay(base, 1), Duration::from_secs(30));
        assert_eq!(retry_delay(base, 2), Duration::from_secs(60));
        assert_eq!(retry_delay(base, 5), Duration::from_secs(480));
        assert_eq!(retry_delay(base, 40), Duration::from_secs(86_400));
    }
}

// --- the Jobs page ---

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
}

/// The workspace's tasks, newest first.
pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<Vec<TaskRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, type, status, scheduled_for, executed_at, error, retry_count, created_at
         FROM scheduled_tasks WHERE workspace_id = $1
         ORDER BY created_at DESC, id LIMIT $2 OFFSET $3",
    )
    .bind(workspace)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count(db: impl PgExecutor<'_>, workspace: WorkspaceId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM scheduled_tasks WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(db)
        .await
}
