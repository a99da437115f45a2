//! Wire types of the team context.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::kernel::{Permission, Role, UserId};

/// The subscription plan (seed 003 `WorkspacePlan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Free,
    Starter,
    Professional,
    Enterprise,
}

impl Plan {
    pub const ALL: [Plan; 4] = [Plan::Free, Plan::Starter, Plan::Professional, Plan::Enterprise];

    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Starter => "starter",
            Plan::Professional => "professional",
            Plan::Enterprise => "enterprise",
        }
    }

    pub fn parse(value: &str) -> Option<Plan> {
        Plan::ALL.into_iter().find(|plan| plan.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Plan::Free => "Free",
            Plan::Starter => "Starter",
            Plan::Professional => "Professional",
            Plan::Enterprise => "Enterprise",
        }
    }

    /// What the plan includes (seed 003 `workspaces.limits`). `None` is unlimited.
    pub fn limits(self) -> PlanLimits {
        let (members, brands, accounts, posts) = match self {
            Plan::Free => (Some(3), Some(1), Some(3), Some(30)),
            Plan::Starter => (Some(5), Some(3), Some(10), Some(150)),
            Plan::Professional => (Some(15), Some(10), Some(30), None),
            Plan::Enterprise => (None, None, None, None),
        };
        PlanLimits {
            max_members: members,
            max_brands: brands,
            max_social_accounts: accounts,
            max_scheduled_posts_per_month: posts,
        }
    }
}

/// Usage limits of a workspace; stored in `workspaces.limits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLimits {
    pub max_members: Option<u32>,
    pub max_brands: Option<u32>,
    pub max_social_accounts: Option<u32>,
    pub max_scheduled_posts_per_month: Option<u32>,
}

/// Custom branding (seed 003 `workspaces.branding`): used on emails and shared
/// reports.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Branding {
    /// `#rrggbb`, or empty for Aura's colour.
    pub primary_color: String,
    /// A line under every email Aura sends for the workspace.
    pub email_footer: String,
}

/// The settings page's values and what the viewer may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSettings {
    pub name: String,
    pub slug: String,
    pub industry: String,
    pub website: String,
    pub logo_url: String,
    pub timezone: String,
    pub currency: String,
    pub plan: Plan,
    pub subscription_status: String,
    pub limits: PlanLimits,
    pub branding: Branding,
    pub members: u32,
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub overrides: u32,
    pub is_you: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub invited_by: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub expired: bool,
}

/// The members page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub members: Vec<MemberSummary>,
    pub invitations: Vec<PendingInvitation>,
    pub your_role: Role,
    pub can_invite: bool,
    pub can_change_roles: bool,
    pub can_remove: bool,
    pub max_members: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideView {
    pub id: Uuid,
    pub permission: Permission,
    /// The conditions as JSON text, when the grant has any.
    pub conditions: Option<String>,
}

/// One member's page: their role and permission overrides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDetail {
    pub member: MemberSummary,
    pub overrides: Vec<OverrideView>,
    pub can_edit: bool,
    /// The roles the viewer may give this member.
    pub assignable_roles: Vec<Role>,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub workspace_name: String,
    pub email: String,
    pub role: Role,
    pub invited_by: Option<String>,
    pub state: InvitationState,
    /// Whether an account with the invited email exists (then: log in to accept).
    pub account_exists: bool,
    /// The email of whoever is signed in on this browser.
    pub signed_in_as: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Open,
    Expired,
    Used,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: Uuid,
    pub kind: String,
    pub description: String,
    pub actor: Option<String>,
    pub at: DateTime<Utc>,
}

/// One page of the activity log, newest first, with the filter's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    pub page: u32,
    pub pages: u32,
    /// How many entries match the filter.
    pub total: u64,
    /// Everyone who has done something here: (user id, name).
    pub people: Vec<(String, String)>,
    /// Every kind of action recorded here (`brand_created`, …).
    pub actions: Vec<String>,
}

/// The activity filter as the address carries it: empty is "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityQuery {
    pub person: String,
    pub action: String,
    pub from: String,
    pub to: String,
    pub page: Option<u32>,
}
