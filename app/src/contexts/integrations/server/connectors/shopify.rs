//! Shopify Admin REST API, version 2024-10: `GET /shop.json` for the account, and
//! `GET /orders.json` paged by cursor (the `Link: <…page_info=…>; rel="next"`
//! header) for the days' orders.
//!
//! - revenue: `current_total_price` (after edits and refunds) of orders not cancelled
//!   and not test orders, on the day the order was created in the brand's time zone;
//! - orders: how many such orders;
//! - new_customers: such orders whose customer was created the same day (a first
//!   checkout creates the customer).

use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, TimeZone};
use serde::Deserialize;

use super::{Account, Connector, DayTotals, Request, number};
use crate::contexts::analytics::types::{DailyValue, MetricType};
use crate::contexts::integrations::server::client::{Api, Progress, SyncError};

pub struct Shopify;

const METRICS: [MetricType; 3] =
    [MetricType::Revenue, MetricType::Orders, MetricType::NewCustomers];

#[derive(Deserialize)]
struct ShopAnswer {
    shop: Shop,
}

#[derive(Deserialize)]
struct Shop {
    name: String,
    currency: Option<String>,
}

#[derive(Deserialize)]
struct OrdersPage {
    orders: Vec<Order>,
}

#[derive(Deserialize)]
struct Order {
    created_at: DateTime<FixedOffset>,
    current_total_price: serde_json::Value,
    #[serde(default)]
    cancelled_at: Option<String>,
    #[serde(default)]
    test: bool,
    #[serde(default)]
    customer: Option<Customer>,
}

#[derive(Deserialize)]
struct Customer {
    created_at: Option<DateTime<FixedOffset>>,
}

/// The `rel="next"` URL of a `Link` header (RFC 8288, `link_header`).
pub fn next_link(link: &str) -> Option<String> {
    crate::contexts::integrations::server::link_header::target(link, "next")
}

#[async_trait]
impl Connector for Shopify {
    async fn account(&self, api: &mut Api<'_>, account: &str) -> Result<Account, SyncError> {
        let url = format!("{}/shop.json", api.base);
        let (answer, _): (ShopAnswer, _) = api.json(|http| http.get(&url)).await?;
        Ok(Account {
            id: account.to_owned(),
            name: answer.shop.name,
            currency: answer.shop.currency,
        })
    }

    async fn fetch(
        &self,
        api: &mut Api<'_>,
        request: Request<'_>,
        progress: &dyn Progress,
    ) -> Result<Vec<DailyValue>, SyncError> {
        let local = |date: chrono::NaiveDate, end: bool| {
            let time = if end { date.and_hms_opt(23, 59, 59) } else { date.and_hms_opt(0, 0, 0) };
            time.and_then(|t| request.tz.from_local_datetime(&t).earliest()).map(|t| t.to_rfc3339())
        };
        let (Some(min), Some(max)) = (local(request.since, false), local(request.until, true))
        else {
            return Err(api.unreadable("the date range has no local time"));
        };
        let first = format!("{}/orders.json", api.base);
        let query = vec![
            ("status", "any".to_owned()),
            ("created_at_min", min),
            ("created_at_max", max),
            ("limit", "250".to_owned()),
            ("fields", "id,created_at,current_total_price,cancelled_at,test,customer".to_owned()),
        ];
        let mut totals = DayTotals::default();
        let mut next = Some(first.clone());
        let mut page = 0;
        while let Some(url) = next.take() {
            page += 1;
            if !api.same_origin(&url) {
                return Err(api.unreadable("a next-page link to another host"));
            }
            // The first page carries the filters; later pages only their cursor.
            let with_query = url == first;
            let (answer, headers): (OrdersPage, _) = api
                .json(|http| {
                    let request = http.get(&url);
                    if with_query { request.query(&query) } else { request }
                })
                .await?;
            for order in answer.orders {
                if order.cancelled_at.is_some() || order.test {
                    continue;
                }
                let Some(price) = number(&order.current_total_price) else {
                    return Err(api.unreadable("an order without a current_total_price"));
                };
                let day = order.created_at.with_timezone(&request.tz).date_naive();
                totals.add(day, MetricType::Revenue, price);
                totals.add(day, MetricType::Orders, 1.0);
                let new = order
                    .customer
                    .and_then(|c| c.created_at)
                    .is_some_and(|c| c.with_timezone(&request.tz).date_naive() == day);
                if new {
                    totals.add(day, MetricType::NewCustomers, 1.0);
                }
            }
            progress.report(format!("Reading Shopify orders, page {page}"), 0).await;
            next = headers.get("link").and_then(|v| v.to_str().ok()).and_then(next_link);
        }
        Ok(totals.into_values(&request, &METRICS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_comes_from_the_link_header() {
        let link = r#"<https://shop.myshopify.com/admin/api/2024-10/orders.json?limit=250&page_info=abc>; rel="previous", <https://shop.myshopify.com/admin/api/2024-10/orders.json?limit=250&page_info=def>; rel="next""#;
        assert_eq!(
            next_link(link).as_deref(),
            Some(
                "https://shop.myshopify.com/admin/api/2024-10/orders.json?limit=250&page_info=def"
            )
        );
        assert_eq!(next_link(r#"<https://x/a>; rel="previous""#), None);
    }
}
