//! The `approvals` table: one row per approver, level and round of a subject.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::{PostId, UserId, WorkflowId, WorkspaceId};

/// What a row approves: a post, or a reply waiting in the inbox (a
/// `messages` row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Post(PostId),
    Reply(Uuid),
}

impl Subject {
    /// The column naming it.
    fn column(self) -> &'static str {
        match self {
            Subject::Post(_) => "post_id",
            Subject::Reply(_) => "message_id",
        }
    }

    fn id(self) -> Uuid {
        match self {
            Subject::Post(id) => id.as_uuid(),
            Subject::Reply(id) => id,
        }
    }

    /// The subject in words: "post", "reply".
    pub fn noun(self) -> &'static str {
        match self {
            Subject::Post(_) => "post",
            Subject::Reply(_) => "reply",
        }
    }
}

impl From<PostId> for Subject {
    fn from(post: PostId) -> Self {
        Subject::Post(post)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApprovalRow {
    pub id: Uuid,
    pub post_id: Option<PostId>,
    pub message_id: Option<Uuid>,
    /// The member; `None` for an external approver's decision (`link_id`).
    pub approver_id: Option<UserId>,
    pub link_id: Option<Uuid>,
    pub status: String,
    pub comments: Option<String>,
    pub level: i32,
    pub round: i32,
    pub mode: String,
    pub version: String,
    pub workflow_id: Option<WorkflowId>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Who sent the post in this round (never its approver).
    pub submitted_by: Option<UserId>,
}

const SELECT: &str =
    "SELECT id, post_id, message_id, approver_id, link_id, status, comments, level, round, mode,
        version, workflow_id, created_at, decided_at, submitted_by
    FROM approvals";

/// One level's rows for its approvers.
pub struct NewLevel<'a> {
    pub workflow: Option<WorkflowId>,
    pub round: i32,
    pub level: i32,
    pub mode: &'a str,
    pub version: &'a str,
    pub submitted_by: Option<UserId>,
}

pub async fn insert_level(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    level: &NewLevel<'_>,
    approvers: &[UserId],
) -> Result<(), sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query(&format!(
        "INSERT INTO approvals (workspace_id, {column}, approver_id, workflow_id, round, level,
                                mode, version, submitted_by)
         SELECT $1, $2, a, $4, $5, $6, $7, $8, $9 FROM unnest($3::uuid[]) AS a"
    ))
    .bind(workspace)
    .bind(subject.id())
    .bind(approvers)
    .bind(level.workflow)
    .bind(level.round)
    .bind(level.level)
    .bind(level.mode)
    .bind(level.version)
    .bind(level.submitted_by)
    .execute(tx)
    .await?;
    Ok(())
}

/// The subject's highest round so far (0 before its first).
pub async fn last_round(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<i32, sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query_scalar(&format!(
        "SELECT coalesce(max(round), 0) FROM approvals WHERE workspace_id = $1 AND {column} = $2"
    ))
    .bind(workspace)
    .bind(subject.id())
    .fetch_one(db)
    .await
}

/// The rows still waiting on the subject (all of one round and level).
pub async fn open_rows(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND {column} = $2 AND status = 'pending'
         ORDER BY created_at, id"
    ))
    .bind(workspace)
    .bind(subject.id())
    .fetch_all(db)
    .await
}

/// Every row of one level of one round, locked until the transaction ends, so two
/// approvers deciding at once see each other's decision.
pub async fn lock_level(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    round: i32,
    level: i32,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND {column} = $2 AND round = $3 AND level = $4
         ORDER BY created_at, id FOR UPDATE"
    ))
    .bind(workspace)
    .bind(subject.id())
    .bind(round)
    .bind(level)
    .fetch_all(tx)
    .await
}

/// Records a decision on a row still waiting; false when it was no longer waiting.
pub async fn decide(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    id: Uuid,
    status: &str,
    comment: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE approvals
         SET status = $3, comments = $4, decided_at = now(),
             approved_at = CASE WHEN $3 = 'approved' THEN now() END
         WHERE workspace_id = $1 AND id = $2 AND status = 'pending'",
    )
    .bind(workspace)
    .bind(id)
    .bind(status)
    .bind(comment)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes every row still waiting on the subject as `status` (superseded or
/// expired); returns whose they were.
pub async fn close_open(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    status: &str,
) -> Result<Vec<UserId>, sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query_scalar(&format!(
        "UPDATE approvals SET status = $3, decided_at = now()
         WHERE workspace_id = $1 AND {column} = $2 AND status = 'pending'
         RETURNING approver_id"
    ))
    .bind(workspace)
    .bind(subject.id())
    .bind(status)
    .fetch_all(tx)
    .await
    .map(|ids: Vec<Option<UserId>>| ids.into_iter().flatten().collect())
}

/// Records an external approver's decision on the subject's current round and
/// level (it waits on nobody: the link's holder may speak while the level is open).
pub async fn insert_external(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    link: Uuid,
    open: &ApprovalRow,
    status: &str,
    comment: Option<&str>,
) -> Result<(), sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query(&format!(
        "INSERT INTO approvals (workspace_id, {column}, link_id, workflow_id, round, level, mode,
                                version, status, comments, decided_at, approved_at,
                                submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(),
                 CASE WHEN $9 = 'approved' THEN now() END, $11)"
    ))
    .bind(workspace)
    .bind(subject.id())
    .bind(link)
    .bind(open.workflow_id)
    .bind(open.round)
    .bind(open.level)
    .bind(&open.mode)
    .bind(&open.version)
    .bind(status)
    .bind(comment)
    .bind(open.submitted_by)
    .execute(tx)
    .await?;
    Ok(())
}

/// Every row of the subject, oldest first: its history.
pub async fn history(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    let subject = subject.into();
    let column = subject.column();
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND {column} = $2 ORDER BY round, level, created_at, id"
    ))
    .bind(workspace)
    .bind(subject.id())
    .fetch_all(db)
    .await
}

/// The rows waiting on `user`, oldest first.
pub async fn waiting_for(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND approver_id = $2 AND status = 'pending'
           AND post_id IS NOT NULL
         ORDER BY created_at, id"
    ))
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn count_waiting(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM approvals
         WHERE workspace_id = $1 AND approver_id = $2 AND status = 'pending'
           AND post_id IS NOT NULL",
    )
    .bind(workspace)
    .bind(user)
    .fetch_one(db)
    .await
}

/// The workspace's latest decisions (approved, rejected, changes requested),
/// newest first.
pub async fn decisions(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE workspace_id = $1 AND post_id IS NOT NULL
           AND status IN ('approved', 'rejected', 'changes_requested', 'expired')
         ORDER BY decided_at DESC, id LIMIT $2 OFFSET $3"
    ))
    .bind(workspace)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count_decisions(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM approvals WHERE workspace_id = $1 AND post_id IS NOT NULL
           AND status IN ('approved', 'rejected', 'changes_requested', 'expired')",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}

// ---- External approvers' links ---------------------------------------------------

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkRow {
    pub id: Uuid,
    pub workspace_id: WorkspaceId,
    pub email: String,
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const LINK_SELECT: &str =
    "SELECT id, workspace_id, email, name, created_at, expires_at, revoked_at FROM approval_links";

/// Revokes the workspace's live links to `email` (a newer one replaces them) and
/// returns the posts they shared.
pub async fn revoke_links_to(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    email: &str,
) -> Result<Vec<PostId>, sqlx::Error> {
    sqlx::query_scalar(
        "WITH revoked AS (
             UPDATE approval_links SET revoked_at = now()
             WHERE workspace_id = $1 AND lower(email) = lower($2)
               AND revoked_at IS NULL AND expires_at > now()
             RETURNING id)
         SELECT DISTINCT p.post_id FROM approval_link_posts p JOIN revoked r ON r.id = p.link_id
         WHERE p.workspace_id = $1",
    )
    .bind(workspace)
    .bind(email)
    .fetch_all(tx)
    .await
}

pub struct NewLink<'a> {
    pub email: &'a str,
    pub name: Option<&'a str>,
    pub token_hash: &'a str,
    pub created_by: UserId,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_link(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    link: &NewLink<'_>,
    posts: &[PostId],
) -> Result<Uuid, sqlx::Error> {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO approval_links (workspace_id, email, name, token_hash, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(workspace)
    .bind(link.email)
    .bind(link.name)
    .bind(link.token_hash)
    .bind(link.created_by)
    .bind(link.expires_at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO approval_link_posts (workspace_id, link_id, post_id)
         SELECT $1, $2, p FROM unnest($3::uuid[]) AS p ON CONFLICT DO NOTHING",
    )
    .bind(workspace)
    .bind(id)
    .bind(posts)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

/// The link with this token's hash, whatever its state (the caller says why it
/// no longer works). This is the one query without a workspace: the token is
/// the capability, and it names the workspace.
pub async fn link_by_hash(
    db: impl PgExecutor<'_>,
    token_hash: &str,
) -> Result<Option<LinkRow>, sqlx::Error> {
    sqlx::query_as(&format!("{LINK_SELECT} WHERE token_hash = $1"))
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub async fn touch_link(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    link: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE approval_links SET last_used_at = now() WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(link)
    .execute(db)
    .await?;
    Ok(())
}

/// The posts a link shares, in the order they were shared.
pub async fn link_posts(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    link: Uuid,
) -> Result<Vec<PostId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT post_id FROM approval_link_posts WHERE workspace_id = $1 AND link_id = $2
         ORDER BY post_id",
    )
    .bind(workspace)
    .bind(link)
    .fetch_all(db)
    .await
}

/// The workspace's links that share `post` and still work: who it is shared with.
pub async fn live_links_of_post(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Vec<LinkRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id, l.workspace_id, l.email, l.name, l.created_at, l.expires_at, l.revoked_at
         FROM approval_links l JOIN approval_link_posts p ON p.link_id = l.id
         WHERE l.workspace_id = $1 AND p.post_id = $2 AND l.revoked_at IS NULL
           AND l.expires_at > now()
         ORDER BY l.created_at",
    )
    .bind(workspace)
    .bind(post)
    .fetch_all(db)
    .await
}

/// Stops `link` sharing `post`; a link left sharing nothing is revoked. False
/// when the workspace has no live link sharing it.
pub async fn unshare(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    link: Uuid,
    post: PostId,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query(
        "DELETE FROM approval_link_posts p USING approval_links l
         WHERE p.workspace_id = $1 AND p.link_id = $2 AND p.post_id = $3
           AND l.workspace_id = $1 AND l.id = p.link_id
           AND l.revoked_at IS NULL AND l.expires_at > now()",
    )
    .bind(workspace)
    .bind(link)
    .bind(post)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE approval_links l SET revoked_at = now()
         WHERE l.workspace_id = $1 AND l.id = $2 AND NOT EXISTS (
             SELECT 1 FROM approval_link_posts p WHERE p.workspace_id = $1 AND p.link_id = $2)",
    )
    .bind(workspace)
    .bind(link)
    .execute(&mut *tx)
    .await?;
    Ok(true)
}

/// The names of the workspace's links (name, else email), for histories.
pub async fn link_names(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, coalesce(name, email) FROM approval_links WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_all(db)
        .await
}

/// Records a try with an unknown token from `ip`; returns how many there were
/// from it in the last `minutes` (this one included).
pub async fn record_failure(pg: &sqlx::PgPool, ip: &str, minutes: i32) -> Result<i64, sqlx::Error> {
    sqlx::query("DELETE FROM approval_link_failures WHERE created_at < now() - interval '1 day'")
        .execute(pg)
        .await?;
    sqlx::query("INSERT INTO approval_link_failures (ip) VALUES ($1)").bind(ip).execute(pg).await?;
    sqlx::query_scalar(
        "SELECT count(*) FROM approval_link_failures
         WHERE ip = $1 AND created_at > now() - make_interval(mins => $2)",
    )
    .bind(ip)
    .bind(minutes)
    .fetch_one(pg)
    .await
}

// ---- Reminders -------------------------------------------------------------------

/// A member's approval waiting since `created_at`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitingRow {
    pub id: Uuid,
    pub post_id: PostId,
    pub approver_id: Option<UserId>,
    pub reminders: i16,
    pub created_at: DateTime<Utc>,
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
}

/// The workspace's approvals waiting on members, oldest first.
pub async fn waiting_rows(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<WaitingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, post_id, approver_id, reminders, created_at, last_reminded_at, escalated_at
         FROM approvals
         WHERE workspace_id = $1 AND status = 'pending' AND approver_id IS NOT NULL
           AND post_id IS NOT NULL
         ORDER BY created_at, id",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

pub async fn mark_reminded(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE approvals SET reminders = reminders + 1, last_reminded_at = now()
         WHERE workspace_id = $1 AND id = $2 AND status = 'pending' AND reminders < 2",
    )
    .bind(workspace)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn mark_escalated(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE approvals SET escalated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND escalated_at IS NULL",
    )
    .bind(workspace)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
