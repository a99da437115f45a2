//! Google Ads API v18: `POST /customers/<id>/googleAds:searchStream` with GAQL. The
//! stream's answer is a JSON array of batches, each with `results`; int64 fields
//! such as `costMicros` arrive as strings. Every request carries the
//! `developer-token` header.
//!
//! - ad_spend: `metrics.cost_micros` / 1,000,000 by `segments.date`;
//! - impressions, clicks, conversions (`metrics.conversions`, fractional).

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Account, Connector, DayTotals, Request, number};
use crate::contexts::analytics::types::{DailyValue, MetricType};
use crate::contexts::integrations::server::client::{Api, Progress, SyncError};

pub struct GoogleAds;

const METRICS: [MetricType; 4] =
    [MetricType::AdSpend, MetricType::Impressions, MetricType::Clicks, MetricType::Conversions];

#[derive(Deserialize)]
struct Batch {
    #[serde(default)]
    results: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    #[serde(default)]
    customer: Option<CustomerFields>,
    #[serde(default)]
    segments: Option<Segments>,
    #[serde(default)]
    metrics: Option<Metrics>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CustomerFields {
    descriptive_name: Option<String>,
    currency_code: Option<String>,
}

#[derive(Deserialize)]
struct Segments {
    date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metrics {
    #[serde(default)]
    cost_micros: Option<serde_json::Value>,
    #[serde(default)]
    impressions: Option<serde_json::Value>,
    #[serde(default)]
    clicks: Option<serde_json::Value>,
    #[serde(default)]
    conversions: Option<serde_json::Value>,
}

/// The GAQL for the account's days.
pub fn daily_query(since: NaiveDate, until: NaiveDate) -> String {
    format!(
        "SELECT segments.date, metrics.cost_micros, metrics.impressions, metrics.clicks, \
         metrics.conversions FROM customer WHERE segments.date BETWEEN '{since}' AND '{until}'"
    )
}

const ACCOUNT_QUERY: &str =
    "SELECT customer.id, customer.descriptive_name, customer.currency_code FROM customer LIMIT 1";

async fn stream(api: &mut Api<'_>, account: &str, query: &str) -> Result<Vec<Batch>, SyncError> {
    let url = format!("{}/customers/{account}/googleAds:searchStream", api.base);
    let body = serde_json::json!({ "query": query });
    let (batches, _) = api.json(|http| http.post(&url).json(&body)).await?;
    Ok(batches)
}

#[async_trait]
impl Connector for GoogleAds {
    async fn account(&self, api: &mut Api<'_>, account: &str) -> Result<Account, SyncError> {
        let batches = stream(api, account, ACCOUNT_QUERY).await?;
        let customer = batches
            .into_iter()
            .flat_map(|b| b.results)
            .find_map(|r| r.customer)
            .ok_or_else(|| api.unreadable("no customer in the answer"))?;
        Ok(Account {
            id: account.to_owned(),
            name: customer.descriptive_name.unwrap_or_else(|| account.to_owned()),
            currency: customer.currency_code,
        })
    }

    async fn fetch(
        &self,
        api: &mut Api<'_>,
        request: Request<'_>,
        progress: &dyn Progress,
    ) -> Result<Vec<DailyValue>, SyncError> {
        progress.report("Asking Google Ads for the daily report".into(), 0).await;
        let batches =
            stream(api, request.account, &daily_query(request.since, request.until)).await?;
        let mut totals = DayTotals::default();
        let mut rows = 0u32;
        for row in batches.into_iter().flat_map(|b| b.results) {
            let (Some(segments), Some(metrics)) = (row.segments, row.metrics) else {
                return Err(api.unreadable("a row without segments.date or metrics"));
            };
            let day = segments.date;
            let read = |v: &Option<serde_json::Value>| v.as_ref().and_then(number).unwrap_or(0.0);
            totals.add(day, MetricType::AdSpend, read(&metrics.cost_micros) / 1_000_000.0);
            totals.add(day, MetricType::Impressions, read(&metrics.impressions));
            totals.add(day, MetricType::Clicks, read(&metrics.clicks));
            totals.add(day, MetricType::Conversions, read(&metrics.conversions));
            rows += 1;
        }
        progress.report(format!("Read {rows} days from Google Ads"), rows).await;
        Ok(totals.into_values(&request, &METRICS))
    }
}
