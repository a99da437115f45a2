//! The signed-in person's sessions: listed by a handle that hides their ids, and
//! ended one at a time or all but this one.

use sqlx::PgPool;

use super::sign_in::current_workspace_id;
use crate::contexts::auth::server::backend::AuthSession;
use crate::contexts::auth::server::repo;
use crate::contexts::auth::server::session_store::{IP_KEY, SIGNED_IN_AT_KEY, USER_AGENT_KEY};
use crate::contexts::auth::types::SessionInfo;
use crate::error::AppError;
use crate::kernel::UserId;

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
