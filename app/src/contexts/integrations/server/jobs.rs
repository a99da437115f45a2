//! The sync job: `sync_connection` (`types::SYNC_CONNECTION`) with data
//! `{ "connection_id": … }` reads the connection's recent days from its platform.
//! Daily runs (`"daily": true`) book the next one at the brand's sync hour; "Sync
//! now" runs do not. The composition root registers it (`crate::root::jobs`).

use std::sync::Arc;

use async_trait::async_trait;

use super::error::SyncError;
use super::service::{self, Deps, SyncOutcome};
use crate::contexts::automation::server::queue::{Job, JobError, Task};
pub use crate::contexts::integrations::types::SYNC_CONNECTION;
use crate::kernel::ConnectionId;

pub struct SyncConnection {
    pub deps: Deps,
}

impl SyncConnection {
    /// The job, ready to register on a worker.
    pub fn job(deps: Deps) -> Arc<dyn Job> {
        Arc::new(Self { deps })
    }
}

#[async_trait]
impl Job for SyncConnection {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let id: ConnectionId = task
            .data
            .get("connection_id")
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| JobError::permanent("The task names no connection."))?;
        let daily = task.data.get("daily").and_then(|d| d.as_bool()).unwrap_or(false);
        let outcome = service::sync(&self.deps, task.workspace_id, id).await;
        if daily && !matches!(outcome, Err(SyncError::Reauthorize(_))) {
            service::schedule_daily(&self.deps.pg, task.workspace_id, id)
                .await
                .map_err(|e| JobError::from(e.to_string()))?;
        }
        match outcome {
            Ok(SyncOutcome::Synced { values, days }) => {
                Ok(serde_json::json!({ "days": days, "values": values }))
            }
            Ok(SyncOutcome::Skipped(why)) => Ok(serde_json::json!({ "skipped": why })),
            Err(SyncError::Transient(message)) => Err(JobError::from(message)),
            Err(SyncError::RateLimited { message, retry_in }) => {
                Err(JobError::retry_in(message, retry_in))
            }
            Err(err) => Err(JobError::permanent(err.to_string())),
        }
    }
}

/// The daily expiry check, `check_token_expiry` (`types::CHECK_TOKEN_EXPIRY`):
/// warns the workspace's managers of access ending within a week, then a day,
/// and books the next check.
pub struct CheckTokenExpiry {
    pub deps: Deps,
    pub mongo: mongodb::Database,
}

impl CheckTokenExpiry {
    pub fn job(deps: Deps, mongo: mongodb::Database) -> Arc<dyn Job> {
        Arc::new(Self { deps, mongo })
    }
}

#[async_trait]
impl Job for CheckTokenExpiry {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let warned = service::check_token_expiry(&self.deps, &self.mongo, task.workspace_id)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "check_token_expiry failed");
                JobError::from("The expiry check could not finish; it will try again.".to_owned())
            })?;
        Ok(serde_json::json!({ "warnings": warned }))
    }
}
