//! Social accounts: the accounts page, the accounts other contexts publish to, and
//! turning an account off and on.

use chrono::Utc;
use sqlx::{PgConnection, PgPool};

use crate::contexts::auth::server::accounts::log_activity;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::integrations::rules::account_health;
use crate::contexts::integrations::server::config::IntegrationSettings;
use crate::contexts::integrations::server::repo::{self, NewSocialAccount, SocialAccountRow};
use crate::contexts::integrations::server::social::SocialApp;
use crate::contexts::integrations::types::{
    ConnectNotice, SocialAccount, SocialAccounts, SocialConnectOption, SocialPlatform,
};
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource, SocialAccountId, WorkspaceId};
use crate::server::AppState;

fn view(row: SocialAccountRow) -> Option<SocialAccount> {
    let platform = SocialPlatform::parse(&row.platform)?;
    let demo = row.metadata.get("demo").and_then(|d| d.as_bool()).unwrap_or(false);
    Some(SocialAccount {
        id: row.id,
        platform,
        health: account_health(
            row.is_active,
            row.token_expires_at,
            row.has_refresh || SocialApp::renews_without_refresh_token(platform),
            Utc::now(),
        ),
        username: row.username,
        display_name: row.display_name,
        avatar_url: row.avatar_url,
        token_expires_at: row.token_expires_at,
        is_active: row.is_active,
        demo,
        boards: row
            .metadata
            .get("boards")
            .and_then(|b| b.as_array())
            .map(|boards| {
                boards
                    .iter()
                    .filter_map(|b| b.get("name").and_then(|n| n.as_str()).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
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

/// (workspace, account) of every active account that is `platform_account_id`
/// on `platform`, whichever workspace connected it (for a platform's webhook).
pub async fn accounts_by_platform_id(
    pg: &PgPool,
    platform: SocialPlatform,
    platform_account_id: &str,
) -> Result<Vec<(WorkspaceId, SocialAccountId)>, AppError> {
    Ok(repo::by_platform_id(pg, platform.as_str(), platform_account_id).await?)
}

/// The accounts page, with how the last sign-in went (`notice`).
pub async fn social_accounts(
    state: &AppState,
    member: &Member,
    notice: Option<ConnectNotice>,
) -> Result<SocialAccounts, AppError> {
    let can_connect = member.can(Permission::new(Resource::Integrations, Action::Create));
    let settings = IntegrationSettings::of(state)?;
    let platforms = if can_connect {
        SocialPlatform::ALL
            .into_iter()
            .map(|platform| SocialConnectOption {
                platform,
                missing_settings: settings
                    .social
                    .apps
                    .get(platform)
                    .missing()
                    .into_iter()
                    .map(String::from)
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(SocialAccounts {
        accounts: social_accounts_of(&state.pg, member.workspace).await?,
        can_manage: member.can(Permission::new(Resource::Integrations, Action::Update)),
        can_connect,
        can_remove: member.can(Permission::new(Resource::Integrations, Action::Delete)),
        platforms,
        notice,
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
