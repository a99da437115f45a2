//! The job queue on `scheduled_tasks`: how contexts hand work to each other and to
//! the background.
//!
//! - `enqueue` inserts a pending task and `NOTIFY`s the channel, on the caller's
//!   connection: inside the caller's transaction, so the task exists exactly when the
//!   data it reacts to was committed (the notification is delivered at commit).
//! - A `Worker` (`worker.rs`) claims the oldest due task with `FOR UPDATE SKIP
//!   LOCKED`, so several workers (in one process or many) never run the same task at
//!   once; it sleeps on `LISTEN` until a notification or the next due time.
//! - A failed attempt goes back to pending after `backoff × 2^(attempt-1)`; after
//!   `max_retries` retries the task is failed with the error kept. A job that knows
//!   when to try again (a platform's rate limit says so) names the wait instead: the
//!   task is due then, and the wait does not use up a retry. A task left
//!   `processing` by a crashed worker is claimed again after `lease`.
//!
//! A task type belongs to the context that runs it: that context exports the name
//! (and the shape of its data) from its `types.rs`, and the composition root
//! (`crate::root::jobs`) registers its job. The SQL is in `repo.rs`.

mod repo;
mod worker;

use async_trait::async_trait;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub use repo::{TaskFilter, TaskRow, count, count_active, count_failed, list};
pub use worker::{Outcome, Worker, WorkerConfig, retry_delay};

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
    /// Try again after exactly this long (the platform said when), without
    /// counting a retry.
    pub retry_in: Option<std::time::Duration>,
}

impl JobError {
    pub fn permanent(message: impl Into<String>) -> Self {
        Self { message: message.into(), permanent: true, retry_in: None }
    }

    /// Due again after `wait`, as the platform asked; no retry counted.
    pub fn retry_in(message: impl Into<String>, wait: std::time::Duration) -> Self {
        Self { message: message.into(), permanent: false, retry_in: Some(wait) }
    }
}

impl From<String> for JobError {
    fn from(message: String) -> Self {
        Self { message, permanent: false, retry_in: None }
    }
}

impl From<&str> for JobError {
    fn from(message: &str) -> Self {
        Self::from(message.to_owned())
    }
}

/// Adds a task due at `due` (now when `None`) and wakes the workers. Pass the
/// transaction that writes the data the task reacts to: the task is committed (and
/// the workers woken) with it, or not at all.
pub async fn enqueue(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Uuid, sqlx::Error> {
    let id = repo::insert(&mut *tx, workspace, kind, data, due).await?;
    repo::notify(&mut *tx, CHANNEL).await?;
    Ok(id)
}

/// Like `enqueue`, unless a pending task of the same kind with the same data is
/// already waiting (a recurring job re-scheduling itself, a button pressed twice).
/// Returns the new task's id, or `None` when one was already waiting.
pub async fn enqueue_unique(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let id = repo::insert_unique(&mut *tx, workspace, kind, data, due).await?;
    if id.is_some() {
        repo::notify(&mut *tx, CHANNEL).await?;
    }
    Ok(id)
}

/// Makes sure a task of this kind and data is due by `due` (now when `None`):
/// one already waiting is brought forward if it was due later, otherwise one
/// is added. A "run now" button, and a job booking its own next run, use it.
pub async fn enqueue_by(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    kind: &str,
    data: &serde_json::Value,
    due: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), sqlx::Error> {
    if repo::insert_unique(&mut *tx, workspace, kind, data, due).await?.is_none() {
        repo::bring_forward(&mut *tx, workspace, kind, data, due).await?;
    }
    repo::notify(&mut *tx, CHANNEL).await?;
    Ok(())
}

/// Puts a failed task back in the queue, due now, with its retry count reset.
/// `false` when no failed task of the workspace has this id.
pub async fn retry(
    db: impl PgExecutor<'_> + Copy,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    let retried = repo::retry(db, workspace, id).await?;
    if retried {
        repo::notify(db, CHANNEL).await?;
    }
    Ok(retried)
}
