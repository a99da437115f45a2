//! One `Connector` per platform, each speaking the platform's documented reporting
//! API and turning its answer into daily values for the brand's dashboard.
//!
//! A connector reads everything first and returns it; the caller writes it in one
//! transaction, so a failed page leaves nothing half-written.

pub mod ga4;
pub mod google_ads;
pub mod meta;
pub mod shopify;

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;

use super::client::{Api, Progress, SyncError};
use crate::contexts::analytics::types::{DailyValue, MetricType};
use crate::contexts::integrations::types::Platform;

/// The account a connection reads, as the platform names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
    /// ISO 4217, when the platform says.
    pub currency: Option<String>,
}

/// What one sync reads: an account's days `since..=until` in the brand's calendar.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub account: &'a str,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub tz: chrono_tz::Tz,
}

impl Request<'_> {
    pub fn days(&self) -> u32 {
        u32::try_from((self.until - self.since).num_days() + 1).unwrap_or(0)
    }
}

#[async_trait]
pub trait Connector: Send + Sync {
    /// Checks access to the account and reads its name and currency.
    async fn account(&self, api: &mut Api<'_>, account: &str) -> Result<Account, SyncError>;

    /// The account's daily values over the request's days: every metric the
    /// platform provides, for every day (a day with no activity is zero).
    async fn fetch(
        &self,
        api: &mut Api<'_>,
        request: Request<'_>,
        progress: &dyn Progress,
    ) -> Result<Vec<DailyValue>, SyncError>;
}

/// The connector for a platform.
pub fn connector(platform: Platform) -> &'static dyn Connector {
    match platform {
        Platform::Shopify => &shopify::Shopify,
        Platform::Meta => &meta::Meta,
        Platform::GoogleAds => &google_ads::GoogleAds,
        Platform::GoogleAnalytics => &ga4::Ga4,
    }
}

/// Sums per day and metric, then writes every day of the range for every metric
/// (zero where the platform reported nothing).
#[derive(Debug, Default)]
pub struct DayTotals(BTreeMap<(NaiveDate, MetricType), f64>);

impl DayTotals {
    pub fn add(&mut self, date: NaiveDate, metric: MetricType, value: f64) {
        *self.0.entry((date, metric)).or_insert(0.0) += value;
    }

    pub fn set(&mut self, date: NaiveDate, metric: MetricType, value: f64) {
        self.0.insert((date, metric), value);
    }

    pub fn into_values(self, request: &Request<'_>, metrics: &[MetricType]) -> Vec<DailyValue> {
        let mut values = Vec::new();
        let mut date = request.since;
        while date <= request.until {
            for &metric in metrics {
                let value = self.0.get(&(date, metric)).copied().unwrap_or(0.0);
                values.push(DailyValue { date, metric, value });
            }
            date += chrono::Duration::days(1);
        }
        values
    }
}

/// A number the platform sends as a JSON string or number (Google's int64 fields
/// are strings; Meta's are all strings).
pub fn number(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|v: &f64| v.is_finite())
}
