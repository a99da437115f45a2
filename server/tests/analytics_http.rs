//! Brand metrics, the dashboard and insights against the real database: idempotent
//! upserts, the dashboard's figures through the router, tenancy, and insights
//! generated once per brand, type and period.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::contexts::analytics::server::demo;
use app::contexts::analytics::server::repo::{self as metrics, DailyValue};
use app::contexts::analytics::types::MetricType;
use app::contexts::insights::server::service as insights;
use app::kernel::{BrandId, Role, WorkspaceId};
use chrono::{Duration, NaiveDate, Utc};
use common::{log_in, member, post};
use sqlx::PgPool;

const PASSWORD: &str = "granite kettle orbit";

async fn brand(pg: &PgPool, workspace: WorkspaceId, name: &str) -> BrandId {
    sqlx::query_scalar(
        "INSERT INTO brands (workspace_id, name, currency, timezone) VALUES ($1, $2, 'USD', 'UTC') RETURNING id",
    )
    .bind(workspace)
    .bind(name)
    .fetch_one(pg)
    .await
    .unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn re_syncing_a_day_replaces_it(pg: PgPool) {
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = brand(&pg, ws, "Roasters").await;
    let first = [
        DailyValue { date: day(1), metric: MetricType::Revenue, value: 100.0 },
        DailyValue { date: day(2), metric: MetricType::Revenue, value: 200.0 },
    ];
    metrics::upsert(&pg, ws, b, None, "USD", &first).await.unwrap();
    let again = [
        DailyValue { date: day(2), metric: MetricType::Revenue, value: 250.0 },
        // The same day twice in one call: the last wins, no error.
        DailyValue { date: day(3), metric: MetricType::Orders, value: 1.0 },
        DailyValue { date: day(3), metric: MetricType::Orders, value: 2.0 },
    ];
    metrics::upsert(&pg, ws, b, None, "USD", &again).await.unwrap();
    let rows: Vec<(NaiveDate, String, f64)> = sqlx::query_as(
        "SELECT date, metric_type, value::float8 FROM metrics WHERE brand_id = $1 ORDER BY date",
    )
    .bind(b)
    .fetch_all(&pg)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            (day(1), "revenue".to_owned(), 100.0),
            (day(2), "revenue".to_owned(), 250.0),
            (day(3), "orders".to_owned(), 2.0)
        ]
    );
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_dashboard_sums_the_range_and_stays_in_its_workspace(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let other = common::workspace(&pg, "Southwind Tea", "southwind").await;
    member(&pg, ws, "vera@northwind.example", PASSWORD, Role::Viewer).await;
    member(&pg, other, "sam@southwind.example", PASSWORD, Role::Owner).await;
    let b = brand(&pg, ws, "Roasters").await;
    // Three days of revenue and spend; the 4th is outside the range.
    let values: Vec<DailyValue> = (1..=4)
        .flat_map(|d| {
            [
                DailyValue {
                    date: day(d),
                    metric: MetricType::Revenue,
                    value: 100.0 * f64::from(d),
                },
                DailyValue { date: day(d), metric: MetricType::Orders, value: 2.0 },
                DailyValue { date: day(d), metric: MetricType::AdSpend, value: 50.0 },
            ]
        })
        .collect();
    metrics::upsert(&pg, ws, b, None, "USD", &values).await.unwrap();
    let viewer = log_in(&app, "vera@northwind.example", PASSWORD).await;
    let id = b.to_string();
    let form = [
        ("brand", id.as_str()),
        ("preset", ""),
        ("from", "2026-03-01"),
        ("to", "2026-03-03"),
        ("currency", ""),
    ];
    let reply = post(&app, "/api/analytics/dashboard", &form, Some(&viewer)).await;
    assert!(reply.ok(), "{}", reply.body);
    let d = reply.json();
    let kpi = |name: &str| {
        d["kpis"].as_array().unwrap().iter().find(|k| k["kpi"] == name).unwrap().clone()
    };
    assert_eq!(kpi("revenue")["value"], 600.0); // 100 + 200 + 300
    assert_eq!(kpi("orders")["value"], 6.0);
    assert_eq!(kpi("aov")["value"], 100.0);
    assert_eq!(kpi("mer")["value"], 4.0); // 600 / 150
    assert!(kpi("roas")["value"].is_null(), "no tracked revenue: no ROAS");
    assert!(kpi("revenue")["vs_previous"].is_null(), "no data in February");
    assert_eq!(d["days"].as_array().unwrap().len(), 3);
    let charts: Vec<&str> =
        d["charts"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        charts,
        ["chart-revenue-spend", "chart-roas", "chart-cpa", "chart-conversions", "chart-channels"]
    );
    assert!(d["charts"][0]["svg"].as_str().unwrap().starts_with("<svg role=\"img\""));

    let reversed = [
        ("brand", id.as_str()),
        ("preset", ""),
        ("from", "2026-03-03"),
        ("to", "2026-03-01"),
        ("currency", ""),
    ];
    let reply = post(&app, "/api/analytics/dashboard", &reversed, Some(&viewer)).await;
    assert_eq!(reply.status.as_u16(), 422);
    assert!(reply.body.contains("The end date comes before the start date."), "{}", reply.body);

    // Another workspace's owner cannot see this brand's dashboard.
    let stranger = log_in(&app, "sam@southwind.example", PASSWORD).await;
    let reply = post(&app, "/api/analytics/dashboard", &form, Some(&stranger)).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.body);
    // Nor do its own "all brands" include it.
    let all = [
        ("brand", ""),
        ("preset", ""),
        ("from", "2026-03-01"),
        ("to", "2026-03-03"),
        ("currency", ""),
    ];
    let reply = post(&app, "/api/analytics/dashboard", &all, Some(&stranger)).await.json();
    assert_eq!(reply["has_data"], false);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn insights_are_found_once_per_period_listed_and_marked_read(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, ws, "maya@northwind.example", PASSWORD, Role::Manager).await;
    member(&pg, ws, "vera@northwind.example", PASSWORD, Role::Viewer).await;
    let b = brand(&pg, ws, "Roasters").await;
    // The demo roaster's last 60 days, ending yesterday: CPA doubles in the last week.
    let yesterday = Utc::now().date_naive() - Duration::days(1);
    let profile = demo::roasters(yesterday);
    let rows = demo::generate(&profile, yesterday, 60);
    for source in ["shopify", "meta", "google_ads", "google_analytics"] {
        let connection: uuid::Uuid = sqlx::query_scalar(
            "INSERT INTO connections (workspace_id, kind, brand_id, platform) VALUES ($1, 'brand', $2, $3) RETURNING id",
        )
        .bind(ws)
        .bind(b)
        .bind(source)
        .fetch_one(&pg)
        .await
        .unwrap();
        let values: Vec<DailyValue> =
            rows.iter().filter(|(s, _)| s.as_str() == source).map(|(_, v)| *v).collect();
        metrics::upsert(&pg, ws, b, Some(connection), "USD", &values).await.unwrap();
    }
    let added = insights::generate(&pg, ws, b).await.unwrap();
    assert!(added >= 2, "high CPA and conversion drop at least, got {added}");
    assert_eq!(insights::generate(&pg, ws, b).await.unwrap(), 0, "nothing twice");

    let viewer = log_in(&app, "vera@northwind.example", PASSWORD).await;
    let list = post(
        &app,
        "/api/insights/list",
        &[("brand", ""), ("priority", ""), ("status", ""), ("page", "1")],
        Some(&viewer),
    )
    .await;
    assert!(list.ok(), "{}", list.body);
    let list = list.json();
    let types: Vec<&str> = list["insights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["insight_type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"high_cpa") && types.contains(&"conversion_drop"), "{types:?}");
    let cpa = list["insights"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["insight_type"] == "high_cpa")
        .unwrap();
    let href = cpa["chart_href"].as_str().unwrap();
    assert!(
        href.starts_with(&format!("/dashboard?brand={b}&from=")) && href.ends_with("#chart-cpa"),
        "{href}"
    );
    let id = cpa["id"].as_str().unwrap().to_owned();

    let denied =
        post(&app, "/api/insights/read", &[("id", &id), ("read", "true")], Some(&viewer)).await;
    assert_eq!(denied.status.as_u16(), 403);
    let manager = log_in(&app, "maya@northwind.example", PASSWORD).await;
    let done =
        post(&app, "/api/insights/read", &[("id", &id), ("read", "true")], Some(&manager)).await;
    assert!(done.ok(), "{}", done.body);
    let unread = post(
        &app,
        "/api/insights/list",
        &[("brand", ""), ("priority", ""), ("status", "unread"), ("page", "1")],
        Some(&viewer),
    )
    .await
    .json();
    assert!(unread["insights"].as_array().unwrap().iter().all(|i| i["id"] != id.as_str()));

    let bad = post(
        &app,
        "/api/insights/thresholds",
        &[
            ("cpa_increase", "abc"),
            ("roas_floor", "0"),
            ("conversion_drop", "30"),
            ("revenue_growth", "25"),
            ("channel_cpa_gap", "30"),
            ("min_spend", "100"),
            ("min_conversions", "5"),
        ],
        Some(&manager),
    )
    .await;
    assert_eq!(bad.status.as_u16(), 422);
    assert!(bad.json()["Invalid"]["cpa_increase"].is_array(), "{}", bad.body);
    let saved = post(
        &app,
        "/api/insights/thresholds",
        &[
            ("cpa_increase", "80"),
            ("roas_floor", "2.5"),
            ("conversion_drop", "30"),
            ("revenue_growth", "25"),
            ("channel_cpa_gap", "30"),
            ("min_spend", "100"),
            ("min_conversions", "5"),
        ],
        Some(&manager),
    )
    .await;
    assert!(saved.ok(), "{}", saved.body);
    let list = post(
        &app,
        "/api/insights/list",
        &[("brand", ""), ("priority", ""), ("status", ""), ("page", "1")],
        Some(&viewer),
    )
    .await
    .json();
    assert_eq!(list["thresholds"]["cpa_increase"], 0.8);
    assert_eq!(list["thresholds"]["roas_floor"], 2.5);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_csv_is_checked_row_by_row_then_its_good_rows_imported(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let ws = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, ws, "maya@northwind.example", PASSWORD, Role::Manager).await;
    member(&pg, ws, "ed@northwind.example", PASSWORD, Role::Editor).await;
    let b = brand(&pg, ws, "Roasters").await.to_string();
    let csv = "date,revenue,orders\n2026-03-01,1200.50,30\n2026-03-02,lots,31\n2026-03-03,900,20\n";
    let editor = log_in(&app, "ed@northwind.example", PASSWORD).await;
    let denied = post(
        &app,
        "/api/analytics/import",
        &[("brand_id", &b), ("csv", csv), ("commit", "true")],
        Some(&editor),
    )
    .await;
    assert_eq!(denied.status.as_u16(), 403);

    let manager = log_in(&app, "maya@northwind.example", PASSWORD).await;
    let preview = post(
        &app,
        "/api/analytics/import",
        &[("brand_id", &b), ("csv", csv), ("commit", "false")],
        Some(&manager),
    )
    .await;
    assert!(preview.ok(), "{}", preview.body);
    let report = preview.json();
    assert_eq!(report["accepted_rows"], 2);
    assert_eq!(report["values"], 4);
    assert_eq!(report["committed"], false);
    assert_eq!(report["rejected"][0]["line"], 3);
    assert!(
        report["rejected"][0]["reasons"][0].as_str().unwrap().contains("`lots` is not a number")
    );
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM metrics").fetch_one(&pg).await.unwrap();
    assert_eq!(stored, 0, "a preview writes nothing");

    let done = post(
        &app,
        "/api/analytics/import",
        &[("brand_id", &b), ("csv", csv), ("commit", "true")],
        Some(&manager),
    )
    .await;
    assert!(done.ok(), "{}", done.body);
    assert_eq!(done.json()["committed"], true);
    let rows: Vec<(NaiveDate, String, f64)> = sqlx::query_as(
        "SELECT date, metric_type, value::float8 FROM metrics WHERE connection_id IS NULL ORDER BY date, metric_type",
    )
    .fetch_all(&pg)
    .await
    .unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], (day(1), "orders".to_owned(), 30.0));
    assert_eq!(rows[1], (day(1), "revenue".to_owned(), 1200.5));
    // Importing again replaces, never duplicates.
    post(
        &app,
        "/api/analytics/import",
        &[("brand_id", &b), ("csv", csv), ("commit", "true")],
        Some(&manager),
    )
    .await;
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM metrics").fetch_one(&pg).await.unwrap();
    assert_eq!(stored, 4);

    let bad_header = post(
        &app,
        "/api/analytics/import",
        &[("brand_id", &b), ("csv", "day,revenue\n"), ("commit", "false")],
        Some(&manager),
    )
    .await;
    assert_eq!(bad_header.status.as_u16(), 422);
    assert!(bad_header.json()["Invalid"]["csv"][0].as_str().unwrap().contains("first column"));
}
