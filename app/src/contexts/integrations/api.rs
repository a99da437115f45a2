//! Server functions of the integrations context, each behind the one guard.

use leptos::prelude::*;

use super::types::BrandIntegrations;
use crate::error::AppError;

/// The session key of a connection attempt in progress.
#[cfg(feature = "ssr")]
const PENDING_KEY: &str = "integrations.pending_connect";

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

/// Where platforms send people back (`{AURA_PUBLIC_URL}/api/integrations/callback`).
/// Always ends on the brand page, which shows how the attempt went.
#[server(prefix = "/api", endpoint = "integrations/callback", input = server_fn::codec::GetUrl)]
pub async fn oauth_callback(
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
) -> Result<(), AppError> {
    use super::server::service::{self, Callback, PendingConnect};
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (app, member) = require(Permission::new(Resource::Integrations, Action::Create)).await?;
    let auth = auth_session().await?;
    let pending: Option<PendingConnect> =
        auth.session.remove(PENDING_KEY).await.map_err(AppError::internal)?;
    let Some(pending) = pending else {
        // Nothing in progress (already finished, or another browser): back to the list.
        leptos_axum::redirect("/brands");
        return Ok(());
    };
    let uri: axum::http::Uri = leptos_axum::extract().await.map_err(AppError::internal)?;
    let query = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let callback = Callback { code, state, error, error_description, query };
    let brand = service::finish_connect(&app, &member, &pending, &callback).await?;
    leptos_axum::redirect(&format!("/brands/{brand}#integrations"));
    Ok(())
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
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Read)).await?;
    super::server::service::social_accounts(&state.pg, &member).await
}

/// Turns a social account off (`active=false`: nothing is published to it) or on.
#[server(prefix = "/api", endpoint = "integrations/social_account_active")]
pub async fn set_social_account_active(account_id: String, active: bool) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Integrations, Action::Update)).await?;
    super::server::service::set_social_active(&state.pg, &member, id(&account_id)?, active).await
}
