//! Engagement metrics: measuring published posts and accounts (`collect`),
//! rolling them up (`rollup`), and reading the roll-ups for the social analytics
//! page, its CSV and the composer's best time.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};

use super::repo::{self, FollowerRow, Of, Point, PointKind, PostFigures};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::content::server::service as content;
use crate::contexts::engagement::rules::{
    self, BestTimes, FollowerPoint, MeasuredPost, Rollup, Span, Totals,
};
use crate::contexts::engagement::types::{
    BestTime, COLLECT_ENGAGEMENT, Figures, PlatformRow, ROLLUP_ENGAGEMENT, RollupEngagement,
    SlotView, SocialReport, TopPost,
};
use crate::contexts::integrations::server::service::{Deps, measure_as, social_accounts_of};
use crate::contexts::integrations::server::social::PublishError;
use crate::contexts::integrations::server::social::metrics::{PINTEREST_DAYS, ToMeasure};
use crate::contexts::integrations::types::{SocialAccount, SocialPlatform};
use crate::error::AppError;
use crate::kernel::period::{MAX_DAYS, in_range};
use crate::kernel::{Period, Preset, SocialAccountId, WorkspaceId};

/// The local hour the daily measurement runs at.
const COLLECT_HOUR: u32 = 5;

/// Roll-ups are recomputed for at most this many days back (within the
/// time series' year, with a month to spare for the period starts).
const KEEP_ROLLUPS_FROM_DAYS: i64 = 330;

fn mongo_error(e: mongodb::error::Error) -> AppError {
    AppError::internal(e)
}

/// Books the workspace's measurement at `at` (or now), unless one is waiting.
pub async fn book_collection(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let data = serde_json::json!({});
    queue::enqueue_unique(&mut *tx, workspace, COLLECT_ENGAGEMENT, &data, at).await?;
    Ok(())
}

/// Books a post's first measurement at `at`: its own task, so a daily run
/// already booked for tomorrow does not hold it back.
pub async fn book_first_measurement(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let data = serde_json::json!({ "first": true });
    queue::enqueue_unique(&mut *tx, workspace, COLLECT_ENGAGEMENT, &data, Some(at)).await?;
    Ok(())
}

/// Books a recomputation of the roll-ups from `from` on.
pub async fn book_rollup(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    from: NaiveDate,
) -> Result<(), AppError> {
    let data = serde_json::to_value(RollupEngagement { from }).map_err(AppError::internal)?;
    queue::enqueue_unique(&mut *tx, workspace, ROLLUP_ENGAGEMENT, &data, None).await?;
    Ok(())
}

/// The next `COLLECT_HOUR` o'clock in `tz` after `now`.
fn next_run(tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let today = now.with_timezone(&tz).date_naive();
    (0..3)
        .filter_map(|d| (today + Duration::days(d)).and_hms_opt(COLLECT_HOUR, 0, 0))
        .filter_map(|local| tz.from_local_datetime(&local).earliest())
        .map(|at| at.to_utc())
        .find(|at| *at > now)
        .unwrap_or(now + Duration::days(1))
}

/// How one measurement run went.
#[derive(Debug, Default)]
pub struct Collected {
    pub accounts: usize,
    pub posts: usize,
    /// Posts the platform gave no figures for, and accounts it refused.
    pub problems: Vec<String>,
    /// The shortest wait a platform asked for, if any did.
    pub wait: Option<std::time::Duration>,
    /// A platform was unreachable or busy: the run should be repeated.
    pub transient: Option<String>,
}

/// Measures every due post (`rules::due`) and the audience of each connected,
/// active account that is not sample data; keeps each post's latest figures,
/// stores every measurement in the time series, books the roll-ups from the
/// earliest day that changed and tomorrow's run. A refusal stays with its post
/// or account and the run goes on; a rate limit or an unreachable platform
/// leaves the rest of that account for the repeated run (only what is still
/// due is measured again).
pub async fn collect(
    deps: &Deps,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
) -> Result<Collected, AppError> {
    let now = Utc::now();
    let tz = accounts::zone(&deps.pg, workspace).await?;
    let since = now - Duration::days(rules::MEASURED_FOR_DAYS);
    let targets = content::published_targets(&deps.pg, workspace, since).await?;
    let known: HashMap<(String, String), PostFigures> =
        repo::post_figures(mongo, workspace, None, since, now)
            .await
            .map_err(mongo_error)?
            .into_iter()
            .map(|f| ((f.post.clone(), f.account.clone()), f))
            .collect();
    let accounts: Vec<SocialAccount> = social_accounts_of(&deps.pg, workspace)
        .await?
        .into_iter()
        .filter(|a| a.is_active && !a.demo)
        .collect();
    let mut out = Collected::default();
    let mut changed: Option<NaiveDate> = None;
    for account in &accounts {
        let horizon = if account.platform == SocialPlatform::Pinterest {
            Duration::days(PINTEREST_DAYS)
        } else {
            Duration::days(rules::MEASURED_FOR_DAYS)
        };
        let account_key = account.id.to_string();
        let due: Vec<_> = targets
            .iter()
            .filter(|t| t.account_id == account.id && now - t.published_at <= horizon)
            .filter(|t| {
                let last = known.get(&(t.post_id.to_string(), account_key.clone()));
                rules::due(t.published_at, last.map(|f| f.measured_at), now)
            })
            .collect();
        let asked: Vec<ToMeasure> = due
            .iter()
            .map(|t| ToMeasure { id: t.platform_post_id.clone(), published_at: t.published_at })
            .collect();
        let label = account.platform.label();
        let outcome = measure_as(deps, workspace, account.id, &asked).await;
        let (audience, (measured, stop)) = match outcome {
            Ok(answer) => answer,
            Err(PublishError::RateLimited { message, retry_in }) => {
                out.wait = Some(out.wait.map_or(retry_in, |w| w.min(retry_in)));
                out.problems.push(format!("{label} @{}: {message}", account.username));
                continue;
            }
            Err(PublishError::Transient(message)) => {
                out.transient = Some(format!("{label} @{}: {message}", account.username));
                continue;
            }
            Err(refused) => {
                out.problems.push(format!("{label} @{}: {refused}", account.username));
                continue;
            }
        };
        out.accounts += 1;
        let platform = account.platform.as_str();
        let by_platform_id: HashMap<&str, _> =
            due.iter().map(|t| (t.platform_post_id.as_str(), *t)).collect();
        let mut points = Vec::new();
        let mut rates = Vec::new();
        for (platform_id, result) in &measured {
            let Some(target) = by_platform_id.get(platform_id.as_str()) else { continue };
            let post = target.post_id.to_string();
            let previous = known.get(&(post.clone(), account_key.clone()));
            let (counts, error) = match result {
                Ok(counts) => (*counts, None),
                Err(why) => {
                    out.problems.push(format!("{label} post {platform_id}: {why}"));
                    (previous.map(|p| p.counts).unwrap_or_default(), Some(why.clone()))
                }
            };
            if error.is_none() {
                points.push((post.clone(), counts));
                out.posts += 1;
                rates.extend(rules::rate(&counts));
                let day = target.published_at.with_timezone(&tz).date_naive();
                changed = Some(changed.map_or(day, |c| c.min(day)));
            }
            let figures = PostFigures {
                post,
                account: account_key.clone(),
                platform: platform.to_owned(),
                campaign: target.campaign_id.map(|c| c.to_string()),
                published_at: target.published_at,
                measured_at: now,
                counts,
                error,
            };
            repo::save_figures(mongo, workspace, &figures).await.map_err(mongo_error)?;
        }
        let rate = (!rates.is_empty()).then(|| rates.iter().sum::<f64>() / rates.len() as f64);
        let mut stored: Vec<Point<'_>> = points
            .iter()
            .map(|(post, counts)| Point {
                at: now,
                account: &account_key,
                platform,
                kind: PointKind::Post { post, counts: *counts },
            })
            .collect();
        stored.push(Point {
            at: now,
            account: &account_key,
            platform,
            kind: PointKind::Account { counts: audience, rate },
        });
        repo::insert_points(mongo, workspace, &stored).await.map_err(mongo_error)?;
        let today = now.with_timezone(&tz).date_naive();
        changed = Some(changed.map_or(today, |c| c.min(today)));
        // Stopped part-way: what was measured is kept; the rest waits for the
        // repeated run (only what is still due is read again).
        match stop {
            None => {}
            Some(PublishError::RateLimited { message, retry_in }) => {
                out.wait = Some(out.wait.map_or(retry_in, |w| w.min(retry_in)));
                out.problems.push(format!("{label} @{}: {message}", account.username));
            }
            Some(PublishError::Transient(message)) => {
                out.transient = Some(format!("{label} @{}: {message}", account.username));
            }
            Some(other) => out.problems.push(format!("{label} @{}: {other}", account.username)),
        }
    }
    let mut tx = deps.pg.begin().await?;
    if let Some(from) = changed {
        // The follower counts expire after a year: periods older than eleven
        // months keep the roll-ups they have (the posts keep their latest figures).
        let today = now.with_timezone(&tz).date_naive();
        let from = from.max(today - Duration::days(KEEP_ROLLUPS_FROM_DAYS));
        book_rollup(&mut tx, workspace, from).await?;
    }
    if !accounts.is_empty() {
        book_collection(&mut tx, workspace, Some(next_run(tz, now))).await?;
    }
    tx.commit().await?;
    Ok(out)
}

/// Recomputes the workspace's roll-ups from `from` to today (`rules::rollups`)
/// and replaces the stored ones of that range. Idempotent. Returns how many
/// documents it wrote.
pub async fn rollup(
    pg: &PgPool,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    from: NaiveDate,
) -> Result<usize, AppError> {
    let tz = accounts::zone(pg, workspace).await?;
    let now = Utc::now();
    let to = now.with_timezone(&tz).date_naive();
    let first = rules::recompute_from(from);
    // A day of slack each side of the local days, which start at other UTC hours.
    let start = first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - Duration::days(2);
    let posts: Vec<MeasuredPost> = repo::post_figures(mongo, workspace, None, start, now)
        .await
        .map_err(mongo_error)?
        .into_iter()
        .filter(|f| f.error.is_none() || f.counts != Default::default())
        .map(|f| MeasuredPost {
            account: f.account,
            platform: f.platform,
            campaign: f.campaign,
            published_at: f.published_at,
            counts: f.counts,
        })
        .collect();
    let followers: Vec<FollowerPoint> = repo::followers(mongo, workspace, start, now)
        .await
        .map_err(mongo_error)?
        .into_iter()
        .map(|FollowerRow { account, platform, at, followers }| FollowerPoint {
            account,
            platform,
            at,
            followers,
        })
        .collect();
    let rollups = rules::rollups(&posts, &followers, tz, from, to);
    let firsts = [
        (Span::Daily, first),
        (Span::Weekly, Span::Weekly.start(from)),
        (Span::Monthly, Span::Monthly.start(from)),
    ];
    repo::replace_rollups(mongo, workspace, &firsts, to, &rollups).await.map_err(mongo_error)?;
    Ok(rollups.len())
}

fn figures(t: &Totals) -> Figures {
    Figures {
        posts: t.posts,
        engagement: t.engagement,
        impressions: t.impressions,
        reach: t.reach,
        rate: t.rate(),
        follower_growth: t.follower_growth,
        followers: t.followers,
    }
}

/// The period a page or CSV asks for: `from`–`to` (ISO dates) when both are
/// valid days of 2000–2100, at most `MAX_DAYS` long, and either the preset is
/// `custom` (or none) or the dates differ from what the preset means (the
/// person edited them); else the preset, by default the last 30 days.
pub fn period_of(preset: &str, from: &str, to: &str, today: NaiveDate) -> (String, Period) {
    let custom = from
        .parse::<NaiveDate>()
        .ok()
        .zip(to.parse::<NaiveDate>().ok())
        .filter(|(f, t)| in_range(*f) && in_range(*t))
        .and_then(|(f, t)| Period::new(f, t))
        .filter(|p| p.days() <= MAX_DAYS);
    let chosen = Preset::parse(preset).map(|p| (p, p.resolve(today)));
    match (custom, chosen) {
        (Some(period), Some((_, meant))) if period != meant => ("custom".to_owned(), period),
        (_, Some((p, meant))) => (p.as_str().to_owned(), meant),
        (Some(period), None) => ("custom".to_owned(), period),
        (None, None) => (Preset::Last30Days.as_str().to_owned(), Preset::Last30Days.resolve(today)),
    }
}

/// Each day's totals (summed over the roll-ups given, followers added across
/// accounts): every day of `period` when given (a day without a roll-up has
/// none), else the days the roll-ups have.
fn by_day(rollups: &[Rollup], period: Option<Period>) -> BTreeMap<NaiveDate, Totals> {
    let mut days: BTreeMap<NaiveDate, Totals> =
        period.map(|p| p.each_day().map(|d| (d, Totals::default())).collect()).unwrap_or_default();
    for r in rollups {
        let day = match period {
            Some(_) => match days.get_mut(&r.date) {
                Some(day) => day,
                None => continue,
            },
            None => days.entry(r.date).or_default(),
        };
        let followers = day.followers;
        day.add(&r.totals);
        day.followers = match (followers, r.totals.followers) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }
    days
}

/// Followers at the end of each day across accounts: each account's last known
/// count carried forward to the days it was not measured.
fn followers_by_day(rollups: &[Rollup], period: Period) -> Vec<Option<f64>> {
    let mut last: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_date: BTreeMap<NaiveDate, Vec<(String, i64)>> = BTreeMap::new();
    for r in rollups {
        if let (rules::Scope::Account { id, .. }, Some(n)) = (&r.scope, r.totals.followers) {
            by_date.entry(r.date).or_default().push((id.clone(), n));
        }
    }
    period
        .each_day()
        .map(|day| {
            for (account, n) in by_date.get(&day).into_iter().flatten() {
                last.insert(account.clone(), *n);
            }
            (!last.is_empty()).then(|| last.values().sum::<i64>() as f64)
        })
        .collect()
}

fn sum(rollups: &[Rollup]) -> Totals {
    let mut total = Totals::default();
    for day in by_day(rollups, None).values() {
        total.add(day);
    }
    total
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The account's best times to post (`rules::best_times`) and the next free
/// one, in the workspace's zone.
pub async fn best_time(
    pg: &PgPool,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    account: &SocialAccount,
    tz: Tz,
) -> Result<BestTime, AppError> {
    let now = Utc::now();
    let since = now - Duration::days(rules::BEST_TIME_DAYS);
    let key = account.id.to_string();
    let posts: Vec<(DateTime<Utc>, _)> =
        repo::post_figures(mongo, workspace, Some(&key), since, now)
            .await
            .map_err(mongo_error)?
            .into_iter()
            .map(|f| (f.published_at, f.counts))
            .collect();
    let BestTimes { measured, slots } = rules::best_times(&posts, tz, now);
    let taken =
        content::scheduled_times(pg, workspace, account.id, now, now + Duration::weeks(5)).await?;
    let next_free = rules::next_best_free(&slots, tz, now, &taken).map(|(_, at)| at);
    Ok(BestTime {
        account: format!("{} · {}", account.platform.label(), account.display_name),
        measured,
        needed: rules::MIN_MEASURED_POSTS,
        slots: slots
            .iter()
            .take(5)
            .map(|s| SlotView {
                label: format!("{} {:02}:00", weekday_name(s.weekday), s.hour),
                posts: s.posts,
                rate: s.rate,
            })
            .collect(),
        next_free,
        timezone: tz.name().to_owned(),
    })
}

/// The composer's suggestion for the chosen accounts: each one's best time.
pub async fn best_times_for(
    pg: &PgPool,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    chosen: &[SocialAccountId],
) -> Result<Vec<BestTime>, AppError> {
    let tz = accounts::zone(pg, workspace).await?;
    let accounts = social_accounts_of(pg, workspace).await?;
    let mut out = Vec::new();
    for account in accounts.iter().filter(|a| chosen.contains(&a.id)) {
        out.push(best_time(pg, mongo, workspace, account, tz).await?);
    }
    Ok(out)
}

/// The social analytics page for `account` (or every account) over a period.
pub async fn report(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    account: Option<SocialAccountId>,
    preset: &str,
    from: &str,
    to: &str,
) -> Result<SocialReport, AppError> {
    let ws = member.workspace;
    let tz = accounts::zone(pg, ws).await?;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let (preset, period) = period_of(preset, from, to, today);
    let previous = period.previous();
    let accounts = social_accounts_of(pg, ws).await?;
    let chosen = match account {
        Some(id) => Some(accounts.iter().find(|a| a.id == id).ok_or(AppError::NotFound)?),
        None => None,
    };
    let key = chosen.map(|a| a.id.to_string());
    let of = key.as_deref().map_or(Of::Accounts, Of::Account);
    // One read for both periods (the previous one ends the day before).
    let (rows, posts) = tokio::try_join!(
        repo::rollups(mongo, ws, of, Span::Daily, previous.from, period.to),
        repo::post_figures(
            mongo,
            ws,
            key.as_deref(),
            start_of(period.from, tz),
            start_of(period.to + Duration::days(1), tz),
        ),
    )
    .map_err(mongo_error)?;
    let (current_rows, previous_rows): (Vec<Rollup>, Vec<Rollup>) =
        rows.into_iter().partition(|r| r.date >= period.from);
    let measured_any = !current_rows.is_empty()
        || !previous_rows.is_empty()
        || !posts.is_empty()
        || repo::measured_any(mongo, ws).await.map_err(mongo_error)?;
    let mut current = sum(&current_rows);
    let mut before = sum(&previous_rows);
    // Followers at the end of a period: every account's last count in it.
    let end = |rows: &[Rollup], period: Period| {
        followers_by_day(rows, period).last().copied().flatten().map(|f| f as i64)
    };
    current.followers = end(&current_rows, period);
    before.followers = end(&previous_rows, previous);
    let mut platforms: BTreeMap<String, Totals> = BTreeMap::new();
    for r in &current_rows {
        if let rules::Scope::Account { platform, .. } = &r.scope {
            platforms.entry(platform.clone()).or_default().add(&r.totals);
        }
    }
    let by_platform = platforms
        .into_iter()
        .filter(|(_, t)| t.posts > 0)
        .map(|(platform, t)| PlatformRow {
            platform: SocialPlatform::parse(&platform)
                .map_or(platform.clone(), |p| p.label().to_owned()),
            posts: t.posts,
            engagement: t.engagement,
            impressions: t.impressions,
            rate: t.rate(),
        })
        .collect();
    // A post whose last reading failed keeps its earlier figures.
    let mut ranked: Vec<&PostFigures> =
        posts.iter().filter(|f| f.error.is_none() || f.counts != Default::default()).collect();
    ranked.sort_by_key(|f| std::cmp::Reverse(rules::engagement(&f.counts)));
    ranked.truncate(10);
    let ids: Vec<crate::kernel::PostId> =
        ranked.iter().filter_map(|f| f.post.parse().ok()).collect();
    let texts: HashMap<String, String> = content::texts(pg, ws, &ids)
        .await?
        .into_iter()
        .map(|(id, text)| (id.to_string(), text))
        .collect();
    let names: HashMap<String, &SocialAccount> =
        accounts.iter().map(|a| (a.id.to_string(), a)).collect();
    let top_posts = ranked
        .iter()
        .filter_map(|f| {
            let account = names.get(&f.account)?;
            Some(TopPost {
                post_id: f.post.parse().ok()?,
                text: texts.get(&f.post).map(|t| t.chars().take(140).collect()).unwrap_or_default(),
                account: account.display_name.clone(),
                platform: account.platform.label().to_owned(),
                published_at: f.published_at,
                engagement: rules::engagement(&f.counts),
                exposure: rules::exposure(&f.counts),
                rate: rules::rate(&f.counts),
            })
        })
        .collect();
    let best_time = match chosen {
        Some(account) => Some(best_time(pg, mongo, ws, account, tz).await?),
        None => None,
    };
    let (followers_svg, engagement_svg) = draw(&current_rows, period);
    let sample_data = match chosen {
        Some(a) => a.demo,
        None => accounts.iter().any(|a| a.demo),
    };
    Ok(SocialReport {
        accounts: accounts
            .iter()
            .map(|a| (a.id, format!("{} · {}", a.platform.label(), a.display_name)))
            .collect(),
        account,
        preset,
        from: period.from,
        to: period.to,
        previous_from: previous.from,
        previous_to: previous.to,
        current: figures(&current),
        previous: figures(&before),
        followers_svg,
        engagement_svg,
        by_platform,
        top_posts,
        best_time,
        sample_data,
        measured_any,
    })
}

/// The page's two charts: followers at the end of each day, engagement per day.
fn draw(rows: &[Rollup], period: Period) -> (String, String) {
    use crate::contexts::analytics::server::charts::{self, Axes, Line};
    let days = by_day(rows, Some(period));
    let points: Vec<NaiveDate> = days.keys().copied().collect();
    let axes =
        Axes { x: &|d: NaiveDate| d.format("%b %-d").to_string(), y: &|v: f64| format!("{v:.0}") };
    let followers =
        Line { label: "Followers", color: charts::INDIGO, values: followers_by_day(rows, period) };
    let engagement = Line {
        label: "Engagement",
        color: charts::EMERALD,
        values: days.values().map(|t| Some(t.engagement as f64)).collect(),
    };
    (
        charts::lines(&points, &[followers], &axes, "followers-chart-title"),
        charts::lines(&points, &[engagement], &axes, "engagement-chart-title"),
    )
}

/// What a campaign's posts have earned so far (its monthly roll-ups).
pub async fn campaign_figures(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    campaign: crate::kernel::CampaignId,
) -> Result<Figures, AppError> {
    let key = campaign.to_string();
    // Every month (the measurements go back a year at most).
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let to = Utc::now().date_naive() + Duration::days(1);
    let rows = repo::rollups(mongo, workspace, Of::Campaign(&key), Span::Monthly, from, to)
        .await
        .map_err(mongo_error)?;
    Ok(figures(&sum(&rows)))
}

fn start_of(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&local).earliest().map_or_else(|| local.and_utc(), |t| t.to_utc())
}

/// The CSV rows of the page's period: one per day (date, posts, engagement,
/// impressions, reach, engagement rate %, follower growth, followers).
pub async fn export(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    account: Option<SocialAccountId>,
    preset: &str,
    from: &str,
    to: &str,
) -> Result<Vec<Vec<String>>, AppError> {
    let ws = member.workspace;
    let tz = accounts::zone(pg, ws).await?;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let (_, period) = period_of(preset, from, to, today);
    if let Some(id) = account {
        let accounts = social_accounts_of(pg, ws).await?;
        accounts.iter().find(|a| a.id == id).ok_or(AppError::NotFound)?;
    }
    let key = account.map(|a| a.to_string());
    let of = key.as_deref().map_or(Of::Accounts, Of::Account);
    let rows = repo::rollups(mongo, ws, of, Span::Daily, period.from, period.to)
        .await
        .map_err(mongo_error)?;
    let followers = followers_by_day(&rows, period);
    let mut out = vec![
        [
            "date",
            "posts",
            "engagement",
            "impressions",
            "reach",
            "engagement_rate_percent",
            "follower_growth",
            "followers",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for ((day, t), followers) in by_day(&rows, Some(period)).iter().zip(followers) {
        out.push(vec![
            day.to_string(),
            t.posts.to_string(),
            t.engagement.to_string(),
            t.impressions.to_string(),
            t.reach.to_string(),
            t.rate().map(|r| format!("{:.2}", r * 100.0)).unwrap_or_default(),
            t.follower_growth.to_string(),
            followers.map(|f| format!("{f:.0}")).unwrap_or_default(),
        ]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_a_preset_or_edited_dates_within_bounds() {
        let today: NaiveDate = "2026-12-02".parse().unwrap();
        let (preset, p) = period_of("", "", "", today);
        assert_eq!((preset.as_str(), p.days()), ("last_30_days", 30));
        let (preset, p) = period_of("last_7_days", "2026-11-25", "2026-12-01", today);
        assert_eq!((preset.as_str(), p.from.to_string()), ("last_7_days", "2026-11-25".into()));
        // Dates edited under a preset are a custom range.
        let (preset, p) = period_of("last_7_days", "2026-10-01", "2026-10-31", today);
        assert_eq!((preset.as_str(), p.days()), ("custom", 31));
        // Out of bounds or too long: the preset, never a huge range.
        for (from, to) in [("0001-01-01", "9999-12-31"), ("2000-01-01", "2026-12-01")] {
            let (preset, p) = period_of("custom", from, to, today);
            assert_eq!((preset.as_str(), p.days()), ("last_30_days", 30), "{from} {to}");
        }
    }
}
