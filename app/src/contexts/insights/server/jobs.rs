//! The insights job: `generate_insights` (`types::GENERATE_INSIGHTS`, data
//! `types::GenerateInsights`) works out the brand's insights, then books the next run
//! for the brand's sync hour tomorrow, so every brand is looked at daily. Other
//! contexts enqueue the task inside their own transactions: a new brand books its
//! first daily run, an import or a sync asks for a run right after new data lands.
//! The composition root registers the job (`crate::root::jobs`).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::Utc;
use sqlx::PgPool;

use super::service;
use crate::contexts::automation::server::queue::{self, Job, JobError, Task};
use crate::contexts::brands::server::service as brands;
use crate::contexts::insights::types::{GENERATE_INSIGHTS, GenerateInsights};
use crate::error::AppError;
use crate::kernel::{BrandId, WorkspaceId};

/// Books the brand's next daily run unless one is already waiting.
pub async fn schedule_daily(
    pg: &PgPool,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<(), AppError> {
    let Some(b) = brands::find_for_job(pg, workspace, brand).await? else { return Ok(()) };
    if b.archived_at.is_some() {
        return Ok(());
    }
    let due = brands::next_daily_run(&b.timezone, b.sync_hour, Utc::now());
    let data = GenerateInsights::new(brand).data();
    let mut tx = pg.begin().await?;
    queue::enqueue_unique(&mut tx, workspace, GENERATE_INSIGHTS, &data, Some(due)).await?;
    tx.commit().await?;
    Ok(())
}

/// Runs `generate_insights` tasks.
pub struct GenerateInsightsJob {
    pub pg: PgPool,
}

impl GenerateInsightsJob {
    /// The job, ready to register on a worker.
    pub fn job(pg: PgPool) -> Arc<dyn Job> {
        Arc::new(Self { pg })
    }
}

#[async_trait]
impl Job for GenerateInsightsJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let GenerateInsights { brand_id: brand } =
            serde_json::from_value(task.data.clone()).map_err(|_| "The task names no brand.")?;
        let added = match service::generate(&self.pg, task.workspace_id, brand).await {
            Ok(added) => added,
            // The brand was deleted: nothing to do, nothing to retry.
            Err(AppError::NotFound) => {
                return Ok(serde_json::json!({ "skipped": "brand not found" }));
            }
            Err(err) => return Err(err.to_string().into()),
        };
        schedule_daily(&self.pg, task.workspace_id, brand).await.map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "insights_added": added }))
    }
}
