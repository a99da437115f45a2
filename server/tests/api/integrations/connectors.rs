//! Each connector reading its platform's documented payloads: Shopify's orders by
//! the Link header and the shop's local day, Meta's insights by cursor with
//! purchases counted once, GA4's report by date.

use app::contexts::integrations::server::service::SyncOutcome;
use chrono::Duration;
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_string_contains, header as has_header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use super::{app_with_mock, brand, connected, sync, today_ny, values};

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn shopify_orders_follow_the_link_header_and_count_by_local_day(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let id = connected(&app, b, "shopify", "northwind", None, None).await;
    let today = today_ny();
    let yesterday = today - Duration::days(1);
    // 03:30 UTC today is still yesterday evening in New York.
    let late = format!("{}T03:30:00Z", today);
    let noon = format!("{}T12:00:00-05:00", yesterday);
    let base = format!("{}/shopify/northwind/admin/api/2024-10", mock.uri());
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("status", "any"))
        .and(has_header("x-shopify-access-token", "old-access"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Link", format!(r#"<{base}/orders.json?limit=250&page_info=eyJsYXN0X2lkIjo0>; rel="next""#).as_str())
                .set_body_json(json!({ "orders": [
                    { "id": 450789469, "created_at": noon, "current_total_price": "199.00", "currency": "USD",
                      "cancelled_at": null, "test": false,
                      "customer": { "id": 207119551, "created_at": noon } },
                    { "id": 450789470, "created_at": noon, "current_total_price": "50.00", "currency": "USD",
                      "cancelled_at": "2026-01-01T00:00:00-05:00", "test": false, "customer": null }
                ]})),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/shopify/northwind/admin/api/2024-10/orders.json"))
        .and(query_param("page_info", "eyJsYXN0X2lkIjo0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "orders": [
            { "id": 450789471, "created_at": late, "current_total_price": "25.50", "currency": "USD",
              "cancelled_at": null, "test": false,
              "customer": { "id": 207119552, "created_at": "2024-05-01T10:00:00-04:00" } }
        ]})))
        .expect(1)
        .mount(mock)
        .await;
    let outcome = sync(&app, id).await.unwrap();
    assert!(matches!(outcome, SyncOutcome::Synced { days: 90, .. }));
    let got = values(pg, id).await;
    assert_eq!(got[&(yesterday, "revenue".into())], 224.5, "the cancelled order is left out");
    assert_eq!(got[&(yesterday, "orders".into())], 2.0);
    assert_eq!(got[&(yesterday, "new_customers".into())], 1.0, "a returning customer is not new");
    assert_eq!(got[&(today, "orders".into())], 0.0);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn meta_insights_page_and_count_purchases_once(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let id = connected(&app, b, "meta", "act_1234567890", None, Some(Duration::days(50))).await;
    let today = today_ny();
    let day = |n: i64| (today - Duration::days(n)).to_string();
    let next = format!(
        "{}/meta/v21.0/act_1234567890/insights?access_token=old-access&after=MjQZD&limit=100",
        mock.uri()
    );
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890/insights"))
        .and(query_param("time_increment", "1"))
        .and(query_param("access_token", "old-access"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{ "date_start": day(2), "date_stop": day(2), "spend": "80.25", "impressions": "9000",
                       "clicks": "210", "account_id": "1234567890",
                       "actions": [ { "action_type": "link_click", "value": "210" },
                                    { "action_type": "offsite_conversion.fb_pixel_purchase", "value": "4" },
                                    { "action_type": "purchase", "value": "4" } ] }],
            "paging": { "cursors": { "before": "MAZDZD", "after": "MjQZD" }, "next": next }
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/act_1234567890/insights"))
        .and(query_param("after", "MjQZD"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{ "date_start": day(1), "date_stop": day(1), "spend": "10", "impressions": "1000",
                       "clicks": "20", "account_id": "1234567890" }],
            "paging": { "cursors": { "before": "MjQZD", "after": "MjUZD" } }
        })))
        .expect(1)
        .mount(mock)
        .await;
    sync(&app, id).await.unwrap();
    let got = values(pg, id).await;
    let two_days_ago = today - Duration::days(2);
    assert_eq!(got[&(two_days_ago, "ad_spend".into())], 80.25);
    assert_eq!(got[&(two_days_ago, "conversions".into())], 4.0, "purchases counted once");
    assert_eq!(got[&(today - Duration::days(1), "conversions".into())], 0.0);
    assert_eq!(got[&(today - Duration::days(1), "impressions".into())], 1000.0);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn ga4_reports_by_date(pg: PgPool) {
    let app = app_with_mock(pg).await;
    let (mock, pg) = (app.mock(), &app.pg);
    let b = brand(&app).await;
    let id = connected(
        &app,
        b,
        "google_analytics",
        "412345678",
        Some("1//refresh"),
        Some(Duration::hours(1)),
    )
    .await;
    let today = today_ny();
    Mock::given(method("POST"))
        .and(path("/ga4/v1beta/properties/412345678:runReport"))
        .and(body_string_contains(r#""name":"totalRevenue""#))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "dimensionHeaders": [{ "name": "date" }],
            "metricHeaders": [
                { "name": "sessions", "type": "TYPE_INTEGER" }, { "name": "conversions", "type": "TYPE_INTEGER" },
                { "name": "totalRevenue", "type": "TYPE_CURRENCY" }, { "name": "engagementRate", "type": "TYPE_FLOAT" }
            ],
            "rows": [{ "dimensionValues": [{ "value": today.format("%Y%m%d").to_string() }],
                       "metricValues": [{ "value": "1520" }, { "value": "38" }, { "value": "2410.75" }, { "value": "0.6123" }] }],
            "rowCount": 1,
            "metadata": { "currencyCode": "USD", "timeZone": "America/New_York" },
            "kind": "analyticsData#runReport"
        })))
        .expect(1)
        .mount(mock)
        .await;
    sync(&app, id).await.unwrap();
    let got = values(pg, id).await;
    assert_eq!(got[&(today, "sessions".into())], 1520.0);
    assert_eq!(got[&(today, "revenue".into())], 2410.75);
    assert_eq!(got[&(today, "engagement_rate".into())], 0.61);
}
