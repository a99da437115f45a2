//! Use cases of the integrations context: the brand page's data sources (`panel`),
//! connecting a brand to a platform through OAuth and disconnecting (`connect`),
//! queueing syncs (`schedule`) and running them (`sync`).

mod connect;
mod health;
mod panel;
mod publishing;
mod schedule;
mod social;
mod social_connect;
mod sync;

use std::sync::Arc;

use sqlx::PgPool;

pub use self::connect::{Callback, PendingConnect, disconnect, finish_connect, start_connect};
pub use self::health::{book_expiry_check, check_token_expiry, integration_health};
pub use self::panel::brand_integrations;
pub use self::publishing::{
    ConnectedAccount, measure_as, publish_as, read_new_as, reply_as, save_social_account, search_as,
};
pub use self::schedule::{schedule_daily, sync_now};
pub use self::social::{
    accounts_by_platform_id, add_demo_social_account, set_social_active, social_accounts,
    social_accounts_of,
};
pub use self::social_connect::{
    PendingChoice, PendingSocial, SocialOutcome, add_chosen, choices, finish_social_connect,
    remove_social, start_social_connect,
};
pub use self::sync::{SyncOutcome, sync};

/// Every brand connection of the workspace as (connection, brand, platform name),
/// for pages that say what a task is for.
pub async fn connection_labels(
    pg: &sqlx::PgPool,
    workspace: crate::kernel::WorkspaceId,
) -> Result<Vec<(ConnectionId, crate::kernel::BrandId, &'static str)>, crate::error::AppError> {
    use crate::contexts::integrations::types::Platform;
    Ok(super::repo::all_of_workspace(pg, workspace)
        .await?
        .into_iter()
        .map(|(id, brand, platform)| {
            (id, brand, Platform::parse(&platform).map_or("A platform", Platform::label))
        })
        .collect())
}

/// The workspace's connected sources, and the data sources and social accounts
/// that need a person: a problem, or access ending within a week that cannot be
/// renewed (for Home).
pub async fn health_counts(
    pg: &sqlx::PgPool,
    workspace: crate::kernel::WorkspaceId,
) -> Result<(i64, i64), crate::error::AppError> {
    let (connected, broken) = super::repo::count_by_health(pg, workspace).await?;
    let days = crate::contexts::integrations::rules::EXPIRY_WARNING_DAYS;
    let social = super::repo::count_social_attention(pg, workspace, days).await?;
    Ok((connected, broken + social))
}
use super::config::IntegrationSettings;
use super::error::SyncError;
pub use crate::contexts::integrations::types::SYNC_CONNECTION;
use crate::kernel::{Action, ConnectionId, Permission, Resource};
use crate::server::crypto::Keyring;
use crate::server::{AppState, Configs, Settings};

/// What a sync needs: the database, the token keys, the HTTP client, the settings.
#[derive(Clone)]
pub struct Deps {
    pub pg: PgPool,
    pub keyring: Keyring,
    pub http: reqwest::Client,
    pub settings: Arc<Settings>,
    /// Holds the platforms' settings (`IntegrationSettings`).
    pub configs: Configs,
}

impl Deps {
    pub fn from_state(state: &AppState) -> Self {
        Self {
            pg: state.pg.clone(),
            keyring: state.keyring.clone(),
            http: state.http.clone(),
            settings: state.settings.clone(),
            configs: state.configs.clone(),
        }
    }

    /// The platforms' OAuth apps and API URLs.
    pub fn integrations(&self) -> Result<Arc<IntegrationSettings>, SyncError> {
        self.configs.get::<IntegrationSettings>().ok_or_else(|| {
            SyncError::Transient("The platform settings are missing on this server.".into())
        })
    }
}

/// Where platforms send people back to.
pub fn redirect_url(settings: &Settings) -> String {
    format!("{}/api/integrations/callback", settings.public_url)
}

/// The binding of a sealed token to its connection and field.
fn aad(id: ConnectionId, field: &str) -> String {
    format!("connection:{id}:{field}")
}

fn manage() -> Permission {
    Permission::new(Resource::Integrations, Action::Create)
}
