//! Users (seed 000 ff. `users`) and their settings (seed 000 `user_settings`): global,
//! not tenant-owned.

use sqlx::{PgConnection, PgExecutor};

use crate::kernel::UserId;

/// A user as the server sees it, password hash included. Never sent to a browser.
#[derive(Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: Option<String>,
    pub password_hash: String,
    pub is_active: bool,
    /// The profile's time zone, or the first workspace's without one (for showing
    /// times; `None` only for a user in no workspace without settings).
    pub timezone: Option<String>,
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow").field("id", &self.id).field("email", &self.email).finish()
    }
}

/// The time zone a user's times are shown in: their settings', else their
/// earliest workspace's.
/// The SQL of that zone, for `users u` joined to their `user_settings` as `settings`.
pub(super) fn zone_of(settings: &str) -> String {
    format!(
        "coalesce({settings}.timezone,
            (SELECT w.timezone FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
             WHERE m.user_id = u.id ORDER BY m.created_at LIMIT 1))"
    )
}

pub async fn find_user_by_email(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.name, u.password_hash, u.is_active, {zone} AS timezone
         FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
         WHERE lower(u.email) = lower($1)",
        zone = zone_of("s"),
    ))
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn find_user(
    db: impl PgExecutor<'_>,
    id: UserId,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.name, u.password_hash, u.is_active, {zone} AS timezone
         FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
         WHERE u.id = $1",
        zone = zone_of("s"),
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn insert_user(
    db: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    timezone: &str,
) -> Result<UserId, sqlx::Error> {
    let id: UserId = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(password_hash)
    .fetch_one(&mut *db)
    .await?;
    sqlx::query("INSERT INTO user_settings (user_id, timezone) VALUES ($1, $2)")
        .bind(id)
        .bind(timezone)
        .execute(&mut *db)
        .await?;
    Ok(id)
}

pub async fn record_login(db: impl PgExecutor<'_>, id: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_login_at = now() WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// How many users exist (the demo seeds only an empty database).
pub async fn count_users(db: impl PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(db).await
}

pub async fn set_password(
    db: impl PgExecutor<'_>,
    user: UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
        .bind(user)
        .bind(password_hash)
        .execute(db)
        .await?;
    Ok(())
}

// --- profile and user settings (seed 000 user_settings) ---

#[derive(Debug, sqlx::FromRow)]
pub struct ProfileRow {
    pub name: Option<String>,
    pub email: String,
    pub avatar_url: Option<String>,
    pub timezone: Option<String>,
    pub notification_preferences: Option<serde_json::Value>,
    pub dashboard_layout: Option<serde_json::Value>,
}

pub async fn profile(db: impl PgExecutor<'_>, user: UserId) -> Result<ProfileRow, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.name, u.email, u.avatar_url, s.timezone, s.notification_preferences,
                s.dashboard_layout
         FROM users u LEFT JOIN user_settings s ON s.user_id = u.id WHERE u.id = $1",
    )
    .bind(user)
    .fetch_one(db)
    .await
}

pub async fn update_profile(
    db: &mut PgConnection,
    user: UserId,
    name: &str,
    avatar_url: Option<&str>,
    timezone: &str,
    notifications: &serde_json::Value,
    layout: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET name = $2, avatar_url = $3, updated_at = now() WHERE id = $1")
        .bind(user)
        .bind(name)
        .bind(avatar_url)
        .execute(&mut *db)
        .await?;
    sqlx::query(
        "INSERT INTO user_settings (user_id, timezone, notification_preferences, dashboard_layout)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET timezone = $2, notification_preferences = $3,
             dashboard_layout = $4, updated_at = now()",
    )
    .bind(user)
    .bind(timezone)
    .bind(notifications)
    .bind(layout)
    .execute(&mut *db)
    .await?;
    Ok(())
}
