//! Server functions of the analytics context, each behind the one guard.

use leptos::prelude::*;

use super::types::{Dashboard, DashboardFilters, ImportReport};
use crate::error::AppError;

/// The dashboard for the filters in the page's address. Empty strings mean "not
/// chosen"; a malformed value is reported on its field.
#[server(prefix = "/api", endpoint = "analytics/dashboard")]
pub async fn get_dashboard(
    #[server(default)] filters: DashboardFilters,
) -> Result<Dashboard, AppError> {
    use super::server::service::{DashboardQuery, dashboard_with};
    use crate::contexts::auth::server::guard::require_with;
    use crate::contexts::brands::server::service::choices;
    use crate::kernel::{Action, Permission, Resource};
    let query = DashboardQuery::from_form(&filters)?;
    // The brand choices are read while the guard reads the membership.
    let (state, member, brands) = require_with(
        Permission::new(Resource::Analytics, Action::Read),
        |state, workspace| async move { choices(&state.pg, workspace).await },
    )
    .await?;
    dashboard_with(&state.pg, &member, &query, brands).await
}

/// The dashboard's day table (`table=days`, at its granularity) or channel table
/// (`table=channels`) as a CSV download, for the same filters as the page: a link
/// the page offers (`/api/analytics/export?…`), so the file is made when asked for.
#[allow(clippy::too_many_arguments)]
#[server(
    prefix = "/api",
    endpoint = "analytics/export",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::StreamingText
)]
pub async fn export_dashboard(
    #[server(default)] brand: String,
    #[server(default)] preset: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] currency: String,
    #[server(default)] granularity: String,
    #[server(default)] table: String,
) -> Result<server_fn::codec::TextStream<AppError>, AppError> {
    use super::server::service::{DashboardQuery, dashboard, export};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Analytics, Action::Read)).await?;
    let filters = DashboardFilters {
        brand,
        preset,
        from,
        to,
        currency,
        granularity,
        ..DashboardFilters::default()
    };
    let query = DashboardQuery::from_form(&filters)?;
    let d = dashboard(&state.pg, &member, &query).await?;
    let (name, body) = export::csv(&d, &table)?;
    Ok(crate::server::csv::download(&name, body))
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
