//! Wire types of the notify context.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One in-app notification, as its reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub kind: String,
    pub message: String,
    pub action_url: String,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}
