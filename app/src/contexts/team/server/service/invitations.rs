//! Invitations: invite by email with a one-time link, revoke, preview the link,
//! and accept it (signed in, or creating the account).

use sqlx::PgPool;
use uuid::Uuid;

use super::INVITATION_DAYS;
use crate::contexts::auth::rules::{email_problem, normalize_email};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::team::rules::may_assign;
use crate::contexts::team::server::repo;
use crate::contexts::team::types::{Branding, InvitationPreview, InvitationState, Plan};
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Role, UserId};
use crate::server::Settings;

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
    let mut tx = pg.begin().await?;
    // Checked under the workspace's row lock, inside the transaction that inserts:
    // parallel invitations take turns, so the limit holds.
    let plan = repo::lock_plan(&mut *tx, member.workspace)
        .await?
        .and_then(|plan| Plan::parse(&plan))
        .unwrap_or(Plan::Free);
    if let Some(max) = plan.limits().max_members {
        let taken = repo::count_members(&mut *tx, member.workspace).await?
            + repo::count_live_invitations(&mut *tx, member.workspace).await?;
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
