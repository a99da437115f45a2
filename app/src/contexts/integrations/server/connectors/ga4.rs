//! Google Analytics Data API v1beta: `POST /properties/<id>:runReport` by the `date`
//! dimension, paged with `offset`/`limit` against `rowCount`; the Admin API's
//! `GET /properties/<id>` for the property's name and currency.
//!
//! - sessions; conversions; revenue: `totalRevenue` (tracked on the site, so the
//!   dashboard uses Shopify's revenue when both exist); engagement_rate as the
//!   fraction GA4 reports (0.61 is 61%).

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Account, Connector, DayTotals, Request, number};
use crate::contexts::analytics::types::{DailyValue, MetricType};
use crate::contexts::integrations::server::client::{Api, Progress, SyncError};

pub struct Ga4;

/// The report's metrics, in the order asked for.
const REPORT: [(&str, MetricType); 4] = [
    ("sessions", MetricType::Sessions),
    ("conversions", MetricType::Conversions),
    ("totalRevenue", MetricType::Revenue),
    ("engagementRate", MetricType::EngagementRate),
];

const PAGE_ROWS: usize = 1000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Property {
    display_name: String,
    currency_code: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    #[serde(default)]
    rows: Vec<ReportRow>,
    #[serde(default)]
    row_count: Option<usize>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReportRow {
    dimension_values: Vec<Cell>,
    metric_values: Vec<Cell>,
}

#[derive(Deserialize)]
struct Cell {
    value: String,
}

#[async_trait]
impl Connector for Ga4 {
    async fn account(&self, api: &mut Api<'_>, account: &str) -> Result<Account, SyncError> {
        let url = format!("{}/properties/{account}", api.config().admin_url);
        let (property, _): (Property, _) = api.json(|http| http.get(&url)).await?;
        Ok(Account {
            id: account.to_owned(),
            name: property.display_name,
            currency: property.currency_code,
        })
    }

    async fn fetch(
        &self,
        api: &mut Api<'_>,
        request: Request<'_>,
        progress: &dyn Progress,
    ) -> Result<Vec<DailyValue>, SyncError> {
        let url = format!("{}/properties/{}:runReport", api.base, request.account);
        let metric_names: Vec<serde_json::Value> =
            REPORT.iter().map(|(name, _)| serde_json::json!({ "name": name })).collect();
        let mut totals = DayTotals::default();
        let mut offset = 0usize;
        loop {
            let body = serde_json::json!({
                "dateRanges": [{ "startDate": request.since.to_string(), "endDate": request.until.to_string() }],
                "dimensions": [{ "name": "date" }],
                "metrics": metric_names,
                "offset": offset.to_string(),
                "limit": PAGE_ROWS.to_string(),
            });
            let (report, _): (Report, _) = api.json(|http| http.post(&url).json(&body)).await?;
            let got = report.rows.len();
            for row in report.rows {
                let day = row
                    .dimension_values
                    .first()
                    .and_then(|c| NaiveDate::parse_from_str(&c.value, "%Y%m%d").ok())
                    .ok_or_else(|| api.unreadable("a row without a date"))?;
                if row.metric_values.len() != REPORT.len() {
                    return Err(api.unreadable("a row with a different number of metrics"));
                }
                for ((_, metric), cell) in REPORT.iter().zip(&row.metric_values) {
                    let value = number(&serde_json::Value::String(cell.value.clone())).ok_or_else(
                        || api.unreadable(format!("`{}` is not a number", cell.value)),
                    )?;
                    totals.set(day, *metric, value);
                }
            }
            offset += got;
            let total = report.row_count.unwrap_or(offset);
            progress
                .report(
                    format!("Reading Google Analytics, {offset} of {total} days"),
                    u32::try_from(offset).unwrap_or(0),
                )
                .await;
            if got == 0 || offset >= total {
                break;
            }
        }
        Ok(totals.into_values(&request, &REPORT.map(|(_, m)| m)))
    }
}
