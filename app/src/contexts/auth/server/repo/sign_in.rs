//! Sign-in attempts (for rate limits) and password-reset links: global, keyed by
//! email, address or user.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::kernel::UserId;

/// Takes this address's and this email-and-address pair's turn at sign-in
/// bookkeeping, until the caller's transaction ends: parallel tries from one
/// address then count and record one after another, so each sees every try
/// before it (always the address first, then the pair: no deadlock).
pub async fn lock_attempts(
    db: &mut PgConnection,
    email: &str,
    ip: &str,
) -> Result<(), sqlx::Error> {
    let email: String = email.chars().take(255).collect();
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('sign-in address ' || $1))")
        .bind(ip)
        .execute(&mut *db)
        .await?;
    sqlx::query(
        "SELECT pg_advisory_xact_lock(hashtext('sign-in pair ' || lower($1) || ' ' || $2))",
    )
    .bind(email)
    .bind(ip)
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Counts a sign-in try before its password is checked: a failure until
/// [`finish_attempt`] says otherwise. Recorded under [`lock_attempts`] right
/// after the limits were checked, so parallel tries cannot slip past together.
/// Returns the try's id. The email is cut to its column's length.
pub async fn begin_attempt(
    db: impl PgExecutor<'_>,
    email: &str,
    ip: &str,
) -> Result<i64, sqlx::Error> {
    let email: String = email.chars().take(255).collect();
    let ip: String = ip.chars().take(64).collect();
    sqlx::query_scalar(
        "INSERT INTO login_attempts (email, ip, succeeded) VALUES (lower($1), $2, false)
         RETURNING id",
    )
    .bind(email)
    .bind(ip)
    .fetch_one(db)
    .await
}

/// Marks try `id` as a success.
pub async fn finish_attempt(db: impl PgExecutor<'_>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE login_attempts SET succeeded = true WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets try `id`: it was refused before its password was checked (over a
/// limit, or the server busy), so it counts against nobody.
pub async fn forget_attempt(db: impl PgExecutor<'_>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_attempts WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}

/// The times of the most recent failures within `window_minutes`, newest first
/// (tries still being checked count as failures): for this email from this
/// address since the pair's last success, and from this address whatever the
/// email. At most `limit` and `4 × limit` of them.
pub async fn recent_failures(
    db: &mut PgConnection,
    email: &str,
    ip: &str,
    window_minutes: i64,
    limit: i64,
) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), sqlx::Error> {
    let email: String = email.chars().take(255).collect();
    let ip: String = ip.chars().take(64).collect();
    let by_pair = sqlx::query_scalar(
        "SELECT created_at FROM login_attempts
         WHERE email = lower($1) AND ip = $2 AND NOT succeeded
           AND created_at > now() - make_interval(mins => $3::int)
           AND created_at > coalesce((SELECT max(created_at) FROM login_attempts
                                      WHERE email = lower($1) AND ip = $2 AND succeeded),
                                     '-infinity')
         ORDER BY created_at DESC LIMIT $4",
    )
    .bind(&email)
    .bind(&ip)
    .bind(window_minutes)
    .bind(limit)
    .fetch_all(&mut *db)
    .await?;
    let by_ip = sqlx::query_scalar(
        "SELECT created_at FROM login_attempts
         WHERE ip = $1 AND NOT succeeded AND created_at > now() - make_interval(mins => $2::int)
         ORDER BY created_at DESC LIMIT $3",
    )
    .bind(&ip)
    .bind(window_minutes)
    .bind(limit * 4)
    .fetch_all(&mut *db)
    .await?;
    Ok((by_pair, by_ip))
}

/// Forgets attempts older than a day.
pub async fn prune_attempts(db: impl PgExecutor<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_attempts WHERE created_at < now() - interval '1 day'")
        .execute(db)
        .await?;
    Ok(())
}

// --- password resets ---

/// Locks the user's row for the caller's transaction and says whether a reset
/// link was made for them in the last `seconds`.
pub async fn reset_sent_recently(
    db: &mut PgConnection,
    user: UserId,
    seconds: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE")
        .bind(user)
        .execute(&mut *db)
        .await?;
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM password_resets
                        WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2))",
    )
    .bind(user)
    .bind(seconds as f64)
    .fetch_one(&mut *db)
    .await
}

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
