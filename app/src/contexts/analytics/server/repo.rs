//! PostgreSQL operations on seed 001 `metrics`; every one filters by the caller's
//! `WorkspaceId`.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub use crate::contexts::analytics::types::DailyValue;
use crate::contexts::analytics::types::{MetricPoint, MetricType, Source};
use crate::kernel::{BrandId, Period, WorkspaceId};

#[derive(sqlx::FromRow)]
pub(super) struct PointRow {
    date: NaiveDate,
    source: String,
    metric_type: String,
    value: f64,
}

/// The brands' metrics in `period`, summed over brands by day, source and type.
/// Rows from a connection count under its platform; imported rows under "manual".
pub async fn points(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brands: &[BrandId],
    period: Period,
) -> Result<Vec<MetricPoint>, sqlx::Error> {
    let rows: Vec<PointRow> = sqlx::query_as(
        "SELECT m.date, coalesce(c.platform, 'manual') AS source, m.metric_type,
                sum(m.value)::float8 AS value
         FROM metrics m
         LEFT JOIN connections c ON c.workspace_id = m.workspace_id AND c.id = m.connection_id
         WHERE m.workspace_id = $1 AND m.brand_id = ANY($2) AND m.date BETWEEN $3 AND $4
         GROUP BY m.date, coalesce(c.platform, 'manual'), m.metric_type",
    )
    .bind(workspace)
    .bind(brands.iter().map(BrandId::as_uuid).collect::<Vec<_>>())
    .bind(period.from)
    .bind(period.to)
    .fetch_all(db)
    .await?;
    Ok(into_points(rows))
}

/// Rows with a known source and type as points (others are skipped).
pub(super) fn into_points(rows: Vec<PointRow>) -> Vec<MetricPoint> {
    rows.into_iter()
        .filter_map(|r| {
            Some(MetricPoint {
                date: r.date,
                source: Source::parse(&r.source)?,
                metric: MetricType::parse(&r.metric_type)?,
                value: r.value,
            })
        })
        .collect()
}

/// Writes the values of one brand and source (`connection` `None` = imported), each
/// replacing what was stored for that day and type: re-syncing never duplicates.
/// Within one call the last value given for a day and type wins.
pub async fn upsert(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
    connection: Option<Uuid>,
    currency: &str,
    values: &[DailyValue],
) -> Result<u64, sqlx::Error> {
    let dates: Vec<NaiveDate> = values.iter().map(|v| v.date).collect();
    let types: Vec<&str> = values.iter().map(|v| v.metric.as_str()).collect();
    let amounts: Vec<f64> = values.iter().map(|v| v.value).collect();
    let done = sqlx::query(
        "INSERT INTO metrics (workspace_id, brand_id, connection_id, date, metric_type, value, currency)
         SELECT DISTINCT ON (d, t) $1, $2, $3, d, t, round(v::numeric, 2), $4
         FROM unnest($5::date[], $6::text[], $7::float8[]) WITH ORDINALITY AS u (d, t, v, n)
         ORDER BY d, t, n DESC
         ON CONFLICT ON CONSTRAINT metrics_brand_source_day_key
         DO UPDATE SET value = excluded.value, currency = excluded.currency, created_at = now()",
    )
    .bind(workspace)
    .bind(brand)
    .bind(connection)
    .bind(currency)
    .bind(&dates)
    .bind(&types)
    .bind(&amounts)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes every value stored under `connection` (a connection's demo data, before
/// its real data arrives).
pub async fn delete_for_connection(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    connection: Uuid,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM metrics WHERE workspace_id = $1 AND connection_id = $2")
        .bind(workspace)
        .bind(connection)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// When any of the brands' connections last synced, and whether any of them holds
/// the demo's sample data (a read of the integrations context's `connections`, for
/// the dashboard's "last synced" and its sample-data label).
pub async fn last_sync(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brands: &[BrandId],
) -> Result<(Option<chrono::DateTime<chrono::Utc>>, bool), sqlx::Error> {
    sqlx::query_as(
        "SELECT max(last_sync_at),
                coalesce(bool_or(coalesce((metadata ->> 'demo')::boolean, false)), false)
         FROM connections
         WHERE workspace_id = $1 AND kind = 'brand' AND brand_id = ANY($2)",
    )
    .bind(workspace)
    .bind(brands.iter().map(BrandId::as_uuid).collect::<Vec<_>>())
    .fetch_one(db)
    .await
}

/// Whether the workspace has any metrics at all (synced, imported or demo).
pub async fn any_metrics(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM metrics WHERE workspace_id = $1)")
        .bind(workspace)
        .fetch_one(db)
        .await
}

// The "all brands" roll-up (`metric_rollups`): each workspace's daily totals of its
// active brands by currency, source and type, so the all-brands dashboard reads a
// few hundred rows instead of aggregating every brand's. The service refreshes the
// days every write of metrics touched in the same transaction, and rebuilds the
// workspace when a brand is archived, restored or re-priced. Refreshes of one
// workspace take turns (an advisory lock), so two syncs writing at once each see
// the other's committed values.

/// Recomputes the workspace's roll-up for the days `from..=to`.
pub async fn refresh_rollup(
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
pub async fn rebuild_rollup(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
) -> Result<(), sqlx::Error> {
    let (from, to) = (NaiveDate::from_ymd_opt(1900, 1, 1), NaiveDate::from_ymd_opt(2200, 12, 31));
    refresh_rollup(tx, workspace, from.unwrap_or_default(), to.unwrap_or_default()).await
}

/// The active brands' points in `currency` over `period`, summed by day, source and
/// type: what [`points`] gives for those brands, read from the roll-up.
pub async fn rollup_points(
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
