//! Server functions of the campaigns context, each behind the one guard.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::{CampaignList, CampaignPage};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn campaign_id(raw: &str) -> Result<crate::kernel::CampaignId, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// The campaigns, narrowed by `status` (empty: all).
#[server(prefix = "/api", endpoint = "campaigns/list")]
pub async fn list_campaigns(#[server(default)] status: String) -> Result<CampaignList, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Campaigns, Action::Read)).await?;
    super::server::service::list(&state.pg, &member, &status).await
}

/// A campaign's page.
#[server(prefix = "/api", endpoint = "campaigns/get")]
pub async fn get_campaign(campaign_id: String) -> Result<CampaignPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::campaign_id(&campaign_id)?;
    let (state, member) = require(Permission::new(Resource::Campaigns, Action::Read)).await?;
    super::server::service::page(&state.pg, &state.mongo, &member, id, &state.settings.public_url)
        .await
}

/// Creates (`campaign_id` empty: then opens it) or changes a campaign from its
/// form (`campaign[…]`; see `service::read_form`).
#[server(prefix = "/api", endpoint = "campaigns/save")]
pub async fn save_campaign(
    #[server(default)] campaign_id: String,
    #[server(default)] campaign: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id =
        if campaign_id.trim().is_empty() { None } else { Some(self::campaign_id(&campaign_id)?) };
    let action = if id.is_some() { Action::Update } else { Action::Create };
    let (state, member) = require(Permission::new(Resource::Campaigns, action)).await?;
    let saved = super::server::service::save(&state.pg, &member, id, &campaign).await?;
    if id.is_none() {
        leptos_axum::redirect(&format!("/campaigns/{saved}"));
    }
    Ok(())
}

/// Deletes a campaign; its posts stay, without it.
#[server(prefix = "/api", endpoint = "campaigns/delete")]
pub async fn delete_campaign(campaign_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::campaign_id(&campaign_id)?;
    let (state, member) = require(Permission::new(Resource::Campaigns, Action::Delete)).await?;
    super::server::service::delete(&state.pg, &member, id).await?;
    leptos_axum::redirect("/campaigns");
    Ok(())
}

/// The campaign's clicks per day as a CSV download
/// (`/api/campaigns/export?campaign_id=`).
#[server(
    prefix = "/api",
    endpoint = "campaigns/export",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::StreamingText
)]
pub async fn export_campaign(
    campaign_id: String,
) -> Result<server_fn::codec::TextStream<AppError>, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    use crate::server::csv;
    let id = self::campaign_id(&campaign_id)?;
    let (state, member) = require(Permission::new(Resource::Campaigns, Action::Read)).await?;
    let (name, rows) = super::server::service::export(&state.pg, &member, id).await?;
    let mut body = String::new();
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        body.push_str(&csv::row(&cells));
    }
    Ok(csv::download(&format!("campaign-{name}-clicks.csv"), body))
}
