//! Google Analytics Data API v1beta: `POST /properties/<id>:runReport` by the `date`
//! dimension, paged with `offset`/`limit` against `rowCount`; the Admin API's
//! `GET /properties/<id>` for the property's name and currency.
//!
//! - sessions; conversions; revenue: `totalRevenue` (tracked on the site, so the
//!   dashboard uses Shopify's revenue when both exist); engagement_rate as the
//!   fraction GA4 reports (0.61 is 61%).
//! - Columns are found by their names in the report's `dimensionHeaders` and
//!   `metricHeaders`, never by position: a report may carry more columns (a
//!   `dateRange` one) or put them in another order. Values arrive as strings.

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Account, Connector, DayTotals, Request, number};
use crate::contexts::analytics::types::{DailyValue, MetricType};
use crate::contexts::integrations::server::client::{Api, Progress, SyncError};

pub struct Ga4;

/// The report's metrics.
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
    dimension_headers: Vec<Header>,
    #[serde(default)]
    metric_headers: Vec<Header>,
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

#[derive(Deserialize)]
struct Header {
    name: String,
}

/// Where the report puts the date and each metric of [`REPORT`].
struct Columns {
    date: usize,
    metrics: Vec<(usize, MetricType)>,
}

impl Columns {
    /// By name; a column Aura asked for and the report lacks is an error naming it.
    fn of(report: &Report) -> Result<Self, String> {
        let find = |headers: &[Header], name: &str| {
            headers
                .iter()
                .position(|h| h.name == name)
                .ok_or_else(|| format!("the report has no `{name}` column"))
        };
        let date = find(&report.dimension_headers, "date")?;
        let metrics = REPORT
            .iter()
            .map(|(name, metric)| find(&report.metric_headers, name).map(|i| (i, *metric)))
            .collect::<Result<_, _>>()?;
        Ok(Self { date, metrics })
    }
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
            // Headers come with rows; an empty page has nothing to place.
            let columns = match got {
                0 => None,
                _ => Some(Columns::of(&report).map_err(|e| api.unreadable(e))?),
            };
            for (row, columns) in
                report.rows.iter().filter_map(|row| Some((row, columns.as_ref()?)))
            {
                let day = row
                    .dimension_values
                    .get(columns.date)
                    .and_then(|c| NaiveDate::parse_from_str(&c.value, "%Y%m%d").ok())
                    .ok_or_else(|| api.unreadable("a row without a date"))?;
                for (index, metric) in &columns.metrics {
                    let cell = row
                        .metric_values
                        .get(*index)
                        .ok_or_else(|| api.unreadable("a row shorter than its headers"))?;
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
