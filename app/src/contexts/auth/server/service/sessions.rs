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
                user_agent: text(USER_AGENT_KEY).map(|agent| readable_agent(&agent)),
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

/// "Chrome 131 on Windows 10" from a raw `User-Agent`, by the woothee parser;
/// "Unknown browser" when it knows neither the browser nor the system.
fn readable_agent(agent: &str) -> String {
    const UNKNOWN: &str = "UNKNOWN";
    let Some(found) = woothee::parser::Parser::new().parse(agent) else {
        return "Unknown browser".to_owned();
    };
    let major = found.version.split('.').next().filter(|v| !v.is_empty() && *v != UNKNOWN);
    let browser = match (found.name, major) {
        (UNKNOWN, _) => None,
        (name, Some(v)) => Some(format!("{name} {v}")),
        (name, None) => Some(name.to_owned()),
    };
    let system = match (found.os, found.os_version.as_ref()) {
        (UNKNOWN, _) => None,
        // "Windows 10" names its version already (its version is "NT 10.0").
        (os, version)
            if version == UNKNOWN
                || version.is_empty()
                || os.contains(|c: char| c.is_ascii_digit()) =>
        {
            Some(os.to_owned())
        }
        (os, version) => Some(format!("{os} {version}")),
    };
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b,
        (None, Some(s)) => format!("A browser on {s}"),
        (None, None) => "Unknown browser".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_read_as_browser_and_system() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(readable_agent(chrome), "Chrome 131 on Windows 10");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert!(
            readable_agent(safari).starts_with("Safari 17 on iPhone"),
            "{}",
            readable_agent(safari)
        );
        assert_eq!(readable_agent("curl-ish/0"), "Unknown browser");
    }
}
