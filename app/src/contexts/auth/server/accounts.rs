//! The auth context's service for other contexts: the records it owns that others
//! read or change — users, workspaces, memberships, permission overrides and the
//! activity log (docs/schema.md names every table's owner). Other contexts call
//! these, never `super::repo`.
//!
//! Where a use case is one statement with no rule of its own, the repository's
//! function is published as it is; each takes the caller's executor, so it joins the
//! caller's transaction (`&mut *tx`) or runs on the pool.

pub use super::repo::{
    ActivityFilter, ActivityRow, MemberRow, OverrideRow, UserRow, WorkspaceRow, WorkspaceUpdate,
    activity, activity_choices, count_activity, count_members, delete_member, delete_override,
    find_user, find_user_by_email, insert_membership, insert_user, is_member_email, lock_owners,
    lock_plan, log_activity, member, members, membership_role, override_rows, set_plan, set_role,
    set_workspace_setting, update_workspace, upsert_override, workspace, workspace_setting,
};

/// The workspace's time zone (UTC when the stored name is not one); not found
/// when there is no such workspace.
pub async fn zone(
    db: impl sqlx::PgExecutor<'_>,
    id: crate::kernel::WorkspaceId,
) -> Result<chrono_tz::Tz, crate::error::AppError> {
    let row = workspace(db, id).await?.ok_or(crate::error::AppError::NotFound)?;
    Ok(row.timezone.parse().unwrap_or(chrono_tz::UTC))
}
