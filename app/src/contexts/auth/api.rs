//! Server functions of the auth context: thin endpoints over `server::service`.

use leptos::prelude::*;

use super::types::{CurrentUser, Profile, SessionInfo};
use crate::error::AppError;

/// Creates an account, its workspace and an owner membership, and signs in.
#[server(prefix = "/api", endpoint = "auth/sign_up")]
#[allow(clippy::too_many_arguments)]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    workspace_name: String,
    industry: String,
    website: String,
    timezone: String,
    currency: String,
) -> Result<(), AppError> {
    use super::server::service::{self, SignUp};
    let state = crate::server::state::app_state()?;
    let input =
        SignUp { name, email, password, workspace_name, industry, website, timezone, currency };
    let (user, workspace) = service::sign_up(&state.pg, &input).await?;
    let mut auth = service::auth_session().await?;
    service::start_session(&mut auth, user, Some(workspace)).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Signs in with email and password, then goes to `next` (a path in Aura) or to
/// the page the person chose to open Aura on (their profile; Home by default).
#[server(prefix = "/api", endpoint = "auth/log_in")]
pub async fn log_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use super::server::service;
    let mut auth = service::auth_session().await?;
    service::log_in(&mut auth, email, password).await?;
    let next = next.filter(|n| !n.trim().is_empty());
    let to = match (next, &auth.user) {
        (Some(next), _) => service::safe_next(Some(&next)),
        (None, Some(user)) => {
            let state = crate::server::state::app_state()?;
            let landing = service::profile(&state.pg, user.0.id).await?.layout.landing;
            service::safe_next(Some(&landing))
        }
        (None, None) => "/".to_owned(),
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// Signs out of this session.
#[server(prefix = "/api", endpoint = "auth/log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use super::server::service;
    let state = crate::server::state::app_state()?;
    let mut auth = service::auth_session().await?;
    service::log_out(&state.pg, &mut auth).await?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// The signed-in user and their current workspace; `None` when signed out.
#[server(prefix = "/api", endpoint = "auth/current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use super::server::service;
    let state = crate::server::state::app_state()?;
    let auth = service::auth_session().await?;
    service::current_user(&state.pg, &auth).await
}

/// Changes the password; the current one is required. Other sessions end.
#[server(prefix = "/api", endpoint = "auth/change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use super::server::{guard, service};
    let (_, mut auth, _) = guard::signed_in().await?;
    service::change_password(&mut auth, current_password, new_password, confirm_password).await
}

/// Emails a one-time reset link if the address has an account; answers the same
/// either way.
#[server(prefix = "/api", endpoint = "auth/request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use super::server::service;
    let state = crate::server::state::app_state()?;
    service::request_password_reset(&state.pg, &state.settings, &email).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link can still be used.
#[server(prefix = "/api", endpoint = "auth/reset_link_status")]
pub async fn reset_link_status(token: String) -> Result<bool, AppError> {
    use super::server::service;
    let state = crate::server::state::app_state()?;
    service::reset_link_is_open(&state.pg, &token).await
}

/// Sets a new password through an emailed link, then asks to log in.
#[server(prefix = "/api", endpoint = "auth/reset_password")]
pub async fn reset_password(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use super::server::service;
    let state = crate::server::state::app_state()?;
    service::reset_password(&state.pg, &token, new_password, confirm_password).await?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}

/// The signed-in user's live sessions, this one marked.
#[server(prefix = "/api", endpoint = "auth/sessions")]
pub async fn list_sessions() -> Result<Vec<SessionInfo>, AppError> {
    use super::server::{guard, service};
    let (state, auth, user) = guard::signed_in().await?;
    service::list_sessions(&state.pg, &auth, user.id).await
}

/// Ends one other session of the signed-in user.
#[server(prefix = "/api", endpoint = "auth/end_session")]
pub async fn end_session(handle: String) -> Result<(), AppError> {
    use super::server::{guard, service};
    let (state, auth, user) = guard::signed_in().await?;
    service::end_session(&state.pg, &auth, user.id, &handle).await
}

/// Ends every session of the signed-in user but this one; returns how many.
#[server(prefix = "/api", endpoint = "auth/end_other_sessions")]
pub async fn end_other_sessions() -> Result<u64, AppError> {
    use super::server::{guard, service};
    let (state, auth, user) = guard::signed_in().await?;
    service::end_other_sessions(&state.pg, &auth, user.id).await
}

#[server(prefix = "/api", endpoint = "auth/profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    use super::server::{guard, service};
    let (state, _, user) = guard::signed_in().await?;
    service::profile(&state.pg, user.id).await
}

/// Saves name, avatar, time zone, notification preferences and dashboard layout.
/// Email preferences (seed 000 `notification_preferences`) are kept as stored:
/// the form offers them once the areas they are about (audits, approvals,
/// listening, the digest) exist.
#[server(prefix = "/api", endpoint = "auth/update_profile")]
pub async fn update_profile(
    name: String,
    avatar_url: String,
    timezone: String,
    landing: String,
) -> Result<(), AppError> {
    use super::server::{guard, service};
    let (state, auth, user) = guard::signed_in().await?;
    let stored = service::profile(&state.pg, user.id).await?;
    let mut layout = stored.layout;
    layout.landing = landing;
    let input = Profile {
        name,
        email: user.email.clone(),
        avatar_url,
        timezone,
        notifications: stored.notifications,
        layout,
    };
    let workspace = service::current_workspace_id(&auth).await;
    service::update_profile(&state.pg, workspace, user.id, &input).await
}

/// Makes another of the user's workspaces the current one, then goes home.
#[server(prefix = "/api", endpoint = "auth/switch_workspace")]
pub async fn switch_workspace(workspace_id: String) -> Result<(), AppError> {
    use super::server::{guard, service};
    let (state, auth, user) = guard::signed_in().await?;
    let workspace = workspace_id.parse().map_err(|_| AppError::NotFound)?;
    service::switch_workspace(&state.pg, &auth, user.id, workspace).await?;
    leptos_axum::redirect("/");
    Ok(())
}
