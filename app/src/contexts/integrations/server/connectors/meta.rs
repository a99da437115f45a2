//! Meta Marketing API (Graph API v21.0): `GET /act_<id>?fields=name,currency` for the
//! account, and `GET /act_<id>/insights` at account level with `time_increment=1`
//! for one row per day, following `paging.next`.
//!
//! - ad_spend: `spend`; impressions; clicks;
//! - conversions: purchases from `actions`: `omni_purchase` when reported, else
//!   `purchase`, else `offsite_conversion.fb_pixel_purchase` (they overlap, so only
//!   one is counted).

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Account, Connector, DayTotals, Request, number};
use crate::contexts::analytics::types::{DailyValue, MetricType};
use crate::contexts::integrations::server::client::{Api, Progress, SyncError};

pub struct Meta;

const METRICS: [MetricType; 4] =
    [MetricType::AdSpend, MetricType::Impressions, MetricType::Clicks, MetricType::Conversions];

const PURCHASES: [&str; 3] = ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"];

#[derive(Deserialize)]
struct AdAccount {
    name: String,
    currency: Option<String>,
}

#[derive(Deserialize)]
struct InsightsPage {
    data: Vec<DayRow>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    next: Option<String>,
}

#[derive(Deserialize)]
struct DayRow {
    date_start: NaiveDate,
    #[serde(default)]
    spend: Option<serde_json::Value>,
    #[serde(default)]
    impressions: Option<serde_json::Value>,
    #[serde(default)]
    clicks: Option<serde_json::Value>,
    #[serde(default)]
    actions: Vec<Action>,
}

#[derive(Deserialize)]
struct Action {
    action_type: String,
    value: serde_json::Value,
}

/// Purchases counted once from a day's `actions`.
fn purchases(actions: &[Action]) -> f64 {
    PURCHASES
        .iter()
        .find_map(|kind| actions.iter().find(|a| a.action_type == *kind))
        .and_then(|a| number(&a.value))
        .unwrap_or(0.0)
}

/// A next-page URL without the token Meta puts in it (Aura adds its own).
fn without_token(url: &str) -> Option<String> {
    let mut parsed = url::Url::parse(url).ok()?;
    let kept: Vec<(String, String)> =
        parsed.query_pairs().into_owned().filter(|(k, _)| k != "access_token").collect();
    parsed.query_pairs_mut().clear().extend_pairs(kept);
    Some(parsed.to_string())
}

#[async_trait]
impl Connector for Meta {
    async fn account(&self, api: &mut Api<'_>, account: &str) -> Result<Account, SyncError> {
        let url = format!("{}/{account}", api.base);
        let (answer, _): (AdAccount, _) = api
            .json(|http| http.get(&url).query(&[("fields", "name,currency,account_id")]))
            .await?;
        Ok(Account { id: account.to_owned(), name: answer.name, currency: answer.currency })
    }

    async fn fetch(
        &self,
        api: &mut Api<'_>,
        request: Request<'_>,
        progress: &dyn Progress,
    ) -> Result<Vec<DailyValue>, SyncError> {
        let first = format!("{}/{}/insights", api.base, request.account);
        let range = serde_json::json!({
            "since": request.since.to_string(),
            "until": request.until.to_string(),
        })
        .to_string();
        let query = [
            ("level", "account".to_owned()),
            ("time_increment", "1".to_owned()),
            ("time_range", range),
            ("fields", "spend,impressions,clicks,actions".to_owned()),
            ("limit", "100".to_owned()),
        ];
        let mut totals = DayTotals::default();
        let mut next = Some(first.clone());
        let mut days = 0;
        while let Some(url) = next.take() {
            if !api.same_origin(&url) {
                return Err(api.unreadable("a next-page link to another host"));
            }
            let with_query = url == first;
            let (page, _): (InsightsPage, _) = api
                .json(|http| {
                    let request = http.get(&url);
                    if with_query { request.query(&query) } else { request }
                })
                .await?;
            for row in &page.data {
                let day = row.date_start;
                let read =
                    |v: &Option<serde_json::Value>| v.as_ref().and_then(number).unwrap_or(0.0);
                totals.set(day, MetricType::AdSpend, read(&row.spend));
                totals.set(day, MetricType::Impressions, read(&row.impressions));
                totals.set(day, MetricType::Clicks, read(&row.clicks));
                totals.set(day, MetricType::Conversions, purchases(&row.actions));
            }
            days += u32::try_from(page.data.len()).unwrap_or(0);
            progress.report(format!("Reading Meta Ads insights, {days} days so far"), days).await;
            next = page.paging.and_then(|p| p.next).and_then(|n| without_token(&n));
        }
        Ok(totals.into_values(&request, &METRICS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purchases_are_counted_once_and_next_links_lose_their_token() {
        let actions: Vec<Action> = serde_json::from_str(
            r#"[{"action_type":"link_click","value":"40"},
                {"action_type":"offsite_conversion.fb_pixel_purchase","value":"3"},
                {"action_type":"purchase","value":"3"}]"#,
        )
        .unwrap();
        assert_eq!(purchases(&actions), 3.0);
        assert_eq!(purchases(&[]), 0.0);
        assert_eq!(
            without_token("https://graph.facebook.com/v21.0/act_1/insights?access_token=EAAB&after=MjQZD&limit=100")
                .as_deref(),
            Some("https://graph.facebook.com/v21.0/act_1/insights?after=MjQZD&limit=100")
        );
    }
}
