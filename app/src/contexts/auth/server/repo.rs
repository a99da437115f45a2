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
