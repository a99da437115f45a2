//! Wire types of the automation context.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One scheduled task as the Jobs page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: Uuid,
    pub kind: String,
    /// pending, processing, completed or failed.
    pub status: String,
    pub scheduled_for: DateTime<Utc>,
    pub executed_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
    pub retry_count: i32,
    pub created_at: DateTime<Utc>,
    /// What it is for: "Northwind Roasters" or "Northwind Roasters · Meta Ads".
    pub subject: Option<String>,
}

/// One page of tasks, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskPage {
    pub tasks: Vec<TaskView>,
    pub page: u32,
    pub pages: u32,
    /// How many tasks match the filters.
    pub total: u64,
    pub can_retry: bool,
    /// The brands tasks can be about: (id, name), for the filter.
    pub brands: Vec<(String, String)>,
}

/// The task statuses, as stored and as shown.
pub const STATUSES: [(&str, &str); 4] = [
    ("pending", "Waiting"),
    ("processing", "Running"),
    ("completed", "Done"),
    ("failed", "Failed"),
];

/// The Jobs filters as the address carries them: empty is "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskQuery {
    pub status: String,
    pub brand: String,
    pub page: Option<u32>,
}
