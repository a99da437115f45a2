//! Server-side sessions (seed 004 `sessions`), written by the session store.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::kernel::UserId;

/// Inserts a new session; `false` when the id is already taken.
pub async fn insert_session(
    db: impl PgExecutor<'_>,
    id: &str,
    user: Option<Uuid>,
    workspace: Option<Uuid>,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO sessions (id, user_id, workspace_id, data, expires_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(user)
    .bind(workspace)
    .bind(data)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn upsert_session(
    db: impl PgExecutor<'_>,
    id: &str,
    user: Option<Uuid>,
    workspace: Option<Uuid>,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id, user_id, workspace_id, data, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET user_id = $2, workspace_id = $3, data = $4, expires_at = $5",
    )
    .bind(id)
    .bind(user)
    .bind(workspace)
    .bind(data)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The data and expiry of a session that has not expired.
pub async fn load_session(
    db: impl PgExecutor<'_>,
    id: &str,
) -> Result<Option<(String, DateTime<Utc>)>, sqlx::Error> {
    sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > now()")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A session and, in the same read, its signed-in user (`None` when the session
/// names none): the one round trip a signed-in request needs before its work.
pub async fn load_session_with_user(
    db: impl PgExecutor<'_>,
    id: &str,
) -> Result<Option<(String, DateTime<Utc>, Option<super::UserRow>)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        data: String,
        expires_at: DateTime<Utc>,
        id: Option<UserId>,
        email: Option<String>,
        name: Option<String>,
        password_hash: Option<String>,
        is_active: Option<bool>,
        timezone: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT s.data, s.expires_at, u.id, u.email, u.name, u.password_hash, u.is_active,
                {zone} AS timezone
         FROM sessions s
         LEFT JOIN users u ON u.id = s.user_id
         LEFT JOIN user_settings us ON us.user_id = u.id
         WHERE s.id = $1 AND s.expires_at > now()",
        zone = super::users::zone_of("us"),
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let user = match (r.id, r.email, r.password_hash, r.is_active) {
            (Some(id), Some(email), Some(password_hash), Some(is_active)) => Some(super::UserRow {
                id,
                email,
                name: r.name,
                password_hash,
                is_active,
                timezone: r.timezone,
            }),
            _ => None,
        };
        (r.data, r.expires_at, user)
    }))
}

pub async fn delete_session(db: impl PgExecutor<'_>, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}

pub async fn delete_expired_sessions(db: impl PgExecutor<'_>) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= now()")
        .execute(db)
        .await?
        .rows_affected())
}

/// Ends every session of `user` except `keep`; returns how many ended.
pub async fn delete_other_sessions(
    db: impl PgExecutor<'_>,
    user: UserId,
    keep: &str,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user)
        .bind(keep)
        .execute(db)
        .await?
        .rows_affected())
}

/// Ends every session of `user`.
pub async fn delete_sessions_of(db: impl PgExecutor<'_>, user: UserId) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user)
        .execute(db)
        .await?
        .rows_affected())
}

/// The live sessions of `user`: id, data (JSON text), expiry.
pub async fn sessions_of(
    db: impl PgExecutor<'_>,
    user: UserId,
) -> Result<Vec<(String, String, DateTime<Utc>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, data, expires_at FROM sessions WHERE user_id = $1 AND expires_at > now()
         ORDER BY created_at DESC",
    )
    .bind(user)
    .fetch_all(db)
    .await
}
