//! Connecting social accounts: the platform's OAuth consent (with `state`, and
//! PKCE where the platform takes it), the code exchange, the accounts that
//! sign-in may add (a Facebook login's Pages, a LinkedIn member's organisations),
//! the person's pick, and the sealed tokens. Removing an account deletes its
//! tokens and keeps its posts' history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::publishing::{ConnectedAccount, save_social_account};
use super::{Callback, redirect_url};
use crate::contexts::auth::server::accounts::log_activity;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::integrations::server::config::IntegrationSettings;
use crate::contexts::integrations::server::repo;
use crate::contexts::integrations::server::social::{oauth, profiles};
use crate::contexts::integrations::types::{SocialChoice, SocialChoices, SocialPlatform};
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource, SocialAccountId, UserId, WorkspaceId};
use crate::server::{AppState, Secret};

/// How long a person may take on the platform's consent screen, and then to pick.
const PENDING_MINUTES: i64 = 15;

/// A social sign-in between leaving for the platform and coming back, kept in the
/// person's session (never in the browser).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSocial {
    pub state: String,
    pub verifier: Option<String>,
    pub platform: SocialPlatform,
    pub workspace: WorkspaceId,
    pub started_at: DateTime<Utc>,
}

/// Accounts a sign-in may add, waiting for the person's pick; their tokens sealed
/// to this person and workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingChoice {
    pub platform: SocialPlatform,
    pub workspace: WorkspaceId,
    pub started_at: DateTime<Utc>,
    access_token: String,
    refresh_token: Option<String>,
    token_expires_at: Option<DateTime<Utc>>,
    options: Vec<PendingOption>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct PendingOption {
    platform_account_id: String,
    username: String,
    display_name: String,
    avatar_url: Option<String>,
    page_token: Option<String>,
    metadata: serde_json::Value,
}

/// How a sign-in ended.
#[derive(Debug)]
pub enum SocialOutcome {
    /// One account, added: its name.
    Added(String),
    /// Several accounts to pick from.
    Choose(PendingChoice),
    /// Why nothing changed.
    Failed(String),
}

fn manage() -> Permission {
    Permission::new(Resource::Integrations, Action::Create)
}

fn pending_aad(workspace: WorkspaceId, user: UserId) -> String {
    format!("pending-social:{workspace}:{user}")
}

/// Where to send the person to connect `platform`, and what to keep in their
/// session until they come back.
pub async fn start_social_connect(
    state: &AppState,
    member: &Member,
    platform: SocialPlatform,
) -> Result<(String, PendingSocial), AppError> {
    member.check(manage())?;
    let settings = IntegrationSettings::of(state)?;
    let app = settings.social.apps.get(platform);
    let authorization = oauth::authorize(app, &redirect_url(&state.settings))
        .map_err(|m| AppError::invalid("platform", m))?;
    let pending = PendingSocial {
        state: authorization.state,
        verifier: authorization.verifier,
        platform,
        workspace: member.workspace,
        started_at: Utc::now(),
    };
    Ok((authorization.url, pending))
}

/// Finishes a sign-in: checks `state` and its age, exchanges the code, reads the
/// accounts it may add, and adds the one there is (or hands back the choice).
pub async fn finish_social_connect(
    state: &AppState,
    member: &Member,
    pending: &PendingSocial,
    callback: &Callback,
) -> Result<SocialOutcome, AppError> {
    member.check(manage())?;
    let platform = pending.platform;
    let label = platform.label();
    let failed = |m: String| Ok(SocialOutcome::Failed(m));
    if pending.workspace != member.workspace {
        return failed(format!(
            "The {label} sign-in was started in another workspace. Connect again from this one."
        ));
    }
    if let Some(error) = &callback.error {
        let detail = callback.error_description.as_deref().unwrap_or(error);
        return failed(if error == "access_denied" {
            format!("Access was not granted on {label} ({detail}). Nothing changed.")
        } else {
            format!("{label} did not grant access: {detail}. Nothing changed.")
        });
    }
    if callback.state.as_deref() != Some(pending.state.as_str()) {
        return failed(format!(
            "The answer from {label} did not match the request Aura sent (state). Nothing changed; connect again."
        ));
    }
    if Utc::now() - pending.started_at > chrono::Duration::minutes(PENDING_MINUTES) {
        return failed(format!(
            "The {label} sign-in took longer than {PENDING_MINUTES} minutes. Connect again."
        ));
    }
    let Some(code) = callback.code.as_deref().filter(|c| !c.is_empty()) else {
        return failed(format!("{label} sent no authorization code. Connect again."));
    };
    let settings = IntegrationSettings::of(state)?;
    let apis = &settings.social;
    let app = apis.apps.get(platform);
    let redirect = redirect_url(&state.settings);
    let tokens =
        match oauth::exchange(&state.http, apis, app, &redirect, code, pending.verifier.clone())
            .await
        {
            Ok(tokens) => tokens,
            Err(e) => return failed(e.to_string()),
        };
    let found = match profiles::candidates(&state.http, apis, platform, &tokens.access).await {
        Ok(found) => found,
        Err(message) => return failed(message),
    };
    let seal = |secret: &Secret| {
        state.keyring.seal(secret.expose(), &pending_aad(member.workspace, member.user))
    };
    let choice = PendingChoice {
        platform,
        workspace: member.workspace,
        started_at: Utc::now(),
        access_token: seal(&tokens.access),
        refresh_token: tokens.refresh.as_ref().map(seal),
        token_expires_at: tokens.expires_at,
        options: found
            .into_iter()
            .map(|c| PendingOption {
                page_token: c.page_token.as_ref().map(seal),
                platform_account_id: c.platform_account_id,
                username: c.username,
                display_name: c.display_name,
                avatar_url: c.avatar_url,
                metadata: c.metadata,
            })
            .collect(),
    };
    if let [only] = choice.options.as_slice() {
        let id = only.platform_account_id.clone();
        let mut names = add_chosen(state, member, &choice, &[id]).await?;
        return Ok(SocialOutcome::Added(names.pop().unwrap_or_default()));
    }
    Ok(SocialOutcome::Choose(choice))
}

/// The accounts waiting for the person's pick, as the pick page shows them.
pub async fn choices(
    pg: &PgPool,
    member: &Member,
    choice: &PendingChoice,
) -> Result<SocialChoices, AppError> {
    member.check(manage())?;
    if choice.workspace != member.workspace {
        return Err(AppError::NotFound);
    }
    let existing = repo::social_accounts(pg, member.workspace)
        .await?
        .into_iter()
        .filter(|a| a.platform == choice.platform.as_str())
        .map(|a| a.platform_account_id)
        .collect();
    Ok(SocialChoices {
        platform: choice.platform,
        options: choice
            .options
            .iter()
            .map(|o| SocialChoice {
                platform_account_id: o.platform_account_id.clone(),
                username: o.username.clone(),
                display_name: o.display_name.clone(),
                avatar_url: o.avatar_url.clone(),
                detail: o
                    .metadata
                    .get("page_name")
                    .and_then(|p| p.as_str())
                    .map(|page| format!("through the Page {page}"))
                    .or_else(|| {
                        o.metadata
                            .get("organization")
                            .is_some()
                            .then(|| "organization page".to_owned())
                    }),
            })
            .collect(),
        existing,
    })
}

/// Adds the picked accounts (of those the sign-in offered) with their tokens
/// sealed to each account; returns their names.
pub async fn add_chosen(
    state: &AppState,
    member: &Member,
    choice: &PendingChoice,
    chosen: &[String],
) -> Result<Vec<String>, AppError> {
    member.check(manage())?;
    if choice.workspace != member.workspace {
        return Err(AppError::NotFound);
    }
    if Utc::now() - choice.started_at > chrono::Duration::minutes(PENDING_MINUTES) {
        return Err(AppError::invalid(
            "chosen",
            format!(
                "The {} sign-in is older than {PENDING_MINUTES} minutes. Connect again.",
                choice.platform.label()
            ),
        ));
    }
    let picked: Vec<&PendingOption> =
        choice.options.iter().filter(|o| chosen.contains(&o.platform_account_id)).collect();
    if picked.is_empty() {
        return Err(AppError::invalid("chosen", "Choose at least one account to add."));
    }
    let open = |sealed: &str| {
        state.keyring.open(sealed, &pending_aad(member.workspace, member.user)).map_err(|_| {
            AppError::invalid("chosen", "This sign-in can no longer be read. Connect again.")
        })
    };
    let access = open(&choice.access_token)?;
    let refresh = choice.refresh_token.as_deref().map(open).transpose()?;
    let label = choice.platform.label();
    let mut tx = state.pg.begin().await?;
    let mut names = Vec::new();
    for option in picked {
        let page_token = option.page_token.as_deref().map(open).transpose()?;
        let account = ConnectedAccount {
            platform: choice.platform,
            platform_account_id: &option.platform_account_id,
            username: &option.username,
            display_name: &option.display_name,
            avatar_url: option.avatar_url.as_deref(),
            // A Page's own token does not expire and has no refresh token.
            access_token: page_token.as_ref().unwrap_or(&access),
            refresh_token: if page_token.is_some() { None } else { refresh.as_ref() },
            token_expires_at: if page_token.is_some() { None } else { choice.token_expires_at },
            metadata: option.metadata.clone(),
        };
        save_social_account(&mut tx, &state.keyring, member.workspace, &account).await?;
        log_activity(
            &mut *tx,
            member.workspace,
            Some(member.user),
            "social_account_connected",
            &format!("{label} account {} connected", option.display_name),
        )
        .await?;
        names.push(format!("{label} · {}", option.display_name));
    }
    tx.commit().await?;
    Ok(names)
}

/// Removes an account: its tokens are deleted and nothing publishes to it; its
/// posts keep their history. Connecting it again brings it back.
pub async fn remove_social(
    pg: &PgPool,
    member: &Member,
    id: SocialAccountId,
) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Integrations, Action::Delete))?;
    let mut tx = pg.begin().await?;
    let account = repo::social_accounts(&mut *tx, member.workspace)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(AppError::NotFound)?;
    repo::remove_social_account(&mut *tx, member.workspace, id).await?;
    let label = SocialPlatform::parse(&account.platform).map_or("A social", SocialPlatform::label);
    log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "social_account_removed",
        &format!("{label} account {} removed; its posts keep their history", account.display_name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
