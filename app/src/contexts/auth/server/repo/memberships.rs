//! Memberships (seed 003): who belongs to which workspace, with which role. Added at
//! sign-up and when an invitation is accepted; roles changed and members removed by
//! the team context through `super::super::accounts`.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::kernel::{Role, UserId, WorkspaceId};

pub async fn insert_membership(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    role: Role,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)")
        .bind(workspace)
        .bind(user)
        .bind(role.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// The role of `user` in `workspace`, or `None` when they are not a member.
pub async fn membership_role(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace)
            .bind(user)
            .fetch_optional(db)
            .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// The workspace a user lands in: the one they joined first.
pub async fn first_workspace(
    db: impl PgExecutor<'_>,
    user: UserId,
) -> Result<Option<WorkspaceId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT workspace_id FROM memberships WHERE user_id = $1 ORDER BY created_at, workspace_id LIMIT 1",
    )
    .bind(user)
    .fetch_optional(db)
    .await
}

/// The workspace's name and the member's role, when `user` is a member of it.
pub async fn workspace_for_member(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<(String, Role)>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.workspace_id = $1 AND m.user_id = $2",
    )
    .bind(workspace)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|(name, role)| Role::parse(&role).map(|role| (name, role))))
}

/// Every workspace the user belongs to, with their role, oldest membership first.
pub async fn workspaces_of(
    db: impl PgExecutor<'_>,
    user: UserId,
) -> Result<Vec<(WorkspaceId, String, Role)>, sqlx::Error> {
    let rows: Vec<(WorkspaceId, String, String)> = sqlx::query_as(
        "SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = $1 ORDER BY m.created_at, w.id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, role)| Role::parse(&role).map(|role| (id, name, role)))
        .collect())
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
