//! The "all brands" roll-up (`metric_rollups`): each workspace's daily totals of its
//! active brands by currency, source and type, so the all-brands dashboard reads a
//! few hundred rows instead of aggregating every brand's. Every write of metrics
//! refreshes the days it touched in the same transaction (`refresh`), and
//! archiving, restoring or re-pricing a brand rebuilds the workspace (`rebuild`).
//! Refreshes of one workspace take turns (an advisory lock), so two syncs writing
//! at once each see the other's committed values.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgExecutor};

use super::repo::{PointRow, into_points};
use crate::contexts::analytics::types::MetricPoint;
use crate::kernel::{Period, WorkspaceId};

/// Recomputes the workspace's roll-up for the days `from..=to`.
pub async fn refresh(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('metric_rollups'), hashtext($1::text))")
        .bind(workspace)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM metric_rollups WHERE workspace_id = $1 AND date BETWEEN $2 AND $3")
        .bind(workspace)
        .bind(from)
        .bind(to)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO metric_rollups (workspace_id, currency, date, source, metric_type, value)
         SELECT m.workspace_id, b.currency, m.date, coalesce(c.platform, 'manual'),
                m.metric_type, sum(m.value)
         FROM metrics m
         JOIN brands b ON b.workspace_id = m.workspace_id AND b.id = m.brand_id
                      AND b.archived_at IS NULL
         LEFT JOIN connections c ON c.workspace_id = m.workspace_id AND c.id = m.connection_id
         WHERE m.workspace_id = $1 AND m.date BETWEEN $2 AND $3
         GROUP BY m.workspace_id, b.currency, m.date, coalesce(c.platform, 'manual'),
                  m.metric_type",
    )
    .bind(workspace)
    .bind(from)
    .bind(to)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Recomputes the workspace's whole roll-up.
pub async fn rebuild(tx: &mut PgConnection, workspace: WorkspaceId) -> Result<(), sqlx::Error> {
    let (from, to) = (NaiveDate::from_ymd_opt(1900, 1, 1), NaiveDate::from_ymd_opt(2200, 12, 31));
    refresh(tx, workspace, from.unwrap_or_default(), to.unwrap_or_default()).await
}

/// The active brands' points in `currency` over `period`, summed by day, source and
/// type: what `repo::points` gives for those brands, read from the roll-up.
pub async fn points(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    currency: &str,
    period: Period,
) -> Result<Vec<MetricPoint>, sqlx::Error> {
    let rows: Vec<PointRow> = sqlx::query_as(
        "SELECT date, source, metric_type, value::float8 AS value FROM metric_rollups
         WHERE workspace_id = $1 AND currency = $2 AND date BETWEEN $3 AND $4",
    )
    .bind(workspace)
    .bind(currency)
    .bind(period.from)
    .bind(period.to)
    .fetch_all(db)
    .await?;
    Ok(into_points(rows))
}
