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
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Analytics, Action::Read)).await?;
    let query = DashboardQuery::from_form(&brand, &preset, &from, &to, &currency)?;
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
