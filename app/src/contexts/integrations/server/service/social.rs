//! Social accounts: the accounts page, the accounts other contexts publish to, and
//! turning an account off and on.

use chrono::Utc;
use sqlx::{PgConnection, PgPool};

use crate::contexts::auth::server::accounts::log_activity;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::integrations::rules::account_health;
use crate::contexts::integrations::server::repo::{self, NewSocialAccount, SocialAccountRow};
use crate::contexts::integrations::types::{SocialAccount, SocialAccounts, SocialPlatform};
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource, SocialAccountId, WorkspaceId};

fn view(row: SocialAccountRow) -> Option<SocialAccount> {
    let platform = SocialPlatform::parse(&row.platform)?;
    let demo = row.metadata.get("demo").and_then(|d| d.as_bool()).unwrap_or(false);
    Some(SocialAccount {
        id: row.id,
        platform,
        health: account_health(row.is_active, row.token_expires_at, row.has_refresh, Utc::now()),
        username: row.username,
        display_name: row.display_name,
        avatar_url: row.avatar_url,
        token_expires_at: row.token_expires_at,
        is_active: row.is_active,
        demo,
    })
}

/// The workspace's social accounts (for any context that shows or publishes to
/// them; the caller has checked the member's permission for its own use).
pub async fn social_accounts_of(
    pg: &PgPool,
    workspace: WorkspaceId,
) -> Result<Vec<SocialAccount>, AppError> {
    Ok(repo::social_accounts(pg, workspace).await?.into_iter().filter_map(view).collect())
}

/// The accounts page.
pub async fn social_accounts(pg: &PgPool, member: &Member) -> Result<SocialAccounts, AppError> {
    Ok(SocialAccounts {
        accounts: social_accounts_of(pg, member.workspace).await?,
        can_manage: member.can(Permission::new(Resource::Integrations, Action::Update)),
    })
}

/// Turns an account off (nothing publishes to it; its posts keep their history)
/// or on again.
pub async fn set_social_active(
    pg: &PgPool,
    member: &Member,
    id: SocialAccountId,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let account = repo::social_accounts(&mut *tx, member.workspace)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(AppError::NotFound)?;
    repo::set_social_account_active(&mut *tx, member.workspace, id, active).await?;
    let label = SocialPlatform::parse(&account.platform).map_or("A social", SocialPlatform::label);
    let what = if active { "turned on" } else { "turned off" };
    log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        if active { "social_account_enabled" } else { "social_account_disabled" },
        &format!("{label} account {} {what}", account.display_name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A demo account on `platform` (the demo workspace, tests): it holds no token,
/// and nothing is sent to the platform for it.
pub async fn add_demo_social_account(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    platform: SocialPlatform,
    username: &str,
    display_name: &str,
) -> Result<SocialAccountId, AppError> {
    let account_id = format!("demo-{}-{username}", platform.as_str());
    Ok(repo::upsert_social_account(
        &mut *tx,
        workspace,
        &NewSocialAccount {
            platform: platform.as_str(),
            platform_account_id: &account_id,
            username,
            display_name,
            avatar_url: None,
            access_token: "",
            refresh_token: None,
            token_expires_at: None,
            metadata: serde_json::json!({"demo": true}),
        },
    )
    .await?)
}
