//! The analytics service for other contexts: `metrics` is written only through
//! these (a platform sync, the demo seed) and read through them (insights).

use sqlx::{PgConnection, PgPool};

use crate::contexts::analytics::server::repo;
use crate::contexts::analytics::types::{DailyValue, MetricPoint};
use crate::error::AppError;
use crate::kernel::{BrandId, Period, WorkspaceId};

/// Stores a brand's values from one source (`connection` `None` = imported), in the
/// caller's transaction; each replaces what was stored for its day and type, and
/// the workspace's all-brands roll-up follows for those days. For other contexts
/// (a platform sync, the demo seed) and the CSV import.
pub async fn store_values(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    brand: BrandId,
    connection: Option<uuid::Uuid>,
    currency: &str,
    values: &[DailyValue],
) -> Result<u64, AppError> {
    let stored = repo::upsert(&mut *tx, workspace, brand, connection, currency, values).await?;
    let days = values.iter().map(|v| v.date);
    if let (Some(from), Some(to)) = (days.clone().min(), days.max()) {
        repo::refresh_rollup(tx, workspace, from, to).await?;
    }
    Ok(stored)
}

/// Rebuilds the workspace's all-brands roll-up, in the caller's transaction: for
/// the brands context, when a brand is archived, restored or changes currency.
pub async fn rebuild_rollup(tx: &mut PgConnection, workspace: WorkspaceId) -> Result<(), AppError> {
    Ok(repo::rebuild_rollup(tx, workspace).await?)
}

/// Forgets every value stored under `connection`, in the caller's transaction (the
/// integrations context drops a connection's demo data before real data arrives).
pub async fn delete_connection_values(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    connection: uuid::Uuid,
) -> Result<u64, AppError> {
    let deleted = repo::delete_for_connection(&mut *tx, workspace, connection).await?;
    repo::rebuild_rollup(tx, workspace).await?;
    Ok(deleted)
}

/// A brand's daily metric points in `period`, for other contexts' rules (insights).
pub async fn brand_points(
    pg: &PgPool,
    workspace: WorkspaceId,
    brand: BrandId,
    period: Period,
) -> Result<Vec<MetricPoint>, AppError> {
    Ok(repo::points(pg, workspace, &[brand], period).await?)
}
