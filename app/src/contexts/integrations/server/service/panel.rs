//! The brand page's "Data sources" panel: each platform's connection, its state and
//! recent log, and what is missing to connect it.

use super::manage;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::brands::server::service as brands;
use crate::contexts::integrations::rules;
use crate::contexts::integrations::server::config::IntegrationSettings;
use crate::contexts::integrations::server::repo::{self, ConnectionRow};
use crate::contexts::integrations::types::{
    BrandIntegrations, ConnectionLogEntry, ConnectionStatus, ConnectionView, Platform, PlatformCard,
};
use crate::error::AppError;
use crate::kernel::{BrandId, ConnectionId};
use crate::server::AppState;

/// Log entries shown per connection.
const LOG_ENTRIES: i64 = 10;

/// The log entries of connection `id` among `logs`, as pages show them.
pub(super) fn log_of(logs: &[repo::LogRow], id: ConnectionId) -> Vec<ConnectionLogEntry> {
    logs.iter()
        .filter(|l| l.connection_id == id)
        .map(|l| ConnectionLogEntry {
            event_type: l.event_type.clone(),
            status: l.status.clone(),
            message: l.message.clone(),
            occurred_at: l.occurred_at,
        })
        .collect()
}

fn view(row: &ConnectionRow, log: Vec<ConnectionLogEntry>) -> Option<ConnectionView> {
    let platform = Platform::parse(&row.platform)?;
    let meta = &row.metadata;
    Some(ConnectionView {
        id: row.id,
        platform,
        status: ConnectionStatus::parse(&row.status).unwrap_or(ConnectionStatus::Error),
        reason: meta.get("reason").and_then(|r| r.as_str()).map(String::from),
        account_id: row
            .platform_account_id
            .as_deref()
            .map(|id| rules::display_account(platform, id)),
        account_name: row.platform_account_name.clone(),
        last_sync_at: row.last_sync_at,
        token_expires_at: row.token_expires_at,
        demo: row.is_demo(),
        progress: meta.get("sync").and_then(|s| serde_json::from_value(s.clone()).ok()),
        log,
    })
}

/// The brand's four data sources with their state and recent log.
pub async fn brand_integrations(
    state: &AppState,
    member: &Member,
    brand: BrandId,
) -> Result<BrandIntegrations, AppError> {
    let brand = brands::get(&state.pg, member, brand).await?;
    let settings = IntegrationSettings::of(state)?;
    let rows = repo::for_brand(&state.pg, member.workspace, brand.id).await?;
    let ids: Vec<ConnectionId> = rows.iter().map(|r| r.id).collect();
    let logs = repo::recent_logs(&state.pg, member.workspace, &ids, LOG_ENTRIES).await?;
    let cards = Platform::ALL
        .into_iter()
        .map(|platform| {
            let connection = rows
                .iter()
                .find(|r| r.platform == platform.as_str())
                .and_then(|row| view(row, log_of(&logs, row.id)));
            PlatformCard {
                platform,
                missing_settings: settings
                    .get(platform)
                    .missing()
                    .into_iter()
                    .map(String::from)
                    .collect(),
                connection,
            }
        })
        .collect();
    Ok(BrandIntegrations { brand_id: brand.id, cards, can_manage: member.can(manage()) })
}
