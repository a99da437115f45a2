//! `audit_logs`: `{ workspaceId, userId, userName, userEmail, action, resourceType,
//! resourceId, details, ipAddress, userAgent, timestamp }`.

use mongodb::bson::doc;

use crate::server::mongo::{CollectionSpec, index};

pub const AUDIT_LOGS: &str = "audit_logs";

pub fn specs() -> Vec<CollectionSpec> {
    vec![CollectionSpec {
        name: AUDIT_LOGS,
        time_series: None,
        indexes: vec![
            index("workspace_time", doc! { "workspaceId": 1, "timestamp": 1 }),
            index("user_time", doc! { "userId": 1, "timestamp": 1 }),
            index("action_time", doc! { "action": 1, "timestamp": 1 }),
            index("resource", doc! { "resourceType": 1, "resourceId": 1 }),
            index("time", doc! { "timestamp": 1 }),
        ],
    }]
}
