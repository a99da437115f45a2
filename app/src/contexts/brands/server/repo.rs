//! PostgreSQL operations of the brands context; every one filters by the caller's
//! `WorkspaceId`.

use sqlx::PgExecutor;

use crate::contexts::brands::types::Brand;
use crate::kernel::{BrandId, UserId, WorkspaceId};

#[derive(sqlx::FromRow)]
struct BrandRow {
    id: BrandId,
    name: String,
    domain: Option<String>,
    currency: String,
    timezone: String,
    sync_hour: i16,
    archived_at: Option<chrono::DateTime<chrono::Utc>>,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<BrandRow> for Brand {
    fn from(row: BrandRow) -> Self {
        Brand {
            id: row.id,
            name: row.name,
            domain: row.domain.unwrap_or_default(),
            currency: row.currency,
            timezone: row.timezone,
            sync_hour: row.sync_hour,
            archived_at: row.archived_at,
            created_at: row.created_at,
        }
    }
}

const SELECT: &str =
    "SELECT id, name, domain, currency, timezone, sync_hour, archived_at, created_at FROM brands";

/// Active brands first (by name), then archived ones.
pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<Brand>, sqlx::Error> {
    let rows: Vec<BrandRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 ORDER BY archived_at IS NOT NULL, lower(name), id"
    ))
    .bind(workspace)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Brand::from).collect())
}

/// One page of the workspace's brands, in the order of [`list`].
pub async fn list_page(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<Vec<Brand>, sqlx::Error> {
    let rows: Vec<BrandRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 ORDER BY archived_at IS NOT NULL, lower(name), id
         LIMIT $2 OFFSET $3"
    ))
    .bind(workspace)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Brand::from).collect())
}

/// How many brands the workspace has, archived ones included.
pub async fn count_all(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM brands WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(db)
        .await
}

pub async fn find(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<Option<Brand>, sqlx::Error> {
    let row: Option<BrandRow> =
        sqlx::query_as(&format!("{SELECT} WHERE workspace_id = $1 AND id = $2"))
            .bind(workspace)
            .bind(brand)
            .fetch_optional(db)
            .await?;
    Ok(row.map(Brand::from))
}

/// Whether another active brand of the workspace has this name (any case).
pub async fn name_taken(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    name: &str,
    except: Option<BrandId>,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM brands WHERE workspace_id = $1 AND archived_at IS NULL
                        AND lower(name) = lower($2) AND id IS DISTINCT FROM $3)",
    )
    .bind(workspace)
    .bind(name)
    .bind(except)
    .fetch_one(db)
    .await
}

pub async fn count_active(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM brands WHERE workspace_id = $1 AND archived_at IS NULL",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}

pub struct BrandFields<'a> {
    pub name: &'a str,
    pub domain: Option<&'a str>,
    pub currency: &'a str,
    pub timezone: &'a str,
    pub sync_hour: i16,
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    created_by: UserId,
    fields: &BrandFields<'_>,
) -> Result<BrandId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO brands (workspace_id, created_by, name, domain, currency, timezone, sync_hour)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(workspace)
    .bind(created_by)
    .bind(fields.name)
    .bind(fields.domain)
    .bind(fields.currency)
    .bind(fields.timezone)
    .bind(fields.sync_hour)
    .fetch_one(db)
    .await
}

pub async fn update(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
    fields: &BrandFields<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE brands SET name = $3, domain = $4, currency = $5, timezone = $6, sync_hour = $7
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(brand)
    .bind(fields.name)
    .bind(fields.domain)
    .bind(fields.currency)
    .bind(fields.timezone)
    .bind(fields.sync_hour)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Archives (`true`) or restores (`false`) a brand; `false` when it is not found.
pub async fn set_archived(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
    archived: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE brands SET archived_at = CASE WHEN $3 THEN coalesce(archived_at, now()) END
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(brand)
    .bind(archived)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
