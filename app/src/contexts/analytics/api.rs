//! Server functions of the analytics context, each behind the one guard.

use leptos::prelude::*;

use super::types::{Dashboard, ImportReport};
use crate::error::AppError;

/// The dashboard for the filters in the page's address. Empty strings mean "not
/// chosen"; a malformed value is reported on its field.
#[server(prefix = "/api", endpoint = "analytics/dashboard")]
pub async fn get_dashboard(
    brand: String,
    preset: String,
    from: String,
    to: String,
    currency: String,
) -> Result<Dashboard, AppError> {
    use super::server::service::{DashboardQuery, dashboard};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Preset, Resource};
    let (state, member) = require(Permission::new(Resource::Analytics, Action::Read)).await?;
    let date = |field: &str, raw: &str| match raw.trim() {
        "" => Ok(None),
        text => text
            .parse::<chrono::NaiveDate>()
            .map(Some)
            .map_err(|_| AppError::invalid(field, "Use a date like 2026-03-31.")),
    };
    let query = DashboardQuery {
        brand: match brand.trim() {
            "" | "all" => None,
            id => Some(id.parse().map_err(|_| AppError::NotFound)?),
        },
        preset: Preset::parse(preset.trim()),
        from: date("from", &from)?,
        to: date("to", &to)?,
        currency: Some(currency.trim().to_uppercase()).filter(|c| !c.is_empty()),
    };
    dashboard(&state.pg, &member, &query).await
}

/// Checks (`commit=false`) or imports (`commit=true`) a CSV of a brand's daily
/// metrics; the report names every rejected row and why.
#[server(prefix = "/api", endpoint = "analytics/import")]
pub async fn import_metrics(
    brand_id: String,
    csv: String,
    commit: bool,
) -> Result<ImportReport, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Analytics, Action::Create)).await?;
    let brand = brand_id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::service::import_csv(&state.pg, &member, brand, &csv, commit).await
}
