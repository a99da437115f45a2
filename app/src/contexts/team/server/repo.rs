//! PostgreSQL operations of the team context. Every function takes the caller's
//! `WorkspaceId` and filters by it: a row of another workspace is never read or
//! changed, it is simply not found.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::{Permission, Role, UserId, WorkspaceId};

#[derive(Debug, sqlx::FromRow)]
pub struct WorkspaceRow {
    pub name: String,
    pub slug: String,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub logo_url: Option<String>,
    pub timezone: String,
    pub currency: String,
    pub plan: String,
    pub subscription_status: String,
    pub branding: serde_json::Value,
}

pub async fn workspace(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Option<WorkspaceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, slug, industry, website, logo_url, timezone, currency::text AS currency,
                plan, subscription_status, branding
         FROM workspaces WHERE id = $1",
    )
    .bind(workspace)
    .fetch_optional(db)
    .await
}

pub struct WorkspaceUpdate<'a> {
    pub name: &'a str,
    pub industry: Option<&'a str>,
    pub website: Option<&'a str>,
    pub logo_url: Option<&'a str>,
    pub timezone: &'a str,
    pub currency: &'a str,
    pub plan: &'a str,
    pub limits: serde_json::Value,
    pub branding: serde_json::Value,
}

pub async fn update_workspace(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    update: &WorkspaceUpdate<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE workspaces SET name = $2, industry = $3, website = $4, logo_url = $5,
                timezone = $6, currency = $7, plan = $8, limits = $9, branding = $10
         WHERE id = $1",
    )
    .bind(workspace)
    .bind(update.name)
    .bind(update.industry)
    .bind(update.website)
    .bind(update.logo_url)
    .bind(update.timezone)
    .bind(update.currency)
    .bind(update.plan)
    .bind(&update.limits)
    .bind(&update.branding)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: UserId,
    pub name: Option<String>,
    pub email: String,
    pub role: String,
    pub joined_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub overrides: i64,
}

const MEMBER_SELECT: &str = "SELECT m.user_id, u.name, u.email, m.role, m.created_at AS joined_at,
        u.last_login_at,
        (SELECT count(*) FROM user_permissions p
         WHERE p.workspace_id = m.workspace_id AND p.user_id = m.user_id) AS overrides
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.workspace_id = $1";

pub async fn members(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_SELECT} ORDER BY m.created_at, u.email"))
        .bind(workspace)
        .fetch_all(db)
        .await
}

pub async fn member(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_SELECT} AND m.user_id = $2"))
        .bind(workspace)
        .bind(user)
        .fetch_optional(db)
        .await
}

pub async fn count_members(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM memberships WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(db)
        .await
}

/// The owners of the workspace, locked until the transaction ends, so two
/// concurrent changes cannot both remove "the other" owner.
pub async fn lock_owners(
    db: &mut PgConnection,
    workspace: WorkspaceId,
) -> Result<Vec<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner' FOR UPDATE",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

pub async fn set_role(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    role: Role,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace)
            .bind(user)
            .bind(role.as_str())
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_member(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2")
        .bind(workspace)
        .bind(user)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

// --- permission overrides (seed 003 user_permissions) ---

#[derive(Debug, sqlx::FromRow)]
pub struct OverrideRow {
    pub id: Uuid,
    pub resource: String,
    pub action: String,
    pub conditions: Option<serde_json::Value>,
}

pub async fn overrides(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<OverrideRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, resource, action, conditions FROM user_permissions
         WHERE workspace_id = $1 AND user_id = $2 ORDER BY resource, action",
    )
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await
}

/// Adds a grant, or replaces the conditions of the same grant.
pub async fn upsert_override(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    permission: Permission,
    conditions: Option<&serde_json::Value>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_permissions (workspace_id, user_id, resource, action, conditions)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, user_id, resource, action) DO UPDATE SET conditions = $5",
    )
    .bind(workspace)
    .bind(user)
    .bind(permission.resource.as_str())
    .bind(permission.action.as_str())
    .bind(conditions)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_override(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    id: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "DELETE FROM user_permissions WHERE workspace_id = $1 AND user_id = $2 AND id = $3
         RETURNING resource, action",
    )
    .bind(workspace)
    .bind(user)
    .bind(id)
    .fetch_optional(db)
    .await
}

// --- invitations ---

#[derive(Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: Uuid,
    pub workspace_id: WorkspaceId,
    pub workspace_name: String,
    pub email: String,
    pub role: String,
    pub invited_by: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const INVITATION_SELECT: &str = "SELECT i.id, i.workspace_id, w.name AS workspace_name, i.email,
        i.role, coalesce(u.name, u.email) AS invited_by, i.expires_at, i.accepted_at, i.revoked_at
    FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
    LEFT JOIN users u ON u.id = i.invited_by";

/// The open (not accepted, not revoked) invitations of the workspace.
pub async fn open_invitations(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{INVITATION_SELECT} WHERE i.workspace_id = $1 AND i.accepted_at IS NULL
         AND i.revoked_at IS NULL ORDER BY i.created_at DESC"
    ))
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// Open invitations that have not expired (they count towards the member limit).
pub async fn count_live_invitations(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM invitations WHERE workspace_id = $1 AND accepted_at IS NULL
         AND revoked_at IS NULL AND expires_at > now()",
    )
    .bind(workspace)
    .fetch_one(db)
    .await
}

/// The invitation a link's token names, whatever its workspace (the token is the
/// capability).
pub async fn invitation_by_token(
    db: impl PgExecutor<'_>,
    token_hash: &str,
) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{INVITATION_SELECT} WHERE i.token_hash = $1"))
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub async fn is_member_email(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    email: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.workspace_id = $1 AND lower(u.email) = lower($2))",
    )
    .bind(workspace)
    .bind(email)
    .fetch_one(db)
    .await
}

/// Revokes any open invitation for the email, then inserts the new one.
pub async fn insert_invitation(
    db: &mut PgConnection,
    workspace: WorkspaceId,
    email: &str,
    role: Role,
    token_hash: &str,
    invited_by: UserId,
    expires_at: DateTime<Utc>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query(
        "UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1
         AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(workspace)
    .bind(email)
    .execute(&mut *db)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(workspace)
    .bind(email)
    .bind(role.as_str())
    .bind(token_hash)
    .bind(invited_by)
    .bind(expires_at)
    .fetch_one(&mut *db)
    .await
}

pub async fn revoke_invitation(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1 AND id = $2
         AND accepted_at IS NULL AND revoked_at IS NULL RETURNING email",
    )
    .bind(workspace)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Marks an open, unexpired invitation accepted; `false` if it no longer is open
/// (so a link works once even under concurrent clicks).
pub async fn accept_invitation(
    db: impl PgExecutor<'_>,
    id: Uuid,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()",
    )
    .bind(id)
    .bind(user)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- activity log (seed 004 activity_logs) ---

#[derive(Debug, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: Uuid,
    pub kind: Option<String>,
    pub description: String,
    pub actor: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.type AS kind, a.description, coalesce(u.name, u.email) AS actor,
                a.created_at
         FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.workspace_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(workspace)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn count_activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM activity_logs WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(db)
        .await
}
