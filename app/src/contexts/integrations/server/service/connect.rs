//! Connecting a brand to a platform: the OAuth authorization-code flow with `state`
//! (and PKCE where the platform supports it), the account check, sealed tokens; and
//! disconnecting.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::{aad, manage, redirect_url, schedule};
use crate::contexts::analytics::server::service as analytics;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::brands::server::service as brands;
use crate::contexts::brands::types::Brand;
use crate::contexts::integrations::rules;
use crate::contexts::integrations::server::client::Api;
use crate::contexts::integrations::server::config::IntegrationSettings;
use crate::contexts::integrations::server::repo;
use crate::contexts::integrations::server::{connectors, oauth};
use crate::contexts::integrations::types::Platform;
use crate::error::AppError;
use crate::kernel::{Action, BrandId, ConnectionId, Permission, Resource};
use crate::server::AppState;

/// A connection attempt between leaving for the platform and coming back, kept in
/// the person's session (never in the browser).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingConnect {
    pub state: String,
    pub verifier: Option<String>,
    pub brand: BrandId,
    pub platform: Platform,
    pub account: String,
    pub started_at: DateTime<Utc>,
}

/// How long a person may take on the platform's consent screen.
const PENDING_MINUTES: i64 = 15;

/// Checks the request and returns where to send the person, with what to keep in
/// their session until they come back.
pub async fn start_connect(
    state: &AppState,
    member: &Member,
    brand: BrandId,
    platform: Platform,
    account: &str,
) -> Result<(String, PendingConnect), AppError> {
    member.check(manage())?;
    let brand = brands::get(&state.pg, member, brand).await?;
    if brand.archived_at.is_some() {
        return Err(AppError::invalid(
            "account",
            "This brand is archived; restore it to connect data sources.",
        ));
    }
    let settings = IntegrationSettings::of(state)?;
    let config = settings.get(platform);
    let missing = config.missing();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "account",
            format!(
                "{} is not configured on this server: set {}.",
                platform.label(),
                missing.join(", ")
            ),
        ));
    }
    let account =
        rules::normalize_account(platform, account).map_err(|m| AppError::invalid("account", m))?;
    let shop = if platform == Platform::Shopify { account.as_str() } else { "" };
    let client = oauth::client(platform, config, shop, &redirect_url(&state.settings))
        .map_err(AppError::internal)?;
    let (url, csrf, verifier) = oauth::authorize_url(&client, platform);
    let pending = PendingConnect {
        state: csrf,
        verifier,
        brand: brand.id,
        platform,
        account,
        started_at: Utc::now(),
    };
    Ok((url, pending))
}

/// What the platform sent back to the callback.
#[derive(Debug, Clone, Default)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    /// Every query parameter as it came (Shopify signs them all: `hmac`).
    pub query: Vec<(String, String)>,
}

/// Finishes a connection: checks `state`, exchanges the code, checks the account,
/// stores the sealed tokens and starts the first sync. A failure is logged on the
/// connection and shown on the brand page; an existing connection stays as it was.
/// Returns the brand to go back to.
pub async fn finish_connect(
    state: &AppState,
    member: &Member,
    pending: &PendingConnect,
    callback: &Callback,
) -> Result<BrandId, AppError> {
    member.check(manage())?;
    let brand = brands::get(&state.pg, member, pending.brand).await?;
    let platform = pending.platform;
    let id =
        repo::ensure(&state.pg, member.workspace, brand.id, platform.as_str(), member.user).await?;
    match connect(state, member, pending, callback, &brand, id).await {
        Ok(name) => {
            let message = format!(
                "Connected to {name} ({}).",
                rules::display_account(platform, &pending.account)
            );
            let mut tx = state.pg.begin().await?;
            repo::log(&mut *tx, member.workspace, id, "connected", "success", &message).await?;
            schedule::queue_sync(&mut tx, member.workspace, id).await?;
            schedule::book_daily(&mut tx, member.workspace, id).await?;
            super::book_expiry_check(&mut tx, member.workspace).await?;
            tx.commit().await?;
        }
        Err(message) => {
            let row = repo::find(&state.pg, member.workspace, id).await?;
            if row.is_some_and(|r| r.status != "connected") {
                repo::set_status(&state.pg, member.workspace, id, "error", Some(&message)).await?;
            }
            repo::log(&state.pg, member.workspace, id, "connect_failed", "error", &message).await?;
        }
    }
    Ok(brand.id)
}

/// The steps of `finish_connect` that can fail for reasons people can act on.
async fn connect(
    state: &AppState,
    member: &Member,
    pending: &PendingConnect,
    callback: &Callback,
    brand: &Brand,
    id: ConnectionId,
) -> Result<String, String> {
    let platform = pending.platform;
    let label = platform.label();
    if let Some(error) = &callback.error {
        let detail = callback.error_description.as_deref().unwrap_or(error);
        return Err(if error == "access_denied" {
            format!("Access was not granted on {label} ({detail}). Nothing changed.")
        } else {
            format!("{label} did not grant access: {detail}. Nothing changed.")
        });
    }
    if callback.state.as_deref() != Some(pending.state.as_str()) {
        return Err(format!(
            "The answer from {label} did not match the request Aura sent (state). Nothing changed; connect again."
        ));
    }
    if Utc::now() - pending.started_at > chrono::Duration::minutes(PENDING_MINUTES) {
        return Err(format!(
            "The {label} sign-in took longer than {PENDING_MINUTES} minutes. Connect again."
        ));
    }
    let Some(code) = callback.code.as_deref().filter(|c| !c.is_empty()) else {
        return Err(format!("{label} sent no authorization code. Connect again."));
    };
    let settings = IntegrationSettings::of(state).map_err(|e| e.to_string())?;
    let config = settings.get(platform);
    if platform == Platform::Shopify {
        let secret = config.client_secret.as_ref().map(|s| s.expose()).unwrap_or_default();
        if !oauth::shopify_hmac_valid(&callback.query, secret) {
            return Err(format!(
                "The answer from {label} was not signed by {label} (hmac). Nothing changed; connect again."
            ));
        }
    }
    let shop = if platform == Platform::Shopify { pending.account.as_str() } else { "" };
    let redirect = redirect_url(&state.settings);
    let client = oauth::client(platform, config, shop, &redirect)?;
    let mut tokens =
        oauth::exchange_code(&state.http, &client, label, code, pending.verifier.clone())
            .await
            .map_err(|e| e.to_string())?;
    if platform == Platform::Shopify
        && let Some(granted) = &tokens.granted
    {
        let missing = oauth::missing_shopify_scopes(oauth::scopes(platform), granted);
        if !missing.is_empty() {
            return Err(format!(
                "{label} granted less access than Aura needs (missing {}). Nothing changed; connect again and approve all of it.",
                missing.join(", ")
            ));
        }
    }
    if platform == Platform::Meta {
        tokens = oauth::meta_long_lived(&state.http, config, &tokens)
            .await
            .map_err(|e| e.to_string())?;
    }
    let mut api = Api::new(&state.http, platform, config, shop, &redirect, tokens);
    let account = connectors::connector(platform)
        .account(&mut api, &pending.account)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(currency) =
        account.currency.as_deref().filter(|c| !c.eq_ignore_ascii_case(&brand.currency))
    {
        return Err(format!(
            "{} reports in {currency} but {} is in {}. Connect an account in {}, or change the brand's currency.",
            account.name, brand.name, brand.currency, brand.currency
        ));
    }
    let tokens = &api.tokens;
    let sealed_access = state.keyring.seal(tokens.access.expose(), &aad(id, "access_token"));
    let sealed_refresh =
        tokens.refresh.as_ref().map(|r| state.keyring.seal(r.expose(), &aad(id, "refresh_token")));
    let stored: Result<(), AppError> = async {
        let mut tx = state.pg.begin().await?;
        // The generated demo values make way for the account's real data.
        let demo = repo::find(&mut *tx, member.workspace, id).await?.is_some_and(|r| r.is_demo());
        if demo {
            analytics::delete_connection_values(&mut tx, member.workspace, id.as_uuid()).await?;
        }
        repo::set_connected(
            &mut *tx,
            member.workspace,
            id,
            &repo::Connected {
                by: member.user,
                account_id: &account.id,
                account_name: &account.name,
                access_token: &sealed_access,
                refresh_token: sealed_refresh.as_deref(),
                expires_at: tokens.expires_at,
            },
        )
        .await?;
        Ok(tx.commit().await?)
    }
    .await;
    stored.map_err(|e| e.to_string())?;
    Ok(account.name)
}

/// Forgets the connection's tokens. Metrics already synced stay on the dashboard.
pub async fn disconnect(pg: &PgPool, member: &Member, id: ConnectionId) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Integrations, Action::Delete))?;
    if !repo::disconnect(pg, member.workspace, id).await? {
        return Err(AppError::NotFound);
    }
    repo::log(
        pg,
        member.workspace,
        id,
        "disconnected",
        "success",
        "Disconnected; the stored tokens were deleted.",
    )
    .await?;
    Ok(())
}
