//! The one authorization guard. Every server function that touches workspace data
//! starts with `require(permission)`; functions about the signed-in person alone
//! start with `signed_in()`.
//!
//! - no signed-in user: `Unauthenticated`;
//! - no current workspace, or not a member of it: `NotFound` (a non-member learns
//!   nothing about another workspace);
//! - a member without the permission: `Forbidden`.
//!
//! A member holds `can(role, permission)` plus their permission overrides without
//! conditions. Overrides with conditions narrow a grant to some records; the
//! capability that owns those records checks them (`Member::conditional`), so the
//! generic guard never grants them.

use sqlx::PgPool;

use super::backend::AuthSession;
use super::repo::{self, UserRow};
use super::service::{auth_session, current_workspace_id};
use crate::error::AppError;
use crate::kernel::{Permission, Role, UserId, WorkspaceId, can};
use crate::server::state::{AppState, app_state};

/// A signed-in member of the current workspace.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: UserId,
    pub workspace: WorkspaceId,
    pub role: Role,
    /// Overrides without conditions.
    pub grants: Vec<Permission>,
    /// Overrides with conditions (JSON), for the capability that owns the records.
    pub conditional: Vec<(Permission, serde_json::Value)>,
}

impl Member {
    pub fn can(&self, permission: Permission) -> bool {
        can(self.role, permission) || self.grants.contains(&permission)
    }

    pub fn check(&self, permission: Permission) -> Result<(), AppError> {
        if self.can(permission) { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

/// The member's role and overrides in `workspace`; `NotFound` for a non-member.
pub async fn member_of(
    pg: &PgPool,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Member, AppError> {
    // One statement: every server function waits for it.
    let (role, overrides) =
        repo::role_and_overrides(pg, workspace, user).await?.ok_or(AppError::NotFound)?;
    let mut grants = Vec::new();
    let mut conditional = Vec::new();
    for (permission, conditions) in overrides {
        match conditions {
            None => grants.push(permission),
            Some(conditions) => conditional.push((permission, conditions)),
        }
    }
    Ok(Member { user, workspace, role, grants, conditional })
}

/// The signed-in user, or `Unauthenticated`.
pub async fn signed_in() -> Result<(AppState, AuthSession, UserRow), AppError> {
    let state = app_state()?;
    let auth = auth_session().await?;
    let user = auth.user.as_ref().ok_or(AppError::Unauthenticated)?.0.clone();
    Ok((state, auth, user))
}

/// Like [`require`], with `work` (which needs only the workspace) running while the
/// membership is read, for a server function whose first read does not depend on
/// the member. Its result is dropped unless the member holds `permission`.
pub async fn require_with<T, F, Fut>(
    permission: Permission,
    work: F,
) -> Result<(AppState, Member, T), AppError>
where
    F: FnOnce(AppState, WorkspaceId) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let (state, auth, user) = signed_in().await?;
    let workspace = current_workspace_id(&auth).await.ok_or(AppError::NotFound)?;
    let (member, found) =
        tokio::join!(member_of(&state.pg, workspace, user.id), work(state.clone(), workspace));
    let member = member?;
    member.check(permission)?;
    Ok((state, member, found?))
}

/// The signed-in member of the current workspace holding `permission`.
pub async fn require(permission: Permission) -> Result<(AppState, Member), AppError> {
    let (state, auth, user) = signed_in().await?;
    let workspace = current_workspace_id(&auth).await.ok_or(AppError::NotFound)?;
    let member = member_of(&state.pg, workspace, user.id).await?;
    member.check(permission)?;
    Ok((state, member))
}
