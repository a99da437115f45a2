//! PostgreSQL operations of the team context: invitations (seed 004 ff.
//! `invitations`), the one table it owns. Every function takes the caller's
//! `WorkspaceId` (or, for a link, its token) and filters by it. The invitation lists
//! read the names of workspaces and inviters from the auth context's tables.
//!
//! The workspace, its members, their permission overrides and the activity log are
//! the auth context's (docs/schema.md); the team context changes them through
//! `auth::server::accounts`. The re-exports below keep the names the team service
//! calls until it does so directly.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub use crate::contexts::auth::server::accounts::{
    ActivityFilter, ActivityRow, MemberRow, OverrideRow, WorkspaceRow, WorkspaceUpdate, activity,
    activity_choices, count_activity, count_members, delete_member, delete_override,
    is_member_email, lock_owners, lock_plan, member, members, override_rows as overrides, set_plan,
    set_role, update_workspace, upsert_override, workspace,
};
use crate::kernel::{Role, UserId, WorkspaceId};

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
