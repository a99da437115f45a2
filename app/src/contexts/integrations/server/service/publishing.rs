//! Social accounts as the publisher uses them: connected with sealed tokens, and
//! opened only to publish.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

use super::{Deps, redirect_url};
use crate::contexts::automation::server::queue;
use crate::contexts::inbox::types::INBOX_POLL;
use crate::contexts::integrations::server::error::SyncError;
use crate::contexts::integrations::server::repo::{self, NewSocialAccount};
use crate::contexts::integrations::server::social::incoming::{NewPage, ReadNew};
use crate::contexts::integrations::server::social::metrics::{self, Partial, ToMeasure};
use crate::contexts::integrations::server::social::replies::ReplyRequest;
use crate::contexts::integrations::server::social::search::{SearchPage, SearchRequest};
use crate::contexts::integrations::server::social::{
    self, Account, PublishError, PublishRequest, Published, SocialApp,
};
use crate::contexts::integrations::types::{AccountCounts, SocialPlatform};
use crate::error::AppError;
use crate::kernel::{SocialAccountId, WorkspaceId};
use crate::server::Secret;
use crate::server::crypto::Keyring;

/// The binding of a sealed social token to its account and field.
pub(super) fn aad(
    workspace: WorkspaceId,
    platform: SocialPlatform,
    account_id: &str,
    field: &str,
) -> String {
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
    /// What the platform told about the account (a Page's Instagram link, boards).
    pub metadata: serde_json::Value,
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
    super::book_expiry_check(&mut *tx, workspace).await?;
    // The inbox reads what people write to it where the platform does not push.
    if social::incoming::POLLED.contains(&account.platform) {
        let data = serde_json::json!({});
        queue::enqueue_by(&mut *tx, workspace, INBOX_POLL, &data, None).await?;
    }
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
            metadata: account.metadata.clone(),
        },
    )
    .await?)
}

/// Publishes `request` as the workspace's account `id`: refused before anything
/// is sent when the account is gone, turned off or holds sample data. A token
/// about to end is renewed first; a token the platform refuses is renewed once
/// and the post tried again. The outcome is kept on the account for the
/// integration-health page.
pub async fn publish_as(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let outcome = match with_account(deps, workspace, id, &Call::Publish(request)).await {
        Ok(Answer::Published(published)) => Ok(published),
        Ok(_) => Err(PublishError::Transient("Aura mixed up its work.".into())),
        Err(e) => Err(e),
    };
    let error = outcome.as_ref().err().map(ToString::to_string);
    if let Err(e) = repo::note_social_outcome(&deps.pg, workspace, id, error.as_deref()).await {
        tracing::warn!(error = %e, "could not record the account's last outcome");
    }
    outcome
}

/// What an account's posts have earned and its audience now, read from the
/// platform (`social::metrics`) with the same checks and token renewal as
/// publishing; with what stopped the run early, if anything did. An access
/// the platform refuses is kept on the account for the integration-health page.
pub async fn measure_as(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    posts: &[ToMeasure],
) -> Result<(AccountCounts, Partial), PublishError> {
    let outcome = match with_account(deps, workspace, id, &Call::Measure(posts)).await {
        Ok(Answer::Measured(audience, partial)) => Ok((audience, partial)),
        Ok(_) => Err(PublishError::Transient("Aura mixed up its work.".into())),
        Err(e) => Err(e),
    };
    note_refusal(deps, workspace, id, outcome).await
}

/// An access the platform refused is kept on the account, for the
/// integration-health page; the outcome passes on as it was.
async fn note_refusal<T>(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    outcome: Result<T, PublishError>,
) -> Result<T, PublishError> {
    if let Err(PublishError::Reauthorize(message)) = &outcome
        && let Err(e) = repo::note_social_outcome(&deps.pg, workspace, id, Some(message)).await
    {
        tracing::warn!(error = %e, "could not record the account's last outcome");
    }
    outcome
}

/// Searches what people post as the workspace's account `id` (listening), with
/// the same checks and token renewal as publishing.
pub async fn search_as(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let outcome = match with_account(deps, workspace, id, &Call::Search(request)).await {
        Ok(Answer::Found(page)) => Ok(page),
        Ok(_) => Err(PublishError::Transient("Aura mixed up its work.".into())),
        Err(e) => Err(e),
    };
    note_refusal(deps, workspace, id, outcome).await
}

/// Answers a person (a comment, a direct message) as the workspace's account
/// `id`, with the same checks and token renewal as publishing; the platform's
/// id of the reply. An access the platform refuses is kept on the account for
/// the integration-health page.
pub async fn reply_as(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    request: &ReplyRequest,
) -> Result<String, PublishError> {
    let outcome = match with_account(deps, workspace, id, &Call::Reply(request)).await {
        Ok(Answer::Replied(sent)) => Ok(sent),
        Ok(_) => Err(PublishError::Transient("Aura mixed up its work.".into())),
        Err(e) => Err(e),
    };
    note_refusal(deps, workspace, id, outcome).await
}

/// Reads what people wrote to the workspace's account `id` since the last
/// read (the inbox's polling), with the same checks and token renewal as
/// publishing.
pub async fn read_new_as(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    request: &ReadNew,
) -> Result<NewPage, PublishError> {
    let outcome = match with_account(deps, workspace, id, &Call::ReadNew(request)).await {
        Ok(Answer::Heard(page)) => Ok(page),
        Ok(_) => Err(PublishError::Transient("Aura mixed up its work.".into())),
        Err(e) => Err(e),
    };
    note_refusal(deps, workspace, id, outcome).await
}

/// What is done as an account.
enum Call<'r> {
    Publish(&'r PublishRequest),
    Measure(&'r [ToMeasure]),
    Reply(&'r ReplyRequest),
    Search(&'r SearchRequest),
    ReadNew(&'r ReadNew),
}

enum Answer {
    Published(Published),
    Measured(AccountCounts, Partial),
    Replied(String),
    Found(SearchPage),
    Heard(NewPage),
}

async fn run(
    deps: &Deps,
    apis: &social::SocialApis,
    account: &Account,
    call: &Call<'_>,
) -> Result<Answer, PublishError> {
    match call {
        Call::Publish(request) => {
            social::publish(&deps.http, apis, account, request).await.map(Answer::Published)
        }
        Call::Measure(posts) => {
            // An audience the platform will not tell (a missing permission)
            // leaves the posts to measure.
            let audience = match metrics::account_counts(&deps.http, apis, account).await {
                Ok(audience) => audience,
                Err(PublishError::Refused(_)) => AccountCounts::default(),
                Err(stop) => return Err(stop),
            };
            let measured = metrics::post_counts(&deps.http, apis, account, posts).await;
            Ok(Answer::Measured(audience, measured))
        }
        Call::Reply(request) => {
            social::replies::reply(&deps.http, apis, account, request).await.map(Answer::Replied)
        }
        Call::Search(request) => {
            social::search::search(&deps.http, apis, account, request).await.map(Answer::Found)
        }
        Call::ReadNew(request) => {
            social::incoming::read_new(&deps.http, apis, account, request).await.map(Answer::Heard)
        }
    }
}

/// Runs `call` as the workspace's account `id` with its token opened: refused when the account is gone, turned
/// off or holds sample data; a token about to end is renewed first, and a token
/// the platform refuses is renewed once and the call made again.
async fn with_account(
    deps: &Deps,
    workspace: WorkspaceId,
    id: SocialAccountId,
    call: &Call<'_>,
) -> Result<Answer, PublishError> {
    let doing = match call {
        Call::Publish(_) => "publish",
        Call::Measure(_) => "read its figures",
        Call::Reply(_) => "answer anyone",
        Call::Search(_) => "search what people post",
        Call::ReadNew(_) => "read its messages",
    };
    let unreadable =
        |_| PublishError::Transient("Aura could not read the account; it will try again.".into());
    let row = repo::social_accounts(&deps.pg, workspace)
        .await
        .map_err(unreadable)?
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
            "This {label} account is sample data, so nothing was sent. Connect a real {label} account to {doing}."
        )));
    }
    if !row.is_active {
        return Err(PublishError::Refused(format!(
            "The {label} account is turned off; turn it on under Social accounts, then retry."
        )));
    }
    let (sealed_access, sealed_refresh) =
        repo::social_tokens(&deps.pg, workspace, id).await.map_err(unreadable)?.unwrap_or_default();
    let bind = |field: &str| aad(workspace, platform, &row.platform_account_id, field);
    let lost = || {
        PublishError::Reauthorize(format!(
            "Aura cannot read its access to this {label} account any more. Reconnect it on Social accounts, then retry."
        ))
    };
    let access_token =
        deps.keyring.open(&sealed_access, &bind("access_token")).map_err(|_| lost())?;
    let refresh_token = match &sealed_refresh {
        Some(sealed) => {
            Some(deps.keyring.open(sealed, &bind("refresh_token")).map_err(|_| lost())?)
        }
        None => None,
    };
    let apis = deps.integrations().map_err(|e| PublishError::Transient(e.to_string()))?;
    let mut account = Account {
        platform,
        platform_account_id: row.platform_account_id.clone(),
        username: row.username.clone(),
        access_token,
        metadata: row.metadata.clone(),
    };
    let renewable = refresh_token.is_some() || SocialApp::renews_without_refresh_token(platform);
    let ending = row.token_expires_at.is_some_and(|end| end < Utc::now() + Duration::minutes(2));
    let mut renewed = false;
    let mut tokens = (account.access_token.clone(), refresh_token);
    if ending && renewable {
        tokens =
            renew(deps, &apis.social, workspace, id, platform, &row.platform_account_id, &tokens)
                .await?;
        account.access_token = tokens.0.clone();
        renewed = true;
    }
    let outcome = run(deps, &apis.social, &account, call).await;
    if !(matches!(outcome, Err(PublishError::Reauthorize(_))) && renewable && !renewed) {
        return outcome;
    }
    tokens = renew(deps, &apis.social, workspace, id, platform, &row.platform_account_id, &tokens)
        .await?;
    account.access_token = tokens.0.clone();
    run(deps, &apis.social, &account, call).await
}

/// Renews the account's access token and stores the new tokens, sealed.
async fn renew(
    deps: &Deps,
    apis: &social::SocialApis,
    workspace: WorkspaceId,
    id: SocialAccountId,
    platform: SocialPlatform,
    platform_account_id: &str,
    (access, refresh): &(Secret, Option<Secret>),
) -> Result<(Secret, Option<Secret>), PublishError> {
    let label = platform.label();
    let app = apis.apps.get(platform);
    let redirect = redirect_url(&deps.settings);
    let fresh = social::oauth::refresh(&deps.http, apis, app, &redirect, access, refresh.as_ref())
        .await
        .map_err(|e| match e {
            SyncError::Reauthorize(m) => PublishError::Reauthorize(format!(
                "{m} The {label} account needs reconnecting on Social accounts; then retry."
            )),
            SyncError::RateLimited { message, retry_in } => {
                PublishError::RateLimited { message, retry_in }
            }
            SyncError::Transient(m) => PublishError::Transient(m),
            SyncError::Platform(m) => PublishError::Reauthorize(format!(
                "{m} Reconnect the {label} account on Social accounts, then retry."
            )),
        })?;
    let bind = |field: &str| aad(workspace, platform, platform_account_id, field);
    let sealed_access = deps.keyring.seal(fresh.access.expose(), &bind("access_token"));
    let sealed_refresh =
        fresh.refresh.as_ref().map(|r| deps.keyring.seal(r.expose(), &bind("refresh_token")));
    repo::set_social_tokens(
        &deps.pg,
        workspace,
        id,
        &sealed_access,
        sealed_refresh.as_deref(),
        fresh.expires_at,
    )
    .await
    .map_err(|_| {
        PublishError::Transient(
            "Aura could not store the renewed access; it will try again.".into(),
        )
    })?;
    Ok((fresh.access, fresh.refresh))
}
