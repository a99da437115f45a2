//! Wire types of the analytics context: metric kinds, sources and the dashboard.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::kpi::Kpi;
use crate::kernel::{BrandId, Granularity, Period, Preset};

/// The daily metric types of seed 001 `metrics.metric_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricType {
    Revenue,
    Orders,
    AdSpend,
    Impressions,
    Clicks,
    Conversions,
    NewCustomers,
    Sessions,
    EngagementRate,
}

impl MetricType {
    pub const ALL: [MetricType; 9] = [
        MetricType::Revenue,
        MetricType::Orders,
        MetricType::AdSpend,
        MetricType::Impressions,
        MetricType::Clicks,
        MetricType::Conversions,
        MetricType::NewCustomers,
        MetricType::Sessions,
        MetricType::EngagementRate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MetricType::Revenue => "revenue",
            MetricType::Orders => "orders",
            MetricType::AdSpend => "ad_spend",
            MetricType::Impressions => "impressions",
            MetricType::Clicks => "clicks",
            MetricType::Conversions => "conversions",
            MetricType::NewCustomers => "new_customers",
            MetricType::Sessions => "sessions",
            MetricType::EngagementRate => "engagement_rate",
        }
    }

    pub fn parse(value: &str) -> Option<MetricType> {
        MetricType::ALL.into_iter().find(|m| m.as_str() == value)
    }

    /// Whether the value is an amount of money (kept in the brand's currency).
    pub fn is_money(self) -> bool {
        matches!(self, MetricType::Revenue | MetricType::AdSpend)
    }
}

/// Where a metric came from: a connected platform, or a CSV import ("manual").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Shopify,
    Meta,
    GoogleAds,
    GoogleAnalytics,
    Manual,
}

impl Source {
    pub const ALL: [Source; 5] =
        [Source::Shopify, Source::Meta, Source::GoogleAds, Source::GoogleAnalytics, Source::Manual];

    /// The stored platform name (`connections.platform`); "manual" has no connection.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Shopify => "shopify",
            Source::Meta => "meta",
            Source::GoogleAds => "google_ads",
            Source::GoogleAnalytics => "google_analytics",
            Source::Manual => "manual",
        }
    }

    pub fn parse(value: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Shopify => "Shopify",
            Source::Meta => "Meta Ads",
            Source::GoogleAds => "Google Ads",
            Source::GoogleAnalytics => "Google Analytics 4",
            Source::Manual => "CSV import",
        }
    }
}

/// One stored value: a day's metric of one type from one source (summed over brands
/// when the dashboard covers several).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MetricPoint {
    pub date: NaiveDate,
    pub source: Source,
    pub metric: MetricType,
    pub value: f64,
}

/// A KPI over the period with its change against the two comparison periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiValue {
    pub kpi: Kpi,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub last_year: Option<f64>,
    pub vs_previous: Option<f64>,
    pub vs_last_year: Option<f64>,
}

/// One day of the dashboard's table. `None` is "no data", shown as "—".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayRow {
    pub date: NaiveDate,
    pub revenue: Option<f64>,
    pub orders: Option<f64>,
    pub ad_spend: Option<f64>,
    pub conversions: Option<f64>,
    pub roas: Option<f64>,
    pub cpa: Option<f64>,
}

/// An ad channel's totals over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelRow {
    pub source: Source,
    pub spend: Option<f64>,
    pub impressions: Option<f64>,
    pub clicks: Option<f64>,
    pub conversions: Option<f64>,
    pub cpa: Option<f64>,
    pub ctr: Option<f64>,
}

/// A chart drawn on the server: an SVG with no user text in it, and the sentence a
/// screen reader reads instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// The anchor links point at (`/dashboard?…#chart-roas`).
    pub id: String,
    pub title: String,
    pub svg: String,
    pub summary: String,
    /// Each series' name and colour (`#rrggbb`), shown beside the chart, never on
    /// its data; empty for a chart of one series, which its title names.
    pub legend: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandOption {
    pub id: BrandId,
    pub name: String,
    pub currency: String,
}

/// The dashboard's filters as the address carries them: every value a string,
/// empty when not chosen (`DashboardQuery::from_form` reads them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardFilters {
    pub brand: String,
    pub preset: String,
    pub from: String,
    pub to: String,
    pub currency: String,
    pub compare: String,
    pub granularity: String,
}

impl DashboardFilters {
    /// The address's keys, in the order links write them.
    pub const KEYS: [&'static str; 7] =
        ["brand", "preset", "from", "to", "currency", "compare", "granularity"];

    /// Reads the filters through `get`, which returns a key's value or nothing.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |key: &str| get(key).unwrap_or_default();
        Self {
            brand: value("brand"),
            preset: value("preset"),
            from: value("from"),
            to: value("to"),
            currency: value("currency"),
            compare: value("compare"),
            granularity: value("granularity"),
        }
    }

    pub fn get(&self, key: &str) -> &str {
        match key {
            "brand" => &self.brand,
            "preset" => &self.preset,
            "from" => &self.from,
            "to" => &self.to,
            "currency" => &self.currency,
            "compare" => &self.compare,
            "granularity" => &self.granularity,
            _ => "",
        }
    }
}

/// What the KPI cards compare the period with, as the person chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    /// The period of the same length just before.
    #[default]
    Previous,
    /// The same dates a year earlier.
    LastYear,
}

impl Compare {
    pub const ALL: [Compare; 2] = [Compare::Previous, Compare::LastYear];

    pub fn as_str(self) -> &'static str {
        match self {
            Compare::Previous => "previous",
            Compare::LastYear => "last_year",
        }
    }

    pub fn parse(value: &str) -> Option<Compare> {
        Compare::ALL.into_iter().find(|c| c.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Compare::Previous => "Previous period",
            Compare::LastYear => "Same period last year",
        }
    }
}

/// What the dashboard shows for one brand, or for every active brand in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// `None` for "all brands".
    pub brand: Option<BrandId>,
    pub scope: String,
    pub currency: String,
    /// Decimal places of the currency's minor unit.
    pub currency_decimals: u8,
    pub timezone: String,
    pub today: NaiveDate,
    pub preset: Option<Preset>,
    pub period: Period,
    pub previous: Period,
    pub last_year: Period,
    pub compare: Compare,
    /// What one row of `days` and one point of the charts covers.
    pub granularity: Granularity,
    pub kpis: Vec<KpiValue>,
    /// One row per day, week or month (`granularity`), oldest first.
    pub days: Vec<DayRow>,
    pub channels: Vec<ChannelRow>,
    pub charts: Vec<Chart>,
    pub brands: Vec<BrandOption>,
    /// Active brands left out of "all brands" because their currency differs.
    pub other_currency_brands: Vec<String>,
    pub has_data: bool,
    /// Some of the figures are the demo workspace's generated sample data.
    pub sample_data: bool,
    pub last_sync_at: Option<DateTime<Utc>>,
}

/// What a CSV import found (preview) or did (commit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub columns: Vec<String>,
    pub accepted_rows: usize,
    pub values: usize,
    pub rejected: Vec<RejectedRow>,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// Whether the accepted rows were written (in one transaction).
    pub committed: bool,
}

/// One day's value of one metric type: what a CSV import, a platform sync or the
/// demo generator hands to the analytics service to store.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DailyValue {
    pub date: NaiveDate,
    pub metric: MetricType,
    pub value: f64,
}

/// A CSV row left out of an import, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub text: String,
    pub reasons: Vec<String>,
}
