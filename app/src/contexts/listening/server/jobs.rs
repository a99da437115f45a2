//! The `listen` job: runs the workspace's searches, works out trends and
//! influencers, and books itself an hour later (or when a platform's rate
//! limit ends) while the workspace has an active search.

use std::sync::Arc;

use async_trait::async_trait;

use super::repo::queries;
use super::service;
use crate::contexts::automation::server::queue::{Job, JobError, Task};
use crate::contexts::integrations::server::service::Deps;

pub struct ListenJob {
    deps: Deps,
    mongo: mongodb::Database,
}

impl ListenJob {
    pub fn job(deps: Deps, mongo: mongodb::Database) -> Arc<dyn Job> {
        Arc::new(Self { deps, mongo })
    }
}

#[async_trait]
impl Job for ListenJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let ws = task.workspace_id;
        let failed = |e: crate::error::AppError| {
            tracing::warn!(error = %e, "listen failed");
            JobError::from("The searches could not be run; they will be tried again.")
        };
        let done = service::listen(&self.deps, &self.mongo, ws).await.map_err(failed)?;
        let active = queries::all(&self.deps.pg, ws).await.map_err(|e| failed(e.into()))?;
        if active.iter().any(|q| q.active) {
            let wait = done.wait_seconds.map_or(chrono::Duration::hours(1), |s| {
                chrono::Duration::seconds(i64::try_from(s).unwrap_or(3600).max(60))
            });
            let mut tx = self.deps.pg.begin().await.map_err(|e| failed(e.into()))?;
            service::book(&mut tx, ws, Some(chrono::Utc::now() + wait)).await.map_err(failed)?;
            tx.commit().await.map_err(|e| failed(e.into()))?;
        }
        Ok(serde_json::json!(done))
    }
}
