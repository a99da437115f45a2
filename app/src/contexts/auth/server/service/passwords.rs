//! Passwords: changing one (signed in) and resetting one by emailed link.

use sqlx::PgPool;

use super::sign_in::{auth_error, current_workspace_id};
use crate::contexts::auth::rules::{email_problem, normalize_email, password_problem};
use crate::contexts::auth::server::backend::{AuthSession, SessionUser};
use crate::contexts::auth::server::repo::UserRow;
use crate::contexts::auth::server::{password, repo};
use crate::error::AppError;

/// How long an emailed reset link works.
pub const RESET_LINK_MINUTES: i64 = 60;
/// The least time between two reset emails to one account.
pub const RESET_MAIL_GAP_SECONDS: i64 = 60;

/// Changes the password after checking the current one. Every other session of the
/// user ends; this one continues under a new id.
pub async fn change_password(
    auth: &mut AuthSession,
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    let pg = auth.backend.pool().clone();
    let user = auth.user.as_ref().ok_or(AppError::Unauthenticated)?.0.clone();
    if !password::verify(current, user.password_hash.clone()).await? {
        return Err(AppError::invalid("current_password", "That is not your current password."));
    }
    check_new_password(&new, &confirm, &user)?;
    let hash = password::hash(new).await?;
    repo::set_password(&pg, user.id, &hash).await?;
    let keep = auth.session.id().map(|id| id.to_string()).unwrap_or_default();
    repo::delete_other_sessions(&pg, user.id, &keep).await?;
    let workspace = current_workspace_id(auth).await;
    // The session is bound to the password hash: sign in again under the new one.
    let row = repo::find_user(&pg, user.id).await?.ok_or(AppError::NotFound)?;
    auth.login(&SessionUser(row)).await.map_err(auth_error)?;
    if let Some(workspace) = workspace {
        repo::log_activity(
            &pg,
            workspace,
            Some(user.id),
            "password_changed",
            "Changed their password",
        )
        .await?;
    }
    Ok(())
}

fn check_new_password(new: &str, confirm: &str, user: &UserRow) -> Result<(), AppError> {
    let local = user.email.split('@').next().unwrap_or_default();
    let name = user.name.clone().unwrap_or_default();
    if let Some(problem) = password_problem(new, &[local, name.as_str()]) {
        return Err(AppError::invalid("new_password", problem));
    }
    if new != confirm {
        return Err(AppError::invalid("confirm_password", "The two passwords do not match."));
    }
    Ok(())
}

/// Emails a one-time reset link when `email` has an account. The answer is the
/// same either way, so the form does not reveal who has an account.
pub async fn request_password_reset(
    pg: &PgPool,
    settings: &crate::server::Settings,
    email: &str,
) -> Result<(), AppError> {
    if let Some(problem) = email_problem(email) {
        return Err(AppError::invalid("email", problem));
    }
    let Some(user) = repo::find_user_by_email(pg, &normalize_email(email)).await? else {
        return Ok(());
    };
    if !user.is_active {
        return Ok(());
    }
    let (token, hash) = crate::server::token::new_token();
    let expires = chrono::Utc::now() + chrono::Duration::minutes(RESET_LINK_MINUTES);
    let mut tx = pg.begin().await?;
    // One email per account per RESET_MAIL_GAP_SECONDS, however many ask at once:
    // checked under the user's row lock, so parallel requests take turns. The
    // answer stays the same, so the form still does not reveal anything.
    if repo::reset_sent_recently(&mut tx, user.id, RESET_MAIL_GAP_SECONDS).await? {
        return Ok(());
    }
    repo::insert_password_reset(&mut tx, user.id, &hash, expires).await?;
    tx.commit().await?;
    let link = format!("{}/reset-password?token={token}", settings.public_url);
    let body = format!(
        "Hello {name},\n\nSomeone (hopefully you) asked to reset your Aura password.\n\
         Choose a new one here within {RESET_LINK_MINUTES} minutes:\n\n{link}\n\n\
         The link works once. If you did not ask, ignore this email; your password stays \
         as it is.\n",
        name = user.name.as_deref().unwrap_or("there"),
    );
    let email = crate::server::mail::Email {
        to: user.email.clone(),
        subject: "Reset your Aura password".into(),
        body,
    };
    crate::server::mail::send(pg, settings, &email).await?;
    Ok(())
}

pub async fn reset_link_is_open(pg: &PgPool, token: &str) -> Result<bool, AppError> {
    Ok(repo::password_reset_is_open(pg, &crate::server::token::hash(token)).await?)
}

/// Sets a new password through a reset link (once, before it expires) and ends
/// every session of the user.
pub async fn reset_password(
    pg: &PgPool,
    token: &str,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    const USED: &str = "This reset link has expired or was already used. Ask for a new one.";
    let hash = crate::server::token::hash(token);
    if !repo::password_reset_is_open(pg, &hash).await? {
        return Err(AppError::invalid("token", USED));
    }
    let mut tx = pg.begin().await?;
    let user = repo::use_password_reset(&mut *tx, &hash)
        .await?
        .ok_or_else(|| AppError::invalid("token", USED))?;
    let row = repo::find_user(&mut *tx, user).await?.ok_or(AppError::NotFound)?;
    // A weak choice must not burn the link: check before committing.
    check_new_password(&new, &confirm, &row)?;
    let password_hash = password::hash(new).await?;
    repo::set_password(&mut *tx, user, &password_hash).await?;
    repo::delete_sessions_of(&mut *tx, user).await?;
    if let Some(workspace) = repo::first_workspace(&mut *tx, user).await? {
        repo::log_activity(
            &mut *tx,
            workspace,
            Some(user),
            "password_reset",
            "Reset their password by email",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
