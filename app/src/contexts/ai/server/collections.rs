//! `ai_cache`: `{ cacheKey, workspaceId, agentType, prompt, response, model, cost,
//! createdAt }`; an entry expires 24 hours after `createdAt`.

use std::time::Duration;

use mongodb::bson::doc;

use crate::server::mongo::{CollectionSpec, index, ttl_index, unique_index};

pub const AI_CACHE: &str = "ai_cache";

/// How long a generated answer may be served again.
pub const AI_CACHE_TTL: Duration = Duration::from_secs(24 * 60 * 60);

pub fn specs() -> Vec<CollectionSpec> {
    vec![CollectionSpec {
        name: AI_CACHE,
        time_series: None,
        indexes: vec![
            unique_index("cache_key_unique", doc! { "cacheKey": 1 }),
            index("workspace", doc! { "workspaceId": 1 }),
            index("agent_type", doc! { "agentType": 1 }),
            ttl_index("created_ttl", "createdAt", AI_CACHE_TTL),
        ],
    }]
}
