//! Wire types of the campaigns context.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::{CampaignId, PostId};

/// Seed 003 `CampaignStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CampaignStatus {
    Draft,
    Active,
    Paused,
    Completed,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 4] = [
        CampaignStatus::Draft,
        CampaignStatus::Active,
        CampaignStatus::Paused,
        CampaignStatus::Completed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "draft",
            CampaignStatus::Active => "active",
            CampaignStatus::Paused => "paused",
            CampaignStatus::Completed => "completed",
        }
    }

    pub fn parse(value: &str) -> Option<CampaignStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "Draft",
            CampaignStatus::Active => "Active",
            CampaignStatus::Paused => "Paused",
            CampaignStatus::Completed => "Completed",
        }
    }
}

/// What a goal counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalMetric {
    /// Clicks on the campaign's short links (counted by Aura).
    Clicks,
    /// The campaign's posts that went out (counted by Aura).
    Posts,
    /// Leads won (recorded on the campaign).
    Leads,
    /// Revenue in the workspace's currency (recorded on the campaign).
    Revenue,
}

impl GoalMetric {
    pub const ALL: [GoalMetric; 4] =
        [GoalMetric::Clicks, GoalMetric::Posts, GoalMetric::Leads, GoalMetric::Revenue];

    pub fn as_str(self) -> &'static str {
        match self {
            GoalMetric::Clicks => "clicks",
            GoalMetric::Posts => "posts",
            GoalMetric::Leads => "leads",
            GoalMetric::Revenue => "revenue",
        }
    }

    pub fn parse(value: &str) -> Option<GoalMetric> {
        Self::ALL.into_iter().find(|m| m.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            GoalMetric::Clicks => "Link clicks",
            GoalMetric::Posts => "Posts published",
            GoalMetric::Leads => "Leads",
            GoalMetric::Revenue => "Revenue",
        }
    }
}

/// `campaigns.goals`: a target per metric.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Goals {
    #[serde(default)]
    pub targets: Vec<(GoalMetric, f64)>,
}

/// `campaigns.utm_params`: empty fields take their defaults (source: the
/// platform; medium: `social`; campaign: the campaign's name as a slug).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Utm {
    pub source: String,
    pub medium: String,
    pub campaign: String,
    pub term: String,
    pub content: String,
}

/// A campaign a post may join, as the composer offers it: the preview tags the
/// post's links with its parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignChoice {
    pub id: CampaignId,
    pub name: String,
    pub utm: Utm,
}

/// `campaigns.metrics`: what a person records (spend, leads, revenue).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recorded {
    pub spend: f64,
    pub leads: f64,
    pub revenue: f64,
}

/// A campaign as its page and form show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: CampaignId,
    pub name: String,
    pub description: Option<String>,
    pub status: CampaignStatus,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub budget: Option<f64>,
    pub goals: Goals,
    pub tags: Vec<String>,
    pub utm: Utm,
    /// Who it is for, in words (`target_audience.description`).
    pub audience: String,
    pub recorded: Recorded,
}

/// One line of the campaigns list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignLine {
    pub campaign: Campaign,
    pub posts: i64,
    pub clicks: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignList {
    pub lines: Vec<CampaignLine>,
    pub status: String,
    pub can_edit: bool,
    pub currency: String,
}

/// A goal's progress: what counts so far against its target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalProgress {
    pub metric: GoalMetric,
    pub target: f64,
    pub actual: f64,
    /// 0–100.
    pub percent: u32,
}

/// A campaign's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignPage {
    pub campaign: Campaign,
    pub currency: String,
    /// (status label, count) of its posts.
    pub by_status: Vec<(String, i64)>,
    /// (platform label, count) of its posts' targets.
    pub by_platform: Vec<(String, i64)>,
    pub posts: Vec<CampaignPost>,
    pub clicks: i64,
    /// What its published posts have earned (likes, comments, shares, saves,
    /// clicks on the platforms), and per exposure.
    pub engagement: i64,
    pub engagement_rate: Option<f64>,
    /// Clicks per day over the campaign's dates (to today), for the chart.
    pub clicks_by_day: Vec<(NaiveDate, i64)>,
    /// The chart, drawn on the server (plotters), as SVG markup.
    pub chart_svg: String,
    pub goals: Vec<GoalProgress>,
    /// Its short links: (short address, where it goes, clicks).
    pub links: Vec<(String, String, i64)>,
    pub can_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignPost {
    pub id: PostId,
    pub excerpt: String,
    pub status: String,
    pub when: Option<DateTime<Utc>>,
    pub clicks: i64,
}
