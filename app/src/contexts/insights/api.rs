//! Server functions of the insights context, each behind the one guard.

use leptos::prelude::*;

use super::types::InsightList;
use crate::error::AppError;

/// A page of insights. Empty strings mean "any"; `status` is `unread` or `all`.
#[server(prefix = "/api", endpoint = "insights/list")]
pub async fn list_insights(
    brand: String,
    priority: String,
    status: String,
    page: u32,
) -> Result<InsightList, AppError> {
    use super::server::{repo::Filter, service};
    use super::types::Priority;
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Insights, Action::Read)).await?;
    let filter = Filter {
        reader: Some(member.user),
        brand: match brand.trim() {
            "" => None,
            id => Some(id.parse().map_err(|_| AppError::NotFound)?),
        },
        priority: Priority::parse(priority.trim()),
        unread_only: status.trim() == "unread",
        include_expired: status.trim() == "all",
    };
    service::list(&state.pg, &member, &filter, page).await
}

/// Marks an insight `read`, `unread` or `dismissed` for the member alone; everyone
/// who can read insights can.
#[server(prefix = "/api", endpoint = "insights/read")]
pub async fn set_insight_read(id: String, state: String) -> Result<(), AppError> {
    use super::server::repo::ReadState;
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state_, member) = require(Permission::new(Resource::Insights, Action::Read)).await?;
    let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let wanted = match state.trim() {
        "read" => ReadState::Read,
        "unread" => ReadState::Unread,
        "dismissed" => ReadState::Dismissed,
        _ => return Err(AppError::invalid("state", "Choose read, unread or dismissed.")),
    };
    super::server::service::set_read_state(&state_.pg, &member, id, wanted).await
}

/// Works out every active brand's insights now (they are also worked out after each
/// sync and daily).
#[server(prefix = "/api", endpoint = "insights/refresh")]
pub async fn refresh_insights() -> Result<u32, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Insights, Action::Update)).await?;
    super::server::service::refresh_all(&state.pg, &member).await
}

/// Saves the thresholds. Fractions arrive as percentages (`50` = 50 %), as the form
/// shows them.
#[server(prefix = "/api", endpoint = "insights/thresholds")]
pub async fn save_insight_thresholds(
    cpa_increase: String,
    roas_floor: String,
    conversion_drop: String,
    revenue_growth: String,
    channel_cpa_gap: String,
    min_spend: String,
    min_conversions: String,
) -> Result<(), AppError> {
    use super::server::service::{self, ThresholdsForm};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Insights, Action::Update)).await?;
    let form = ThresholdsForm {
        cpa_increase,
        roas_floor,
        conversion_drop,
        revenue_growth,
        channel_cpa_gap,
        min_spend,
        min_conversions,
    };
    service::save_thresholds(&state.pg, &member, &form.parse()?).await
}
