//! The engagement jobs: `collect_engagement` (measure what is due, then book
//! the roll-ups and tomorrow's run: `service::collect`) and `rollup_engagement`
//! (`service::rollup`).

use std::sync::Arc;

use async_trait::async_trait;
use sqlx::PgPool;

use super::service;
use crate::contexts::automation::server::queue::{Job, JobError, Task};
use crate::contexts::engagement::types::RollupEngagement;
use crate::contexts::integrations::server::service::Deps;

pub struct CollectEngagementJob {
    deps: Deps,
    mongo: mongodb::Database,
}

impl CollectEngagementJob {
    pub fn job(deps: Deps, mongo: mongodb::Database) -> Arc<dyn Job> {
        Arc::new(Self { deps, mongo })
    }
}

#[async_trait]
impl Job for CollectEngagementJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let done =
            service::collect(&self.deps, &self.mongo, task.workspace_id).await.map_err(|e| {
                tracing::warn!(error = %e, "collect_engagement failed");
                JobError::from("The figures could not be stored; Aura will try again.")
            })?;
        // What was measured is kept: a repeated run measures only what is still due.
        if let Some(wait) = done.wait {
            return Err(JobError::retry_in(done.problems.join(" "), wait));
        }
        if let Some(message) = done.transient {
            return Err(JobError::from(message));
        }
        Ok(serde_json::json!({
            "accounts": done.accounts,
            "posts": done.posts,
            "problems": done.problems,
        }))
    }
}

pub struct RollupEngagementJob {
    pg: PgPool,
    mongo: mongodb::Database,
}

impl RollupEngagementJob {
    pub fn job(pg: PgPool, mongo: mongodb::Database) -> Arc<dyn Job> {
        Arc::new(Self { pg, mongo })
    }
}

#[async_trait]
impl Job for RollupEngagementJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let data: RollupEngagement = serde_json::from_value(task.data.clone())
            .map_err(|e| JobError::permanent(format!("The task's data is not valid: {e}")))?;
        let written = service::rollup(&self.pg, &self.mongo, task.workspace_id, data.from)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "rollup_engagement failed");
                JobError::from("The roll-ups could not be computed; Aura will try again.")
            })?;
        Ok(serde_json::json!({ "rollups": written }))
    }
}
