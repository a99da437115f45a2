//! Wire types of the insights context, and the task other contexts enqueue to have
//! a brand's insights worked out.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::BrandId;

/// The queue task type that works out a brand's insights (its job is registered by
/// the composition root). Data: `GenerateInsights`. Other contexts enqueue it inside
/// the transaction that wrote new data (a CSV import, a sync) or a new brand.
pub const GENERATE_INSIGHTS: &str = "generate_insights";

/// The data of a `GENERATE_INSIGHTS` task: `{ "brand_id": … }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateInsights {
    pub brand_id: BrandId,
}

impl GenerateInsights {
    pub fn new(brand_id: BrandId) -> Self {
        Self { brand_id }
    }

    /// The task's data as the queue stores it.
    pub fn data(&self) -> serde_json::Value {
        serde_json::json!({ "brand_id": self.brand_id })
    }
}

/// Seed 001 `insights.insight_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsightType {
    HighCpa,
    LowRoas,
    BudgetRecommendation,
    ConversionDrop,
    HighPerformer,
}

impl InsightType {
    pub const ALL: [InsightType; 5] = [
        InsightType::HighCpa,
        InsightType::LowRoas,
        InsightType::BudgetRecommendation,
        InsightType::ConversionDrop,
        InsightType::HighPerformer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InsightType::HighCpa => "high_cpa",
            InsightType::LowRoas => "low_roas",
            InsightType::BudgetRecommendation => "budget_recommendation",
            InsightType::ConversionDrop => "conversion_drop",
            InsightType::HighPerformer => "high_performer",
        }
    }

    pub fn parse(value: &str) -> Option<InsightType> {
        InsightType::ALL.into_iter().find(|t| t.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            InsightType::HighCpa => "High CPA",
            InsightType::LowRoas => "Low ROAS",
            InsightType::BudgetRecommendation => "Budget recommendation",
            InsightType::ConversionDrop => "Conversion drop",
            InsightType::HighPerformer => "High performer",
        }
    }
}

/// Seed 001 `insights.priority`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    pub fn parse(value: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
        }
    }
}

/// The rules' thresholds, adjustable per workspace (docs/insights.md explains each).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// High CPA: the last 7 days' CPA is at least this much above the 28 days before
    /// (0.5 = 50 % higher).
    pub cpa_increase: f64,
    /// Low ROAS: the last 7 days' ROAS is below this multiple.
    pub roas_floor: f64,
    /// Conversion drop: conversions per day fell by at least this fraction.
    pub conversion_drop: f64,
    /// High performer: revenue per day rose by at least this fraction.
    pub revenue_growth: f64,
    /// Budget recommendation: the cheapest channel's CPA is at least this fraction
    /// below the dearest's over the last 14 days.
    pub channel_cpa_gap: f64,
    /// Below this spend in the window, ad rules stay quiet (too little to judge).
    pub min_spend: f64,
    /// Below this many conversions in the window, CPA rules stay quiet.
    pub min_conversions: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            cpa_increase: 0.5,
            roas_floor: 2.0,
            conversion_drop: 0.3,
            revenue_growth: 0.25,
            channel_cpa_gap: 0.3,
            min_spend: 100.0,
            min_conversions: 5.0,
        }
    }
}

/// An insight as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightView {
    pub id: uuid::Uuid,
    pub brand_id: BrandId,
    pub brand_name: String,
    pub insight_type: InsightType,
    pub priority: Priority,
    pub title: String,
    pub description: String,
    pub action_items: Vec<String>,
    /// Read by the member looking (each member reads for themselves).
    pub is_read: bool,
    /// Dismissed by the member looking (shown only with "All, expired too").
    pub dismissed: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// The dashboard view that shows the finding: `/dashboard?…#chart-…`.
    pub chart_href: Option<String>,
}

/// The insights page: a page of insights and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightList {
    pub insights: Vec<InsightView>,
    pub total: i64,
    pub unread: i64,
    /// Whether any brand has figures to work insights out from.
    pub has_data: bool,
    /// Whether insights are being worked out right now (queued or running).
    pub working: bool,
    pub page: u32,
    pub pages: u32,
    pub brands: Vec<(BrandId, String)>,
    pub can_update: bool,
    pub thresholds: Thresholds,
}
