//! PostgreSQL operations of the auth context. Users and sessions are global (not
//! tenant-owned); everything about a workspace takes its `WorkspaceId`.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::{Role, UserId, WorkspaceId};

/// A user as the server sees it, password hash included. Never sent to a browser.
#[derive(Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: Option<String>,
    pub password_hash: String,
    pub is_active: bool,
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow").field("id", &self.id).field("email", &self.email).finish()
    }
}

pub async fn find_user_by_email(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email, name, password_hash, is_active FROM users WHERE lower(email) = lower($1)",
    )
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn find_user(
    db: impl PgExecutor<'_>,
    id: UserId,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, email, name, password_hash, is_active FROM users WHERE id = $1")
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

/// The fields of a new workspace.
pub struct NewWorkspace<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub industry: Option<&'a str>,
    pub website: Option<&'a str>,
    pub timezone: &'a str,
    pub currency: &'a str,
}

pub async fn insert_workspace(
    db: impl PgExecutor<'_>,
    new: &NewWorkspace<'_>,
) -> Result<WorkspaceId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO workspaces (name, slug, industry, website, timezone, currency)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.name)
    .bind(new.slug)
    .bind(new.industry)
    .bind(new.website)
    .bind(new.timezone)
    .bind(new.currency)
    .fetch_one(db)
    .await
}

pub async fn slug_taken(db: impl PgExecutor<'_>, slug: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM workspaces WHERE slug = $1)")
        .bind(slug)
        .fetch_one(db)
        .await
}

pub async fn insert_membership(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    role: Role,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)")
        .bind(workspace)
        .bind(user)
        .bind(role.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// The role of `user` in `workspace`, or `None` when they are not a member.
pub async fn membership_role(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace)
            .bind(user)
            .fetch_optional(db)
            .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// The workspace a user lands in: the one they joined first.
pub async fn first_workspace(
    db: impl PgExecutor<'_>,
    user: UserId,
) -> Result<Option<WorkspaceId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT workspace_id FROM memberships WHERE user_id = $1 ORDER BY created_at, workspace_id LIMIT 1",
    )
    .bind(user)
    .fetch_optional(db)
    .await
}

pub async fn log_activity(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: Option<UserId>,
    kind: &str,
    description: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO activity_logs (workspace_id, user_id, type, description) VALUES ($1, $2, $3, $4)",
    )
    .bind(workspace)
    .bind(user)
    .bind(kind)
    .bind(description)
    .execute(db)
    .await?;
    Ok(())
}

// --- sessions (seed 004) ---

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

/// The workspace's name and the member's role, when `user` is a member of it.
pub async fn workspace_for_member(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<(String, Role)>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.workspace_id = $1 AND m.user_id = $2",
    )
    .bind(workspace)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|(name, role)| Role::parse(&role).map(|role| (name, role))))
}

/// The member's permission overrides, with their conditions when they have any.
/// Rows naming a resource or action this version does not know are skipped.
pub async fn overrides(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<(crate::kernel::Permission, Option<serde_json::Value>)>, sqlx::Error> {
    use crate::kernel::{Action, Permission, Resource};
    let rows: Vec<(String, String, Option<serde_json::Value>)> = sqlx::query_as(
        "SELECT resource, action, conditions FROM user_permissions
         WHERE workspace_id = $1 AND user_id = $2",
    )
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(resource, action, conditions)| {
            let permission = Permission::new(Resource::parse(&resource)?, Action::parse(&action)?);
            Some((permission, conditions.filter(|c| !c.is_null())))
        })
        .collect())
}

/// Every workspace the user belongs to, with their role, oldest membership first.
pub async fn workspaces_of(
    db: impl PgExecutor<'_>,
    user: UserId,
) -> Result<Vec<(WorkspaceId, String, Role)>, sqlx::Error> {
    let rows: Vec<(WorkspaceId, String, String)> = sqlx::query_as(
        "SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.user_id = $1 ORDER BY m.created_at, w.id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, role)| Role::parse(&role).map(|role| (id, name, role)))
        .collect())
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

// --- sign-in attempts ---

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
