//! `scripts/bench`: seeds a large database and measures the brand dashboard and the
//! insight rules on it. Not a test: it prints figures for docs/performance.md.
//!
//! Data: 11 workspaces × 50 brands × 3 years × 9 metric types (≈5.4 million metric
//! rows); seeded once, reused by later runs. Measured in workspace 1:
//! - the dashboard server function through the real router (session, guard, SQL,
//!   KPIs, five SVG charts, JSON), p50/p99 over random brands, last 30 days;
//! - the same SQL alone (three period queries and the last-sync query);
//! - "all brands" (50) through the router, from the roll-up, next to the roll-up's
//!   SQL alone and the live aggregation over every brand's rows it replaces;
//! - insights generation per brand;
//! - EXPLAIN (ANALYZE, BUFFERS) of the dashboard's metrics query;
//! - the posts calendar (a month) and the posts list (first page) through the
//!   router on a workspace with 100,000 posts to 20 social accounts, next to the
//!   same SQL alone;
//! - publish throughput: posts per second through the queue's `publish_target`
//!   job against an in-process mock of X, next to the bare claim loop.
//!
//! With `AURA_BENCH_PROFILE=N` it only makes N one-brand dashboard calls through
//! the router after the warm-up and exits: the loop `scripts/bench --profile`
//! records with `perf`.

use std::time::{Duration, Instant};

use anyhow::Context;
use app::contexts::analytics::server::repo as metrics;
use app::contexts::analytics::server::service as analytics;
use app::contexts::auth::server::{accounts, password};
use app::contexts::content::server::media_repo;
use app::contexts::content::server::repo as posts_repo;
use app::contexts::insights::server::service as insights;
use app::kernel::{BrandId, Period, Preset, Role, WorkspaceId};
use app::server::Settings;
use axum::body::Body;
use axum::http::{Request, header};
use tower::ServiceExt;

const WORKSPACES: usize = 11;
const BRANDS: usize = 50;
const DAYS: i32 = 3 * 365;
const SAMPLES: usize = 1000;
const OWNER: &str = "owner@bench.example";
const POSTS: i64 = 100_000;
const SOCIAL_ACCOUNTS: i64 = 20;
const SECRET: &str = "bench-password-espresso";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len().max(1) as u32;
    println!(
        "{label:<48} n={:<4} p50={:>8.2} ms  p99={:>8.2} ms  mean={:>8.2} ms",
        samples.len(),
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        mean.as_secs_f64() * 1e3
    );
}

/// Workspace 1's social accounts and posts (seeded once, reused): 100,000 posts
/// spread over two years either side of today, two targets each.
async fn seed_posts(pg: &sqlx::PgPool, ws: WorkspaceId) -> anyhow::Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT count(*) FROM posts WHERE workspace_id = $1")
        .bind(ws)
        .fetch_one(pg)
        .await?;
    if have >= POSTS {
        return Ok(());
    }
    println!("bench: seeding {POSTS} posts to {SOCIAL_ACCOUNTS} social accounts…");
    let mut tx = pg.begin().await?;
    sqlx::query(
        "INSERT INTO social_accounts (workspace_id, platform, platform_account_id, username,
                                      display_name, access_token, metadata)
         SELECT $1, (ARRAY['facebook','twitter','linkedin','threads','reddit'])[1 + g % 5],
                'bench-' || g, 'bench' || g, 'Bench account ' || g, '', '{\"demo\": true}'
         FROM generate_series(1, $2) g
         ON CONFLICT DO NOTHING",
    )
    .bind(ws)
    .bind(SOCIAL_ACCOUNTS)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO posts (workspace_id, author_id, content, status, scheduled_at, published_at, tags)
         SELECT $1, (SELECT id FROM users WHERE email = $3),
                jsonb_build_object('text', 'Bench post ' || g || ': fresh coffee, roasted today. #coffee'),
                CASE WHEN t < now() THEN 'published' ELSE 'scheduled' END,
                t, CASE WHEN t < now() THEN t END,
                ARRAY[(ARRAY['product','community','education','promotion'])[1 + g % 4]]
         FROM generate_series(1, $2) g,
              LATERAL (SELECT now() - interval '730 days' + (g * interval '1 day' * 1460 / $2)) AS s (t)",
    )
    .bind(ws)
    .bind(POSTS)
    .bind(OWNER)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO platform_posts (workspace_id, post_id, account_id, platform, publish_status,
                                     published_at)
         SELECT p.workspace_id, p.id, a.id, a.platform,
                CASE WHEN p.status = 'published' THEN 'published' ELSE 'pending' END, p.published_at
         FROM (SELECT id, workspace_id, status, published_at,
                      row_number() OVER (ORDER BY id) AS n FROM posts WHERE workspace_id = $1) p
         JOIN LATERAL (SELECT id, platform FROM social_accounts
                       WHERE workspace_id = $1 ORDER BY id
                       OFFSET (p.n % 19) LIMIT 2) a ON true",
    )
    .bind(ws)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    sqlx::query("ANALYZE posts").execute(pg).await?;
    sqlx::query("ANALYZE platform_posts").execute(pg).await?;
    Ok(())
}

async fn seed(pg: &sqlx::PgPool) -> anyhow::Result<()> {
    let seeded: i64 =
        sqlx::query_scalar("SELECT count(*) FROM workspaces WHERE slug LIKE 'bench-%'")
            .fetch_one(pg)
            .await?;
    if seeded as usize == WORKSPACES {
        println!("bench: reusing the seeded data");
        return Ok(());
    }
    println!(
        "bench: seeding {WORKSPACES} workspaces × {BRANDS} brands × {DAYS} days × 9 metric types…"
    );
    let started = Instant::now();
    let hash = password::hash(SECRET.to_owned()).await?;
    for n in 1..=WORKSPACES {
        let mut tx = pg.begin().await?;
        let ws: WorkspaceId = sqlx::query_scalar(
            "INSERT INTO workspaces (name, slug, plan) VALUES ($1, $2, 'enterprise') RETURNING id",
        )
        .bind(format!("Bench {n}"))
        .bind(format!("bench-{n}"))
        .fetch_one(&mut *tx)
        .await?;
        if n == 1 {
            let user = accounts::insert_user(&mut tx, OWNER, "Bench Owner", &hash, "UTC").await?;
            accounts::insert_membership(&mut *tx, ws, user, Role::Owner).await?;
        }
        sqlx::query(
            "INSERT INTO brands (workspace_id, name, currency, timezone)
             SELECT $1, 'Brand ' || g, 'USD', 'UTC' FROM generate_series(1, $2) g",
        )
        .bind(ws)
        .bind(BRANDS as i32)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO connections (workspace_id, kind, brand_id, platform, status)
             SELECT $1, 'brand', b.id, p, 'connected'
             FROM brands b, unnest(ARRAY['shopify', 'meta', 'google_analytics']) p
             WHERE b.workspace_id = $1",
        )
        .bind(ws)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO metrics (workspace_id, brand_id, connection_id, date, metric_type, value)
             SELECT c.workspace_id, c.brand_id, c.id, d::date, m.t, round((50 + random() * 950)::numeric, 2)
             FROM connections c
             JOIN (VALUES ('shopify', 'revenue'), ('shopify', 'orders'), ('shopify', 'new_customers'),
                          ('meta', 'ad_spend'), ('meta', 'impressions'), ('meta', 'clicks'),
                          ('meta', 'conversions'), ('google_analytics', 'sessions'),
                          ('google_analytics', 'engagement_rate')) AS m (platform, t)
               ON m.platform = c.platform
             CROSS JOIN generate_series(current_date - $2, current_date - 1, interval '1 day') d
             WHERE c.workspace_id = $1",
        )
        .bind(ws)
        .bind(DAYS)
        .execute(&mut *tx)
        .await?;
        metrics::rebuild_rollup(&mut tx, ws).await?;
        tx.commit().await?;
        println!("bench:   workspace {n} done ({:.0} s)", started.elapsed().as_secs_f64());
    }
    sqlx::query("ANALYZE").execute(pg).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings::load()?;
    let state = server::build_state(settings).await.context("bench: cannot start")?;
    let pg = state.pg.clone();
    seed(&pg).await?;
    let ws: WorkspaceId = sqlx::query_scalar("SELECT id FROM workspaces WHERE slug = 'bench-1'")
        .fetch_one(&pg)
        .await?;
    let brands: Vec<BrandId> =
        sqlx::query_scalar("SELECT id FROM brands WHERE workspace_id = $1 ORDER BY name")
            .bind(ws)
            .fetch_all(&pg)
            .await?;
    seed_posts(&pg, ws).await?;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM metrics").fetch_one(&pg).await?;
    println!(
        "bench: {rows} metric rows in the database; measuring workspace 1 ({} brands)",
        brands.len()
    );

    let bench_state = state.clone();
    let app = server::build_app(state);
    let login = app
        .clone()
        .oneshot(
            Request::post("/api/auth/log_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(format!(
                    "email={}&password={SECRET}",
                    OWNER.replace('@', "%40")
                )))?,
        )
        .await?;
    let cookie = login
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("aura_session="))
        .and_then(|v| v.split(';').next())
        .context("bench: log-in gave no session")?
        .to_owned();

    // One server-function call through the router, as the browser's client makes
    // it: its time, and a check that it answered.
    let call = |endpoint: &'static str, form: String| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move {
            let request = Request::post(endpoint)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, &cookie)
                .body(Body::from(form))?;
            let started = Instant::now();
            let response = app.oneshot(request).await?;
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            let took = started.elapsed();
            anyhow::ensure!(
                status.is_success(),
                "{endpoint} answered {status}: {}",
                String::from_utf8_lossy(&body)
            );
            anyhow::Ok(took)
        }
    };
    let dashboard = |form: String| call("/api/analytics/dashboard", form);
    // Warm up: each pooled connection prepares its statements on first use, and
    // the dashboard uses several at once; the figures are the steady state.
    for i in 0..20 {
        dashboard(format!(
            "filters[brand]={}&filters[preset]=last_30_days",
            brands[i % brands.len()]
        ))
        .await?;
        dashboard("filters[preset]=last_30_days".to_owned()).await?;
    }
    if std::env::var("AURA_BENCH_ONLY").is_ok_and(|only| only == "social") {
        return social_analytics(&bench_state, &call, ws).await;
    }
    if std::env::var("AURA_BENCH_ONLY").is_ok_and(|only| only == "inbox") {
        return inbox(&bench_state, &call, ws, owner_id(&pg).await?).await;
    }
    if std::env::var("AURA_BENCH_ONLY").is_ok_and(|only| only == "mentions") {
        return mentions(&bench_state, ws).await;
    }
    if let Some(calls) = std::env::var("AURA_BENCH_PROFILE").ok().and_then(|n| n.parse().ok()) {
        for i in 0..calls {
            let brand = brands[i % brands.len()];
            dashboard(format!("filters[brand]={brand}&filters[preset]=last_30_days")).await?;
        }
        println!("bench: {calls} dashboard calls made for the profile");
        return Ok(());
    }
    let mut through_router = Vec::new();
    for i in 0..SAMPLES {
        let brand = brands[i % brands.len()];
        through_router
            .push(dashboard(format!("filters[brand]={brand}&filters[preset]=last_30_days")).await?);
    }
    let mut all_through_router = Vec::new();
    for _ in 0..SAMPLES {
        all_through_router.push(dashboard("filters[preset]=last_30_days".to_owned()).await?);
    }

    let today = chrono::Utc::now().date_naive();
    let period = Preset::Last30Days.resolve(today);
    let mut sql_alone = Vec::new();
    for i in 0..SAMPLES {
        let brand = [brands[i % brands.len()]];
        let started = Instant::now();
        for p in [period, period.previous(), period.year_earlier()] {
            metrics::points(&pg, ws, &brand, p).await?;
        }
        metrics::last_sync(&pg, ws, &brand).await?;
        sql_alone.push(started.elapsed());
    }

    // The same four statements at once, each on its own connection, as the
    // dashboard runs them.
    let mut sql_at_once = Vec::new();
    for i in 0..SAMPLES {
        let brand = [brands[i % brands.len()]];
        let started = Instant::now();
        tokio::try_join!(
            metrics::points(&pg, ws, &brand, period),
            metrics::points(&pg, ws, &brand, period.previous()),
            metrics::points(&pg, ws, &brand, period.year_earlier()),
            metrics::last_sync(&pg, ws, &brand)
        )?;
        sql_at_once.push(started.elapsed());
    }

    // Where the rest goes: the dashboard's service without the router (the brand
    // choices, the SQL, KPIs and five charts), so router minus service is session,
    // guard, serialisation and HTTP.
    let owner: app::kernel::UserId = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(OWNER)
        .fetch_one(&pg)
        .await?;
    let member = app::contexts::auth::server::guard::member_of(&pg, ws, owner).await?;
    let mut service_alone = Vec::new();
    let mut guard_alone = Vec::new();
    for i in 0..SAMPLES {
        let query = analytics::DashboardQuery {
            brand: Some(brands[i % brands.len()]),
            preset: Some(Preset::Last30Days),
            ..analytics::DashboardQuery::default()
        };
        let started = Instant::now();
        analytics::dashboard(&pg, &member, &query).await?;
        service_alone.push(started.elapsed());
        let started = Instant::now();
        app::contexts::auth::server::guard::member_of(&pg, ws, owner).await?;
        guard_alone.push(started.elapsed());
    }

    let mut all_rollup = Vec::new();
    for _ in 0..SAMPLES {
        let started = Instant::now();
        for p in [period, period.previous(), period.year_earlier()] {
            metrics::rollup_points(&pg, ws, "USD", p).await?;
        }
        metrics::last_sync(&pg, ws, &brands).await?;
        all_rollup.push(started.elapsed());
    }
    let mut all_brands = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        for p in [period, period.previous(), period.year_earlier()] {
            metrics::points(&pg, ws, &brands, p).await?;
        }
        all_brands.push(started.elapsed());
    }

    let mut generation = Vec::new();
    for brand in &brands {
        let started = Instant::now();
        insights::generate(&pg, ws, *brand).await?;
        generation.push(started.elapsed());
    }

    // The posts calendar (this month) and list (first page), through the router
    // and as their SQL alone (the same statements, one after another).
    for _ in 0..20 {
        call("/api/posts/calendar", String::new()).await?;
        call("/api/posts/list", String::new()).await?;
    }
    let mut calendar_router = Vec::new();
    let mut list_router = Vec::new();
    for _ in 0..SAMPLES {
        calendar_router.push(call("/api/posts/calendar", String::new()).await?);
        list_router.push(call("/api/posts/list", String::new()).await?);
    }
    let (first, last, _) = app::contexts::content::rules::calendar_range(false, today);
    let month = posts_repo::ListFilter {
        from: Some(first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()),
        until: Some(
            (last + chrono::Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        ),
        ..posts_repo::ListFilter::default()
    };
    let mut calendar_sql = Vec::new();
    let mut list_sql = Vec::new();
    for _ in 0..SAMPLES {
        let started = Instant::now();
        let rows = posts_repo::in_range(&pg, ws, &month).await?;
        let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
        posts_repo::targets(&pg, ws, &ids).await?;
        media_repo::first_thumbnails(&pg, ws, &ids).await?;
        calendar_sql.push(started.elapsed());
        let started = Instant::now();
        let any = posts_repo::ListFilter::default();
        let (rows, _) = posts_repo::list(&pg, ws, &any, 20, 0).await?;
        let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
        posts_repo::targets(&pg, ws, &ids).await?;
        media_repo::first_thumbnails(&pg, ws, &ids).await?;
        list_sql.push(started.elapsed());
    }

    publish_throughput(&bench_state).await?;
    social_analytics(&bench_state, &call, ws).await?;

    println!();
    report("posts calendar, this month (router)", calendar_router);
    report("its SQL alone (posts in range + targets + thumbnails)", calendar_sql);
    report("posts list, first page of 20 (router)", list_router);
    report("its SQL alone (page + count + targets + thumbnails)", list_sql);
    report("dashboard, one brand, 30 days (router)", through_router);
    report("the same SQL alone (3 periods + last sync)", sql_alone);
    report("the same SQL at once (as the dashboard runs it)", sql_at_once);
    report("its service alone (brands, SQL, KPIs, charts)", service_alone);
    report("the guard's membership read alone", guard_alone);
    report("dashboard, all 50 brands, 30 days (router)", all_through_router);
    report("its roll-up SQL alone (3 periods + last sync)", all_rollup);
    report("live SQL for all 50 brands (3 periods, before)", all_brands);
    report("insights generation per brand", generation);

    let one = Period::new(period.from, period.to).context("period")?;
    let plan: Vec<String> = sqlx::query_scalar(
        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
         SELECT m.date, coalesce(c.platform, 'manual') AS source, m.metric_type, sum(m.value)::float8
         FROM metrics m
         LEFT JOIN connections c ON c.workspace_id = m.workspace_id AND c.id = m.connection_id
         WHERE m.workspace_id = $1 AND m.brand_id = ANY($2) AND m.date BETWEEN $3 AND $4
         GROUP BY m.date, coalesce(c.platform, 'manual'), m.metric_type",
    )
    .bind(ws)
    .bind(vec![brands[0].as_uuid()])
    .bind(one.from)
    .bind(one.to)
    .fetch_all(&pg)
    .await?;
    println!("\nEXPLAIN of the dashboard's metrics query (one brand, 30 days):");
    for line in plan {
        println!("    {line}");
    }
    Ok(())
}

/// Measured posts of the social analytics account, and its days of followers.
const SOCIAL_POSTS: usize = 5000;
const SOCIAL_DAYS: i64 = 730;
const SOCIAL_SAMPLES: usize = 200;

/// The social analytics page for one account with two years of daily follower
/// counts and 5,000 measured posts (their latest figures, one time-series point
/// each) rolled up by the roll-up job's own code: through the router for 30 days
/// and 12 months, next to the same MongoDB and SQL reads alone; and the roll-up
/// of the two years itself.
async fn social_analytics<F, Fut>(
    state: &app::server::AppState,
    call: &F,
    ws: WorkspaceId,
) -> anyhow::Result<()>
where
    F: Fn(&'static str, String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Duration>>,
{
    use app::contexts::engagement::server::repo as engagement_repo;
    use app::contexts::engagement::server::service as engagement;
    use app::contexts::integrations::types::{AccountCounts, PostCounts};
    use app::kernel::{PostId, SocialAccountId};
    use chrono::Utc;
    let (pg, mongo) = (&state.pg, &state.mongo);
    // The account with the most posts published in the last two years.
    let (account, platform): (SocialAccountId, String) = sqlx::query_as(
        "SELECT a.id, a.platform FROM social_accounts a
         JOIN platform_posts t ON t.workspace_id = a.workspace_id AND t.account_id = a.id
         WHERE a.workspace_id = $1 AND t.publish_status = 'published'
           AND t.published_at > now() - interval '730 days'
         GROUP BY a.id, a.platform ORDER BY count(*) DESC, a.id LIMIT 1",
    )
    .bind(ws)
    .fetch_one(pg)
    .await?;
    let key = account.to_string();
    let now = Utc::now();
    let since = now - chrono::Duration::days(SOCIAL_DAYS);
    let measured = engagement_repo::post_figures(mongo, ws, Some(&key), since, now).await?.len();
    if measured < SOCIAL_POSTS {
        println!(
            "bench: seeding {SOCIAL_POSTS} measured posts and {SOCIAL_DAYS} days of followers…"
        );
        let posts: Vec<(PostId, chrono::DateTime<Utc>)> = sqlx::query_as(
            "SELECT post_id, published_at FROM platform_posts
             WHERE workspace_id = $1 AND account_id = $2 AND publish_status = 'published'
               AND published_at > $3 ORDER BY published_at DESC LIMIT $4",
        )
        .bind(ws)
        .bind(account)
        .bind(since)
        .bind(SOCIAL_POSTS as i64)
        .fetch_all(pg)
        .await?;
        anyhow::ensure!(posts.len() == SOCIAL_POSTS, "only {} posts to measure", posts.len());
        let ids: Vec<String> = posts.iter().map(|(id, _)| id.to_string()).collect();
        let mut points = Vec::new();
        let mut all = Vec::new();
        for (i, ((_, at), id)) in posts.iter().zip(&ids).enumerate() {
            let seen = 500 + (i * 37 % 4000) as i64;
            let counts = PostCounts {
                impressions: Some(seen),
                reach: Some(seen * 7 / 10),
                likes: Some(seen / 25),
                comments: Some(seen / 200),
                shares: Some(seen / 300),
                ..PostCounts::default()
            };
            let figures = engagement_repo::PostFigures {
                post: id.clone(),
                account: key.clone(),
                platform: platform.clone(),
                campaign: None,
                published_at: *at,
                measured_at: *at + chrono::Duration::days(30),
                counts,
                error: None,
            };
            all.push(figures);
            points.push((*at + chrono::Duration::days(30), id, counts));
        }
        for chunk in all.chunks(1000) {
            engagement_repo::insert_figures(mongo, ws, chunk).await?;
        }
        let mut stored: Vec<engagement_repo::Point<'_>> = points
            .iter()
            .map(|(at, post, counts)| engagement_repo::Point {
                at: *at,
                account: &key,
                platform: &platform,
                kind: engagement_repo::PointKind::Post { post, counts: *counts },
            })
            .collect();
        for day in 0..=SOCIAL_DAYS {
            stored.push(engagement_repo::Point {
                at: since + chrono::Duration::days(day),
                account: &key,
                platform: &platform,
                kind: engagement_repo::PointKind::Account {
                    counts: AccountCounts {
                        followers: Some(3000 + day * 4),
                        ..AccountCounts::default()
                    },
                    rate: None,
                },
            });
        }
        for chunk in stored.chunks(1000) {
            engagement_repo::insert_points(mongo, ws, chunk).await?;
        }
    }
    let started = Instant::now();
    let written = engagement::rollup(pg, mongo, ws, since.date_naive()).await?;
    let rollup_took = started.elapsed();

    let form = |preset: &str| format!("account={key}&preset={preset}");
    for _ in 0..10 {
        call("/api/engagement/report", form("last_30_days")).await?;
    }
    let mut month_router = Vec::new();
    let mut year_router = Vec::new();
    for _ in 0..SOCIAL_SAMPLES {
        month_router.push(call("/api/engagement/report", form("last_30_days")).await?);
        year_router.push(call("/api/engagement/report", form("last_12_months")).await?);
    }
    // The same reads alone: the accounts, the two periods' daily roll-ups (one
    // read), the period's posts, the best time's 90 days of posts and the
    // account's booked times, and the top posts' texts.
    let bare = |preset: Preset| {
        let key = key.clone();
        async move {
            let today = Utc::now().date_naive();
            let period = preset.resolve(today);
            let previous = period.previous();
            let of = engagement_repo::Of::Account(&key);
            let daily = app::contexts::engagement::rules::Span::Daily;
            let started = Instant::now();
            app::contexts::integrations::server::service::social_accounts_of(pg, ws).await?;
            let (_, posts) = tokio::try_join!(
                engagement_repo::rollups(mongo, ws, of, daily, previous.from, period.to),
                engagement_repo::post_figures(
                    mongo,
                    ws,
                    Some(&key),
                    period.from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
                    Utc::now(),
                ),
            )?;
            let top: Vec<PostId> =
                posts.iter().take(10).filter_map(|f| f.post.parse().ok()).collect();
            app::contexts::content::server::service::texts(pg, ws, &top).await?;
            engagement_repo::post_figures(
                mongo,
                ws,
                Some(&key),
                Utc::now() - chrono::Duration::days(90),
                Utc::now(),
            )
            .await?;
            app::contexts::content::server::service::scheduled_times(
                pg,
                ws,
                account,
                Utc::now(),
                Utc::now() + chrono::Duration::weeks(5),
            )
            .await?;
            anyhow::Ok(started.elapsed())
        }
    };
    let mut month_bare = Vec::new();
    let mut year_bare = Vec::new();
    for _ in 0..SOCIAL_SAMPLES {
        month_bare.push(bare(Preset::Last30Days).await?);
        year_bare.push(bare(Preset::Last12Months).await?);
    }
    println!();
    println!(
        "social analytics: {SOCIAL_POSTS} measured posts, {SOCIAL_DAYS} days of followers; the roll-up of two years wrote {written} documents in {:.2} s",
        rollup_took.as_secs_f64()
    );
    report("social analytics, one account, 30 days (router)", month_router);
    report("the same MongoDB and SQL reads alone", month_bare);
    report("social analytics, one account, 12 months (router)", year_router);
    report("the same MongoDB and SQL reads alone (12 months)", year_bare);
    Ok(())
}

/// Posts per batch of the publish throughput.
const PUBLISHES: i64 = 2000;

/// Publish throughput: `PUBLISHES` posts to one X account, due now, published by
/// the queue's worker (the `publish_target` job: claim, read the post and the
/// account, open the sealed token, `POST /2/tweets`, record the outcome, roll the
/// post up, complete) against an in-process mock of X answering 201 `data.id`;
/// with one loop and with four loops at once. Next to it, the queue's own cost:
/// the same number of tasks of a type no job handles, each claimed and put back
/// (one claim and one update each: the bare claim loop).
async fn publish_throughput(state: &app::server::AppState) -> anyhow::Result<()> {
    use app::contexts::integrations::server::config::IntegrationSettings;
    use app::contexts::integrations::server::service::{ConnectedAccount, save_social_account};
    use app::contexts::integrations::types::SocialPlatform;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    let pg = &state.pg;
    let counter = Arc::new(AtomicU64::new(1_445_880_548_472_328_192));
    let mock = axum::Router::new().route(
        "/2/tweets",
        axum::routing::post(move || {
            let id = counter.fetch_add(1, Ordering::Relaxed);
            async move {
                (
                    axum::http::StatusCode::CREATED,
                    axum::Json(
                        serde_json::json!({ "data": { "id": id.to_string(), "text": "x" } }),
                    ),
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let mock_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, mock).await });
    let settings = IntegrationSettings::from_lookup(&|name| match name {
        "AURA_X_API_URL" => Some(mock_url.clone()),
        other => std::env::var(other).ok(),
    })?;
    let state = state.clone().with_config(settings);

    let ws: WorkspaceId = sqlx::query_scalar("SELECT id FROM workspaces WHERE slug = 'bench-2'")
        .fetch_one(pg)
        .await?;
    sqlx::query("DELETE FROM posts WHERE workspace_id = $1 AND content ? 'bench_publish'")
        .bind(ws)
        .execute(pg)
        .await?;
    sqlx::query("DELETE FROM scheduled_tasks WHERE workspace_id = $1").bind(ws).execute(pg).await?;
    let token = app::server::Secret::new("bench-token");
    let mut tx = pg.begin().await?;
    let account = save_social_account(
        &mut tx,
        &state.keyring,
        ws,
        &ConnectedAccount {
            platform: SocialPlatform::Twitter,
            platform_account_id: "2244994945",
            username: "bench",
            display_name: "Bench on X",
            avatar_url: None,
            access_token: &token,
            refresh_token: None,
            token_expires_at: None,
            metadata: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;

    // A batch of posts due now, one target each, with their tasks.
    let batch = || async {
        let due = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0);
        let due_text = serde_json::to_value(due)?;
        let mut tx = pg.begin().await?;
        sqlx::query(
            "WITH p AS (
                 INSERT INTO posts (workspace_id, content, status, scheduled_at)
                 SELECT $1, jsonb_build_object('text', 'Bench post ' || g, 'bench_publish', true),
                        'scheduled', $3
                 FROM generate_series(1, $4) g RETURNING id),
             t AS (
                 INSERT INTO platform_posts (workspace_id, post_id, account_id, platform)
                 SELECT $1, id, $2, 'twitter' FROM p RETURNING post_id)
             INSERT INTO scheduled_tasks (workspace_id, type, data, scheduled_for)
             SELECT $1, 'publish_target',
                    jsonb_build_object('post_id', post_id, 'account_id', $2, 'due', $5::jsonb), now()
             FROM t",
        )
        .bind(ws)
        .bind(account)
        .bind(due)
        .bind(PUBLISHES)
        .bind(due_text)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        anyhow::Ok(())
    };
    let drain = |loops: usize| {
        let worker = Arc::new(server::build_worker(&state));
        async move {
            let started = Instant::now();
            let mut running = Vec::new();
            for _ in 0..loops {
                let worker = worker.clone();
                running.push(tokio::spawn(async move {
                    while worker.run_once().await?.is_some() {}
                    anyhow::Ok(())
                }));
            }
            for run in running {
                run.await??;
            }
            anyhow::Ok(started.elapsed())
        }
    };
    let published = || async {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM platform_posts
             WHERE workspace_id = $1 AND publish_status = 'published'",
        )
        .bind(ws)
        .fetch_one(pg)
        .await?;
        anyhow::Ok(n)
    };
    let rate = |n: i64, took: Duration| n as f64 / took.as_secs_f64();

    println!();
    for loops in [1, 4] {
        let before = published().await?;
        batch().await?;
        let took = drain(loops).await?;
        let done = published().await? - before;
        anyhow::ensure!(done == PUBLISHES, "bench: only {done} of {PUBLISHES} published");
        println!(
            "{:<50} {:>8.0} posts/s ({done} in {:.2} s)",
            format!("publish through the queue, {loops} loop(s)"),
            rate(done, took),
            took.as_secs_f64()
        );
        // The bare loop: claim and close as many tasks that no job handles.
        sqlx::query(
            "INSERT INTO scheduled_tasks (workspace_id, type, data, scheduled_for)
             SELECT $1, 'bench_noop', jsonb_build_object('n', g), now()
             FROM generate_series(1, $2) g",
        )
        .bind(ws)
        .bind(PUBLISHES)
        .execute(pg)
        .await?;
        let took = drain(loops).await?;
        // Each was claimed and put back (no job handles it): gone before the next batch.
        sqlx::query("DELETE FROM scheduled_tasks WHERE workspace_id = $1 AND type = 'bench_noop'")
            .bind(ws)
            .execute(pg)
            .await?;
        println!(
            "{:<50} {:>8.0} tasks/s",
            format!("bare claim loop, {loops} loop(s)"),
            rate(PUBLISHES, took)
        );
    }
    sqlx::query("DELETE FROM scheduled_tasks WHERE workspace_id = $1").bind(ws).execute(pg).await?;
    Ok(())
}

async fn owner_id(pg: &sqlx::PgPool) -> anyhow::Result<app::kernel::UserId> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(OWNER)
        .fetch_one(pg)
        .await?)
}

/// The inbox bench's size: conversations, and messages in each.
const CONVERSATIONS: i64 = 100_000;
const MESSAGES_EACH: i64 = 10;
const INBOX_SAMPLES: usize = 300;
const DELIVERIES: usize = 2000;

/// The inbox with 1,000,000 messages in 100,000 conversations (5% open, 5%
/// pending; seeded once): the list's first page through the router (open;
/// urgent; SLA at risk) next to its SQL alone (page + count), the list query's
/// plan; then webhook ingestion: `DELIVERIES` signed Meta deliveries of one
/// comment each through the router (signature, parse, store, rules, SLA), next
/// to the same items stored by the service alone and the signature check alone.
async fn inbox<F, Fut>(
    state: &app::server::AppState,
    call: &F,
    ws: WorkspaceId,
    owner: app::kernel::UserId,
) -> anyhow::Result<()>
where
    F: Fn(&'static str, String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Duration>>,
{
    use app::contexts::inbox::server::repo::{self as inbox_repo, ListFilter};
    let pg = &state.pg;
    let have: i64 =
        sqlx::query_scalar("SELECT count(*) FROM conversations WHERE workspace_id = $1")
            .bind(ws)
            .fetch_one(pg)
            .await?;
    if have < CONVERSATIONS {
        println!(
            "bench: seeding {CONVERSATIONS} conversations with {MESSAGES_EACH} messages each…"
        );
        let started = Instant::now();
        let mut tx = pg.begin().await?;
        sqlx::query(
            "INSERT INTO social_accounts (workspace_id, platform, platform_account_id, username,
                                          display_name, access_token, metadata)
             VALUES ($1, 'facebook', 'bench-inbox-page', 'benchpage', 'Bench Page', '', '{}')
             ON CONFLICT DO NOTHING",
        )
        .bind(ws)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO conversations (workspace_id, account_id, platform, type, thread_key,
                                        participant_id, participant_name, status, priority,
                                        sentiment, assigned_to_id, created_at, last_message_at,
                                        updated_at, sla_deadline)
             SELECT $1, a.id, 'facebook', (ARRAY['comment','dm','mention','review'])[1 + g % 4],
                    'bench-' || g, 'person-' || g, 'Person ' || g,
                    CASE g % 20 WHEN 0 THEN 'open' WHEN 1 THEN 'pending' ELSE 'resolved' END,
                    (ARRAY['low','medium','medium','high','urgent'])[1 + g % 5],
                    (ARRAY['positive','neutral','negative'])[1 + g % 3],
                    CASE WHEN g % 3 = 0 THEN $3 END, t, t + interval '10 minutes', t,
                    CASE WHEN g % 20 IN (0, 1) THEN t + interval '70 minutes' END
             FROM (SELECT id FROM social_accounts
                   WHERE workspace_id = $1 AND platform_account_id = 'bench-inbox-page') a,
                  generate_series(1, $2) g,
                  LATERAL (SELECT now() - g * interval '5 minutes') s (t)",
        )
        .bind(ws)
        .bind(CONVERSATIONS)
        .bind(owner)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO messages (workspace_id, conversation_id, direction, content,
                                   platform_message_id, sentiment, delivery, created_at)
             SELECT c.workspace_id, c.id,
                    CASE WHEN k % 2 = 1 THEN 'inbound' ELSE 'outbound' END,
                    'Message ' || k || ': where is my order? It was due on Friday.',
                    c.thread_key || '-' || k, 0.1,
                    CASE WHEN k % 2 = 0 THEN 'sent' END, c.created_at + k * interval '1 minute'
             FROM conversations c, generate_series(1, $2) k
             WHERE c.workspace_id = $1",
        )
        .bind(ws)
        .bind(MESSAGES_EACH)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        for table in ["conversations", "messages"] {
            sqlx::query(&format!("ANALYZE {table}")).execute(pg).await?;
        }
        println!("bench: seeded in {:.1} s", started.elapsed().as_secs_f64());
    }
    let messages: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE workspace_id = $1")
        .bind(ws)
        .fetch_one(pg)
        .await?;

    let forms = [
        ("inbox, open, first page (router)", String::new()),
        ("inbox, open + urgent, first page (router)", "filter[priority]=urgent".to_owned()),
        ("inbox, SLA at risk, first page (router)", "filter[sla]=risk".to_owned()),
    ];
    for (_, form) in &forms {
        for _ in 0..20 {
            call("/api/inbox/list", form.clone()).await?;
        }
    }
    let mut through_router = Vec::new();
    for (label, form) in &forms {
        let mut samples = Vec::new();
        for _ in 0..INBOX_SAMPLES {
            samples.push(call("/api/inbox/list", form.clone()).await?);
        }
        through_router.push((*label, samples));
    }
    let filters = [
        ListFilter { status: "open".into(), ..ListFilter::default() },
        ListFilter {
            status: "open".into(),
            priority: Some("urgent".into()),
            ..ListFilter::default()
        },
        ListFilter {
            status: "open".into(),
            due_before: Some(chrono::Utc::now() + chrono::Duration::hours(1)),
            ..ListFilter::default()
        },
    ];
    let mut sql_alone = Vec::new();
    for f in &filters {
        let mut samples = Vec::new();
        for _ in 0..INBOX_SAMPLES {
            let started = Instant::now();
            inbox_repo::list(pg, ws, f, owner, 25, 0).await?;
            inbox_repo::count(pg, ws, f).await?;
            samples.push(started.elapsed());
        }
        sql_alone.push(samples);
    }
    let plan: Vec<String> = sqlx::query_scalar(
        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
         SELECT c.id, c.last_message_at,
                (SELECT left(m.content, 160) FROM messages m
                 WHERE m.conversation_id = c.id ORDER BY m.created_at DESC LIMIT 1) AS preview,
                (r.read_at IS NULL OR r.read_at < c.last_message_at) AS unread
         FROM conversations c
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $2
         WHERE c.workspace_id = $1 AND c.status = 'open'
         ORDER BY c.priority_rank DESC, c.last_message_at DESC, c.id LIMIT 25",
    )
    .bind(ws)
    .bind(owner)
    .fetch_all(pg)
    .await?;

    println!();
    println!("inbox: {CONVERSATIONS} conversations, {messages} messages in the workspace");
    for ((label, router), sql) in through_router.into_iter().zip(sql_alone) {
        report(label, router);
        report("  its SQL alone (page + count)", sql);
    }
    println!("\nEXPLAIN of the inbox list's first page (open):");
    for line in plan {
        println!("    {line}");
    }
    webhook_rate(state).await
}

/// Webhook ingestion, messages per second.
async fn webhook_rate(state: &app::server::AppState) -> anyhow::Result<()> {
    use app::contexts::inbox::server::config::InboxSettings;
    use app::contexts::inbox::server::meta;
    use app::contexts::inbox::server::service as inbox_service;
    use hmac::{Hmac, Mac};
    let Some(secret) = state.config::<InboxSettings>().ok().and_then(|s| s.meta_app_secret.clone())
    else {
        println!("\nwebhook ingestion: skipped (set AURA_META_APP_SECRET)");
        return Ok(());
    };
    let app = server::build_app(state.clone());
    let run = chrono::Utc::now().timestamp_millis();
    let body = |n: usize| {
        serde_json::json!({
            "object": "page",
            "entry": [{"id": "bench-inbox-page", "time": 1_764_600_000, "changes": [{"field": "feed", "value": {
                "from": {"id": format!("bench-person-{run}-{n}"), "name": "Bench Person"},
                "item": "comment", "verb": "add", "post_id": "bench-inbox-page_1",
                "comment_id": format!("bench-{run}-{n}"), "parent_id": "bench-inbox-page_1",
                "created_time": chrono::Utc::now().timestamp(),
                "message": "Is the refund on its way? The order arrived broken."
            }}]}]
        })
        .to_string()
    };
    let sign = |body: &str| -> anyhow::Result<String> {
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.expose().as_bytes())?;
        mac.update(body.as_bytes());
        let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        Ok(format!("sha256={hex}"))
    };
    let bodies: Vec<String> = (0..DELIVERIES).map(body).collect();
    let started = Instant::now();
    for b in &bodies {
        let request = Request::post("/webhooks/meta")
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-hub-signature-256", sign(b)?)
            .body(Body::from(b.clone()))?;
        let response = app.clone().oneshot(request).await?;
        anyhow::ensure!(response.status().is_success(), "webhook answered {}", response.status());
    }
    let through_router = started.elapsed();
    let items: Vec<Vec<meta::Incoming>> = (0..DELIVERIES)
        .map(|n| {
            let b = body(n + DELIVERIES)
                .replace("bench-", "bare-")
                .replace("bare-inbox-page", "bench-inbox-page");
            meta::items(b.as_bytes())
        })
        .collect();
    let started = Instant::now();
    for batch in &items {
        inbox_service::ingest(&state.pg, batch).await?;
    }
    let service_alone = started.elapsed();
    let started = Instant::now();
    for b in &bodies {
        std::hint::black_box(sign(b)?);
    }
    let signing = started.elapsed();
    let rate = |d: Duration| DELIVERIES as f64 / d.as_secs_f64();
    println!("\nwebhook ingestion, {DELIVERIES} deliveries of one comment each:");
    println!(
        "    through the router (signature, parse, store, rules, SLA): {:>8.0} messages/s",
        rate(through_router)
    );
    println!(
        "    the service alone (store, rules, SLA):                    {:>8.0} messages/s",
        rate(service_alone)
    );
    println!(
        "    the HMAC-SHA256 signature alone:                          {:>8.0} signatures/s",
        rate(signing)
    );
    Ok(())
}

/// Mentions searched (`AURA_BENCH_MENTIONS`, 1,000,000 by default; seeded once).
async fn mentions(state: &app::server::AppState, ws: WorkspaceId) -> anyhow::Result<()> {
    use app::contexts::listening::server::repo::{self as listening, MentionQuery, NewMention};
    let wanted: u64 =
        std::env::var("AURA_BENCH_MENTIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let mongo = &state.mongo;
    let have = listening::count(mongo, ws, &MentionQuery::default()).await?;
    if have < wanted {
        println!("bench: seeding {} mentions…", wanted - have);
        let words = [
            "coffee",
            "espresso",
            "latte",
            "cold",
            "brew",
            "roast",
            "beans",
            "oat",
            "milk",
            "cafe",
            "morning",
            "order",
            "delivery",
            "price",
            "barista",
            "friendly",
            "bitter",
            "sweet",
            "holiday",
            "blend",
            "decaf",
            "pastry",
            "croissant",
            "queue",
            "music",
            "wifi",
        ];
        let now = chrono::Utc::now();
        let started = Instant::now();
        let mut seed = 7_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        let mut n = have;
        while n < wanted {
            let batch: Vec<NewMention> = (0..5000.min(wanted - n))
                .map(|i| {
                    let text: Vec<&str> =
                        (0..12).map(|_| words[(next() % words.len() as u64) as usize]).collect();
                    let id = n + i;
                    NewMention {
                        query_id: "bench".into(),
                        platform: ["twitter", "instagram", "reddit"][(id % 3) as usize].into(),
                        platform_id: format!("m{id}"),
                        author_id: format!("a{}", id % 20_000),
                        author_username: format!("author{}", id % 20_000),
                        author_name: format!("Author {}", id % 20_000),
                        author_avatar: None,
                        author_followers: Some((next() % 50_000) as i64),
                        author_created_at: None,
                        content: text.join(" "),
                        url: String::new(),
                        sentiment: ["positive", "neutral", "negative"][(id % 3) as usize].into(),
                        sentiment_score: 0.0,
                        reach: 100,
                        engagement: 3,
                        language: "en".into(),
                        location: String::new(),
                        is_influencer: false,
                        tags: Vec::new(),
                        hashtags: Vec::new(),
                        created_at: now - chrono::Duration::minutes((id % 129_600) as i64),
                    }
                })
                .collect();
            n += batch.len() as u64;
            listening::insert_mentions(mongo, ws, &batch).await?;
        }
        println!("bench: seeded in {:.0} s", started.elapsed().as_secs_f64());
    }
    let total = listening::count(mongo, ws, &MentionQuery::default()).await?;
    let searches = [
        ("one rare word (\"croissant\")", "croissant"),
        ("two words (\"cold brew\")", "cold brew"),
        ("three words (\"oat milk latte\")", "oat milk latte"),
    ];
    println!("\nmention search over {total} mentions (first page of 25, newest first):");
    for (label, words) in searches {
        let q = MentionQuery { words: words.into(), ..MentionQuery::default() };
        let mut page = Vec::new();
        let mut counted = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            listening::list(mongo, ws, &q, 0, 25).await?;
            page.push(started.elapsed());
            let started = Instant::now();
            listening::count(mongo, ws, &q).await?;
            counted.push(started.elapsed());
        }
        report(&format!("{label}: page"), page);
        report(&format!("{label}: count"), counted);
    }
    Ok(())
}
