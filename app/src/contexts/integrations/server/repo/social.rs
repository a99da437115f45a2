//! Social accounts (seed 003 `social_accounts`): one row per account a workspace
//! publishes to, unique by (workspace, platform, the platform's account id).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::kernel::{SocialAccountId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SocialAccountRow {
    pub id: SocialAccountId,
    pub platform: String,
    pub platform_account_id: String,
    pub username: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
    pub has_refresh: bool,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub is_active: bool,
    pub metadata: serde_json::Value,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub expiry_warned_days: Option<i16>,
}

const SOCIAL_COLUMNS: &str = "id, platform, platform_account_id, username, display_name, \
    avatar_url, refresh_token IS NOT NULL AS has_refresh, token_expires_at, is_active, metadata, \
    last_success_at, last_error, last_error_at, expiry_warned_days";

/// The workspace's social accounts (not those removed), by platform then name.
pub async fn social_accounts(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<SocialAccountRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SOCIAL_COLUMNS} FROM social_accounts
         WHERE workspace_id = $1 AND removed_at IS NULL
         ORDER BY platform, lower(display_name), id"
    ))
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// (workspace, account) of the active accounts, in any workspace, that are this
/// platform account. A platform's webhook names the account, not the workspace,
/// and its signature is what proves it: the one query here without a workspace.
pub async fn by_platform_id(
    db: impl PgExecutor<'_>,
    platform: &str,
    platform_account_id: &str,
) -> Result<Vec<(WorkspaceId, SocialAccountId)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT workspace_id, id FROM social_accounts
         WHERE platform = $1 AND platform_account_id = $2
           AND removed_at IS NULL AND is_active",
    )
    .bind(platform)
    .bind(platform_account_id)
    .fetch_all(db)
    .await
}

/// What a new social account stores (tokens already sealed).
pub struct NewSocialAccount<'a> {
    pub platform: &'a str,
    pub platform_account_id: &'a str,
    pub username: &'a str,
    pub display_name: &'a str,
    pub avatar_url: Option<&'a str>,
    pub access_token: &'a str,
    pub refresh_token: Option<&'a str>,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub metadata: serde_json::Value,
}

/// Adds the account, or refreshes its name, avatar and tokens when the workspace
/// already has it (connecting again, or after it was removed); it is active
/// afterwards, with no expiry warning sent for its new token.
pub async fn upsert_social_account(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    account: &NewSocialAccount<'_>,
) -> Result<SocialAccountId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO social_accounts (workspace_id, platform, platform_account_id, username,
                                      display_name, avatar_url, access_token, refresh_token,
                                      token_expires_at, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ON CONSTRAINT social_accounts_workspace_platform_account_key DO UPDATE
         SET username = EXCLUDED.username, display_name = EXCLUDED.display_name,
             avatar_url = EXCLUDED.avatar_url, access_token = EXCLUDED.access_token,
             refresh_token = EXCLUDED.refresh_token,
             token_expires_at = EXCLUDED.token_expires_at, metadata = EXCLUDED.metadata,
             is_active = true, removed_at = NULL, expiry_warned_days = NULL, updated_at = now()
         RETURNING id",
    )
    .bind(workspace)
    .bind(account.platform)
    .bind(account.platform_account_id)
    .bind(account.username)
    .bind(account.display_name)
    .bind(account.avatar_url)
    .bind(account.access_token)
    .bind(account.refresh_token)
    .bind(account.token_expires_at)
    .bind(&account.metadata)
    .fetch_one(db)
    .await
}

/// Turns an account on or off; false when the workspace has no such account.
pub async fn set_social_account_active(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: SocialAccountId,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE social_accounts SET is_active = $3, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
    )
    .bind(workspace)
    .bind(id)
    .bind(active)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The account's sealed access and refresh tokens (for the publisher only).
pub async fn social_tokens(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: SocialAccountId,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT access_token, refresh_token FROM social_accounts
         WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
    )
    .bind(workspace)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Stores renewed tokens (already sealed); a new token has had no expiry warning.
pub async fn set_social_tokens(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: SocialAccountId,
    access_token: &str,
    refresh_token: Option<&str>,
    expires_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE social_accounts
         SET access_token = $3, refresh_token = $4, token_expires_at = $5,
             expiry_warned_days = NULL, updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(access_token)
    .bind(refresh_token)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Records how the last call to the platform went: a success clears nothing but
/// its time; an error keeps its words and time.
pub async fn note_social_outcome(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: SocialAccountId,
    error: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE social_accounts
         SET last_success_at = CASE WHEN $3::text IS NULL THEN now() ELSE last_success_at END,
             last_error = COALESCE($3, last_error),
             last_error_at = CASE WHEN $3::text IS NULL THEN last_error_at ELSE now() END
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// Removes an account from the workspace: its tokens are deleted and nothing
/// publishes to it, but the row stays so its posts keep their history. False when
/// the workspace has no such account.
pub async fn remove_social_account(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: SocialAccountId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE social_accounts
         SET access_token = '', refresh_token = NULL, token_expires_at = NULL,
             is_active = false, removed_at = now(), updated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
    )
    .bind(workspace)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the expiry warning sent for the account's current token.
pub async fn set_social_warned(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: SocialAccountId,
    days: i16,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE social_accounts SET expiry_warned_days = $3 WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(days)
    .execute(db)
    .await?;
    Ok(())
}

/// Live accounts whose access ends within `days` (or has ended) and cannot be
/// renewed without a person (no refresh token; Threads renews itself), for Home.
pub async fn count_social_attention(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    days: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM social_accounts
         WHERE workspace_id = $1 AND removed_at IS NULL AND is_active
           AND NOT coalesce((metadata->>'demo')::boolean, false)
           AND refresh_token IS NULL AND platform <> 'threads'
           AND token_expires_at < now() + make_interval(days => $2::int)",
    )
    .bind(workspace)
    .bind(days)
    .fetch_one(db)
    .await
}
