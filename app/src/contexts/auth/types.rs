//! Wire types of the auth context.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::{Permission, Role, UserId, WorkspaceId, can};

/// The signed-in person and where they are, as the browser may know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub workspace: Option<CurrentWorkspace>,
    /// Every workspace the user belongs to, for the switcher.
    pub workspaces: Vec<WorkspaceChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentWorkspace {
    pub id: WorkspaceId,
    pub name: String,
    pub role: Role,
    /// Permission overrides without conditions (what the role alone does not give).
    pub grants: Vec<Permission>,
}

impl CurrentWorkspace {
    /// What the navigation shows; the server checks again on every call.
    pub fn can(&self, permission: Permission) -> bool {
        can(self.role, permission) || self.grants.contains(&permission)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceChoice {
    pub id: WorkspaceId,
    pub name: String,
    pub role: Role,
}

/// What a person may choose to be emailed about (seed 000
/// `user_settings.notification_preferences`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotificationPreferences {
    pub audit_completed: bool,
    pub approval_requested: bool,
    pub mentions: bool,
    pub weekly_digest: bool,
}

impl Default for NotificationPreferences {
    fn default() -> Self {
        Self {
            audit_completed: true,
            approval_requested: true,
            mentions: true,
            weekly_digest: false,
        }
    }
}

/// How the person's dashboard is arranged (seed 000 `user_settings.dashboard_layout`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardLayout {
    /// `comfortable` or `compact`: kept as stored; no page changes its density yet,
    /// so the profile does not offer it.
    pub density: String,
    /// Where Aura opens after sign-in: a path inside Aura.
    pub landing: String,
}

impl Default for DashboardLayout {
    fn default() -> Self {
        Self { density: "comfortable".into(), landing: "/".into() }
    }
}

/// The profile form's current values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub avatar_url: String,
    pub timezone: String,
    pub notifications: NotificationPreferences,
    pub layout: DashboardLayout,
}

/// One signed-in session of the user. `handle` names it without revealing the
/// session id (which is the cookie's secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub handle: String,
    pub current: bool,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub signed_in_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
}
