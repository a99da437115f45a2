//! MongoDB collections of seed 003's listening (field names as the seed spells them).
//!
//! `mentions`: `{ workspaceId, queryId, platform, author { id, username, name, avatar,
//! followers }, content, url, sentiment, sentimentScore, reach, engagement, language,
//! location, isInfluencer, tags, createdAt, fetchedAt, terms }` (`terms` replaces the
//! seed's text index; see the context docs).
//! `trends`: `{ workspaceId, platform, trendType, value, growthVelocity, volume,
//! sentiment, detectedAt }`.
//! `influencers`: `{ workspaceId, platform, username, displayName, avatar, metrics {
//! followers, following, posts, engagementRate }, authenticityScore, niche, tags,
//! lastAnalyzed }`.

use mongodb::bson::doc;

use crate::server::mongo::{CollectionSpec, index};

pub const MENTIONS: &str = "mentions";
pub const TRENDS: &str = "trends";
pub const INFLUENCERS: &str = "influencers";

pub fn specs() -> Vec<CollectionSpec> {
    vec![
        CollectionSpec {
            name: MENTIONS,
            time_series: None,
            indexes: vec![
                index("workspace_created", doc! { "workspaceId": 1, "createdAt": -1 }),
                index(
                    "workspace_platform_created",
                    doc! { "workspaceId": 1, "platform": 1, "createdAt": -1 },
                ),
                index("workspace_sentiment", doc! { "workspaceId": 1, "sentiment": 1 }),
                index("query_created", doc! { "queryId": 1, "createdAt": -1 }),
                index("author_username", doc! { "author.username": 1 }),
                index("is_influencer", doc! { "isInfluencer": 1 }),
                index("tags", doc! { "tags": 1 }),
                index("language", doc! { "language": 1 }),
                // Keyword search (multikey on the `terms` array), newest first.
                index("workspace_terms", doc! { "workspaceId": 1, "terms": 1, "createdAt": -1 }),
            ],
        },
        CollectionSpec {
            name: TRENDS,
            time_series: None,
            indexes: vec![
                index("workspace_detected", doc! { "workspaceId": 1, "detectedAt": -1 }),
                index("platform_detected", doc! { "platform": 1, "detectedAt": -1 }),
                index("trend_type", doc! { "trendType": 1 }),
                index("growth_velocity", doc! { "growthVelocity": -1 }),
            ],
        },
        CollectionSpec {
            name: INFLUENCERS,
            time_series: None,
            indexes: vec![
                index("workspace", doc! { "workspaceId": 1 }),
                index("platform_username", doc! { "platform": 1, "username": 1 }),
                index("followers", doc! { "metrics.followers": -1 }),
                index("engagement_rate", doc! { "metrics.engagementRate": -1 }),
                index("authenticity_score", doc! { "authenticityScore": -1 }),
                index("tags", doc! { "tags": 1 }),
            ],
        },
    ]
}
