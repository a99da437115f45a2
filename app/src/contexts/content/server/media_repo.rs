//! The media library's SQL (seed 003 `media_assets`, `post_media`): every
//! statement names the workspace.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::kernel::{MediaId, PostId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MediaRow {
    pub id: MediaId,
    #[sqlx(rename = "type")]
    pub kind: String,
    pub filename: String,
    pub size: i64,
    pub dimensions: Option<serde_json::Value>,
    pub duration: Option<i32>,
    pub metadata: serde_json::Value,
    pub tags: Vec<String>,
    pub folder: Option<String>,
    pub created_at: DateTime<Utc>,
    pub used_by: i64,
}

const COLUMNS: &str = "m.id, m.type, m.filename, m.size, m.dimensions, m.duration, m.metadata, \
    m.tags, m.folder, m.created_at, \
    (SELECT count(*) FROM post_media pm WHERE pm.workspace_id = m.workspace_id \
     AND pm.media_id = m.id) AS used_by";

pub struct NewMedia<'a> {
    pub id: MediaId,
    pub kind: &'a str,
    pub url: &'a str,
    pub thumbnail_url: Option<&'a str>,
    pub filename: &'a str,
    pub size: i64,
    pub dimensions: Option<serde_json::Value>,
    pub duration: Option<i32>,
    pub metadata: serde_json::Value,
    pub tags: &'a [String],
    pub folder: Option<&'a str>,
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    m: &NewMedia<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO media_assets (id, workspace_id, type, url, thumbnail_url, filename, size,
                                   dimensions, duration, metadata, tags, folder)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(m.id)
    .bind(workspace)
    .bind(m.kind)
    .bind(m.url)
    .bind(m.thumbnail_url)
    .bind(m.filename)
    .bind(m.size)
    .bind(&m.dimensions)
    .bind(m.duration)
    .bind(&m.metadata)
    .bind(m.tags)
    .bind(m.folder)
    .execute(db)
    .await?;
    Ok(())
}

/// What the library lists: by kind, folder and a word of the name or a tag.
pub struct Filter<'a> {
    pub kind: Option<&'a str>,
    pub folder: Option<&'a str>,
    pub q: Option<&'a str>,
}

const WHERE: &str = "WHERE m.workspace_id = $1
    AND ($2::text IS NULL OR m.type = $2)
    AND ($3::text IS NULL OR m.folder = $3)
    AND ($4::text IS NULL OR m.filename ILIKE '%' || $4 || '%'
         OR EXISTS (SELECT 1 FROM unnest(m.tags) t WHERE t ILIKE $4))";

pub async fn list(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    f: &Filter<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<MediaRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM media_assets m {WHERE}
         ORDER BY m.created_at DESC, m.id LIMIT $5 OFFSET $6"
    ))
    .bind(workspace)
    .bind(f.kind)
    .bind(f.folder)
    .bind(f.q.map(|q| q.replace(['%', '_', '\\'], "")))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    f: &Filter<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT count(*) FROM media_assets m {WHERE}"))
        .bind(workspace)
        .bind(f.kind)
        .bind(f.folder)
        .bind(f.q.map(|q| q.replace(['%', '_', '\\'], "")))
        .fetch_one(db)
        .await
}

pub async fn folders(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT folder FROM media_assets
         WHERE workspace_id = $1 AND folder IS NOT NULL ORDER BY folder",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

pub async fn find(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: MediaId,
) -> Result<Option<MediaRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM media_assets m WHERE m.workspace_id = $1 AND m.id = $2"
    ))
    .bind(workspace)
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn update(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: MediaId,
    tags: &[String],
    folder: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE media_assets SET tags = $3, folder = $4, updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(tags)
    .bind(folder)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the row (its uses in posts go with it); false when there is none.
pub async fn delete(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: MediaId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM media_assets WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The post's media in order.
pub async fn of_post(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Vec<MediaRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM post_media p JOIN media_assets m
           ON m.workspace_id = p.workspace_id AND m.id = p.media_id
         WHERE p.workspace_id = $1 AND p.post_id = $2 ORDER BY p.position, m.created_at"
    ))
    .bind(workspace)
    .bind(post)
    .fetch_all(db)
    .await
}

/// The first file with a thumbnail of each of `posts` (the calendar's picture).
pub async fn first_thumbnails(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    posts: &[PostId],
) -> Result<Vec<(PostId, MediaId)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT ON (p.post_id) p.post_id, m.id FROM post_media p JOIN media_assets m
           ON m.workspace_id = p.workspace_id AND m.id = p.media_id
         WHERE p.workspace_id = $1 AND p.post_id = ANY($2) AND m.metadata ? 'thumbnail'
         ORDER BY p.post_id, p.position",
    )
    .bind(workspace)
    .bind(posts)
    .fetch_all(db)
    .await
}

/// Replaces the post's media with `media`, in that order (ids of another
/// workspace fail the composite foreign key).
pub async fn set_post_media(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    post: PostId,
    media: &[MediaId],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM post_media WHERE workspace_id = $1 AND post_id = $2")
        .bind(workspace)
        .bind(post)
        .execute(&mut *tx)
        .await?;
    for (position, id) in media.iter().enumerate() {
        sqlx::query(
            "INSERT INTO post_media (workspace_id, post_id, media_id, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(workspace)
        .bind(post)
        .bind(id)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Attaches the file named `filename` to every post whose text mentions `topic`
/// (the demo's pictures), first among its files.
pub async fn attach_to_posts_about(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    filename: &str,
    topic: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO post_media (workspace_id, post_id, media_id, position)
         SELECT p.workspace_id, p.id, m.id, 0
         FROM posts p JOIN media_assets m ON m.workspace_id = p.workspace_id
         WHERE p.workspace_id = $1 AND m.filename = $2 AND p.content->>'text' ILIKE $3
         ON CONFLICT DO NOTHING",
    )
    .bind(workspace)
    .bind(filename)
    .bind(format!("%{}%", topic.replace(['%', '_', '\\'], "")))
    .execute(db)
    .await?;
    Ok(())
}
