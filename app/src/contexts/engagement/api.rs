//! Server functions of the engagement context, each behind the one guard.

use leptos::prelude::*;

use super::types::SocialReport;
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn account_id(raw: &str) -> Result<Option<crate::kernel::SocialAccountId>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|_| AppError::NotFound)
}

/// The social analytics page: `account` (empty: every account) over `preset`
/// or `from`–`to`.
#[server(prefix = "/api", endpoint = "engagement/report")]
pub async fn get_social_report(
    #[server(default)] account: String,
    #[server(default)] preset: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<SocialReport, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let account = account_id(&account)?;
    let (state, member) = require(Permission::new(Resource::Analytics, Action::Read)).await?;
    super::server::service::report(&state.pg, &state.mongo, &member, account, &preset, &from, &to)
        .await
}

/// The page's figures per day as a CSV download
/// (`/api/engagement/export?account=&preset=&from=&to=`).
#[server(
    prefix = "/api",
    endpoint = "engagement/export",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::StreamingText
)]
pub async fn export_social_report(
    #[server(default)] account: String,
    #[server(default)] preset: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<server_fn::codec::TextStream<AppError>, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    use crate::server::csv;
    let account = account_id(&account)?;
    let (state, member) = require(Permission::new(Resource::Analytics, Action::Read)).await?;
    let rows = super::server::service::export(
        &state.pg,
        &state.mongo,
        &member,
        account,
        &preset,
        &from,
        &to,
    )
    .await?;
    let mut body = String::new();
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        body.push_str(&csv::row(&cells));
    }
    Ok(csv::download("social-analytics.csv", body))
}
