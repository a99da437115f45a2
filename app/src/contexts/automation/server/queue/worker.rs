//! The worker: claims due tasks one at a time with `FOR UPDATE SKIP LOCKED`, runs the
//! job registered for their type, and records the outcome with backoff and retries.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;
use uuid::Uuid;

use super::{CHANNEL, Job, JobError, Task, repo};

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

    /// The task types this worker runs, sorted.
    pub fn kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = self.jobs.keys().map(String::as_str).collect();
        kinds.sort_unstable();
        kinds
    }

    /// Claims the oldest due task, if any, and marks it processing.
    pub async fn claim(&self) -> Result<Option<Task>, sqlx::Error> {
        repo::claim(&self.pg, self.config.lease.as_secs_f64()).await
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
                repo::complete(&self.pg, task.id, value).await?;
                Ok(Some(Outcome::Completed(task.id)))
            }
            Err(JobError { message, permanent: false, retry_in: Some(wait) }) => {
                repo::reschedule(&self.pg, task.id, &message, wait.as_secs_f64(), false).await?;
                Ok(Some(Outcome::Retrying(task.id)))
            }
            Err(JobError { message, permanent: false, retry_in: None })
                if task.retry_count < self.config.max_retries =>
            {
                let delay = retry_delay(self.config.backoff, task.retry_count + 1);
                repo::reschedule(&self.pg, task.id, &message, delay.as_secs_f64(), true).await?;
                Ok(Some(Outcome::Retrying(task.id)))
            }
            Err(JobError { message, .. }) => {
                repo::fail(&self.pg, task.id, &message).await?;
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
        let seconds = repo::next_due_in_secs(&self.pg).await.ok().flatten();
        seconds.map(|s| Duration::from_secs_f64(s.max(0.05)))
    }
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
