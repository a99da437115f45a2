//! Wire types of the approvals context: chains as stored and shown, and the
//! approvals of a subject.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::{CampaignId, Role, SocialAccountId, UserId, WorkflowId};

/// How a level is satisfied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One approval from any of its approvers.
    #[default]
    Any,
    /// An approval from every one of them.
    All,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Any => "any",
            Mode::All => "all",
        }
    }

    pub fn parse(value: &str) -> Option<Mode> {
        match value {
            "any" => Some(Mode::Any),
            "all" => Some(Mode::All),
            _ => None,
        }
    }
}

/// One level of a chain: who approves at it, and how many of them must.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub mode: Mode,
    /// Named members.
    #[serde(default)]
    pub members: Vec<UserId>,
    /// Everyone holding at least this role, besides the named members.
    #[serde(default)]
    pub role: Option<Role>,
}

/// What a chain approves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChainSubject {
    /// Posts before they are scheduled.
    #[default]
    Posts,
    /// Replies from the inbox before they are sent.
    Replies,
}

impl ChainSubject {
    pub fn as_str(self) -> &'static str {
        match self {
            ChainSubject::Posts => "posts",
            ChainSubject::Replies => "replies",
        }
    }
}

/// A chain's configuration (`workflows.settings` of an `approval` workflow).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainConfig {
    /// Posts (chains saved before replies could wait have none: posts).
    #[serde(default)]
    pub subject: ChainSubject,
    pub levels: Vec<Level>,
    /// The accounts it covers; empty covers every account.
    #[serde(default)]
    pub accounts: Vec<SocialAccountId>,
    /// The campaigns whose posts it covers; empty covers posts in any campaign
    /// or none.
    #[serde(default)]
    pub campaigns: Vec<CampaignId>,
}

/// A chain as the settings page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainView {
    pub id: WorkflowId,
    pub name: String,
    pub description: Option<String>,
    pub active: bool,
    pub config: ChainConfig,
    /// Each level in words: "Any one of Mia Chen, Leo Park".
    pub level_labels: Vec<String>,
    /// What it covers in words: "All accounts", or the accounts' names and
    /// "posts in" the campaigns'.
    pub covers: String,
}

/// The chains page: the chains and what a chain can name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainsPage {
    pub chains: Vec<ChainView>,
    /// (id, name, role) of every member.
    pub members: Vec<(UserId, String, Role)>,
    /// (id, "Platform · name") of every social account.
    pub accounts: Vec<(SocialAccountId, String)>,
    /// (id, name) of every campaign.
    pub campaigns: Vec<(CampaignId, String)>,
    pub can_edit: bool,
}

/// Where an approval stands (`approvals.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    Pending,
    Approved,
    Rejected,
    ChangesRequested,
    /// Its round ended (an edit, another approver's decision) before it was decided.
    Superseded,
    /// The subject reached its time still waiting.
    Expired,
}

impl Vote {
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Pending => "pending",
            Vote::Approved => "approved",
            Vote::Rejected => "rejected",
            Vote::ChangesRequested => "changes_requested",
            Vote::Superseded => "superseded",
            Vote::Expired => "expired",
        }
    }

    pub fn parse(value: &str) -> Option<Vote> {
        [
            Vote::Pending,
            Vote::Approved,
            Vote::Rejected,
            Vote::ChangesRequested,
            Vote::Superseded,
            Vote::Expired,
        ]
        .into_iter()
        .find(|v| v.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Vote::Pending => "Waiting",
            Vote::Approved => "Approved",
            Vote::Rejected => "Rejected",
            Vote::ChangesRequested => "Changes requested",
            Vote::Superseded => "Not needed",
            Vote::Expired => "Approval expired",
        }
    }
}

/// A decision an approver can make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    RequestChanges,
    Reject,
}

impl Decision {
    pub fn parse(value: &str) -> Option<Decision> {
        match value {
            "approve" => Some(Decision::Approve),
            "request_changes" => Some(Decision::RequestChanges),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    pub fn vote(self) -> Vote {
        match self {
            Decision::Approve => Vote::Approved,
            Decision::RequestChanges => Vote::ChangesRequested,
            Decision::Reject => Vote::Rejected,
        }
    }
}

/// One approval of a subject, for its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalEntry {
    /// The member; `None` for an external approver (a client, through a link).
    pub approver_id: Option<UserId>,
    /// The external approver's link, for theirs.
    pub link_id: Option<uuid::Uuid>,
    pub approver: String,
    pub round: i32,
    pub level: i32,
    pub status: Vote,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// The task that reminds approvers of approvals waiting a day (twice), then
/// tells the managers; one per workspace while anything waits.
pub const APPROVAL_REMINDERS: &str = "approval_reminders";
