//! Wire types of the engagement context: the social analytics page, and the
//! names and data of its queue tasks.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::{PostId, SocialAccountId};

/// The daily task that measures a workspace's published posts and accounts.
/// Data: `{}` (the daily run, which books the next day's itself) or `{"first": true}`
/// (booked an hour after a post goes out).
pub const COLLECT_ENGAGEMENT: &str = "collect_engagement";

/// The task that recomputes a workspace's roll-ups from a day on.
/// Data: [`RollupEngagement`].
pub const ROLLUP_ENGAGEMENT: &str = "rollup_engagement";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupEngagement {
    /// The first day (in the workspace's zone) whose posts or followers changed.
    pub from: NaiveDate,
}

/// A period's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub posts: i64,
    pub engagement: i64,
    pub impressions: i64,
    pub reach: i64,
    /// Engagement per exposure (impressions, else views, else reach).
    pub rate: Option<f64>,
    pub follower_growth: i64,
    /// At the end of the period, when measured.
    pub followers: Option<i64>,
}

/// One platform's line in "posts by platform".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformRow {
    pub platform: String,
    pub posts: i64,
    pub engagement: i64,
    pub impressions: i64,
    pub rate: Option<f64>,
}

/// A post among the period's best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopPost {
    pub post_id: PostId,
    pub text: String,
    pub account: String,
    pub platform: String,
    pub published_at: DateTime<Utc>,
    pub engagement: i64,
    pub exposure: Option<i64>,
    pub rate: Option<f64>,
}

/// One ranked weekday × hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotView {
    /// "Tuesday 18:00".
    pub label: String,
    pub posts: usize,
    pub rate: f64,
}

/// The best time to post on one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestTime {
    pub account: String,
    /// Measured posts of the last 90 days, and how many it takes.
    pub measured: usize,
    pub needed: usize,
    /// Best first (at most five); empty below `needed`.
    pub slots: Vec<SlotView>,
    /// The next time in the best slot that none of its scheduled posts holds.
    pub next_free: Option<DateTime<Utc>>,
    /// The time zone the hours are in.
    pub timezone: String,
}

/// `/analytics/social`: one account or all, over a period, next to the one
/// before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialReport {
    /// The accounts to choose from (id, "Platform · name").
    pub accounts: Vec<(SocialAccountId, String)>,
    pub account: Option<SocialAccountId>,
    pub preset: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    pub current: Figures,
    pub previous: Figures,
    /// Plotters SVG: followers at the end of each day; engagement per day.
    pub followers_svg: String,
    pub engagement_svg: String,
    pub by_platform: Vec<PlatformRow>,
    pub top_posts: Vec<TopPost>,
    /// For one account: its best times; else nothing.
    pub best_time: Option<BestTime>,
    /// Some figures are the demo's sample data.
    pub sample_data: bool,
    /// Whether anything has been measured yet in the workspace.
    pub measured_any: bool,
}
