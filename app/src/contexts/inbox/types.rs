//! Wire types of the inbox: what a conversation is and how it feels.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::rules::{PriorityRule, SlaPolicy, SlaTarget};
use crate::contexts::integrations::types::SocialPlatform;
use crate::kernel::{ConversationId, PostId, SocialAccountId, UserId};

/// The task that records an SLA clock's breach when it falls due (data:
/// `{"clock": id}`), booked with the clock.
pub const SLA_BREACH: &str = "sla_breach";

/// The task that reads the workspace's accounts on platforms that do not push
/// (X, YouTube, Reddit) for the inbox (data: `{}`), booked when such an account
/// is connected, by "read now", and by itself every few minutes.
pub const INBOX_POLL: &str = "inbox_poll";

/// The task that lets the workspace's chatbot answer one message (data:
/// `{"message": id}`), booked with the message.
pub const CHATBOT_REPLY: &str = "chatbot_reply";

/// What started a conversation (`conversations.type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationKind {
    /// A comment on one of the account's posts (a thread per person and post).
    Comment,
    /// A direct message (a thread per person).
    Dm,
    /// The account named somewhere else (a thread per person and post).
    Mention,
    /// A review of the business.
    Review,
}

impl ConversationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationKind::Comment => "comment",
            ConversationKind::Dm => "dm",
            ConversationKind::Mention => "mention",
            ConversationKind::Review => "review",
        }
    }
}

/// How a message or a conversation reads (`conversations.sentiment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
}

impl Sentiment {
    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Positive => "positive",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "negative",
        }
    }
}

impl ConversationKind {
    pub const ALL: [ConversationKind; 4] = [
        ConversationKind::Comment,
        ConversationKind::Dm,
        ConversationKind::Mention,
        ConversationKind::Review,
    ];

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            ConversationKind::Comment => "Comment",
            ConversationKind::Dm => "Direct message",
            ConversationKind::Mention => "Mention",
            ConversationKind::Review => "Review",
        }
    }
}

impl Sentiment {
    pub const ALL: [Sentiment; 3] = [Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative];

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sentiment::Positive => "Positive",
            Sentiment::Neutral => "Neutral",
            Sentiment::Negative => "Negative",
        }
    }
}

/// Where a conversation stands (`conversations.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Pending,
    Resolved,
    Archived,
}

impl Status {
    pub const ALL: [Status; 4] =
        [Status::Open, Status::Pending, Status::Resolved, Status::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Pending => "pending",
            Status::Resolved => "resolved",
            Status::Archived => "archived",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::Pending => "Pending",
            Status::Resolved => "Resolved",
            Status::Archived => "Archived",
        }
    }
}

/// How soon a conversation needs an answer (`conversations.priority`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Medium,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] =
        [Priority::Urgent, Priority::High, Priority::Medium, Priority::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Medium => "Medium",
            Priority::High => "High",
            Priority::Urgent => "Urgent",
        }
    }
}

/// The inbox's filters, as the address carries them (empty: any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InboxFilter {
    /// A status, or empty for open ones.
    pub status: String,
    pub platform: String,
    pub kind: String,
    pub priority: String,
    pub sentiment: String,
    pub account: String,
    /// `me`, `none` (unassigned) or a member's id.
    pub assignee: String,
    /// One tag (without `#`).
    pub tag: String,
    /// `risk`: only those whose SLA falls due within the hour or is overdue.
    pub sla: String,
}

impl InboxFilter {
    /// The address's names, in the order the form shows them.
    pub const FIELDS: [&'static str; 9] = [
        "status",
        "platform",
        "kind",
        "priority",
        "sentiment",
        "account",
        "assignee",
        "tag",
        "sla",
    ];
}

/// One conversation in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversationLine {
    pub id: ConversationId,
    pub platform: SocialPlatform,
    pub account: String,
    pub kind: ConversationKind,
    pub participant: String,
    pub status: Status,
    pub priority: Priority,
    pub sentiment: Option<Sentiment>,
    pub assignee: Option<String>,
    pub last_message_at: DateTime<Utc>,
    /// The latest message's first words.
    pub preview: String,
    /// Something came in since the member last opened it.
    pub unread: bool,
    /// When its earliest running SLA clock falls due.
    pub sla_due: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
}

/// The inbox page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub filter: InboxFilter,
    pub lines: Vec<ConversationLine>,
    pub page: u32,
    pub pages: u32,
    pub total: i64,
    /// (id, name) of the members, for the assignee filter.
    pub members: Vec<(UserId, String)>,
    /// (id, "Platform · name") of the social accounts.
    pub accounts: Vec<(SocialAccountId, String)>,
    /// The workspace has connected an account the inbox can hear from.
    pub has_accounts: bool,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub inbound: bool,
    pub content: String,
    /// Who on the team sent it (outbound).
    pub author: Option<String>,
    pub sentiment: Option<f32>,
    pub at: DateTime<Utc>,
    /// Sent by a chatbot workflow, not a person.
    pub automatic: bool,
    /// A member sent it from the model's draft.
    pub drafted_with_ai: bool,
    /// An outbound reply's state: `sending`, `sent`, `failed`,
    /// `awaiting_approval` or `returned`.
    pub delivery: Option<String>,
    /// Why a reply failed, or the changes asked for, in words.
    pub error: Option<String>,
    pub id: uuid::Uuid,
    /// Who a reply awaiting approval waits on, by name.
    pub waiting_on: Vec<String>,
    /// The member is one of them.
    pub can_decide: bool,
}

/// An internal note on a conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// A conversation's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversationView {
    pub id: ConversationId,
    pub platform: SocialPlatform,
    pub account: String,
    pub kind: ConversationKind,
    pub participant: String,
    pub status: Status,
    pub priority: Priority,
    pub sentiment: Option<Sentiment>,
    /// The sentiment was set by a person.
    pub sentiment_manual: bool,
    pub assignee: Option<UserId>,
    pub tags: Vec<String>,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The post in Aura it is about, with its first words.
    pub post: Option<(PostId, String)>,
    /// The platform's id of the post it is about.
    pub platform_post: Option<String>,
    pub messages: Vec<MessageView>,
    pub notes: Vec<NoteView>,
    /// The same person's other conversations on this account: (id, kind, last).
    pub others: Vec<(ConversationId, ConversationKind, DateTime<Utc>)>,
    /// (id, name) of the members who may work the inbox.
    pub members: Vec<(UserId, String)>,
    pub can_update: bool,
    /// (id, shortcut, text) of the workspace's saved replies.
    pub saved_replies: Vec<(uuid::Uuid, String, String)>,
    /// The member may delete saved replies.
    pub can_delete_saved: bool,
    /// Why Aura cannot reply here, when it cannot.
    pub no_reply: Option<String>,
    /// A person chose the priority (the rules leave it).
    pub priority_manual: bool,
    /// Its SLA clocks, oldest first.
    pub sla: Vec<ClockView>,
    /// Set on resolution: `hit` or `missed`.
    pub sla_outcome: Option<String>,
    /// The CRM lead the participant became.
    pub lead: Option<LeadLink>,
    pub can_make_lead: bool,
    /// The model's draft of the next reply, waiting for a member.
    pub draft: Option<ReplyDraft>,
    /// Why the chatbot handed the thread to the team, when it did.
    pub bot_handover: Option<String>,
}

/// A reply the model drafted: its text and how it was made ("Drafted with AI
/// (model, N tokens)").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplyDraft {
    pub text: String,
    pub note: String,
}

/// The CRM lead a conversation's participant is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadLink {
    pub name: String,
    pub status: String,
    pub email: Option<String>,
}

/// One SLA clock of a conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockView {
    pub policy: String,
    pub target: SlaTarget,
    pub started_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub met_at: Option<DateTime<Utc>>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub breached_at: Option<DateTime<Utc>>,
}

/// The inbox's settings page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxSettingsView {
    /// The workspace's IANA time zone, which business hours are in.
    pub timezone: String,
    /// Monday first.
    pub business_days: [bool; 7],
    /// "09:00".
    pub opens_at: String,
    pub closes_at: String,
    pub rules: Vec<PriorityRule>,
    pub round_robin: bool,
    pub cap: i64,
    /// (id, name, takes new conversations) of the members who work the inbox.
    pub agents: Vec<(UserId, String, bool)>,
    /// The member looking.
    pub me: UserId,
    pub policies: Vec<SlaPolicy>,
    /// The member may change the settings (not only their own availability).
    pub can_manage: bool,
    /// The accounts read by polling (X, YouTube, Reddit) and how it goes.
    pub polled: Vec<PolledAccount>,
    /// The member may ask for a read now.
    pub can_read_now: bool,
    pub chatbot: ChatbotView,
}

/// The workspace's chatbot, for the settings page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatbotView {
    /// Answering now (its workflow is active).
    pub on: bool,
    pub bot: super::chatbot::Chatbot,
}

/// One line of the SLA report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SlaLine {
    pub label: String,
    /// Met in time.
    pub hit: i64,
    /// Breached (even when met later).
    pub missed: i64,
    /// Still running, not yet due.
    pub running: i64,
    pub first_responses: i64,
    pub frt_median_secs: Option<f64>,
    pub frt_p90_secs: Option<f64>,
}

impl SlaLine {
    /// Hits as a share of the decided clocks, in percent.
    pub fn hit_rate(&self) -> Option<f64> {
        let decided = self.hit + self.missed;
        (decided > 0).then(|| self.hit as f64 * 100.0 / decided as f64)
    }
}

/// The SLA report for a range of days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlaReport {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub timezone: String,
    pub all: SlaLine,
    pub policies: Vec<SlaLine>,
    pub platforms: Vec<SlaLine>,
    pub members: Vec<SlaLine>,
}

/// An account the inbox reads by polling, and how its last read went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolledAccount {
    pub platform: SocialPlatform,
    pub name: String,
    /// When it was last read (`None`: not yet).
    pub read_at: Option<DateTime<Utc>>,
    /// Why the last read failed, in words.
    pub error: Option<String>,
    /// Messages it has brought in.
    pub heard: i64,
}
