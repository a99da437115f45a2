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
}

/// One page of tasks, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskPage {
    pub tasks: Vec<TaskView>,
    pub page: u32,
    pub pages: u32,
    pub can_retry: bool,
}
