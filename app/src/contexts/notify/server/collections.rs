//! `notifications`: `{ workspace_id, user_id, type, message, read, created_at, action_url }`.

use mongodb::bson::doc;

use crate::server::mongo::{CollectionSpec, index};

pub const NOTIFICATIONS: &str = "notifications";

pub fn specs() -> Vec<CollectionSpec> {
    vec![CollectionSpec {
        name: NOTIFICATIONS,
        time_series: None,
        indexes: vec![index(
            "workspace_user_read_created",
            doc! { "workspace_id": 1, "user_id": 1, "read": 1, "created_at": -1 },
        )],
    }]
}
