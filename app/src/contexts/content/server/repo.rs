//! Every SQL statement of the content context: posts (seed 003 `posts`), their
//! targets (`platform_posts`) and attached media (`post_media`). Every query names
//! the workspace. Reads for display join `users` (the author's name) and
//! `social_accounts` (a target's account), owned by auth and integrations.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::kernel::{CampaignId, PostId, SocialAccountId, UserId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: PostId,
    pub author_id: Option<UserId>,
    pub author: Option<String>,
    pub content: serde_json::Value,
    pub status: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
    pub ai_metadata: Option<serde_json::Value>,
    /// The version its approval chain last approved.
    pub approved_version: Option<String>,
    pub campaign_id: Option<CampaignId>,
    /// Its links go out as short links.
    pub shorten_links: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TargetRow {
    pub post_id: PostId,
    pub account_id: SocialAccountId,
    pub platform: String,
    pub account_name: String,
    pub custom_content: Option<serde_json::Value>,
    pub publish_status: String,
    pub error: Option<String>,
    pub platform_post_id: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub permalink: Option<String>,
    pub unconfirmed: bool,
    pub first_comment_error: Option<String>,
}

const POST_SELECT: &str = "SELECT p.id, p.author_id, coalesce(u.name, u.email) AS author,
        p.content, p.status, p.scheduled_at, p.published_at, p.tags, p.updated_at,
        CASE WHEN p.ai_generated THEN coalesce(p.ai_metadata, '{}') END AS ai_metadata,
        p.approved_version, p.campaign_id, p.shorten_links
     FROM posts p LEFT JOIN users u ON u.id = p.author_id";

/// A post's fields as written by the composer.
pub struct PostWrite<'a> {
    pub content: &'a serde_json::Value,
    pub status: &'a str,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub tags: &'a [String],
    /// Set when AI wrote (part of) it this time: how (`ai_metadata`). Once drafted
    /// with AI, a post stays marked so.
    pub ai: Option<&'a serde_json::Value>,
    pub campaign: Option<CampaignId>,
    pub shorten_links: bool,
}

pub async fn insert_post(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    author: UserId,
    post: &PostWrite<'_>,
) -> Result<PostId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO posts (workspace_id, author_id, content, status, scheduled_at, tags,
                            ai_generated, ai_metadata, campaign_id, shorten_links)
         VALUES ($1, $2, $3, $4, $5, $6, $7 IS NOT NULL, $7, $8, $9) RETURNING id",
    )
    .bind(workspace)
    .bind(author)
    .bind(post.content)
    .bind(post.status)
    .bind(post.scheduled_at)
    .bind(post.tags)
    .bind(post.ai)
    .bind(post.campaign)
    .bind(post.shorten_links)
    .fetch_one(db)
    .await
}

/// Rewrites an editable post; false when the workspace has no such post or it is
/// no longer editable (publishing, published, archived).
pub async fn update_post(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
    post: &PostWrite<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE posts SET content = $3, status = $4, scheduled_at = $5, tags = $6,
                          ai_generated = ai_generated OR $7 IS NOT NULL,
                          ai_metadata = coalesce($7, ai_metadata), campaign_id = $8,
                          shorten_links = $9, updated_at = now()
         WHERE workspace_id = $1 AND id = $2
           AND status IN ('draft', 'pending_approval', 'approved', 'scheduled', 'failed')",
    )
    .bind(workspace)
    .bind(id)
    .bind(post.content)
    .bind(post.status)
    .bind(post.scheduled_at)
    .bind(post.tags)
    .bind(post.ai)
    .bind(post.campaign)
    .bind(post.shorten_links)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes the post's targets exactly `targets` (account, platform, overrides):
/// new ones are added pending, kept ones take the new overrides and start again
/// from pending unless published, dropped ones are removed.
pub async fn set_targets(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    post: PostId,
    targets: &[(SocialAccountId, &str, serde_json::Value)],
) -> Result<(), sqlx::Error> {
    let accounts: Vec<SocialAccountId> = targets.iter().map(|t| t.0).collect();
    sqlx::query(
        "DELETE FROM platform_posts
         WHERE workspace_id = $1 AND post_id = $2 AND NOT (account_id = ANY($3))",
    )
    .bind(workspace)
    .bind(post)
    .bind(&accounts)
    .execute(&mut *tx)
    .await?;
    for (account, platform, overrides) in targets {
        sqlx::query(
            "INSERT INTO platform_posts (workspace_id, post_id, account_id, platform, custom_content)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT ON CONSTRAINT platform_posts_post_account_key DO UPDATE
             SET custom_content = EXCLUDED.custom_content,
                 publish_status = CASE WHEN platform_posts.publish_status = 'published'
                                       THEN 'published' ELSE 'pending' END,
                 error = CASE WHEN platform_posts.publish_status = 'published'
                              THEN platform_posts.error END,
                 unconfirmed = false,
                 updated_at = now()",
        )
        .bind(workspace)
        .bind(post)
        .bind(account)
        .bind(platform)
        .bind(overrides)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

pub async fn post(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
) -> Result<Option<PostRow>, sqlx::Error> {
    sqlx::query_as(&format!("{POST_SELECT} WHERE p.workspace_id = $1 AND p.id = $2"))
        .bind(workspace)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The post, locked until the transaction ends: whatever changes its approval
/// (a decision, an edit, the deadline) takes this lock first, so they happen one
/// after the other.
pub async fn lock_post(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
) -> Result<Option<PostRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{POST_SELECT} WHERE p.workspace_id = $1 AND p.id = $2 FOR UPDATE OF p"
    ))
    .bind(workspace)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The workspace's posts among `ids` (in no particular order).
pub async fn by_ids(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    ids: &[PostId],
) -> Result<Vec<PostRow>, sqlx::Error> {
    sqlx::query_as(&format!("{POST_SELECT} WHERE p.workspace_id = $1 AND p.id = ANY($2)"))
        .bind(workspace)
        .bind(ids)
        .fetch_all(db)
        .await
}

/// Sets a post's status after an approval step, and the version its chain
/// approved when it was approved.
pub async fn set_approval_state(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
    status: &str,
    approved_version: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE posts SET status = $3, approved_version = coalesce($4, approved_version),
                          updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(status)
    .bind(approved_version)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub author_id: Option<UserId>,
    pub author: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_comment(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
    author: UserId,
    body: &str,
    mentions: &[UserId],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO post_comments (workspace_id, post_id, author_id, body, mentions)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(workspace)
    .bind(post)
    .bind(author)
    .bind(body)
    .bind(mentions)
    .execute(db)
    .await?;
    Ok(())
}

/// A post's comments, oldest first.
pub async fn comments(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.author_id, coalesce(u.name, u.email) AS author, c.body, c.created_at
         FROM post_comments c LEFT JOIN users u ON u.id = c.author_id
         WHERE c.workspace_id = $1 AND c.post_id = $2
         ORDER BY c.created_at, c.id",
    )
    .bind(workspace)
    .bind(post)
    .fetch_all(db)
    .await
}

/// The targets of `posts`, by post then platform.
pub async fn targets(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    posts: &[PostId],
) -> Result<Vec<TargetRow>, sqlx::Error> {
    sqlx::query_as(
        // The account's name as a lookup per row, not a join: with a month of
        // posts, a join let the planner walk every target of every account.
        "SELECT t.post_id, t.account_id, t.platform,
                (SELECT a.display_name FROM social_accounts a
                 WHERE a.workspace_id = t.workspace_id AND a.id = t.account_id) AS account_name,
                t.custom_content, t.publish_status, t.error, t.platform_post_id, t.published_at,
                t.permalink, t.unconfirmed, t.first_comment_error
         FROM platform_posts t
         WHERE t.workspace_id = $1 AND t.post_id = ANY($2)
         ORDER BY t.post_id, t.platform, t.account_id",
    )
    .bind(workspace)
    .bind(posts)
    .fetch_all(db)
    .await
}

/// The posts list's filters as the database takes them (`None`: any).
#[derive(Debug, Default)]
pub struct ListFilter {
    pub status: Option<String>,
    pub account: Option<SocialAccountId>,
    pub tag: Option<String>,
    pub author: Option<UserId>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub campaign: Option<CampaignId>,
}

/// A post's date on the list and calendar: when it went out, else when it is due,
/// else when it was written.
const POST_DATE: &str = "coalesce(p.published_at, p.scheduled_at, p.created_at)";

const LIST_WHERE: &str = "p.workspace_id = $1
       AND ($2::text IS NULL OR p.status = $2)
       AND ($3::uuid IS NULL OR EXISTS (
             SELECT 1 FROM platform_posts t
             WHERE t.workspace_id = p.workspace_id AND t.post_id = p.id AND t.account_id = $3))
       AND ($4::text IS NULL OR $4 = ANY(p.tags))
       AND ($5::uuid IS NULL OR p.author_id = $5)
       AND ($8::uuid IS NULL OR p.campaign_id = $8)";

fn bind_filter<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments>,
    workspace: WorkspaceId,
    filter: &'q ListFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments> {
    query
        .bind(workspace)
        .bind(filter.status.as_deref())
        .bind(filter.account)
        .bind(filter.tag.as_deref())
        .bind(filter.author)
        .bind(filter.from)
        .bind(filter.until)
        .bind(filter.campaign)
}

/// One page of the posts `filter` matches, newest date first, and how many match.
pub async fn list(
    db: &sqlx::PgPool,
    workspace: WorkspaceId,
    filter: &ListFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PostRow>, i64), sqlx::Error> {
    let range = format!(
        "AND ($6::timestamptz IS NULL OR {POST_DATE} >= $6)
         AND ($7::timestamptz IS NULL OR {POST_DATE} < $7)"
    );
    let rows_sql = format!(
        "{POST_SELECT} WHERE {LIST_WHERE} {range}
         ORDER BY {POST_DATE} DESC, p.id LIMIT $9 OFFSET $10"
    );
    let count_sql = format!("SELECT count(*) FROM posts p WHERE {LIST_WHERE} {range}");
    let rows = bind_filter(sqlx::query_as::<_, PostRow>(&rows_sql), workspace, filter)
        .bind(limit)
        .bind(offset);
    let count = bind_filter(sqlx::query_as::<_, (i64,)>(&count_sql), workspace, filter);
    let (rows, (total,)) = tokio::try_join!(rows.fetch_all(db), count.fetch_one(db))?;
    Ok((rows, total))
}

/// The posts due or published in [from, until), for the calendar, oldest first.
pub async fn in_range(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filter: &ListFilter,
) -> Result<Vec<PostRow>, sqlx::Error> {
    bind_filter(
        sqlx::query_as::<_, PostRow>(&format!(
            "{POST_SELECT} WHERE {LIST_WHERE}
               AND p.status <> 'archived'
               AND coalesce(p.published_at, p.scheduled_at) >= $6
               AND coalesce(p.published_at, p.scheduled_at) < $7
             ORDER BY coalesce(p.published_at, p.scheduled_at), p.id"
        )),
        workspace,
        filter,
    )
    .fetch_all(db)
    .await
}

/// The tags used on the workspace's latest 2,000 posts, for the filter (every
/// post's, over 100,000 posts, took 32 ms; these take 2: docs/performance.md).
pub async fn tags(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT tag FROM (SELECT unnest(p.tags) AS tag FROM posts p WHERE p.workspace_id = $1
                          ORDER BY {POST_DATE} DESC LIMIT 2000) t
         GROUP BY tag ORDER BY tag"
    ))
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// Moves a post that is not yet out to `at` (scheduled); false when the workspace
/// has no such post or it has been published (or is being published).
pub async fn reschedule(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE posts SET scheduled_at = $3, updated_at = now()
         WHERE workspace_id = $1 AND id = $2
           AND status IN ('draft', 'pending_approval', 'approved', 'scheduled', 'failed')",
    )
    .bind(workspace)
    .bind(id)
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_status(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
    status: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE posts SET status = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(status)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a draft (only drafts: anything scheduled or sent keeps its history).
pub async fn delete_draft(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("DELETE FROM posts WHERE workspace_id = $1 AND id = $2 AND status = 'draft'")
            .bind(workspace)
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A new draft with the post's content, tags, targets (pending, with their
/// overrides) and media, written by `author`; `None` when there is no such post.
pub async fn duplicate(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    id: PostId,
    author: UserId,
) -> Result<Option<PostId>, sqlx::Error> {
    let copy: Option<PostId> = sqlx::query_scalar(
        "INSERT INTO posts (workspace_id, author_id, content, status, campaign_id, tags,
                            ai_generated, ai_metadata)
         SELECT workspace_id, $3, content, 'draft', campaign_id, tags, ai_generated, ai_metadata
         FROM posts WHERE workspace_id = $1 AND id = $2
         RETURNING id",
    )
    .bind(workspace)
    .bind(id)
    .bind(author)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(copy) = copy else { return Ok(None) };
    sqlx::query(
        "INSERT INTO platform_posts (workspace_id, post_id, account_id, platform, custom_content)
         SELECT workspace_id, $3, account_id, platform, custom_content
         FROM platform_posts WHERE workspace_id = $1 AND post_id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(copy)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO post_media (workspace_id, post_id, media_id, position)
         SELECT workspace_id, $3, media_id, position
         FROM post_media WHERE workspace_id = $1 AND post_id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(copy)
    .execute(&mut *tx)
    .await?;
    Ok(Some(copy))
}

/// For Home: the workspace's failed posts and those due in the next seven days.
pub async fn attention_counts(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status = 'failed'),
                count(*) FILTER (WHERE status = 'scheduled'
                                   AND scheduled_at >= now()
                                   AND scheduled_at < now() + interval '7 days')
         FROM posts WHERE workspace_id = $1",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}

/// How a target went.
#[derive(Default)]
pub struct TargetOutcome<'a> {
    pub status: &'a str,
    pub error: Option<&'a str>,
    pub platform_post_id: Option<&'a str>,
    pub published_at: Option<DateTime<Utc>>,
    pub permalink: Option<&'a str>,
    pub unconfirmed: bool,
    pub first_comment_error: Option<&'a str>,
}

/// Records a target's outcome (the demo's posts; the publisher's results).
pub async fn set_target_outcome(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
    account: SocialAccountId,
    outcome: &TargetOutcome<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE platform_posts
         SET publish_status = $4, error = $5, platform_post_id = $6, published_at = $7,
             permalink = $8, unconfirmed = $9, first_comment_error = $10, updated_at = now()
         WHERE workspace_id = $1 AND post_id = $2 AND account_id = $3",
    )
    .bind(workspace)
    .bind(post)
    .bind(account)
    .bind(outcome.status)
    .bind(outcome.error)
    .bind(outcome.platform_post_id)
    .bind(outcome.published_at)
    .bind(outcome.permalink)
    .bind(outcome.unconfirmed)
    .bind(outcome.first_comment_error)
    .execute(db)
    .await?;
    Ok(())
}

/// Sets `published_at` on a post (the demo's published posts).
pub async fn set_published_at(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: PostId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE posts SET published_at = $3 WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

/// When the account's other posts went out (and, with `scheduled_too`, are due)
/// between `from` and `to`, ascending: what its rolling daily limit counts.
pub async fn account_post_times(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    except: PostId,
    scheduled_too: bool,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT at FROM (
             SELECT CASE WHEN t.publish_status = 'published' THEN t.published_at
                         WHEN $4 AND p.status = 'scheduled' THEN p.scheduled_at END AS at
             FROM platform_posts t
             JOIN posts p ON p.workspace_id = t.workspace_id AND p.id = t.post_id
             WHERE t.workspace_id = $1 AND t.account_id = $2 AND t.post_id <> $3
         ) times
         WHERE at > $5 AND at <= $6 ORDER BY at",
    )
    .bind(workspace)
    .bind(account)
    .bind(except)
    .bind(scheduled_too)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// A published target as engagement metrics measure it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublishedTarget {
    pub post_id: PostId,
    pub account_id: SocialAccountId,
    pub platform: String,
    pub platform_post_id: String,
    pub published_at: DateTime<Utc>,
    pub campaign_id: Option<CampaignId>,
}

/// The workspace's targets published since `since` that carry the platform's
/// id, oldest first.
pub async fn published_targets(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    since: DateTime<Utc>,
) -> Result<Vec<PublishedTarget>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.post_id, t.account_id, t.platform, t.platform_post_id, t.published_at,
                p.campaign_id
         FROM platform_posts t
         JOIN posts p ON p.workspace_id = t.workspace_id AND p.id = t.post_id
         WHERE t.workspace_id = $1 AND t.publish_status = 'published'
           AND t.platform_post_id IS NOT NULL AND t.published_at >= $2
         ORDER BY t.published_at",
    )
    .bind(workspace)
    .bind(since)
    .fetch_all(db)
    .await
}

/// The text of each of `ids` (its main text).
pub async fn texts(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    ids: &[PostId],
) -> Result<Vec<(PostId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, coalesce(content->>'text', '') FROM posts
         WHERE workspace_id = $1 AND id = ANY($2)",
    )
    .bind(workspace)
    .bind(ids)
    .fetch_all(db)
    .await
}

/// The post published to `account` as the platform's `platform_post_id`.
pub async fn post_by_platform_id(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    platform_post_id: &str,
) -> Result<Option<PostId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT post_id FROM platform_posts
         WHERE workspace_id = $1 AND account_id = $2 AND platform_post_id = $3",
    )
    .bind(workspace)
    .bind(account)
    .bind(platform_post_id)
    .fetch_optional(db)
    .await
}

/// Claims a target for publishing: pending (or failed, on a retry) becomes
/// publishing. False when it is published, already being published, or unconfirmed.
pub async fn start_target(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
    account: SocialAccountId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE platform_posts SET publish_status = 'publishing', updated_at = now()
         WHERE workspace_id = $1 AND post_id = $2 AND account_id = $3
           AND publish_status IN ('pending', 'failed') AND NOT unconfirmed",
    )
    .bind(workspace)
    .bind(post)
    .bind(account)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets the post's status from its targets: every one out → published (at the
/// first target's time); any still pending or publishing → publishing; else, with
/// a failure → failed. Returns the new status.
pub async fn roll_up(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "WITH t AS (
             SELECT count(*) AS all_targets,
                    count(*) FILTER (WHERE publish_status = 'published') AS out,
                    count(*) FILTER (WHERE publish_status IN ('pending', 'publishing')) AS open,
                    min(published_at) AS first_out
             FROM platform_posts WHERE workspace_id = $1 AND post_id = $2)
         UPDATE posts p
         SET status = CASE
                 WHEN t.all_targets > 0 AND t.out = t.all_targets THEN 'published'
                 WHEN t.open > 0 THEN 'publishing'
                 ELSE 'failed' END,
             published_at = coalesce(p.published_at, t.first_out),
             updated_at = now()
         FROM t
         WHERE p.workspace_id = $1 AND p.id = $2
         RETURNING p.status",
    )
    .bind(workspace)
    .bind(post)
    .fetch_optional(db)
    .await
}
