//! Every SQL statement of the campaigns context: `campaigns`, `short_links`,
//! `short_link_clicks`. Every query names the workspace, but following a short
//! link, where the code is the key. The campaign page's post counts read the
//! content context's `posts` and `platform_posts` (joined, read-only).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::{CampaignId, PostId, SocialAccountId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CampaignRow {
    pub id: CampaignId,
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    pub start_date: DateTime<Utc>,
    pub end_date: DateTime<Utc>,
    pub budget: Option<f64>,
    pub goals: serde_json::Value,
    pub tags: Vec<String>,
    pub utm_params: serde_json::Value,
    pub target_audience: serde_json::Value,
    pub metrics: serde_json::Value,
}

const SELECT: &str = "SELECT c.id, c.name, c.description, c.status, c.start_date, c.end_date,
        c.budget::float8 AS budget, c.goals, c.tags, c.utm_params, c.target_audience, c.metrics
    FROM campaigns c";

/// What a write sets.
pub struct CampaignWrite<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub status: &'a str,
    pub start_date: DateTime<Utc>,
    pub end_date: DateTime<Utc>,
    pub budget: Option<f64>,
    pub goals: &'a serde_json::Value,
    pub tags: &'a [String],
    pub utm_params: &'a serde_json::Value,
    pub target_audience: &'a serde_json::Value,
    pub metrics: &'a serde_json::Value,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CampaignListRow {
    #[sqlx(flatten)]
    pub campaign: CampaignRow,
    pub posts: i64,
    pub clicks: i64,
}

/// The workspace's campaigns (of `status`, when given), newest start first,
/// with their post and click counts.
pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    status: Option<&str>,
) -> Result<Vec<CampaignListRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.name, c.description, c.status, c.start_date, c.end_date,
                c.budget::float8 AS budget, c.goals, c.tags, c.utm_params, c.target_audience,
                c.metrics,
                (SELECT count(*) FROM posts p
                 WHERE p.workspace_id = c.workspace_id AND p.campaign_id = c.id) AS posts,
                (SELECT coalesce(sum(k.clicks), 0)::int8 FROM short_links l
                 JOIN short_link_clicks k ON k.link_id = l.id
                 WHERE l.workspace_id = c.workspace_id AND l.campaign_id = c.id) AS clicks
         FROM campaigns c
         WHERE c.workspace_id = $1 AND ($2::text IS NULL OR c.status = $2)
         ORDER BY c.start_date DESC, c.name",
    )
    .bind(workspace)
    .bind(status)
    .fetch_all(db)
    .await
}

pub async fn get(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<Option<CampaignRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE c.workspace_id = $1 AND c.id = $2"))
        .bind(workspace)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// (id, name, UTM parameters) of the campaigns a post may join: not completed.
pub async fn choices(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(CampaignId, String, serde_json::Value)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, utm_params FROM campaigns
         WHERE workspace_id = $1 AND status <> 'completed'
         ORDER BY start_date DESC, name",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    w: &CampaignWrite<'_>,
) -> Result<CampaignId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO campaigns (workspace_id, name, description, status, start_date, end_date,
                                budget, goals, tags, utm_params, target_audience, metrics)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(workspace)
    .bind(w.name)
    .bind(w.description)
    .bind(w.status)
    .bind(w.start_date)
    .bind(w.end_date)
    .bind(w.budget)
    .bind(w.goals)
    .bind(w.tags)
    .bind(w.utm_params)
    .bind(w.target_audience)
    .bind(w.metrics)
    .fetch_one(db)
    .await
}

/// False when the workspace has no such campaign.
pub async fn update(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
    w: &CampaignWrite<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaigns SET name = $3, description = $4, status = $5, start_date = $6,
                end_date = $7, budget = $8, goals = $9, tags = $10, utm_params = $11,
                target_audience = $12, metrics = $13, updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(w.name)
    .bind(w.description)
    .bind(w.status)
    .bind(w.start_date)
    .bind(w.end_date)
    .bind(w.budget)
    .bind(w.goals)
    .bind(w.tags)
    .bind(w.utm_params)
    .bind(w.target_audience)
    .bind(w.metrics)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// False when the workspace has no such campaign. Its posts stay, without it.
pub async fn delete(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM campaigns WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// (status, count) of the campaign's posts.
pub async fn posts_by_status(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, count(*) FROM posts WHERE workspace_id = $1 AND campaign_id = $2
         GROUP BY status ORDER BY status",
    )
    .bind(workspace)
    .bind(id)
    .fetch_all(db)
    .await
}

/// (platform, count) of the campaign's posts' targets.
pub async fn targets_by_platform(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.platform, count(*) FROM platform_posts t
         JOIN posts p ON p.workspace_id = t.workspace_id AND p.id = t.post_id
         WHERE p.workspace_id = $1 AND p.campaign_id = $2
         GROUP BY t.platform ORDER BY count(*) DESC, t.platform",
    )
    .bind(workspace)
    .bind(id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CampaignPostRow {
    pub id: PostId,
    pub content: serde_json::Value,
    pub status: String,
    pub at: Option<DateTime<Utc>>,
    pub clicks: i64,
}

/// The campaign's posts, latest first, with their short links' clicks.
pub async fn posts(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<Vec<CampaignPostRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.content, p.status, coalesce(p.published_at, p.scheduled_at) AS at,
                (SELECT coalesce(sum(k.clicks), 0)::int8 FROM short_links l
                 JOIN short_link_clicks k ON k.link_id = l.id
                 WHERE l.workspace_id = p.workspace_id AND l.post_id = p.id) AS clicks
         FROM posts p WHERE p.workspace_id = $1 AND p.campaign_id = $2
         ORDER BY coalesce(p.published_at, p.scheduled_at, p.created_at) DESC, p.id
         LIMIT 200",
    )
    .bind(workspace)
    .bind(id)
    .fetch_all(db)
    .await
}

/// Every click on the campaign's short links.
pub async fn total_clicks(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(k.clicks), 0)::int8 FROM short_link_clicks k
         JOIN short_links l ON l.id = k.link_id
         WHERE l.workspace_id = $1 AND l.campaign_id = $2",
    )
    .bind(workspace)
    .bind(id)
    .fetch_one(db)
    .await
}

/// Clicks per day on the campaign's short links in [from, to].
pub async fn clicks_by_day(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT k.day, sum(k.clicks)::int8 FROM short_link_clicks k
         JOIN short_links l ON l.id = k.link_id
         WHERE l.workspace_id = $1 AND l.campaign_id = $2 AND k.day BETWEEN $3 AND $4
         GROUP BY k.day ORDER BY k.day",
    )
    .bind(workspace)
    .bind(id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// The short link of (post, account, url), made with `code` unless it exists;
/// returns its code.
pub async fn short_link(
    db: &mut PgConnection,
    workspace: WorkspaceId,
    campaign: Option<CampaignId>,
    post: PostId,
    account: SocialAccountId,
    url: &str,
    code: &str,
) -> Result<String, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO short_links (workspace_id, code, campaign_id, post_id, account_id, url)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT short_links_target_url_key
         DO UPDATE SET campaign_id = EXCLUDED.campaign_id
         RETURNING code",
    )
    .bind(workspace)
    .bind(code)
    .bind(campaign)
    .bind(post)
    .bind(account)
    .bind(url)
    .fetch_one(db)
    .await
}

/// The link behind `code`: (id, workspace, address). The code is the key.
pub async fn by_code(
    db: impl PgExecutor<'_>,
    code: &str,
) -> Result<Option<(Uuid, WorkspaceId, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, workspace_id, url FROM short_links WHERE code = $1")
        .bind(code)
        .fetch_optional(db)
        .await
}

pub async fn count_click(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    link: Uuid,
    day: NaiveDate,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO short_link_clicks (workspace_id, link_id, day, clicks) VALUES ($1, $2, $3, 1)
         ON CONFLICT (link_id, day) DO UPDATE SET clicks = short_link_clicks.clicks + 1",
    )
    .bind(workspace)
    .bind(link)
    .bind(day)
    .execute(db)
    .await?;
    Ok(())
}

/// The campaign's short links: (code, address, clicks), most clicked first.
pub async fn links(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: CampaignId,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.code, l.url,
                (SELECT coalesce(sum(k.clicks), 0)::int8 FROM short_link_clicks k
                 WHERE k.link_id = l.id) AS clicks
         FROM short_links l WHERE l.workspace_id = $1 AND l.campaign_id = $2
         ORDER BY clicks DESC, l.created_at LIMIT 100",
    )
    .bind(workspace)
    .bind(id)
    .fetch_all(db)
    .await
}

/// Adds `clicks` to a link's day (the demo's history).
pub async fn add_clicks(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    link_code: &str,
    day: NaiveDate,
    clicks: i32,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO short_link_clicks (workspace_id, link_id, day, clicks)
         SELECT $1, id, $3, $4 FROM short_links WHERE workspace_id = $1 AND code = $2
         ON CONFLICT (link_id, day) DO UPDATE SET clicks = short_link_clicks.clicks + $4",
    )
    .bind(workspace)
    .bind(link_code)
    .bind(day)
    .bind(clicks)
    .execute(db)
    .await?;
    Ok(())
}
