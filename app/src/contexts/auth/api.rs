//! Server functions of the auth context: thin endpoints over `server::service`.

use leptos::prelude::*;

use super::types::CurrentUser;
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

/// Signs in with email and password, then goes to `next` (a path in Aura) or home.
#[server(prefix = "/api", endpoint = "auth/log_in")]
pub async fn log_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use super::server::service;
    let mut auth = service::auth_session().await?;
    service::log_in(&mut auth, email, password).await?;
    leptos_axum::redirect(&service::safe_next(next.as_deref()));
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
