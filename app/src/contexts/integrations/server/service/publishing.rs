//! Social accounts as the publisher uses them: connected with sealed tokens, and
//! opened only to publish.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::Deps;
use crate::contexts::integrations::server::repo::{self, NewSocialAccount};
use crate::contexts::integrations::server::social::{
    self, Account, PublishError, PublishRequest, Published,
};
use crate::contexts::integrations::types::SocialPlatform;
use crate::error::AppError;
use crate::kernel::{SocialAccountId, WorkspaceId};
use crate::server::Secret;
use crate::server::crypto::Keyring;

/// The binding of a sealed social token to its account and field.
fn aad(workspace: WorkspaceId, platform: SocialPlatform, account_id: &str, field: &str) -> String {
    format!("social:{workspace}:{}:{account_id}:{field}", platform.as_str())
}

/// A social account as connecting it gives it (tokens in clear, sealed here).
pub struct ConnectedAccount<'a> {
    pub platform: SocialPlatform,
    pub platform_account_id: &'a str,
    pub username: &'a str,
    pub display_name: &'a str,
    pub avatar_url: Option<&'a str>,
    pub access_token: &'a Secret,
    pub refresh_token: Option<&'a Secret>,
    pub token_expires_at: Option<DateTime<Utc>>,
}

/// Adds (or reconnects) a social account with its tokens sealed.
pub async fn save_social_account(
    tx: &mut PgConnection,
    keyring: &Keyring,
    workspace: WorkspaceId,
    account: &ConnectedAccount<'_>,
) -> Result<SocialAccountId, AppError> {
    let seal = |secret: &Secret, field: &str| {
        keyring.seal(
            secret.expose(),
            &aad(workspace, account.platform, account.platform_account_id, field),
        )
    };
    let access = seal(account.access_token, "access_token");
    let refresh = account.refresh_token.map(|r| seal(r, "refresh_token"));
    Ok(repo::upsert_social_account(
        &mut *tx,
        workspace,
        &NewSocialAccount {
            platform: account.platform.as_str(),
            platform_account_id: account.platform_account_id,
            username: account.username,
            display_name: account.display_name,
            avatar_url: account.avatar_url,
            access_token: &access,
            refresh_token: refresh.as_deref(),
            token_expires_at: account.token_expires_at,
            metadata: serde_json::json!({}),
        },
    )
    .await?)
}

/// Publishes `request` as the workspace's account `id`: refused before anything
/// is sent when the account is gone, turned off or holds sample data.
pub async fn publish_as(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let row = repo::social_accounts(&deps.pg, workspace)
        .await
        .map_err(|_| {
            PublishError::Transient("Aura could not read the account; it will try again.".into())
        })?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            PublishError::Refused("The account was removed from this workspace.".into())
        })?;
    let platform = SocialPlatform::parse(&row.platform)
        .ok_or_else(|| PublishError::Refused("The account's platform is unknown.".into()))?;
    let label = platform.label();
    if row.metadata.get("demo").and_then(|d| d.as_bool()).unwrap_or(false) {
        return Err(PublishError::Refused(format!(
            "This {label} account is sample data, so nothing was sent. Connect a real {label} account to publish."
        )));
    }
    if !row.is_active {
        return Err(PublishError::Refused(format!(
            "The {label} account is turned off; turn it on under Social accounts, then retry."
        )));
    }
    let sealed = repo::social_access_token(&deps.pg, workspace, id)
        .await
        .map_err(|_| {
            PublishError::Transient("Aura could not read the account; it will try again.".into())
        })?
        .unwrap_or_default();
    let access_token = deps
        .keyring
        .open(&sealed, &aad(workspace, platform, &row.platform_account_id, "access_token"))
        .map_err(|_| {
            PublishError::Reauthorize(format!(
                "Aura cannot read its access to this {label} account any more. Reconnect it, then retry."
            ))
        })?;
    let apis = deps.integrations().map_err(|e| PublishError::Transient(e.to_string()))?;
    let account = Account {
        platform,
        platform_account_id: row.platform_account_id,
        username: row.username,
        access_token,
    };
    social::publish(&deps.http, &apis.social, &account, request).await
}
