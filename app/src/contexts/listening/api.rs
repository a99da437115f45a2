//! Server functions of listening, each behind the one guard.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::{InfluencersPage, MentionFilter, MentionView, MentionsPage, QueriesPage};
use crate::error::AppError;

/// A page of mentions under `filter`, their volume by day and the trends.
#[server(prefix = "/api", endpoint = "listening/mentions")]
pub async fn get_mentions(
    #[server(default)] filter: MentionFilter,
    #[server(default)] page: Option<u32>,
) -> Result<MentionsPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Read)).await?;
    super::server::service::mentions(&state.pg, &state.mongo, &member, &filter, page.unwrap_or(1))
        .await
}

/// One mention.
#[server(prefix = "/api", endpoint = "listening/mention")]
pub async fn get_mention(mention_id: String) -> Result<MentionView, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Read)).await?;
    super::server::service::mention(&state.pg, &state.mongo, &member, &mention_id).await
}

/// Sends a mention to the inbox as a conversation; its id.
#[server(prefix = "/api", endpoint = "listening/to-inbox")]
pub async fn send_mention_to_inbox(mention_id: String) -> Result<String, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    if !member.can(Permission::new(Resource::Listening, Action::Read)) {
        return Err(AppError::Forbidden);
    }
    super::server::service::send_to_inbox(&state.pg, &state.mongo, &member, &mention_id).await
}

/// The workspace's searches.
#[server(prefix = "/api", endpoint = "listening/queries")]
pub async fn get_listening_queries() -> Result<QueriesPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Read)).await?;
    super::server::service::queries_page(&state.pg, &member).await
}

/// Adds (`query_id` empty) or changes a search (`query[name]`, `query[kind]`,
/// `query[terms]`, `query[platform_…]`, `query[active]`); it runs at once.
#[server(prefix = "/api", endpoint = "listening/queries/save")]
pub async fn save_listening_query(
    #[server(default)] query_id: String,
    #[server(default)] query: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Update)).await?;
    super::server::service::save_query(&state.pg, &member, &query_id, &query).await
}

/// Deletes a search; what it found stays.
#[server(prefix = "/api", endpoint = "listening/queries/delete")]
pub async fn delete_listening_query(query_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Delete)).await?;
    super::server::service::delete_query(&state.pg, &member, &query_id).await
}

/// Runs the searches now (they run hourly on their own).
#[server(prefix = "/api", endpoint = "listening/run")]
pub async fn run_listening_now() -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Update)).await?;
    let mut tx = state.pg.begin().await?;
    super::server::service::book(&mut tx, member.workspace, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Influencers ranked by reach × engagement (one list's when `list` names one).
#[server(prefix = "/api", endpoint = "listening/influencers")]
pub async fn get_influencers(#[server(default)] list: String) -> Result<InfluencersPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Read)).await?;
    super::server::service::influencers(&state.mongo, &member, &list).await
}

/// Saves an influencer to a list (a new name makes the list).
#[server(prefix = "/api", endpoint = "listening/influencers/save")]
pub async fn save_influencer(
    #[server(default)] platform: String,
    #[server(default)] username: String,
    #[server(default)] list: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Listening, Action::Update)).await?;
    super::server::service::save_influencer(&state.mongo, &member, &platform, &username, &list)
        .await
}
