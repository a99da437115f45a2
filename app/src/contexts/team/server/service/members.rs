//! Members and roles: the team page, one member's detail, role changes (never
//! above your own role, never leaving the workspace without an owner) and removal.

use sqlx::PgPool;

use super::perm;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::team::rules::{assignable_roles, may_assign};
use crate::contexts::team::server::repo;
use crate::contexts::team::types::{
    MemberDetail, MemberSummary, OverrideView, PendingInvitation, Plan, Team,
};
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource, Role, UserId};

fn summary(row: repo::MemberRow, you: UserId) -> MemberSummary {
    MemberSummary {
        user_id: row.user_id,
        name: row.name.unwrap_or_else(|| row.email.clone()),
        email: row.email,
        role: Role::parse(&row.role).unwrap_or(Role::Viewer),
        joined_at: row.joined_at,
        last_login_at: row.last_login_at,
        overrides: u32::try_from(row.overrides).unwrap_or(0),
        is_you: row.user_id == you,
    }
}

pub async fn team(pg: &PgPool, member: &Member) -> Result<Team, AppError> {
    let members = repo::members(pg, member.workspace)
        .await?
        .into_iter()
        .map(|row| summary(row, member.user))
        .collect();
    let can_invite = member.can(perm(Resource::Members, Action::Create));
    let invitations = if can_invite {
        let now = chrono::Utc::now();
        repo::open_invitations(pg, member.workspace)
            .await?
            .into_iter()
            .map(|row| PendingInvitation {
                id: row.id,
                email: row.email,
                role: Role::parse(&row.role).unwrap_or(Role::Viewer),
                invited_by: row.invited_by,
                expired: row.expires_at <= now,
                expires_at: row.expires_at,
            })
            .collect()
    } else {
        Vec::new()
    };
    let plan = repo::workspace(pg, member.workspace)
        .await?
        .and_then(|w| Plan::parse(&w.plan))
        .unwrap_or(Plan::Free);
    Ok(Team {
        members,
        invitations,
        your_role: member.role,
        can_invite,
        can_change_roles: member.can(perm(Resource::Members, Action::Update)),
        can_remove: member.can(perm(Resource::Members, Action::Delete)),
        max_members: plan.limits().max_members,
    })
}

pub async fn member_detail(
    pg: &PgPool,
    member: &Member,
    user: UserId,
) -> Result<MemberDetail, AppError> {
    let row = repo::member(pg, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let summary = summary(row, member.user);
    let overrides = repo::overrides(pg, member.workspace, user)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(OverrideView {
                id: row.id,
                permission: Permission::new(
                    Resource::parse(&row.resource)?,
                    Action::parse(&row.action)?,
                ),
                conditions: row.conditions.filter(|c| !c.is_null()).map(|c| c.to_string()),
            })
        })
        .collect();
    let can_edit = member.can(perm(Resource::Members, Action::Update))
        && may_assign(member.role, Some(summary.role), summary.role);
    Ok(MemberDetail {
        assignable_roles: if can_edit {
            assignable_roles(member.role, Some(summary.role))
        } else {
            Vec::new()
        },
        member: summary,
        overrides,
        can_edit,
    })
}

/// Gives `user` a new role. Refuses to leave the workspace without an owner.
pub async fn change_role(
    pg: &PgPool,
    member: &Member,
    user: UserId,
    role: Role,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let owners = repo::lock_owners(&mut tx, member.workspace).await?;
    let target = repo::member(&mut *tx, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let current = Role::parse(&target.role).unwrap_or(Role::Viewer);
    if !may_assign(member.role, Some(current), role) {
        return Err(AppError::Forbidden);
    }
    if current == role {
        return Ok(());
    }
    if current == Role::Owner && owners.len() <= 1 {
        return Err(AppError::invalid(
            "role",
            "A workspace needs an owner. Make someone else an owner first.",
        ));
    }
    repo::set_role(&mut *tx, member.workspace, user, role).await?;
    let who = target.name.unwrap_or(target.email);
    let description = format!("Changed {who}'s role from {} to {}", current.label(), role.label());
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "role_changed",
        &description,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes `user` from the workspace (a member may also remove themselves, which
/// is leaving). The last owner cannot be removed.
pub async fn remove_member(pg: &PgPool, member: &Member, user: UserId) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let owners = repo::lock_owners(&mut tx, member.workspace).await?;
    let target = repo::member(&mut *tx, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let current = Role::parse(&target.role).unwrap_or(Role::Viewer);
    if user != member.user && !member.role.at_least(current) {
        return Err(AppError::Forbidden);
    }
    if current == Role::Owner && owners.len() <= 1 {
        return Err(AppError::invalid(
            "member",
            "This is the workspace's only owner. Make someone else an owner first.",
        ));
    }
    repo::delete_member(&mut *tx, member.workspace, user).await?;
    let who = target.name.unwrap_or(target.email);
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "member_removed",
        &format!("Removed {who} from the workspace"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
