//! Brand metrics, the dashboard and insights against the real database: idempotent
//! upserts, the dashboard's figures through the router, tenancy, and insights
//! generated once per brand, type and period.

use app::contexts::analytics::server::demo;
use app::contexts::analytics::server::repo::{self as metrics, DailyValue};
use app::contexts::analytics::types::MetricType;
use app::contexts::insights::server::service as insights;
use app::contexts::integrations::server::repo as connections;
use chrono::{Duration, NaiveDate, Utc};
use sqlx::PgPool;

use crate::helpers::TestApp;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn re_syncing_a_day_replaces_it(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (ws, b) = (app.a.id, app.brand("Roasters").await);
    let first = [
        DailyValue { date: day(1), metric: MetricType::Revenue, value: 100.0 },
        DailyValue { date: day(2), metric: MetricType::Revenue, value: 200.0 },
    ];
    metrics::upsert(&app.pg, ws, b, None, "USD", &first).await.unwrap();
    let again = [
        DailyValue { date: day(2), metric: MetricType::Revenue, value: 250.0 },
        // The same day twice in one call: the last wins, no error.
        DailyValue { date: day(3), metric: MetricType::Orders, value: 1.0 },
        DailyValue { date: day(3), metric: MetricType::Orders, value: 2.0 },
    ];
    metrics::upsert(&app.pg, ws, b, None, "USD", &again).await.unwrap();
    let rows: Vec<(NaiveDate, String, f64)> = sqlx::query_as(
        "SELECT date, metric_type, value::float8 FROM metrics WHERE brand_id = $1 ORDER BY date",
    )
    .bind(b)
    .fetch_all(&app.pg)
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

/// The dashboard's form for `brand` (empty for all brands) from `from` to `to`.
fn dashboard<'a>(brand: &'a str, from: &'a str, to: &'a str) -> [(&'a str, &'a str); 3] {
    [("filters[brand]", brand), ("filters[from]", from), ("filters[to]", to)]
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_dashboard_sums_the_range_and_stays_in_its_workspace(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let b = app.brand("Roasters").await;
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
    metrics::upsert(&app.pg, app.a.id, b, None, "USD", &values).await.unwrap();
    let viewer = app.viewer().await;
    let id = b.to_string();
    let form = dashboard(&id, "2026-03-01", "2026-03-03");
    let reply = app.post("/api/analytics/dashboard", &form, viewer).await;
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

    let reversed = dashboard(&id, "2026-03-03", "2026-03-01");
    let reply = app.post("/api/analytics/dashboard", &reversed, viewer).await;
    assert_eq!(reply.status.as_u16(), 422);
    assert!(reply.body.contains("The end date comes before the start date."), "{}", reply.body);

    // The day table's CSV is a download from the export endpoint, for the same filters.
    let export = format!("/api/analytics/export?brand={id}&from=2026-03-01&to=2026-03-03");
    let reply = app.get(&format!("{export}&table=days"), viewer).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    assert_eq!(reply.headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        reply.headers["content-disposition"],
        "attachment; filename=\"aura-roasters-2026-03-01-2026-03-03.csv\""
    );
    assert_eq!(
        reply.body,
        "date,revenue,orders,ad_spend,conversions,roas,cpa\n\
         2026-03-01,100.00,2.00,50.00,,,\n\
         2026-03-02,200.00,2.00,50.00,,,\n\
         2026-03-03,300.00,2.00,50.00,,,\n"
    );
    // By month it is one row; the channel table has its own file.
    let reply = app.get(&format!("{export}&granularity=month"), viewer).await;
    assert_eq!(reply.body.lines().nth(1), Some("2026-03-01,600.00,6.00,150.00,,,"));
    let reply = app.get(&format!("{export}&table=channels"), viewer).await;
    assert!(reply.body.starts_with("channel,spend,"), "{}", reply.body);

    // Another workspace's owner cannot see this brand's dashboard, nor export it.
    let stranger = app.outsider().await;
    let reply = app.post("/api/analytics/dashboard", &form, stranger).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.body);
    let reply = app.get(&format!("{export}&table=days"), stranger).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.body);
    assert!(!reply.body.contains("2026-03-01,100.00"));
    // Nor do its own "all brands" include it.
    let all = dashboard("", "2026-03-01", "2026-03-03");
    let reply = app.post("/api/analytics/dashboard", &all, stranger).await.json();
    assert_eq!(reply["has_data"], false);
}

/// The insights list's form: every brand and priority, `status` "" or "unread".
fn insights_page(status: &str) -> [(&str, &str); 4] {
    [("brand", ""), ("priority", ""), ("status", status), ("page", "1")]
}

/// The thresholds form with `cpa_increase` and `roas_floor` as given.
fn thresholds<'a>(cpa_increase: &'a str, roas_floor: &'a str) -> [(&'a str, &'a str); 7] {
    [
        ("cpa_increase", cpa_increase),
        ("roas_floor", roas_floor),
        ("conversion_drop", "30"),
        ("revenue_growth", "25"),
        ("channel_cpa_gap", "30"),
        ("min_spend", "100"),
        ("min_conversions", "5"),
    ]
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn insights_are_found_once_per_period_listed_and_marked_read(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (ws, b) = (app.a.id, app.brand("Roasters").await);
    // The demo roaster's last 60 days, ending yesterday: CPA doubles in the last week.
    let yesterday = Utc::now().date_naive() - Duration::days(1);
    let profile = demo::roasters(yesterday);
    let rows = demo::generate(&profile, yesterday, 60);
    for source in ["shopify", "meta", "google_ads", "google_analytics"] {
        let connection = connections::ensure(&app.pg, ws, b, source, app.a.owner).await.unwrap();
        let values: Vec<DailyValue> =
            rows.iter().filter(|(s, _)| s.as_str() == source).map(|(_, v)| *v).collect();
        metrics::upsert(&app.pg, ws, b, Some(connection.as_uuid()), "USD", &values).await.unwrap();
    }
    let added = insights::generate(&app.pg, ws, b).await.unwrap();
    assert!(added >= 2, "high CPA and conversion drop at least, got {added}");
    assert_eq!(insights::generate(&app.pg, ws, b).await.unwrap(), 0, "nothing twice");

    let viewer = app.viewer().await;
    let list = app.post("/api/insights/list", &insights_page(""), viewer).await;
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

    // Read state is each member's own: the viewer reads it, the manager still has it
    // unread, and the navigation's count follows each.
    let manager = app.manager().await;
    let unread_of = |list: &serde_json::Value| list["unread"].as_i64().unwrap();
    let before = app.post("/api/insights/list", &insights_page(""), manager).await.json();
    let read = [("id", id.as_str()), ("state", "read")];
    let done = app.post("/api/insights/read", &read, viewer).await;
    assert!(done.ok(), "{}", done.body);
    let unread = app.post("/api/insights/list", &insights_page("unread"), viewer).await.json();
    assert!(unread["insights"].as_array().unwrap().iter().all(|i| i["id"] != id.as_str()));
    let theirs = app.post("/api/insights/list", &insights_page("unread"), manager).await.json();
    assert!(theirs["insights"].as_array().unwrap().iter().any(|i| i["id"] == id.as_str()));
    assert_eq!(unread_of(&theirs), unread_of(&before));
    let badges = app.post("/api/home/badges", &[], viewer).await.json();
    assert_eq!(badges, serde_json::json!([["/insights", unread_of(&before) - 1]]));
    // Dismissing hides it from the member's current list; "all" still has it.
    let dismiss = [("id", id.as_str()), ("state", "dismissed")];
    assert!(app.post("/api/insights/read", &dismiss, manager).await.ok());
    let current = app.post("/api/insights/list", &insights_page(""), manager).await.json();
    assert!(current["insights"].as_array().unwrap().iter().all(|i| i["id"] != id.as_str()));
    let everything = app.post("/api/insights/list", &insights_page("all"), manager).await.json();
    let kept = everything["insights"].as_array().unwrap().iter().find(|i| i["id"] == id.as_str());
    assert_eq!(kept.map(|i| i["dismissed"].clone()), Some(true.into()), "{everything}");
    let nonsense = [("id", id.as_str()), ("state", "eaten")];
    assert_eq!(app.post("/api/insights/read", &nonsense, viewer).await.status.as_u16(), 422);

    let bad = app.post("/api/insights/thresholds", &thresholds("abc", "0"), manager).await;
    assert_eq!(bad.status.as_u16(), 422);
    assert!(bad.json()["Invalid"]["cpa_increase"].is_array(), "{}", bad.body);
    let saved = app.post("/api/insights/thresholds", &thresholds("80", "2.5"), manager).await;
    assert!(saved.ok(), "{}", saved.body);
    let list = app.post("/api/insights/list", &insights_page(""), viewer).await.json();
    assert_eq!(list["thresholds"]["cpa_increase"], 0.8);
    assert_eq!(list["thresholds"]["roas_floor"], 2.5);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_csv_is_checked_row_by_row_then_its_good_rows_imported(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let b = app.brand("Roasters").await.to_string();
    let csv = "date,revenue,orders\n2026-03-01,1200.50,30\n2026-03-02,lots,31\n2026-03-03,900,20\n";
    let import = |csv, commit| [("brand_id", b.as_str()), ("csv", csv), ("commit", commit)];
    let denied = app.post("/api/analytics/import", &import(csv, "true"), app.editor().await).await;
    assert_eq!(denied.status.as_u16(), 403);

    let manager = app.manager().await;
    let preview = app.post("/api/analytics/import", &import(csv, "false"), manager).await;
    assert!(preview.ok(), "{}", preview.body);
    let report = preview.json();
    assert_eq!(report["accepted_rows"], 2);
    assert_eq!(report["values"], 4);
    assert_eq!(report["committed"], false);
    assert_eq!(report["rejected"][0]["line"], 3);
    assert!(
        report["rejected"][0]["reasons"][0].as_str().unwrap().contains("`lots` is not a number")
    );
    assert_eq!(count_metrics(&app.pg).await, 0, "a preview writes nothing");

    let done = app.post("/api/analytics/import", &import(csv, "true"), manager).await;
    assert!(done.ok(), "{}", done.body);
    assert_eq!(done.json()["committed"], true);
    let rows: Vec<(NaiveDate, String, f64)> = sqlx::query_as(
        "SELECT date, metric_type, value::float8 FROM metrics WHERE connection_id IS NULL ORDER BY date, metric_type",
    )
    .fetch_all(&app.pg)
    .await
    .unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], (day(1), "orders".to_owned(), 30.0));
    assert_eq!(rows[1], (day(1), "revenue".to_owned(), 1200.5));
    // Importing again replaces, never duplicates.
    let again = app.post("/api/analytics/import", &import(csv, "true"), manager).await;
    assert!(again.ok(), "{}", again.body);
    assert_eq!(count_metrics(&app.pg).await, 4);

    let bad_header =
        app.post("/api/analytics/import", &import("day,revenue\n", "false"), manager).await;
    assert_eq!(bad_header.status.as_u16(), 422);
    assert!(bad_header.json()["Invalid"]["csv"][0].as_str().unwrap().contains("first column"));
}

async fn count_metrics(pg: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM metrics").fetch_one(pg).await.unwrap()
}

/// "All brands" reads the workspace's roll-up; after every kind of change it says
/// exactly what the brands' own rows say.
#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_all_brands_rollup_follows_every_change(pg: PgPool) {
    use app::contexts::analytics::server::service::store_values;
    use app::kernel::{BrandId, Period};
    let app = TestApp::new(pg).await;
    // Room to restore an archived brand.
    app.set_plan(app.a.id, app::contexts::team::types::Plan::Enterprise).await;
    let ws = app.a.id;
    let (roasters, cold) = (app.brand("Roasters").await, app.brand("Cold Brew").await);
    let period = Period::new(day(1), day(10)).unwrap();
    let write = |brand: BrandId, d: u32, revenue: f64| {
        let pg = app.pg.clone();
        async move {
            let mut tx = pg.begin().await.unwrap();
            let values = [
                DailyValue { date: day(d), metric: MetricType::Revenue, value: revenue },
                DailyValue { date: day(d), metric: MetricType::Orders, value: 3.0 },
            ];
            store_values(&mut tx, ws, brand, None, "USD", &values).await.unwrap();
            tx.commit().await.unwrap();
        }
    };
    let sorted = |mut points: Vec<app::contexts::analytics::types::MetricPoint>| {
        points.sort_by_key(|a| (a.date, a.metric, a.source));
        points
    };
    let rolled = |currency: &'static str| {
        let pg = app.pg.clone();
        async move { sorted(metrics::rollup_points(&pg, ws, currency, period).await.unwrap()) }
    };
    let live = |brands: Vec<BrandId>| {
        let pg = app.pg.clone();
        async move { sorted(metrics::points(&pg, ws, &brands, period).await.unwrap()) }
    };
    write(roasters, 1, 100.0).await;
    write(cold, 1, 50.0).await;
    write(roasters, 2, 70.0).await;
    // A day written again replaces its value.
    write(cold, 1, 60.0).await;
    assert_eq!(rolled("USD").await, live(vec![roasters, cold]).await);
    let first_day: f64 = rolled("USD")
        .await
        .iter()
        .filter(|p| p.date == day(1) && p.metric == MetricType::Revenue)
        .map(|p| p.value)
        .sum();
    assert_eq!(first_day, 160.0);

    // Archived, a brand leaves the figures; restored, it is back.
    let owner = app.owner().await;
    let id = cold.to_string();
    let archive = [("brand_id", id.as_str()), ("archive", "true")];
    assert!(app.post("/api/brands/archive", &archive, owner).await.ok());
    assert_eq!(rolled("USD").await, live(vec![roasters]).await);
    let restore = [("brand_id", id.as_str()), ("archive", "false")];
    assert!(app.post("/api/brands/archive", &restore, owner).await.ok());
    assert_eq!(rolled("USD").await, live(vec![roasters, cold]).await);

    // Priced in euros, it moves to the euro figures.
    let update = [
        ("brand_id", id.as_str()),
        ("name", "Cold Brew"),
        ("domain", ""),
        ("currency", "EUR"),
        ("timezone", "UTC"),
        ("sync_hour", "6"),
    ];
    let reply = app.post("/api/brands/update", &update, owner).await;
    assert!(reply.ok(), "{}", reply.body);
    assert_eq!(rolled("USD").await, live(vec![roasters]).await);
    assert_eq!(rolled("EUR").await, live(vec![cold]).await);

    // The dashboard's all-brands figures are the roll-up's.
    let form = [("filters[from]", "2026-03-01"), ("filters[to]", "2026-03-10")];
    let d = app.post("/api/analytics/dashboard", &form, owner).await.json();
    let revenue = d["kpis"].as_array().unwrap().iter().find(|k| k["kpi"] == "revenue").unwrap();
    assert_eq!(revenue["value"], 170.0, "{d}");
    // Another workspace's roll-up has none of it.
    assert!(metrics::rollup_points(&app.pg, app.b.id, "USD", period).await.unwrap().is_empty());
}
