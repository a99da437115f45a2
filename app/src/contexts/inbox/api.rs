//! Server functions of the inbox, each behind the one guard.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::{ConversationView, InboxFilter, InboxPage, InboxSettingsView, SlaReport};
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

/// Answers the person through the platform (`drafted` `ai`: the text began
/// as the model's draft; `reply_token`: the form's one-time token, so the
/// same form sent twice sends once).
#[server(prefix = "/api", endpoint = "inbox/reply")]
pub async fn reply_conversation(
    conversation_id: String,
    #[server(default)] reply: String,
    #[server(default)] drafted: String,
    #[server(default)] reply_token: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    let id = self::conversation_id(&conversation_id)?;
    let token = reply_token.parse().ok();
    super::server::service::reply(&state, &member, id, &reply, drafted == "ai", token).await
}

/// Approves a reply waiting for the member's approval, or asks for changes
/// (`decision`: `approve` or `request_changes`, which needs a `comment`).
/// Only a member the reply's current level waits on decides; after the last
/// level the reply is sent.
#[server(prefix = "/api", endpoint = "inbox/reply/decide")]
pub async fn decide_reply(
    conversation_id: String,
    message_id: String,
    decision: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::contexts::approvals::types::Decision;
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Approvals, Action::Read)).await?;
    let id = self::conversation_id(&conversation_id)?;
    let message = message_id.trim().parse().map_err(|_| AppError::NotFound)?;
    let decision = match Decision::parse(decision.trim()) {
        Some(d @ (Decision::Approve | Decision::RequestChanges)) => d,
        _ => return Err(AppError::invalid("decision", "Approve it, or ask for changes.")),
    };
    super::server::approval::decide(&state, &member, id, message, decision, &comment).await
}

/// Asks the model for a draft of the reply, following what `reply` says (the
/// reply box's text), kept on the conversation for a member to send.
#[server(prefix = "/api", endpoint = "inbox/reply/draft")]
pub async fn draft_reply(
    conversation_id: String,
    #[server(default)] reply: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    let id = self::conversation_id(&conversation_id)?;
    super::server::service::draft_reply(&state, &member, id, &reply).await
}

/// Makes the conversation's participant a CRM lead (`email`, `phone`
/// optional), found again rather than made twice.
#[server(prefix = "/api", endpoint = "inbox/lead")]
pub async fn make_lead(
    conversation_id: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    if !member.can(Permission::new(Resource::Leads, Action::Create)) {
        return Err(AppError::Forbidden);
    }
    let id = self::conversation_id(&conversation_id)?;
    super::server::service::make_lead(&state.pg, &member, id, &email, &phone).await
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

/// The inbox's settings: business hours, priority rules, round robin, SLA
/// policies.
#[server(prefix = "/api", endpoint = "inbox/settings")]
pub async fn get_inbox_settings() -> Result<InboxSettingsView, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Read)).await?;
    super::server::sla::settings_view(&state.pg, &member).await
}

/// Turns the chatbot on or off and sets what it answers, its hand-over
/// words and reply and its away message (`chatbot[on]`, `chatbot[dm]`,
/// `chatbot[comment]`, `chatbot[handover_words]`, `chatbot[handover_reply]`,
/// `chatbot[away]`); managers only.
#[server(prefix = "/api", endpoint = "inbox/settings/chatbot")]
pub async fn save_chatbot(
    #[server(default)] chatbot: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::chatbot::save(&state.pg, &member, &chatbot).await
}

/// Adds a chatbot answer (`answer[keywords]`, `answer[reply]`); managers only.
#[server(prefix = "/api", endpoint = "inbox/settings/chatbot/answer")]
pub async fn add_bot_answer(
    #[server(default)] answer: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::chatbot::add_answer(&state.pg, &member, &answer).await
}

/// Deletes the chatbot answer at `index`; managers only.
#[server(prefix = "/api", endpoint = "inbox/settings/chatbot/answer/delete")]
pub async fn delete_bot_answer(index: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::chatbot::delete_answer(&state.pg, &member, &index).await
}

/// Reads the workspace's polled accounts (X, YouTube, Reddit) now rather
/// than at the next round.
#[server(prefix = "/api", endpoint = "inbox/read-now")]
pub async fn read_inbox_now() -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    let mut tx = state.pg.begin().await?;
    super::server::poll::book(&mut tx, member.workspace, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the business hours (`hours[day1]`…`hours[day7]`, `hours[opens]`,
/// `hours[closes]`); managers only.
#[server(prefix = "/api", endpoint = "inbox/settings/hours")]
pub async fn save_business_hours(
    #[server(default)] hours: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::sla::save_business_hours(&state.pg, &member, &hours).await
}

/// Turns round robin on or off with its cap and who takes part
/// (`round_robin[on]`, `round_robin[cap]`, `round_robin[agent_<id>]`);
/// managers only.
#[server(prefix = "/api", endpoint = "inbox/settings/round-robin")]
pub async fn save_round_robin(
    #[server(default)] round_robin: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::sla::save_round_robin(&state.pg, &member, &round_robin).await
}

/// The member takes new conversations by round robin, or stops.
#[server(prefix = "/api", endpoint = "inbox/availability")]
pub async fn set_availability(#[server(default)] available: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Update)).await?;
    super::server::sla::set_my_availability(&state.pg, &member, available == "yes").await
}

/// Adds a priority rule (`rule[keywords]`, `rule[sentiment]`,
/// `rule[followers]`, `rule[kind_…]`, `rule[priority]`); managers only.
#[server(prefix = "/api", endpoint = "inbox/rules/add")]
pub async fn add_priority_rule(
    #[server(default)] rule: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::sla::add_rule(&state.pg, &member, &rule).await
}

/// Deletes the priority rule at `index`; managers only.
#[server(prefix = "/api", endpoint = "inbox/rules/delete")]
pub async fn delete_priority_rule(index: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    let index = index.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::sla::delete_rule(&state.pg, &member, index).await
}

/// Adds (`policy_id` empty) or changes an SLA policy (`policy[name]`,
/// `policy[priority_…]`, `policy[kind_…]`, `policy[first_response_h]`,
/// `…_m`, next response and resolution alike, `policy[business_hours]`);
/// managers only.
#[server(prefix = "/api", endpoint = "inbox/sla/save")]
pub async fn save_sla_policy(
    #[server(default)] policy_id: String,
    #[server(default)] policy: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::sla::save_policy(&state.pg, &member, &policy_id, &policy).await
}

/// Deletes an SLA policy; its clocks stay in the report under its name.
#[server(prefix = "/api", endpoint = "inbox/sla/delete")]
pub async fn delete_sla_policy(policy_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Delete)).await?;
    super::server::sla::delete_policy(&state.pg, &member, &policy_id).await
}

/// The SLA report for `from`–`to` (dates in the workspace's zone; the last
/// 30 days by default).
#[server(prefix = "/api", endpoint = "inbox/sla/report")]
pub async fn get_sla_report(
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<SlaReport, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Read)).await?;
    super::server::sla::report(&state.pg, &member, &from, &to).await
}

/// The SLA report as a CSV download (`/api/inbox/sla/export?from=&to=`).
#[server(
    prefix = "/api",
    endpoint = "inbox/sla/export",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::StreamingText
)]
pub async fn export_sla_report(
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<server_fn::codec::TextStream<AppError>, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    use crate::server::csv;
    let (state, member) = require(Permission::new(Resource::Inbox, Action::Read)).await?;
    let report = super::server::sla::report(&state.pg, &member, &from, &to).await?;
    let body: String =
        super::server::sla::report_csv(&report).iter().map(|row| csv::row(row)).collect();
    Ok(csv::download("sla-report.csv", body))
}
