//! The insights job: `generate_insights` with data `{ "brand_id": … }` works out the
//! brand's insights, then books the next run for the brand's sync hour tomorrow, so
//! every brand is looked at daily. Syncs enqueue it too, right after new data lands.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use sqlx::PgPool;

use super::service;
use crate::contexts::automation::server::queue::{self, Job, JobError, Task};
use crate::contexts::brands::server::service as brands;
use crate::error::AppError;
use crate::kernel::{BrandId, WorkspaceId};

pub const GENERATE_INSIGHTS: &str = "generate_insights";

/// The data of a brand's task.
pub fn data(brand: BrandId) -> serde_json::Value {
    serde_json::json!({ "brand_id": brand })
}

/// The next time it is `hour` o'clock in `tz` after `now`.
pub fn next_run(now: DateTime<Utc>, tz: chrono_tz::Tz, hour: u32) -> DateTime<Utc> {
    let local_today = now.with_timezone(&tz).date_naive();
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    (0..3)
        .filter_map(|days| {
            // A time skipped by a daylight-saving change runs an hour later.
            let local = (local_today + Duration::days(days)).and_time(at);
            tz.from_local_datetime(&local)
                .earliest()
                .or_else(|| tz.from_local_datetime(&(local + Duration::hours(1))).earliest())
        })
        .map(|t| t.with_timezone(&Utc))
        .find(|t| *t > now)
        .unwrap_or(now + Duration::days(1))
}

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
    let tz: chrono_tz::Tz = b.timezone.parse().unwrap_or(chrono_tz::UTC);
    let hour = u32::try_from(b.sync_hour).unwrap_or(6);
    let due = next_run(Utc::now(), tz, hour);
    queue::enqueue_unique(pg, workspace, GENERATE_INSIGHTS, &data(brand), Some(due)).await?;
    Ok(())
}

/// Works out insights now (after a sync, on first run, or when asked).
pub async fn enqueue_now(
    pg: &PgPool,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<(), AppError> {
    queue::enqueue(pg, workspace, GENERATE_INSIGHTS, &data(brand), None).await?;
    Ok(())
}

pub struct GenerateInsights {
    pub pg: PgPool,
}

impl GenerateInsights {
    /// The job, ready to register on a worker.
    pub fn job(pg: PgPool) -> Arc<dyn Job> {
        Arc::new(Self { pg })
    }
}

#[async_trait]
impl Job for GenerateInsights {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let brand: BrandId = task
            .data
            .get("brand_id")
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse().ok())
            .ok_or("The task names no brand.")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_run_is_the_brands_hour_today_or_tomorrow() {
        let chicago = chrono_tz::America::Chicago;
        // 10:00 UTC is 04:00 in Chicago (CST): 06:00 today is 12:00 UTC.
        let now = Utc.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap();
        assert_eq!(next_run(now, chicago, 6), Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap());
        // At 13:00 UTC it has passed: tomorrow 06:00.
        let later = Utc.with_ymd_and_hms(2026, 1, 10, 13, 0, 0).unwrap();
        assert_eq!(
            next_run(later, chicago, 6),
            Utc.with_ymd_and_hms(2026, 1, 11, 12, 0, 0).unwrap()
        );
        // 02:00 on the spring-forward day does not exist: it runs at 03:00 CDT.
        let spring = Utc.with_ymd_and_hms(2026, 3, 8, 5, 0, 0).unwrap();
        assert_eq!(
            next_run(spring, chicago, 2),
            Utc.with_ymd_and_hms(2026, 3, 8, 8, 0, 0).unwrap()
        );
    }
}
