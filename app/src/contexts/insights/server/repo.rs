//! PostgreSQL operations on seed 001 `insights` and each member's read state
//! (`insight_reads`); every one filters by the caller's `WorkspaceId`. (The thresholds live in the workspace's settings, which the auth
//! context owns: `service::thresholds`.)

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::contexts::insights::rules::Finding;
use crate::contexts::insights::types::{InsightType, Priority};
use crate::kernel::{BrandId, UserId, WorkspaceId};

/// Stores a finding unless the brand already has one of its type for its period.
/// Returns whether it was new.
pub async fn insert(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
    finding: &Finding,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut related = finding.related_data.clone();
    if let Some(map) = related.as_object_mut() {
        map.insert("chart".into(), finding.chart.into());
        map.insert("chart_from".into(), finding.chart_period.from.to_string().into());
        map.insert("chart_to".into(), finding.chart_period.to.to_string().into());
    }
    let done = sqlx::query(
        "INSERT INTO insights (workspace_id, brand_id, insight_type, priority, title, description,
                               action_items, related_data, expires_at, period_start, period_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (brand_id, insight_type, period_start, period_end) DO NOTHING",
    )
    .bind(workspace)
    .bind(brand)
    .bind(finding.kind.as_str())
    .bind(finding.priority.as_str())
    .bind(&finding.title)
    .bind(&finding.description)
    .bind(serde_json::json!(finding.action_items))
    .bind(related)
    .bind(expires_at)
    .bind(finding.period.from)
    .bind(finding.period.to)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Which insights a list shows, as whom (read and dismissed are per person).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub reader: Option<UserId>,
    pub brand: Option<BrandId>,
    pub priority: Option<Priority>,
    pub unread_only: bool,
    /// Expired and dismissed insights too.
    pub include_expired: bool,
}

#[derive(sqlx::FromRow)]
pub struct InsightRow {
    pub id: Uuid,
    pub brand_id: BrandId,
    pub brand_name: String,
    pub insight_type: String,
    pub priority: String,
    pub title: String,
    pub description: String,
    pub action_items: serde_json::Value,
    pub related_data: serde_json::Value,
    /// Read by the reader the list was asked for.
    pub is_read: bool,
    /// Dismissed by that reader (listed only with expired ones).
    pub dismissed: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
}

impl InsightRow {
    pub fn kind(&self) -> Option<InsightType> {
        InsightType::parse(&self.insight_type)
    }
}

/// The insights (`i`) with the reader's own row (`r`); `reader` names the reader's
/// parameter.
fn from(reader: &str) -> String {
    format!("insights i LEFT JOIN insight_reads r ON r.insight_id = i.id AND r.user_id = {reader}")
}

const WHERE: &str = "i.workspace_id = $1
    AND ($2::uuid IS NULL OR i.brand_id = $2)
    AND ($3::text IS NULL OR i.priority = $3)
    AND (NOT $4 OR r.insight_id IS NULL)
    AND ($5 OR ((i.expires_at IS NULL OR i.expires_at > now()) AND r.dismissed_at IS NULL))";

/// Unread first, then by priority, newest first.
pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> Result<Vec<InsightRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT i.id, i.brand_id, b.name AS brand_name, i.insight_type, i.priority, i.title,
                i.description, i.action_items, i.related_data,
                r.insight_id IS NOT NULL AS is_read, r.dismissed_at IS NOT NULL AS dismissed,
                i.created_at, i.expires_at, i.period_start, i.period_end
         FROM {from}
         JOIN brands b ON b.workspace_id = i.workspace_id AND b.id = i.brand_id
         WHERE {WHERE}
         ORDER BY r.insight_id IS NOT NULL,
                  CASE i.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,
                  i.created_at DESC, i.id
         LIMIT $6 OFFSET $7",
        from = from("$8"),
    ))
    .bind(workspace)
    .bind(filter.brand)
    .bind(filter.priority.map(Priority::as_str))
    .bind(filter.unread_only)
    .bind(filter.include_expired)
    .bind(limit)
    .bind(offset)
    .bind(filter.reader)
    .fetch_all(db)
    .await
}

/// How many insights the filter matches, and how many of them the reader has not read.
pub async fn count(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &Filter,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT count(*), count(*) FILTER (WHERE r.insight_id IS NULL)
         FROM {from} WHERE {WHERE}",
        from = from("$6"),
    ))
    .bind(workspace)
    .bind(filter.brand)
    .bind(filter.priority.map(Priority::as_str))
    .bind(filter.unread_only)
    .bind(filter.include_expired)
    .bind(filter.reader)
    .fetch_one(db)
    .await
}

/// What a reader does with an insight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadState {
    Unread,
    Read,
    Dismissed,
}

/// Marks one insight read, unread or dismissed for one reader, and keeps the seed's
/// `insights.is_read` as "someone has read it"; `false` when the workspace has no
/// such insight.
pub async fn set_read_state(
    db: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    reader: UserId,
    id: Uuid,
    state: ReadState,
) -> Result<bool, sqlx::Error> {
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM insights WHERE workspace_id = $1 AND id = $2)",
    )
    .bind(workspace)
    .bind(id)
    .fetch_one(&mut *db)
    .await?;
    if !exists {
        return Ok(false);
    }
    match state {
        ReadState::Unread => {
            sqlx::query(
                "DELETE FROM insight_reads
                 WHERE workspace_id = $1 AND insight_id = $2 AND user_id = $3",
            )
            .bind(workspace)
            .bind(id)
            .bind(reader)
            .execute(&mut *db)
            .await?;
        }
        ReadState::Read | ReadState::Dismissed => {
            sqlx::query(
                "INSERT INTO insight_reads (workspace_id, insight_id, user_id, dismissed_at)
                 VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)
                 ON CONFLICT (insight_id, user_id) DO UPDATE
                 SET dismissed_at = CASE WHEN $4 THEN now() END",
            )
            .bind(workspace)
            .bind(id)
            .bind(reader)
            .bind(state == ReadState::Dismissed)
            .execute(&mut *db)
            .await?;
        }
    }
    sqlx::query(
        "UPDATE insights SET is_read = EXISTS (SELECT 1 FROM insight_reads WHERE insight_id = $2)
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .execute(&mut *db)
    .await?;
    Ok(true)
}

/// The insights the reader has not read or dismissed and that have not expired.
pub async fn count_unread(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    reader: UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM insights i
         WHERE i.workspace_id = $1 AND (i.expires_at IS NULL OR i.expires_at > now())
           AND NOT EXISTS (SELECT 1 FROM insight_reads r
                           WHERE r.insight_id = i.id AND r.user_id = $2)",
    )
    .bind(workspace)
    .bind(reader)
    .fetch_one(db)
    .await
}
