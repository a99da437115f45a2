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

#[server(prefix = "/api", endpoint = "insights/read")]
pub async fn set_insight_read(id: String, read: bool) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Insights, Action::Update)).await?;
    let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::service::set_read(&state.pg, &member, id, read).await
}

/// Works out every active brand's insights now (they are also worked out after each
/// sync and daily).
#[server(prefix = "/api", endpoint = "insights/refresh")]
pub async fn refresh_insights() -> Result<u32, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::brands::server::service as brands;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Insights, Action::Update)).await?;
    let mut queued = 0;
    for brand in brands::list(&state.pg, &member).await?.brands {
        if brand.archived_at.is_none() {
            super::server::jobs::enqueue_now(&state.pg, member.workspace, brand.id).await?;
            queued += 1;
        }
    }
    Ok(queued)
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
    use super::types::Thresholds;
    use crate::contexts::auth::server::guard::require;
    use crate::error::{FieldErrors, add_message};
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Insights, Action::Update)).await?;
    let mut errors = FieldErrors::new();
    let mut number = |field: &str, raw: &str, scale: f64| match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => v / scale,
        _ => {
            add_message(&mut errors, field, "Enter a number.");
            f64::NAN
        }
    };
    let thresholds = Thresholds {
        cpa_increase: number("cpa_increase", &cpa_increase, 100.0),
        roas_floor: number("roas_floor", &roas_floor, 1.0),
        conversion_drop: number("conversion_drop", &conversion_drop, 100.0),
        revenue_growth: number("revenue_growth", &revenue_growth, 100.0),
        channel_cpa_gap: number("channel_cpa_gap", &channel_cpa_gap, 100.0),
        min_spend: number("min_spend", &min_spend, 1.0),
        min_conversions: number("min_conversions", &min_conversions, 1.0),
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    super::server::service::save_thresholds(&state.pg, &member, &thresholds).await
}
