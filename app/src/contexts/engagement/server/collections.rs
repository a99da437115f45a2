//! MongoDB collections of seed 003's analytics (field names as the seed spells them).
//!
//! `engagement_metrics` (seed 003 `metrics`, renamed so it is not confused with the
//! PostgreSQL `metrics` table of seed 001): a time-series collection with time field
//! `timestamp` and meta field `metadata { workspaceId, accountId, postId, platform,
//! metricType }`, measurements `likes, comments, shares, saves, reach, impressions,
//! followers, following, posts, avgEngagementRate`; kept one year.
//! Besides the seed's measurements a post's point carries `videoViews` and
//! `clicks` (the list), and `metadata.metricType` is `engagement` (a
//! post) or `account`.
//!
//! `analytics_aggregations`: `{ workspaceId, accountId, platform, date, granularity,
//! metrics { totalPosts, totalEngagement, totalReach, totalImpressions,
//! avgEngagementRate, followerGrowth } }`, `granularity` `daily`, `weekly` or
//! `monthly`; besides the seed's fields a campaign's roll-ups carry `campaignId`
//! (and no `accountId`), and `metrics` also holds `totalExposure`,
//! `exposedEngagement` and `followers` (so rates and follower counts add up
//! across periods). Granularity `post` holds one published post's latest
//! lifetime figures on one account (`postId`, `accountId`, `campaignId`, `date`
//! = when it was published, `measuredAt`, `counts`): what top posts, the best
//! time to post and the daily roll-ups read, and when the post was last
//! measured.

use std::time::Duration;

use mongodb::bson::doc;

use crate::server::mongo::{CollectionSpec, TimeSeries, index};

pub const ENGAGEMENT_METRICS: &str = "engagement_metrics";
pub const ANALYTICS_AGGREGATIONS: &str = "analytics_aggregations";

/// Engagement measurements are kept for one year.
pub const ENGAGEMENT_RETENTION: Duration = Duration::from_secs(365 * 24 * 60 * 60);

pub fn specs() -> Vec<CollectionSpec> {
    vec![
        CollectionSpec {
            name: ENGAGEMENT_METRICS,
            time_series: Some(TimeSeries {
                time_field: "timestamp",
                meta_field: "metadata",
                expire_after: ENGAGEMENT_RETENTION,
            }),
            indexes: vec![
                index("workspace_time", doc! { "metadata.workspaceId": 1, "timestamp": 1 }),
                index("account_time", doc! { "metadata.accountId": 1, "timestamp": 1 }),
                index("post_time", doc! { "metadata.postId": 1, "timestamp": 1 }),
                index("platform_time", doc! { "metadata.platform": 1, "timestamp": 1 }),
                index("metric_type_time", doc! { "metadata.metricType": 1, "timestamp": 1 }),
            ],
        },
        CollectionSpec {
            name: ANALYTICS_AGGREGATIONS,
            time_series: None,
            indexes: vec![
                index(
                    "workspace_date_granularity",
                    doc! { "workspaceId": 1, "date": 1, "granularity": 1 },
                ),
                index("account_date", doc! { "accountId": 1, "date": 1 }),
                index("platform_date", doc! { "platform": 1, "date": 1 }),
                index("post_account", doc! { "postId": 1, "accountId": 1 }),
            ],
        },
    ]
}
