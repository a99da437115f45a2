//! Use cases of the auth context. Each owns its transaction.

use sqlx::PgPool;

use super::backend::{AuthSession, Credentials, SessionUser};
use super::repo::UserRow;
use super::session_store::{IP_KEY, SIGNED_IN_AT_KEY, USER_AGENT_KEY, WORKSPACE_KEY};
use super::{password, repo};
use crate::contexts::auth::rules::non_empty as optional;
use crate::contexts::auth::rules::{email_problem, normalize_email, password_problem, slugify};
use crate::contexts::auth::types::{
    CurrentUser, CurrentWorkspace, Profile, SessionInfo, WorkspaceChoice,
};
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Role, UserId, WorkspaceId};

/// What the sign-up form sends.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub name: String,
    pub email: String,
    pub password: String,
    pub workspace_name: String,
    pub industry: String,
    pub website: String,
    pub timezone: String,
    pub currency: String,
}

const EMAIL_TAKEN: &str = "An account with this email already exists. Log in instead?";

pub fn valid_timezone(tz: &str) -> bool {
    !tz.is_empty()
        && tz.len() <= 64
        && tz.chars().all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
}

/// Every problem with the form at once, by field.
pub fn validate(input: &SignUp) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Enter your name.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    if let Some(problem) = email_problem(&input.email) {
        add(&mut errors, "email", problem);
    }
    let local = input.email.split('@').next().unwrap_or_default();
    let personal = [local, name, input.workspace_name.trim()];
    if let Some(problem) = password_problem(&input.password, &personal) {
        add(&mut errors, "password", problem);
    }
    let workspace = input.workspace_name.trim();
    if workspace.is_empty() {
        add(&mut errors, "workspace_name", "Name your workspace, for example your company's name.");
    } else if workspace.chars().count() > 100 {
        add(&mut errors, "workspace_name", "Use at most 100 characters.");
    }
    if !valid_timezone(input.timezone.trim()) {
        add(&mut errors, "timezone", "Choose a time zone, like Europe/Lisbon.");
    }
    let currency = input.currency.trim();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        add(&mut errors, "currency", "Choose a currency, like USD or EUR.");
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

/// Creates the user, their workspace and their owner membership, in one transaction.
pub async fn sign_up(pg: &PgPool, input: &SignUp) -> Result<(UserId, WorkspaceId), AppError> {
    validate(input)?;
    let email = normalize_email(&input.email);
    if repo::find_user_by_email(pg, &email).await?.is_some() {
        return Err(AppError::invalid("email", EMAIL_TAKEN));
    }
    let hash = password::hash(input.password.clone()).await?;
    let mut tx = pg.begin().await?;
    let user = repo::insert_user(&mut tx, &email, input.name.trim(), &hash, input.timezone.trim())
        .await
        .map_err(|err| match AppError::from(err) {
            AppError::Conflict(_) => AppError::invalid("email", EMAIL_TAKEN),
            other => other,
        })?;
    let slug = free_slug(&mut tx, &input.workspace_name).await?;
    let new = repo::NewWorkspace {
        name: input.workspace_name.trim(),
        slug: &slug,
        industry: optional(&input.industry),
        website: optional(&input.website),
        timezone: input.timezone.trim(),
        currency: input.currency.trim(),
    };
    let workspace = repo::insert_workspace(&mut *tx, &new).await?;
    repo::insert_membership(&mut *tx, workspace, user, Role::Owner).await?;
    repo::log_activity(&mut *tx, workspace, Some(user), "sign_up", "Created the workspace").await?;
    tx.commit().await?;
    Ok((user, workspace))
}

/// The workspace name's slug, with -2, -3, ... appended until it is free.
async fn free_slug(db: &mut sqlx::PgConnection, name: &str) -> Result<String, AppError> {
    let base = Some(slugify(name)).filter(|s| !s.is_empty()).unwrap_or_else(|| "workspace".into());
    let mut candidate = base.clone();
    for n in 2.. {
        if !repo::slug_taken(&mut *db, &candidate).await? {
            return Ok(candidate);
        }
        candidate = format!("{base}-{n}");
    }
    Err(AppError::internal("no free slug"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUp {
        SignUp {
            name: "Ana Lopez".into(),
            email: "ana@northwind.example".into(),
            password: "blue otter roasting".into(),
            workspace_name: "Northwind Coffee".into(),
            timezone: "Europe/Lisbon".into(),
            currency: "EUR".into(),
            ..SignUp::default()
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert_eq!(validate(&form()), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_by_field_at_once() {
        let err = validate(&SignUp { timezone: "UTC".into(), ..SignUp::default() }).unwrap_err();
        for field in ["name", "email", "password", "workspace_name", "currency"] {
            assert!(!err.field_messages(field).is_empty(), "{field}: {err:?}");
        }
        assert!(err.field_messages("timezone").is_empty());
    }

    #[test]
    fn a_password_made_of_the_workspace_name_is_weak() {
        let err = validate(&SignUp { password: "northwindcoffee1".into(), ..form() }).unwrap_err();
        assert!(!err.field_messages("password").is_empty());
    }
}

// --- sessions: sign in, sign out, who is signed in ---

/// The request's authentication session (set up by the server's auth layer).
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>().await.map_err(AppError::internal)
}

fn auth_error(err: axum_login::Error<super::backend::Backend>) -> AppError {
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

/// Signs `user` in (axum-login cycles the session id) and selects `workspace`, or
/// the first workspace the user belongs to. Records when and from where, for the
/// absolute session limit and the sessions list.
pub async fn start_session(
    auth: &mut AuthSession,
    user: UserId,
    workspace: Option<WorkspaceId>,
) -> Result<(), AppError> {
    let pg = auth.backend.pool().clone();
    let row = repo::find_user(&pg, user).await?.ok_or(AppError::NotFound)?;
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
/// repeated failures for the email or from the address, answers "try again in N
/// minutes" without checking the password.
pub async fn log_in(
    auth: &mut AuthSession,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::rules::{
        ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, LOGIN_WINDOW_MINUTES, login_wait,
    };
    let pg = auth.backend.pool().clone();
    let email = normalize_email(&email);
    let ip = client_address().await;
    let limit = i64::try_from(ACCOUNT_FAILURE_LIMIT).unwrap_or(5);
    let (by_email, by_ip) =
        repo::recent_failures(&pg, &email, &ip, LOGIN_WINDOW_MINUTES, limit).await?;
    let now = chrono::Utc::now();
    let wait = login_wait(&by_email, ACCOUNT_FAILURE_LIMIT, now).max(login_wait(
        &by_ip,
        IP_FAILURE_LIMIT,
        now,
    ));
    if let Some(minutes) = wait {
        return Err(AppError::TooManyAttempts(minutes));
    }
    let user = auth
        .authenticate(Credentials { email: email.clone(), password })
        .await
        .map_err(auth_error)?;
    repo::record_attempt(&pg, &email, &ip, user.is_some()).await?;
    repo::prune_attempts(&pg).await?;
    let user =
        user.ok_or_else(|| AppError::invalid("password", "That email and password do not match."))?;
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

/// Makes `workspace` the session's current one; `NotFound` unless the user is a
/// member.
pub async fn switch_workspace(
    pg: &PgPool,
    auth: &AuthSession,
    user: UserId,
    workspace: WorkspaceId,
) -> Result<(), AppError> {
    repo::membership_role(pg, workspace, user).await?.ok_or(AppError::NotFound)?;
    auth.session.insert(WORKSPACE_KEY, Some(workspace)).await.map_err(session_error)?;
    Ok(())
}

// --- passwords ---

/// How long an emailed reset link works.
pub const RESET_LINK_MINUTES: i64 = 60;

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

// --- sessions list ---

/// A name for a session that does not reveal its id.
fn handle_of(id: &str) -> String {
    crate::server::token::hash(id)[..16].to_owned()
}

pub async fn list_sessions(
    pg: &PgPool,
    auth: &AuthSession,
    user: UserId,
) -> Result<Vec<SessionInfo>, AppError> {
    let current = auth.session.id().map(|id| id.to_string());
    let rows = repo::sessions_of(pg, user).await?;
    Ok(rows
        .into_iter()
        .map(|(id, data, expires_at)| {
            let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
            let text = |key: &str| data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            SessionInfo {
                handle: handle_of(&id),
                current: current.as_deref() == Some(id.as_str()),
                user_agent: text(USER_AGENT_KEY),
                ip: text(IP_KEY),
                signed_in_at: data
                    .get(SIGNED_IN_AT_KEY)
                    .and_then(serde_json::Value::as_i64)
                    .and_then(|at| chrono::DateTime::from_timestamp(at, 0)),
                expires_at,
            }
        })
        .collect())
}

/// Ends one of the user's other sessions, named by its handle.
pub async fn end_session(
    pg: &PgPool,
    auth: &AuthSession,
    user: UserId,
    handle: &str,
) -> Result<(), AppError> {
    let current = auth.session.id().map(|id| id.to_string());
    let rows = repo::sessions_of(pg, user).await?;
    let (id, _, _) = rows
        .into_iter()
        .find(|(id, _, _)| handle_of(id) == handle && current.as_deref() != Some(id.as_str()))
        .ok_or(AppError::NotFound)?;
    repo::delete_session(pg, &id).await?;
    Ok(())
}

pub async fn end_other_sessions(
    pg: &PgPool,
    auth: &AuthSession,
    user: UserId,
) -> Result<u64, AppError> {
    let keep = auth.session.id().map(|id| id.to_string()).unwrap_or_default();
    let ended = repo::delete_other_sessions(pg, user, &keep).await?;
    if let Some(workspace) = current_workspace_id(auth).await {
        repo::log_activity(
            pg,
            workspace,
            Some(user),
            "sessions_ended",
            "Signed out their other sessions",
        )
        .await?;
    }
    Ok(ended)
}

// --- profile and user settings ---

pub async fn profile(pg: &PgPool, user: UserId) -> Result<Profile, AppError> {
    let row = repo::profile(pg, user).await?;
    let notifications = row
        .notification_preferences
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let layout =
        row.dashboard_layout.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    Ok(Profile {
        name: row.name.unwrap_or_default(),
        email: row.email,
        avatar_url: row.avatar_url.unwrap_or_default(),
        timezone: row.timezone.unwrap_or_else(|| "UTC".into()),
        notifications,
        layout,
    })
}

/// Saves the profile form; every problem is reported by field at once.
pub async fn update_profile(
    pg: &PgPool,
    workspace: Option<WorkspaceId>,
    user: UserId,
    input: &Profile,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Enter your name.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    let avatar = input.avatar_url.trim();
    if !avatar.is_empty() && !crate::contexts::auth::rules::is_web_url(avatar) {
        add(&mut errors, "avatar_url", "Use a web address starting with https:// or http://.");
    }
    if !valid_timezone(input.timezone.trim()) {
        add(&mut errors, "timezone", "Choose a time zone, like Europe/Lisbon.");
    }
    if !["comfortable", "compact"].contains(&input.layout.density.as_str()) {
        add(&mut errors, "density", "Choose comfortable or compact.");
    }
    if safe_next(Some(&input.layout.landing)) != input.layout.landing {
        add(&mut errors, "landing", "Choose a page of Aura.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let notifications = serde_json::to_value(input.notifications).map_err(AppError::internal)?;
    let layout = serde_json::to_value(&input.layout).map_err(AppError::internal)?;
    let mut tx = pg.begin().await?;
    repo::update_profile(
        &mut tx,
        user,
        name,
        optional(avatar),
        input.timezone.trim(),
        &notifications,
        &layout,
    )
    .await?;
    if let Some(workspace) = workspace {
        repo::log_activity(
            &mut *tx,
            workspace,
            Some(user),
            "profile_updated",
            "Updated their profile",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Where to go after signing in: `next` when it is a path inside Aura, else home.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod next_tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/settings")), "/settings");
        for hostile in ["https://evil.example", "//evil.example", "/\\evil.example", "settings"] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
