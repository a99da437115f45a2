//! Server functions of the inbox, each behind the one guard.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::{ConversationView, InboxFilter, InboxPage};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn conversation_id(raw: &str) -> Result<crate::kernel::ConversationId, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// A page of the inbox under `filter`.
#[server(prefix = "/api", endpoint = "inbox/list")]
pub async fn get_inbox(
    #[server(default)] filter: InboxFilter,
    #[server(default)] page: Option<u32>,
) -> Result<InboxPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Read)).await?;
    super::server::service::inbox(&state.pg, &member, &filter, page.unwrap_or(1)).await
}

/// How many of the workspace's conversations changed after `since` (RFC 3339,
/// with a margin), and when the newest changed (empty when none did).
#[server(prefix = "/api", endpoint = "inbox/changes")]
pub async fn inbox_changes(since: String) -> Result<(i64, String), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Read)).await?;
    let since = chrono::DateTime::parse_from_rfc3339(since.trim())
        .map_err(|_| AppError::invalid("since", "Give the time as RFC 3339."))?
        .with_timezone(&chrono::Utc);
    super::server::service::changes(&state.pg, &member, since).await
}

/// A conversation, marked read for the member.
#[server(prefix = "/api", endpoint = "inbox/get")]
pub async fn get_conversation(conversation_id: String) -> Result<ConversationView, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Read)).await?;
    let id = self::conversation_id(&conversation_id)?;
    super::server::service::conversation(&state.pg, &member, id).await
}

/// Sets a conversation's status, priority, assignee, tags, sentiment or snooze
/// (`conversation[…]`, see `service::triage`).
#[server(prefix = "/api", endpoint = "inbox/triage")]
pub async fn triage_conversation(
    conversation_id: String,
    #[server(default)] conversation: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    let id = self::conversation_id(&conversation_id)?;
    super::server::service::triage(&state.pg, &member, id, &conversation).await
}

/// Answers the person through the platform.
#[server(prefix = "/api", endpoint = "inbox/reply")]
pub async fn reply_conversation(
    conversation_id: String,
    #[server(default)] reply: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    let id = self::conversation_id(&conversation_id)?;
    super::server::service::reply(&state, &member, id, &reply).await
}

/// Adds an internal note to a conversation.
#[server(prefix = "/api", endpoint = "inbox/note")]
pub async fn note_conversation(
    conversation_id: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    let id = self::conversation_id(&conversation_id)?;
    super::server::service::note(&state.pg, &member, id, &note).await
}

/// Adds a saved reply (`shortcut`, typed as `/shortcut`; `body` may hold
/// `{name}`), or changes the text of an existing shortcut.
#[server(prefix = "/api", endpoint = "inbox/saved/save")]
pub async fn save_saved_reply(
    #[server(default)] shortcut: String,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    super::server::service::save_reply(&state.pg, &member, &shortcut, &body).await
}

/// Deletes a saved reply.
#[server(prefix = "/api", endpoint = "inbox/saved/delete")]
pub async fn delete_saved_reply(reply_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    let id = reply_id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::service::delete_reply(&state.pg, &member, id).await
}
