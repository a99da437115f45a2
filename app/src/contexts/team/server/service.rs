//! Use cases of the team context. Each takes the `Member` the guard checked and
//! works only inside that member's workspace.

use sqlx::PgPool;
use uuid::Uuid;

use super::repo;
use crate::contexts::auth::rules::non_empty as optional;
use crate::contexts::auth::rules::{email_problem, is_web_url, normalize_email};
use crate::contexts::auth::server::guard::Member;
use crate::contexts::auth::server::repo as accounts;
use crate::contexts::auth::server::service::valid_timezone;
use crate::contexts::team::rules::{assignable_roles, may_assign, page_count, valid_color};
use crate::contexts::team::types::{
    ActivityEntry, ActivityPage, Branding, InvitationPreview, InvitationState, MemberDetail,
    MemberSummary, OverrideView, PendingInvitation, Plan, Team, WorkspaceSettings,
};
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Action, Permission, Resource, Role, UserId};
use crate::server::Settings;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// Activity entries per page.
pub const ACTIVITY_PAGE_SIZE: u32 = 25;

fn perm(resource: Resource, action: Action) -> Permission {
    Permission::new(resource, action)
}

// --- settings ---

pub async fn settings(pg: &PgPool, member: &Member) -> Result<WorkspaceSettings, AppError> {
    let row = repo::workspace(pg, member.workspace).await?.ok_or(AppError::NotFound)?;
    let plan = Plan::parse(&row.plan).unwrap_or(Plan::Free);
    let members = repo::count_members(pg, member.workspace).await?;
    Ok(WorkspaceSettings {
        name: row.name,
        slug: row.slug,
        industry: row.industry.unwrap_or_default(),
        website: row.website.unwrap_or_default(),
        logo_url: row.logo_url.unwrap_or_default(),
        timezone: row.timezone,
        currency: row.currency,
        plan,
        subscription_status: row.subscription_status,
        limits: plan.limits(),
        branding: serde_json::from_value(row.branding).unwrap_or_default(),
        members: u32::try_from(members).unwrap_or(u32::MAX),
        can_edit: member.can(perm(Resource::Workspace, Action::Update)),
        can_change_plan: member.role == Role::Owner,
    })
}

/// What the settings form sends.
#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    pub name: String,
    pub industry: String,
    pub website: String,
    pub logo_url: String,
    pub timezone: String,
    pub currency: String,
    pub plan: String,
    pub primary_color: String,
    pub email_footer: String,
}

/// Saves the settings; only an owner may change the plan. The plan sets the limits.
pub async fn update_settings(
    pg: &PgPool,
    member: &Member,
    form: &SettingsForm,
) -> Result<(), AppError> {
    let current = repo::workspace(pg, member.workspace).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Enter the workspace's name.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    if form.industry.trim().chars().count() > 100 {
        add(&mut errors, "industry", "Use at most 100 characters.");
    }
    for (field, value) in [("website", &form.website), ("logo_url", &form.logo_url)] {
        let value = value.trim();
        if !value.is_empty() && !is_web_url(value) {
            add(&mut errors, field, "Use a web address starting with https:// or http://.");
        }
    }
    if !valid_timezone(form.timezone.trim()) {
        add(&mut errors, "timezone", "Choose a time zone, like Europe/Lisbon.");
    }
    let currency = form.currency.trim();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        add(&mut errors, "currency", "Choose a currency, like USD or EUR.");
    }
    let plan = Plan::parse(form.plan.trim());
    if plan.is_none() {
        add(&mut errors, "plan", "Choose a plan.");
    }
    let color = form.primary_color.trim().to_lowercase();
    if !valid_color(&color) {
        add(&mut errors, "primary_color", "Use a colour like #4f46e5.");
    }
    if form.email_footer.trim().chars().count() > 300 {
        add(&mut errors, "email_footer", "Use at most 300 characters.");
    }
    let plan = plan.unwrap_or(Plan::Free);
    if plan.as_str() != current.plan && member.role != Role::Owner {
        add(&mut errors, "plan", "Only an owner can change the plan.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let branding =
        Branding { primary_color: color, email_footer: form.email_footer.trim().to_owned() };
    let update = repo::WorkspaceUpdate {
        name,
        industry: optional(&form.industry),
        website: optional(&form.website),
        logo_url: optional(&form.logo_url),
        timezone: form.timezone.trim(),
        currency,
        plan: plan.as_str(),
        limits: serde_json::to_value(plan.limits()).map_err(AppError::internal)?,
        branding: serde_json::to_value(&branding).map_err(AppError::internal)?,
    };
    let mut tx = pg.begin().await?;
    repo::update_workspace(&mut *tx, member.workspace, &update).await?;
    let description = if plan.as_str() == current.plan {
        "Updated the workspace settings".to_owned()
    } else {
        format!("Updated the workspace settings and changed the plan to {}", plan.label())
    };
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "settings_updated",
        &description,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- members ---

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

// --- permission overrides ---

/// Grants `user` one permission beyond their role, optionally with conditions (a
/// JSON object). Nobody grants what they do not hold themselves.
pub async fn grant(
    pg: &PgPool,
    member: &Member,
    user: UserId,
    resource: &str,
    action: &str,
    conditions: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let resource = Resource::parse(resource);
    if resource.is_none() {
        add(&mut errors, "resource", "Choose what the permission is about.");
    }
    let action = Action::parse(action);
    if action.is_none() {
        add(&mut errors, "action", "Choose create, read, update or delete.");
    }
    let conditions = conditions.trim();
    let parsed = if conditions.is_empty() {
        None
    } else {
        match serde_json::from_str::<serde_json::Value>(conditions) {
            Ok(value @ serde_json::Value::Object(_)) => Some(value),
            _ => {
                add(
                    &mut errors,
                    "conditions",
                    r#"Write conditions as a JSON object, like {"brand_ids": ["…"]}, or leave empty."#,
                );
                None
            }
        }
    };
    let (Some(resource), Some(action)) = (resource, action) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let permission = Permission::new(resource, action);
    if !member.can(permission) {
        return Err(AppError::invalid("resource", "You can only grant permissions you hold."));
    }
    let target = repo::member(pg, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let target_role = Role::parse(&target.role).unwrap_or(Role::Viewer);
    if !member.role.at_least(target_role) {
        return Err(AppError::Forbidden);
    }
    let mut tx = pg.begin().await?;
    repo::upsert_override(&mut *tx, member.workspace, user, permission, parsed.as_ref()).await?;
    let who = target.name.unwrap_or(target.email);
    let description =
        format!("Granted {who} {} on {}", permission.action.as_str(), permission.resource.as_str());
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "permission_granted",
        &description,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn revoke(pg: &PgPool, member: &Member, user: UserId, id: Uuid) -> Result<(), AppError> {
    let target = repo::member(pg, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let target_role = Role::parse(&target.role).unwrap_or(Role::Viewer);
    if !member.role.at_least(target_role) {
        return Err(AppError::Forbidden);
    }
    let mut tx = pg.begin().await?;
    let (resource, action) = repo::delete_override(&mut *tx, member.workspace, user, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let who = target.name.unwrap_or(target.email);
    let description = format!("Revoked {who}'s extra {action} on {resource}");
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "permission_revoked",
        &description,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- invitations ---

/// Invites `email` with `role` and emails them a one-time link. Inviting the same
/// email again replaces the earlier link.
pub async fn invite(
    pg: &PgPool,
    settings: &Settings,
    member: &Member,
    email: &str,
    role: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    if let Some(problem) = email_problem(email) {
        add(&mut errors, "email", problem);
    }
    let role = Role::parse(role);
    match role {
        None => add(&mut errors, "role", "Choose a role."),
        Some(role) if !may_assign(member.role, None, role) => {
            add(&mut errors, "role", "You cannot invite someone with a role above your own.");
        }
        Some(_) => {}
    }
    let email = normalize_email(email);
    if errors.is_empty() && repo::is_member_email(pg, member.workspace, &email).await? {
        add(&mut errors, "email", "This person is already a member.");
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let workspace = repo::workspace(pg, member.workspace).await?.ok_or(AppError::NotFound)?;
    let plan = Plan::parse(&workspace.plan).unwrap_or(Plan::Free);
    if let Some(max) = plan.limits().max_members {
        let taken = repo::count_members(pg, member.workspace).await?
            + repo::count_live_invitations(pg, member.workspace).await?;
        if taken >= i64::from(max) {
            return Err(AppError::invalid(
                "email",
                format!(
                    "The {} plan includes {max} members, counting open invitations. Revoke an invitation or change the plan.",
                    plan.label()
                ),
            ));
        }
    }
    let (token, hash) = crate::server::token::new_token();
    let expires = chrono::Utc::now() + chrono::Duration::days(INVITATION_DAYS);
    let mut tx = pg.begin().await?;
    repo::insert_invitation(&mut tx, member.workspace, &email, role, &hash, member.user, expires)
        .await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "member_invited",
        &format!("Invited {email} as {}", role.label()),
    )
    .await?;
    tx.commit().await?;
    let inviter = accounts::find_user(pg, member.user)
        .await?
        .and_then(|u| u.name)
        .unwrap_or_else(|| "A teammate".into());
    let branding: Branding = serde_json::from_value(workspace.branding).unwrap_or_default();
    let link = format!("{}/invitations/accept?token={token}", settings.public_url);
    let mut body = format!(
        "{inviter} invited you to join {name} on Aura as {role}.\n\n\
         Accept within {INVITATION_DAYS} days:\n\n{link}\n\n\
         The link works once. If you were not expecting this, ignore this email.\n",
        name = workspace.name,
        role = role.label(),
    );
    if !branding.email_footer.is_empty() {
        body.push_str(&format!("\n--\n{}\n", branding.email_footer));
    }
    let message = crate::server::mail::Email {
        to: email,
        subject: format!("Join {} on Aura", workspace.name),
        body,
    };
    crate::server::mail::send(pg, settings, &message).await?;
    Ok(())
}

pub async fn revoke_invitation(pg: &PgPool, member: &Member, id: Uuid) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let email =
        repo::revoke_invitation(&mut *tx, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "invitation_revoked",
        &format!("Revoked the invitation for {email}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn state_of(row: &repo::InvitationRow) -> InvitationState {
    if row.accepted_at.is_some() || row.revoked_at.is_some() {
        InvitationState::Used
    } else if row.expires_at <= chrono::Utc::now() {
        InvitationState::Expired
    } else {
        InvitationState::Open
    }
}

/// What the link shows. Unknown tokens are `NotFound`.
pub async fn preview(
    pg: &PgPool,
    token: &str,
    signed_in_as: Option<String>,
) -> Result<InvitationPreview, AppError> {
    let row = repo::invitation_by_token(pg, &crate::server::token::hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let account_exists = accounts::find_user_by_email(pg, &row.email).await?.is_some();
    Ok(InvitationPreview {
        state: state_of(&row),
        workspace_name: row.workspace_name,
        email: row.email,
        role: Role::parse(&row.role).unwrap_or(Role::Viewer),
        invited_by: row.invited_by,
        account_exists,
        signed_in_as,
    })
}

/// Who accepts: the signed-in user (whose email must match), or a new account
/// created from the name and password on the form.
pub enum Acceptor {
    SignedIn(UserId, String),
    NewAccount { name: String, password: String },
}

/// Accepts an invitation: adds the membership (creating the account when needed)
/// and returns the user and workspace to sign in to.
pub async fn accept(
    pg: &PgPool,
    token: &str,
    acceptor: Acceptor,
) -> Result<(UserId, crate::kernel::WorkspaceId), AppError> {
    const GONE: &str = "This invitation has expired or was already used. Ask for a new one.";
    let row = repo::invitation_by_token(pg, &crate::server::token::hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    if state_of(&row) != InvitationState::Open {
        return Err(AppError::invalid("token", GONE));
    }
    let role = Role::parse(&row.role).unwrap_or(Role::Viewer);
    let mut tx = pg.begin().await?;
    let user = match acceptor {
        Acceptor::SignedIn(user, email) => {
            if normalize_email(&email) != normalize_email(&row.email) {
                return Err(AppError::invalid(
                    "token",
                    format!(
                        "This invitation is for {}. Log out, then open the link again.",
                        row.email
                    ),
                ));
            }
            user
        }
        Acceptor::NewAccount { name, password } => {
            if accounts::find_user_by_email(&mut *tx, &row.email).await?.is_some() {
                return Err(AppError::invalid(
                    "token",
                    format!("{} already has an account. Log in to accept.", row.email),
                ));
            }
            let mut errors = FieldErrors::new();
            let name = name.trim().to_owned();
            if name.is_empty() {
                add(&mut errors, "name", "Enter your name.");
            } else if name.chars().count() > 100 {
                add(&mut errors, "name", "Use at most 100 characters.");
            }
            let local = row.email.split('@').next().unwrap_or_default();
            let personal = [local, name.as_str(), row.workspace_name.as_str()];
            if let Some(problem) =
                crate::contexts::auth::rules::password_problem(&password, &personal)
            {
                add(&mut errors, "password", problem);
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            let hash = crate::contexts::auth::server::password::hash(password).await?;
            let workspace = repo::workspace(&mut *tx, row.workspace_id).await?;
            let timezone = workspace.map_or_else(|| "UTC".to_owned(), |w| w.timezone);
            accounts::insert_user(&mut tx, &row.email, &name, &hash, &timezone).await?
        }
    };
    if !repo::accept_invitation(&mut *tx, row.id, user).await? {
        return Err(AppError::invalid("token", GONE));
    }
    if accounts::membership_role(&mut *tx, row.workspace_id, user).await?.is_none() {
        accounts::insert_membership(&mut *tx, row.workspace_id, user, role).await?;
    }
    accounts::log_activity(
        &mut *tx,
        row.workspace_id,
        Some(user),
        "invitation_accepted",
        &format!("Joined as {}", role.label()),
    )
    .await?;
    tx.commit().await?;
    Ok((user, row.workspace_id))
}

// --- activity ---

pub async fn activity(pg: &PgPool, member: &Member, page: u32) -> Result<ActivityPage, AppError> {
    let total = u64::try_from(repo::count_activity(pg, member.workspace).await?).unwrap_or(0);
    let pages = page_count(total, ACTIVITY_PAGE_SIZE);
    let page = page.clamp(1, pages);
    let offset = i64::from((page - 1) * ACTIVITY_PAGE_SIZE);
    let entries = repo::activity(pg, member.workspace, i64::from(ACTIVITY_PAGE_SIZE), offset)
        .await?
        .into_iter()
        .map(|row| ActivityEntry {
            id: row.id,
            kind: row.kind.unwrap_or_default(),
            description: row.description,
            actor: row.actor,
            at: row.created_at,
        })
        .collect();
    Ok(ActivityPage { entries, page, pages, total })
}
