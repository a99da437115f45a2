//! Server functions of the integrations context, each behind the one guard.

use leptos::prelude::*;

use super::types::BrandIntegrations;
use crate::error::AppError;

/// The session key of a connection attempt in progress.
#[cfg(feature = "ssr")]
const PENDING_KEY: &str = "integrations.pending_connect";
/// The session keys of a social sign-in in progress, of the accounts it offers
/// to pick from, and of how it went (said once on the accounts page).
#[cfg(feature = "ssr")]
const SOCIAL_PENDING_KEY: &str = "integrations.pending_social";
#[cfg(feature = "ssr")]
const SOCIAL_CHOICE_KEY: &str = "integrations.social_choice";
#[cfg(feature = "ssr")]
const SOCIAL_NOTICE_KEY: &str = "integrations.social_notice";

#[cfg(feature = "ssr")]
fn id<T: std::str::FromStr>(raw: &str) -> Result<T, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// A brand's data sources: each platform's connection, status and recent log.
#[server(prefix = "/api", endpoint = "integrations/brand")]
pub async fn get_brand_integrations(brand_id: String) -> Result<BrandIntegrations, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Read)).await?;
    super::server::service::brand_integrations(&state, &member, id(&brand_id)?).await
}

/// Starts connecting a platform: sends the person to the platform's consent screen.
#[server(prefix = "/api", endpoint = "integrations/connect")]
pub async fn connect_platform(
    brand_id: String,
    platform: String,
    account: String,
) -> Result<(), AppError> {
    use super::types::Platform;
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Create)).await?;
    let platform = Platform::parse(platform.trim()).ok_or(AppError::NotFound)?;
    let (url, pending) =
        super::server::service::start_connect(&state, &member, id(&brand_id)?, platform, &account)
            .await?;
    let auth = auth_session().await?;
    auth.session.insert(PENDING_KEY, pending).await.map_err(AppError::internal)?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// Where platforms send people back (`{AURA_PUBLIC_URL}/api/integrations/callback`),
/// for brand data sources and social accounts alike: the sign-in in progress
/// whose `state` matches is finished (a brand's ends on the brand page, a social
/// one on the accounts page or the pick page).
#[server(prefix = "/api", endpoint = "integrations/callback", input = server_fn::codec::GetUrl)]
pub async fn oauth_callback(
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
) -> Result<(), AppError> {
    use super::server::service::{self, Callback, PendingConnect, PendingSocial};
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (app, member) = require(Permission::new(Resource::Integrations, Action::Create)).await?;
    let auth = auth_session().await?;
    let session = &auth.session;
    let uri: axum::http::Uri = leptos_axum::extract().await.map_err(AppError::internal)?;
    let query = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let social: Option<PendingSocial> =
        session.get(SOCIAL_PENDING_KEY).await.map_err(AppError::internal)?;
    let brand: Option<PendingConnect> =
        session.get(PENDING_KEY).await.map_err(AppError::internal)?;
    let social_first = social.as_ref().is_some_and(|p| state.as_deref() == Some(p.state.as_str()))
        || brand.is_none();
    let callback = Callback { code, state, error, error_description, query };
    if let (true, Some(pending)) = (social_first, social) {
        session.remove_value(SOCIAL_PENDING_KEY).await.map_err(AppError::internal)?;
        let next = finish_social(&app, &member, session, &pending, &callback).await?;
        leptos_axum::redirect(next);
        return Ok(());
    }
    let Some(pending) = brand else {
        // Nothing in progress (already finished, or another browser): back to the list.
        leptos_axum::redirect("/brands");
        return Ok(());
    };
    session.remove_value(PENDING_KEY).await.map_err(AppError::internal)?;
    let brand = service::finish_connect(&app, &member, &pending, &callback).await?;
    leptos_axum::redirect(&format!("/brands/{brand}#integrations"));
    Ok(())
}

/// Finishes a social sign-in: several accounts to pick from wait in the session
/// for `/accounts/connect`; otherwise the outcome waits for `/accounts`. Where
/// to go next.
#[cfg(feature = "ssr")]
async fn finish_social(
    app: &crate::server::AppState,
    member: &crate::contexts::auth::server::guard::Member,
    session: &tower_sessions::Session,
    pending: &super::server::service::PendingSocial,
    callback: &super::server::service::Callback,
) -> Result<&'static str, AppError> {
    use super::server::service::{self, SocialOutcome};
    use super::types::ConnectNotice;
    let notice = match service::finish_social_connect(app, member, pending, callback).await? {
        SocialOutcome::Choose(choice) => {
            session.insert(SOCIAL_CHOICE_KEY, choice).await.map_err(AppError::internal)?;
            return Ok("/accounts/connect");
        }
        SocialOutcome::Added(name) => {
            ConnectNotice { ok: true, text: format!("Connected {name}.") }
        }
        SocialOutcome::Failed(text) => ConnectNotice { ok: false, text },
    };
    session.insert(SOCIAL_NOTICE_KEY, notice).await.map_err(AppError::internal)?;
    Ok("/accounts")
}

/// Starts connecting a social account: sends the person to the platform's consent
/// screen (or, for a platform without its app, says what to set).
#[server(prefix = "/api", endpoint = "integrations/social_connect")]
pub async fn connect_social(platform: String) -> Result<(), AppError> {
    use super::types::SocialPlatform;
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Create)).await?;
    let platform = SocialPlatform::parse(platform.trim()).ok_or(AppError::NotFound)?;
    let (url, pending) =
        super::server::service::start_social_connect(&state, &member, platform).await?;
    let auth = auth_session().await?;
    auth.session.insert(SOCIAL_PENDING_KEY, pending).await.map_err(AppError::internal)?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// The accounts a sign-in offers to add, for `/accounts/connect`.
#[server(prefix = "/api", endpoint = "integrations/social_choices")]
pub async fn social_choices() -> Result<Option<super::types::SocialChoices>, AppError> {
    use super::server::service::{self, PendingChoice};
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Create)).await?;
    let auth = auth_session().await?;
    let choice: Option<PendingChoice> =
        auth.session.get(SOCIAL_CHOICE_KEY).await.map_err(AppError::internal)?;
    match choice {
        Some(choice) => Ok(Some(service::choices(&state.pg, &member, &choice).await?)),
        None => Ok(None),
    }
}

/// Adds the accounts picked from a sign-in's offer (`chosen[<platform id>]=on`).
#[server(prefix = "/api", endpoint = "integrations/social_add")]
pub async fn add_social_accounts(
    #[server(default)] chosen: std::collections::HashMap<String, String>,
) -> Result<(), AppError> {
    use super::server::service::{self, PendingChoice};
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Create)).await?;
    let auth = auth_session().await?;
    let choice: Option<PendingChoice> =
        auth.session.get(SOCIAL_CHOICE_KEY).await.map_err(AppError::internal)?;
    let Some(choice) = choice else {
        return Err(AppError::invalid(
            "chosen",
            "There is no sign-in waiting for a choice any more. Connect again.",
        ));
    };
    let chosen: Vec<String> =
        chosen.into_iter().filter(|(_, on)| !on.is_empty()).map(|(id, _)| id).collect();
    let names = service::add_chosen(&state, &member, &choice, &chosen).await?;
    auth.session.remove_value(SOCIAL_CHOICE_KEY).await.map_err(AppError::internal)?;
    let notice =
        super::types::ConnectNotice { ok: true, text: format!("Connected {}.", names.join(", ")) };
    auth.session.insert(SOCIAL_NOTICE_KEY, notice).await.map_err(AppError::internal)?;
    leptos_axum::redirect("/accounts");
    Ok(())
}

/// Removes a social account (its tokens are deleted; its posts keep their history).
#[server(prefix = "/api", endpoint = "integrations/social_remove")]
pub async fn remove_social_account(account_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Delete)).await?;
    super::server::service::remove_social(&state.pg, &member, id(&account_id)?).await
}

#[server(prefix = "/api", endpoint = "integrations/sync")]
pub async fn sync_now(connection_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Update)).await?;
    super::server::service::sync_now(&state.pg, &member, id(&connection_id)?).await
}

#[server(prefix = "/api", endpoint = "integrations/disconnect")]
pub async fn disconnect(connection_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Delete)).await?;
    super::server::service::disconnect(&state.pg, &member, id(&connection_id)?).await
}

/// The workspace's social accounts with their health, for `/accounts`.
#[server(prefix = "/api", endpoint = "integrations/social_accounts")]
pub async fn list_social_accounts() -> Result<super::types::SocialAccounts, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Read)).await?;
    let auth = auth_session().await?;
    let notice = auth.session.remove(SOCIAL_NOTICE_KEY).await.map_err(AppError::internal)?;
    super::server::service::social_accounts(&state, &member, notice).await
}

/// Turns a social account off (`active=false`: nothing is published to it) or on.
#[server(prefix = "/api", endpoint = "integrations/social_account_active")]
pub async fn set_social_account_active(account_id: String, active: bool) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Update)).await?;
    super::server::service::set_social_active(&state.pg, &member, id(&account_id)?, active).await
}

/// Every data source and social account of the workspace with its health, for
/// `/integrations`.
#[server(prefix = "/api", endpoint = "integrations/health")]
pub async fn integration_health() -> Result<super::types::IntegrationHealth, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Read)).await?;
    super::server::service::integration_health(&state.pg, &member).await
}
