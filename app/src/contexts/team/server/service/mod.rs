//! Use cases of the team context. Each takes the `Member` the guard checked and
//! works only inside that member's workspace. One file per sub-area: workspace
//! settings, members and roles, permission overrides, invitations, the activity
//! log; everything is re-exported here, so callers name `service::invite` etc.

mod activity;
mod invitations;
mod members;
mod overrides;
mod settings;

pub use activity::{activity, export};
pub use invitations::{Acceptor, accept, invite, preview, revoke_invitation};
pub use members::{change_role, member_detail, remove_member, team};
pub use overrides::{grant, revoke};
pub use settings::{SettingsForm, set_plan, settings, update_settings};

/// Members and open invitations of the workspace (for Home).
pub async fn seats_taken(
    pg: &sqlx::PgPool,
    workspace: crate::kernel::WorkspaceId,
) -> Result<(i64, i64), crate::error::AppError> {
    Ok((
        super::repo::count_members(pg, workspace).await?,
        super::repo::count_live_invitations(pg, workspace).await?,
    ))
}

use crate::kernel::{Action, Permission, Resource};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// Activity entries per page.
pub const ACTIVITY_PAGE_SIZE: u32 = 25;

fn perm(resource: Resource, action: Action) -> Permission {
    Permission::new(resource, action)
}
