//! Sign-in attempts (for rate limits) and password-reset links: global, keyed by
//! email, address or user.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::kernel::UserId;

pub async fn record_attempt(
    db: impl PgExecutor<'_>,
    email: &str,
    ip: &str,
    succeeded: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_attempts (email, ip, succeeded) VALUES (lower($1), $2, $3)")
        .bind(email)
        .bind(ip)
        .bind(succeeded)
        .execute(db)
        .await?;
    Ok(())
}

/// The times of the most recent failures, newest first, within `window_minutes`:
/// for the email, only those since its last successful sign-in.
pub async fn recent_failures(
    db: &sqlx::PgPool,
    email: &str,
    ip: &str,
    window_minutes: i64,
    limit: i64,
) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), sqlx::Error> {
    let by_email = sqlx::query_scalar(
        "SELECT created_at FROM login_attempts
         WHERE email = lower($1) AND NOT succeeded
           AND created_at > now() - make_interval(mins => $2::int)
           AND created_at > coalesce((SELECT max(created_at) FROM login_attempts
                                      WHERE email = lower($1) AND succeeded), '-infinity')
         ORDER BY created_at DESC LIMIT $3",
    )
    .bind(email)
    .bind(window_minutes)
    .bind(limit)
    .fetch_all(db)
    .await?;
    let by_ip = sqlx::query_scalar(
        "SELECT created_at FROM login_attempts
         WHERE ip = $1 AND NOT succeeded AND created_at > now() - make_interval(mins => $2::int)
         ORDER BY created_at DESC LIMIT $3",
    )
    .bind(ip)
    .bind(window_minutes)
    .bind(limit * 4)
    .fetch_all(db)
    .await?;
    Ok((by_email, by_ip))
}

/// Forgets attempts older than a day.
pub async fn prune_attempts(db: impl PgExecutor<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_attempts WHERE created_at < now() - interval '1 day'")
        .execute(db)
        .await?;
    Ok(())
}

// --- password resets ---

pub async fn insert_password_reset(
    db: &mut PgConnection,
    user: UserId,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // One open link per user: asking again replaces the previous one.
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL")
        .bind(user)
        .execute(&mut *db)
        .await?;
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(expires_at)
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Marks an unused, unexpired reset as used and returns its user; `None` when the
/// token is unknown, used or expired. One statement, so a link works only once.
pub async fn use_password_reset(
    db: impl PgExecutor<'_>,
    token_hash: &str,
) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE password_resets SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

pub async fn password_reset_is_open(
    db: impl PgExecutor<'_>,
    token_hash: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM password_resets
                        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now())",
    )
    .bind(token_hash)
    .fetch_one(db)
    .await
}
