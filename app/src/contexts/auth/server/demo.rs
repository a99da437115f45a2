//! The auth context's part of the demo workspace (`crate::root::demo`): the
//! workspace on its plan and one member per role.

use sqlx::{PgConnection, PgPool};

use super::{password, repo};
use crate::error::AppError;
use crate::kernel::{Role, UserId, WorkspaceId};

pub use super::repo::{NewWorkspace, WorkspacePlan};

/// Whether anyone has an account yet (the demo seeds only an empty database).
pub async fn has_users(pg: &PgPool) -> Result<bool, AppError> {
    Ok(repo::count_users(pg).await? > 0)
}

/// A demo member: role, name, email, password.
pub type DemoMember<'a> = (Role, &'a str, &'a str, &'a str);

/// Hashes the members' passwords (slow on purpose: do it before the transaction).
pub async fn hash_passwords(members: &[DemoMember<'_>]) -> Result<Vec<String>, AppError> {
    let mut hashes = Vec::with_capacity(members.len());
    for (_, _, _, secret) in members {
        hashes.push(password::hash((*secret).to_owned()).await?);
    }
    Ok(hashes)
}

/// The workspace on its plan, with `members` (their passwords already hashed, in
/// the same order) in `timezone`. Returns the workspace and its first member.
pub async fn seed_workspace(
    tx: &mut PgConnection,
    workspace: &NewWorkspace<'_>,
    plan: &WorkspacePlan<'_>,
    members: &[DemoMember<'_>],
    hashes: &[String],
) -> Result<(WorkspaceId, Option<UserId>), AppError> {
    let id = repo::insert_workspace_on_plan(&mut *tx, workspace, plan).await?;
    let mut first = None;
    for ((role, name, email, _), hash) in members.iter().zip(hashes) {
        let user = repo::insert_user(&mut *tx, email, name, hash, workspace.timezone).await?;
        repo::insert_membership(&mut *tx, id, user, *role).await?;
        first.get_or_insert(user);
    }
    Ok((id, first))
}
