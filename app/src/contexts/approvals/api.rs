//! Server functions of the approvals context: the approval chains. Reading them
//! needs `approvals: read`; changing them, `workflows: update`.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::ChainsPage;
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn chain_id(raw: &str) -> Result<Option<crate::kernel::WorkflowId>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() { Ok(None) } else { raw.parse().map(Some).map_err(|_| AppError::NotFound) }
}

/// The chains page.
#[server(prefix = "/api", endpoint = "approvals/chains")]
pub async fn get_chains() -> Result<ChainsPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Approvals, Action::Read)).await?;
    super::server::service::chains_page(&state.pg, &member).await
}

/// Creates (`chain_id` empty) or changes a chain from its form (`chain[…]`; see
/// `service::save_chain`).
#[server(prefix = "/api", endpoint = "approvals/save_chain")]
pub async fn save_chain(
    #[server(default)] chain_id: String,
    #[server(default)] chain: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::chain_id(&chain_id)?;
    let (state, member) = require(Permission::new(Resource::Workflows, Action::Update)).await?;
    super::server::service::save_chain(&state.pg, &member, id, &chain).await?;
    Ok(())
}

/// Deletes a chain; posts waiting in it finish at the level they are at.
#[server(prefix = "/api", endpoint = "approvals/delete_chain")]
pub async fn delete_chain(chain_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::chain_id(&chain_id)?.ok_or(AppError::NotFound)?;
    let (state, member) = require(Permission::new(Resource::Workflows, Action::Update)).await?;
    super::server::service::delete_chain(&state.pg, &member, id).await
}
