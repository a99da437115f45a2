//! Sessions: sign in, sign out, who is signed in, the absolute session limit and
//! switching workspace.

use sqlx::PgPool;

use crate::contexts::auth::rules::normalize_email;
use crate::contexts::auth::server::backend::{AuthSession, Backend, Credentials, SessionUser};
use crate::contexts::auth::server::repo;
use crate::contexts::auth::server::session_store::{
    IP_KEY, SIGNED_IN_AT_KEY, USER_AGENT_KEY, WORKSPACE_KEY,
};
use crate::contexts::auth::types::{CurrentUser, CurrentWorkspace, WorkspaceChoice};
use crate::error::AppError;
use crate::kernel::{UserId, WorkspaceId};

/// The request's authentication session (set up by the server's auth layer).
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>().await.map_err(AppError::internal)
}

pub(super) fn auth_error(err: axum_login::Error<Backend>) -> AppError {
    match err {
        axum_login::Error::Backend(err) => err,
        other => AppError::internal(other),
    }
}

fn session_error(err: tower_sessions::session::Error) -> AppError {
    AppError::internal(err)
}

/// The client address as the rate limits and the sessions list record it.
async fn client_address() -> String {
    crate::server::request::client_ip().await.map_or_else(|| "unknown".into(), |ip| ip.to_string())
}

/// Signs `user` in under a new session id and selects `workspace`, or the first
/// workspace the user belongs to. Records when and from where, for the absolute
/// session limit and the sessions list. The id is cycled on every sign-in, also
/// over a session that was already signed in (axum-login cycles it only over an
/// anonymous one), so a planted cookie never becomes the victim's session.
pub async fn start_session(
    auth: &mut AuthSession,
    user: UserId,
    workspace: Option<WorkspaceId>,
) -> Result<(), AppError> {
    let pg = auth.backend.pool().clone();
    let row = repo::find_user(&pg, user).await?.ok_or(AppError::NotFound)?;
    auth.session.cycle_id().await.map_err(session_error)?;
    auth.login(&SessionUser(row)).await.map_err(auth_error)?;
    let workspace = match workspace {
        Some(workspace) => Some(workspace),
        None => repo::first_workspace(&pg, user).await?,
    };
    let session = &auth.session;
    session.insert(WORKSPACE_KEY, workspace).await.map_err(session_error)?;
    session
        .insert(SIGNED_IN_AT_KEY, chrono::Utc::now().timestamp())
        .await
        .map_err(session_error)?;
    session.insert(IP_KEY, client_address().await).await.map_err(session_error)?;
    let agent = crate::server::request::user_agent().await;
    session.insert(USER_AGENT_KEY, agent).await.map_err(session_error)?;
    repo::record_login(&pg, user).await?;
    if let Some(workspace) = workspace {
        repo::log_activity(&pg, workspace, Some(user), "sign_in", "Signed in").await?;
    }
    Ok(())
}

/// Checks the email and password and signs in. A wrong email and a wrong password
/// get the same answer, so the form does not reveal who has an account. After
/// repeated failures for the email from this address, or from the address
/// whatever the email, answers "try again in N minutes" without checking the
/// password. Checking the limits and recording the try happen together, one try
/// at a time per address, so parallel tries cannot slip past the limits: exactly
/// the limit's number get their password checked.
pub async fn log_in(
    auth: &mut AuthSession,
    email: String,
    password: String,
) -> Result<(), AppError> {
    let pg = auth.backend.pool().clone();
    let email = normalize_email(&email);
    let ip = client_address().await;
    let attempt = admit(&pg, &email, &ip).await?;
    let result = check_and_sign_in(auth, &email, password).await;
    match &result {
        Ok(()) => repo::finish_attempt(&pg, attempt).await?,
        // A wrong password stays counted; a try that failed before its password
        // was checked (server busy) counts against nobody.
        Err(AppError::Invalid(_)) => {}
        Err(_) => repo::forget_attempt(&pg, attempt).await?,
    }
    repo::prune_attempts(&pg).await?;
    result
}

/// Checks the limits and, within them, records a try (as a failure until it
/// succeeds); both under the address's and the pair's lock. Over a limit: how
/// long to wait, and nothing recorded.
async fn admit(pg: &PgPool, email: &str, ip: &str) -> Result<i64, AppError> {
    use crate::contexts::auth::rules::{
        IP_FAILURE_LIMIT, LOGIN_WINDOW_MINUTES, PAIR_FAILURE_LIMIT, login_wait,
    };
    let mut tx = pg.begin().await?;
    repo::lock_attempts(&mut tx, email, ip).await?;
    let limit = i64::try_from(PAIR_FAILURE_LIMIT).unwrap_or(5);
    let (by_pair, by_ip) =
        repo::recent_failures(&mut tx, email, ip, LOGIN_WINDOW_MINUTES, limit).await?;
    let now = chrono::Utc::now();
    let wait = login_wait(&by_pair, PAIR_FAILURE_LIMIT, now).max(login_wait(
        &by_ip,
        IP_FAILURE_LIMIT,
        now,
    ));
    if let Some(minutes) = wait {
        return Err(AppError::TooManyAttempts(minutes));
    }
    let attempt = repo::begin_attempt(&mut *tx, email, ip).await?;
    tx.commit().await?;
    Ok(attempt)
}

async fn check_and_sign_in(
    auth: &mut AuthSession,
    email: &str,
    password: String,
) -> Result<(), AppError> {
    let user = auth
        .authenticate(Credentials { email: email.to_owned(), password })
        .await
        .map_err(auth_error)?
        .ok_or_else(|| AppError::invalid("password", "That email and password do not match."))?;
    start_session(auth, user.0.id, None).await
}

pub async fn log_out(pg: &PgPool, auth: &mut AuthSession) -> Result<(), AppError> {
    let workspace = current_workspace_id(auth).await;
    let user = auth.logout().await.map_err(auth_error)?;
    if let (Some(user), Some(workspace)) = (user, workspace) {
        repo::log_activity(pg, workspace, Some(user.0.id), "sign_out", "Signed out").await?;
    }
    Ok(())
}

pub async fn current_workspace_id(auth: &AuthSession) -> Option<WorkspaceId> {
    auth.session.get::<WorkspaceId>(WORKSPACE_KEY).await.ok().flatten()
}

/// Ends a signed-in session that is older than `max_hours`, however recently it
/// was used (the absolute limit; the idle limit is the cookie's expiry).
pub async fn end_if_too_old(auth: &mut AuthSession, max_hours: i64) -> Result<(), AppError> {
    if auth.user.is_none() {
        return Ok(());
    }
    let signed_in_at = auth.session.get::<i64>(SIGNED_IN_AT_KEY).await.ok().flatten();
    let too_old = signed_in_at
        .is_none_or(|at| chrono::Utc::now().timestamp() - at > max_hours.saturating_mul(3600));
    if too_old {
        auth.logout().await.map_err(auth_error)?;
        auth.session.flush().await.map_err(session_error)?;
    }
    Ok(())
}

pub async fn current_user(
    pg: &PgPool,
    auth: &AuthSession,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(user) = &auth.user else { return Ok(None) };
    let user = &user.0;
    let workspace = match current_workspace_id(auth).await {
        Some(id) => match repo::workspace_for_member(pg, id, user.id).await? {
            Some((name, role)) => {
                let grants = repo::overrides(pg, id, user.id)
                    .await?
                    .into_iter()
                    .filter(|(_, conditions)| conditions.is_none())
                    .map(|(permission, _)| permission)
                    .collect();
                Some(CurrentWorkspace { id, name, role, grants })
            }
            None => None,
        },
        None => None,
    };
    let workspaces = repo::workspaces_of(pg, user.id)
        .await?
        .into_iter()
        .map(|(id, name, role)| WorkspaceChoice { id, name, role })
        .collect();
    let profile = repo::profile(pg, user.id).await?;
    Ok(Some(CurrentUser {
        id: user.id,
        name: user.name.clone().unwrap_or_else(|| user.email.clone()),
        email: user.email.clone(),
        avatar_url: profile.avatar_url,
        workspace,
        workspaces,
    }))
}

/// Makes `workspace` the session's current one, under a new session id;
/// `NotFound` unless the user is a member.
pub async fn switch_workspace(
    pg: &PgPool,
    auth: &AuthSession,
    user: UserId,
    workspace: WorkspaceId,
) -> Result<(), AppError> {
    repo::membership_role(pg, workspace, user).await?.ok_or(AppError::NotFound)?;
    auth.session.cycle_id().await.map_err(session_error)?;
    auth.session.insert(WORKSPACE_KEY, Some(workspace)).await.map_err(session_error)?;
    Ok(())
}

/// Where to go after signing in: `next` when it is a path on this site, else home.
/// Only a path passes: it starts with one `/`, holds no backslash, control
/// character or white space (browsers drop tabs and new lines, so `/\t/evil`
/// would leave the site, and CR/LF cannot go into a header), and resolved
/// against this site it stays on this site.
pub fn safe_next(next: Option<&str>) -> String {
    let local = |path: &str| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
            && url::Url::parse("http://aura.invalid/")
                .and_then(|base| base.join(path))
                .is_ok_and(|url| url.host_str() == Some("aura.invalid"))
    };
    match next {
        Some(path) if local(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod next_tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/settings")), "/settings");
        for hostile in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "settings",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/dashboard\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
