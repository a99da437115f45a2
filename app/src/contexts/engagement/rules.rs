//! Pure rules of engagement metrics: when a published post is measured next,
//! what counts as engagement and as exposure, the daily, weekly and monthly
//! roll-ups, and the best time to post.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::contexts::integrations::types::PostCounts;

/// A post is measured daily for its first 30 days.
pub const DAILY_FOR_DAYS: i64 = 30;
/// After that weekly, until it is a year old (the measurements expire then).
pub const MEASURED_FOR_DAYS: i64 = 365;
/// The best time to post is shown from this many measured posts.
pub const MIN_MEASURED_POSTS: usize = 10;
/// The best time looks at the posts of the last 90 days.
pub const BEST_TIME_DAYS: i64 = 90;

/// Whether a post published at `published` and last measured at `measured` is
/// due for a measurement at `now`: daily for 30 days, then weekly, never after a
/// year. A few hours of slack keep a daily run that starts a little earlier than
/// yesterday's from skipping a day.
pub fn due(published: DateTime<Utc>, measured: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let age = now - published;
    if age > Duration::days(MEASURED_FOR_DAYS) || age < Duration::zero() {
        return false;
    }
    let every = if age <= Duration::days(DAILY_FOR_DAYS) {
        Duration::hours(20)
    } else {
        Duration::days(7) - Duration::hours(4)
    };
    measured.is_none_or(|at| now - at >= every)
}

/// Likes (reactions), comments, shares, saves and link clicks: what people did
/// with a post.
pub fn engagement(c: &PostCounts) -> i64 {
    [c.likes, c.comments, c.shares, c.saves, c.clicks].iter().flatten().sum()
}

/// How many times a post was seen: impressions, else video views (YouTube,
/// TikTok), else reach; `None` when the platform reports none of them (Reddit).
pub fn exposure(c: &PostCounts) -> Option<i64> {
    let seen = |n: Option<i64>| n.filter(|n| *n > 0);
    seen(c.impressions).or(seen(c.video_views)).or(seen(c.reach))
}

/// Engagement per exposure, `None` without exposure.
pub fn rate(c: &PostCounts) -> Option<f64> {
    exposure(c).map(|seen| engagement(c) as f64 / seen as f64)
}

/// One measured post on one account, with its latest lifetime counts.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredPost {
    pub account: String,
    pub platform: String,
    pub campaign: Option<String>,
    pub published_at: DateTime<Utc>,
    pub counts: PostCounts,
}

/// An account's follower count at a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowerPoint {
    pub account: String,
    pub platform: String,
    pub at: DateTime<Utc>,
    pub followers: i64,
}

/// What a roll-up adds up (`analytics_aggregations.metrics`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Posts published in the period.
    pub posts: i64,
    /// Their engagement so far.
    pub engagement: i64,
    pub reach: i64,
    pub impressions: i64,
    /// Their exposure, and the engagement of the posts that have one: the
    /// engagement rate is their quotient, so it adds up across periods.
    pub exposure: i64,
    pub exposed_engagement: i64,
    /// Followers gained (or lost) over the period.
    pub follower_growth: i64,
    /// Followers at the end of the period, when measured.
    pub followers: Option<i64>,
}

impl Totals {
    /// Engagement per exposure over the period.
    pub fn rate(&self) -> Option<f64> {
        (self.exposure > 0).then(|| self.exposed_engagement as f64 / self.exposure as f64)
    }

    fn add_post(&mut self, c: &PostCounts) {
        self.posts += 1;
        let engaged = engagement(c);
        self.engagement += engaged;
        self.reach += c.reach.unwrap_or(0);
        self.impressions += c.impressions.unwrap_or(0);
        if let Some(seen) = exposure(c) {
            self.exposure += seen;
            self.exposed_engagement += engaged;
        }
    }

    /// Adds a later period's totals (the followers are the later figure's).
    pub fn add(&mut self, later: &Totals) {
        self.posts += later.posts;
        self.engagement += later.engagement;
        self.reach += later.reach;
        self.impressions += later.impressions;
        self.exposure += later.exposure;
        self.exposed_engagement += later.exposed_engagement;
        self.follower_growth += later.follower_growth;
        self.followers = later.followers.or(self.followers);
    }
}

/// A roll-up's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Span {
    Daily,
    Weekly,
    Monthly,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::Daily, Span::Weekly, Span::Monthly];

    /// `analytics_aggregations.granularity`.
    pub fn as_str(self) -> &'static str {
        match self {
            Span::Daily => "daily",
            Span::Weekly => "weekly",
            Span::Monthly => "monthly",
        }
    }

    pub fn parse(value: &str) -> Option<Span> {
        Span::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The first day of the period holding `day` (weeks start on Monday).
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Span::Daily => day,
            Span::Weekly => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Span::Monthly => day.with_day(1).unwrap_or(day),
        }
    }
}

/// What a roll-up is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// One account (its id and platform).
    Account {
        id: String,
        platform: String,
    },
    Campaign(String),
}

/// One roll-up document.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub scope: Scope,
    pub span: Span,
    /// The period's first day, in the workspace's time zone.
    pub date: NaiveDate,
    pub totals: Totals,
}

/// The first day whose inputs a recomputation from `changed` reads: the start
/// of its week or of its month, whichever is earlier.
pub fn recompute_from(changed: NaiveDate) -> NaiveDate {
    Span::Weekly.start(changed).min(Span::Monthly.start(changed))
}

/// The roll-ups that change when posts published on or after `changed` (or
/// followers measured then) change, up to `to`: the days from
/// [`recompute_from`], and the weeks and months starting on or after the start
/// of `changed`'s own, each one whole. An account's posts count on the day (in
/// `tz`) they were published, with their latest counts; its follower growth is
/// the last count of a day minus the last count before it; each campaign's
/// posts alike. Pure and complete for its inputs, so recomputing replaces the
/// same documents with the same figures (idempotent). `posts` and `followers`
/// should cover [`recompute_from`]`(changed)..=to`, `followers` a day earlier
/// too, so the first day has a growth.
pub fn rollups(
    posts: &[MeasuredPost],
    followers: &[FollowerPoint],
    tz: Tz,
    changed: NaiveDate,
    to: NaiveDate,
) -> Vec<Rollup> {
    let from = recompute_from(changed);
    let local = |at: DateTime<Utc>| at.with_timezone(&tz).date_naive();
    let mut daily: BTreeMap<(Scope, NaiveDate), Totals> = BTreeMap::new();
    let mut platforms: BTreeMap<&str, &str> = BTreeMap::new();
    for post in posts {
        platforms.insert(&post.account, &post.platform);
        let day = local(post.published_at);
        if day < from || day > to {
            continue;
        }
        let account = Scope::Account { id: post.account.clone(), platform: post.platform.clone() };
        daily.entry((account, day)).or_default().add_post(&post.counts);
        if let Some(campaign) = &post.campaign {
            daily
                .entry((Scope::Campaign(campaign.clone()), day))
                .or_default()
                .add_post(&post.counts);
        }
    }
    for point in followers {
        platforms.entry(&point.account).or_insert(&point.platform);
    }
    // The last follower count of each account's day, in time order.
    let mut last_of_day: BTreeMap<(&str, NaiveDate), (DateTime<Utc>, i64)> = BTreeMap::new();
    for point in followers {
        let key = (point.account.as_str(), local(point.at));
        let slot = last_of_day.entry(key).or_insert((point.at, point.followers));
        if point.at >= slot.0 {
            *slot = (point.at, point.followers);
        }
    }
    let mut previous: Option<(&str, i64)> = None;
    for ((account, day), (_, count)) in &last_of_day {
        let growth = match previous {
            Some((before, earlier)) if before == *account => count - earlier,
            _ => 0,
        };
        previous = Some((account, *count));
        if *day < from || *day > to {
            continue;
        }
        let platform = platforms.get(account).copied().unwrap_or_default();
        let scope = Scope::Account { id: (*account).to_owned(), platform: platform.to_owned() };
        let totals = daily.entry((scope, *day)).or_default();
        totals.follower_growth = growth;
        totals.followers = Some(*count);
    }
    fill_platforms(&mut daily);
    let mut out: Vec<Rollup> = Vec::new();
    for span in [Span::Weekly, Span::Monthly] {
        let mut longer: BTreeMap<(Scope, NaiveDate), Totals> = BTreeMap::new();
        for ((scope, day), totals) in &daily {
            if span.start(*day) >= span.start(changed) {
                longer.entry((scope.clone(), span.start(*day))).or_default().add(totals);
            }
        }
        out.extend(longer.into_iter().map(|((scope, date), totals)| Rollup {
            scope,
            span,
            date,
            totals,
        }));
    }
    out.extend(daily.into_iter().map(|((scope, date), totals)| Rollup {
        scope,
        span: Span::Daily,
        date,
        totals,
    }));
    out
}

/// An account measured before any of its posts keeps its platform from its
/// other days' keys (the follower points carry none).
fn fill_platforms(daily: &mut BTreeMap<(Scope, NaiveDate), Totals>) {
    let known: BTreeMap<String, String> = daily
        .keys()
        .filter_map(|(scope, _)| match scope {
            Scope::Account { id, platform } if !platform.is_empty() => {
                Some((id.clone(), platform.clone()))
            }
            _ => None,
        })
        .collect();
    let unnamed: Vec<(Scope, NaiveDate)> = daily
        .keys()
        .filter(
            |(scope, _)| matches!(scope, Scope::Account { platform, .. } if platform.is_empty()),
        )
        .cloned()
        .collect();
    for key in unnamed {
        let Scope::Account { id, .. } = &key.0 else { continue };
        let Some(platform) = known.get(id) else { continue };
        if let Some(totals) = daily.remove(&key) {
            let scope = Scope::Account { id: id.clone(), platform: platform.clone() };
            daily.entry((scope, key.1)).or_default().add(&totals);
        }
    }
}

/// One weekday × hour of the week, ranked by its posts' average engagement rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub weekday: Weekday,
    /// The hour of day (0–23), in the workspace's time zone.
    pub hour: u32,
    pub posts: usize,
    /// The average of its posts' engagement rates.
    pub rate: f64,
}

/// The best times to post for one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestTimes {
    /// Posts of the last 90 days with an engagement rate.
    pub measured: usize,
    /// Best first; empty until [`MIN_MEASURED_POSTS`] posts are measured.
    pub slots: Vec<Slot>,
}

/// Ranks weekday × hour slots (in `tz`) by the average engagement rate of the
/// posts published in them over the last 90 days before `now`; ties go to the
/// slot with more posts, then to the earlier one in the week. Nothing is ranked
/// until there are [`MIN_MEASURED_POSTS`] measured posts.
pub fn best_times(posts: &[(DateTime<Utc>, PostCounts)], tz: Tz, now: DateTime<Utc>) -> BestTimes {
    let since = now - Duration::days(BEST_TIME_DAYS);
    let mut slots: BTreeMap<(u32, u32), (usize, f64)> = BTreeMap::new();
    let mut measured = 0;
    for (at, counts) in posts {
        if *at < since || *at > now {
            continue;
        }
        let Some(rate) = rate(counts) else { continue };
        measured += 1;
        let local = at.with_timezone(&tz);
        let slot = slots.entry((local.weekday().num_days_from_monday(), local.hour())).or_default();
        slot.0 += 1;
        slot.1 += rate;
    }
    if measured < MIN_MEASURED_POSTS {
        return BestTimes { measured, slots: Vec::new() };
    }
    let mut ranked: Vec<Slot> = slots
        .into_iter()
        .map(|((day, hour), (posts, sum))| Slot {
            weekday: Weekday::try_from(u8::try_from(day).unwrap_or(0)).unwrap_or(Weekday::Mon),
            hour,
            posts,
            rate: sum / posts as f64,
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.rate
            .total_cmp(&a.rate)
            .then(b.posts.cmp(&a.posts))
            .then(a.weekday.num_days_from_monday().cmp(&b.weekday.num_days_from_monday()))
            .then(a.hour.cmp(&b.hour))
    });
    BestTimes { measured, slots: ranked }
}

/// The next best free time after `now`: the best-ranked slot whose next
/// occurrence (within five weeks, at the top of its hour, at least 15 minutes
/// away) holds none of `taken` (the account's scheduled posts, within that
/// hour). Ranking comes first: a better slot next week beats a worse one
/// tomorrow. A local hour that does not exist (a daylight-saving gap) is
/// skipped.
pub fn next_best_free(
    slots: &[Slot],
    tz: Tz,
    now: DateTime<Utc>,
    taken: &[DateTime<Utc>],
) -> Option<(Slot, DateTime<Utc>)> {
    let today = now.with_timezone(&tz).date_naive();
    for slot in slots {
        let ahead =
            (slot.weekday.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
        for week in 0..5 {
            let day = today + Duration::days(i64::from(ahead) + 7 * week);
            let Some(local) = day.and_hms_opt(slot.hour, 0, 0) else { continue };
            let Some(at) = tz.from_local_datetime(&local).earliest() else { continue };
            let at = at.to_utc();
            if at < now + Duration::minutes(15) {
                continue;
            }
            let busy = taken.iter().any(|t| *t >= at && *t < at + Duration::hours(1));
            if !busy {
                return Some((slot.clone(), at));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn counts(likes: i64, impressions: Option<i64>) -> PostCounts {
        PostCounts { likes: Some(likes), impressions, ..PostCounts::default() }
    }

    #[test]
    fn measures_daily_for_a_month_then_weekly_then_never() {
        let published = at("2026-01-01T10:00:00Z");
        assert!(due(published, None, at("2026-01-01T11:00:00Z")));
        assert!(!due(published, Some(at("2026-01-05T04:00:00Z")), at("2026-01-05T20:00:00Z")));
        assert!(due(published, Some(at("2026-01-05T04:00:00Z")), at("2026-01-06T03:00:00Z")));
        // Day 40: weekly.
        let day40 = at("2026-02-10T04:00:00Z");
        assert!(!due(published, Some(at("2026-02-07T04:00:00Z")), day40));
        assert!(due(published, Some(at("2026-02-03T04:00:00Z")), day40));
        // Over a year old: never, even unmeasured; a future post neither.
        assert!(!due(published, None, at("2027-01-03T04:00:00Z")));
        assert!(!due(published, None, at("2025-12-31T04:00:00Z")));
    }

    #[test]
    fn engagement_rate_uses_impressions_then_views_then_reach() {
        let c = PostCounts {
            likes: Some(10),
            comments: Some(2),
            shares: Some(3),
            saves: Some(4),
            clicks: Some(1),
            impressions: None,
            video_views: Some(200),
            reach: Some(100),
        };
        assert_eq!(engagement(&c), 20);
        assert_eq!(exposure(&c), Some(200));
        assert_eq!(rate(&c), Some(0.1));
        let reddit = PostCounts { likes: Some(5), comments: Some(1), ..PostCounts::default() };
        assert_eq!(rate(&reddit), None);
    }

    fn post(account: &str, campaign: Option<&str>, when: &str, c: PostCounts) -> MeasuredPost {
        MeasuredPost {
            account: account.into(),
            platform: "instagram".into(),
            campaign: campaign.map(Into::into),
            published_at: at(when),
            counts: c,
        }
    }

    fn find<'a>(all: &'a [Rollup], scope: &Scope, span: Span, date: &str) -> &'a Totals {
        let date: NaiveDate = date.parse().unwrap();
        &all.iter().find(|r| &r.scope == scope && r.span == span && r.date == date).unwrap().totals
    }

    #[test]
    fn rolls_up_days_weeks_months_per_account_and_campaign() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        let posts = vec![
            // Monday 2 March 2026, 23:30 in Chicago = Tuesday 05:30 UTC: counts on Monday.
            post("a", Some("c1"), "2026-03-03T05:30:00Z", counts(30, Some(1000))),
            post("a", None, "2026-03-03T15:00:00Z", counts(10, Some(500))),
            post("a", Some("c1"), "2026-03-31T15:00:00Z", counts(5, None)),
            // Before the range: left out.
            post("a", None, "2026-02-20T15:00:00Z", counts(99, Some(1))),
        ];
        let followers = vec![
            FollowerPoint {
                account: "a".into(),
                platform: "instagram".into(),
                at: at("2026-03-01T12:00:00Z"),
                followers: 100,
            },
            FollowerPoint {
                account: "a".into(),
                platform: "instagram".into(),
                at: at("2026-03-02T12:00:00Z"),
                followers: 104,
            },
            FollowerPoint {
                account: "a".into(),
                platform: "instagram".into(),
                at: at("2026-03-02T20:00:00Z"),
                followers: 110,
            },
            FollowerPoint {
                account: "a".into(),
                platform: "instagram".into(),
                at: at("2026-03-04T12:00:00Z"),
                followers: 107,
            },
        ];
        let changed = "2026-03-02".parse().unwrap();
        let to = "2026-03-31".parse().unwrap();
        let all = rollups(&posts, &followers, tz, changed, to);
        let a = Scope::Account { id: "a".into(), platform: "instagram".into() };
        let monday = find(&all, &a, Span::Daily, "2026-03-02");
        assert_eq!((monday.posts, monday.engagement, monday.exposure), (1, 30, 1000));
        assert_eq!((monday.follower_growth, monday.followers), (10, Some(110)));
        let tuesday = find(&all, &a, Span::Daily, "2026-03-03");
        assert_eq!((tuesday.posts, tuesday.follower_growth, tuesday.followers), (1, 0, None));
        let wednesday = find(&all, &a, Span::Daily, "2026-03-04");
        assert_eq!((wednesday.follower_growth, wednesday.followers), (-3, Some(107)));
        let week = find(&all, &a, Span::Weekly, "2026-03-02");
        assert_eq!((week.posts, week.engagement, week.follower_growth), (2, 40, 7));
        assert_eq!(week.followers, Some(107));
        assert_eq!(week.rate(), Some(40.0 / 1500.0));
        let month = find(&all, &a, Span::Monthly, "2026-03-01");
        // The post without exposure counts its engagement, not in the rate.
        assert_eq!((month.posts, month.engagement, month.exposed_engagement), (3, 45, 40));
        assert_eq!((month.follower_growth, month.followers), (7, Some(107)));
        let campaign = find(&all, &Scope::Campaign("c1".into()), Span::Monthly, "2026-03-01");
        assert_eq!((campaign.posts, campaign.engagement, campaign.follower_growth), (2, 35, 0));
        // Recomputing gives the same documents.
        assert_eq!(all, rollups(&posts, &followers, tz, changed, to));
        // The month is recomputed whole, from its first day; the week before
        // the change is not (its start precedes the change's week).
        let first = find(&all, &a, Span::Daily, "2026-03-01");
        assert_eq!((first.follower_growth, first.followers), (0, Some(100)));
        assert!(!all.iter().any(|r| r.span == Span::Weekly && r.date < changed));
        assert_eq!(recompute_from("2026-03-04".parse().unwrap()), "2026-03-01".parse().unwrap());
        assert_eq!(recompute_from("2026-04-01".parse().unwrap()), "2026-03-30".parse().unwrap());
    }

    fn week_of_posts(now: DateTime<Utc>) -> Vec<(DateTime<Utc>, PostCounts)> {
        // Tuesdays 18:00 in Chicago (00:00 UTC Wednesday in winter) do best.
        let mut posts = Vec::new();
        for week in 1..=6 {
            let base = now - Duration::weeks(week);
            posts.push((base, counts(50, Some(1000))));
            posts.push((base + Duration::hours(3), counts(10, Some(1000))));
        }
        posts
    }

    #[test]
    fn ranks_slots_only_from_ten_measured_posts() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        let now = at("2026-01-07T00:00:00Z"); // Tuesday 18:00 in Chicago
        let posts = week_of_posts(now);
        let best = best_times(&posts[..9], tz, now);
        assert_eq!((best.measured, best.slots.len()), (9, 0));
        let best = best_times(&posts, tz, now);
        assert_eq!(best.measured, 12);
        assert_eq!((best.slots[0].weekday, best.slots[0].hour), (Weekday::Tue, 18));
        assert_eq!(best.slots[0].posts, 6);
        assert!((best.slots[0].rate - 0.05).abs() < 1e-12, "{}", best.slots[0].rate);
        assert_eq!((best.slots[1].weekday, best.slots[1].hour), (Weekday::Tue, 21));
        // Posts older than 90 days and unmeasured ones do not count.
        let mut old = posts.clone();
        old.push((now - Duration::days(91), counts(900, Some(1000))));
        old.push((now - Duration::days(2), counts(900, None)));
        assert_eq!(best_times(&old, tz, now).measured, 12);
    }

    #[test]
    fn suggests_the_next_free_occurrence_of_the_best_slot() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        let now = at("2026-01-07T00:00:00Z"); // Tuesday 18:00: too close for today
        let best = best_times(&week_of_posts(now), tz, now);
        let (slot, when) = next_best_free(&best.slots, tz, now, &[]).unwrap();
        assert_eq!((slot.weekday, slot.hour), (Weekday::Tue, 18));
        assert_eq!(when, at("2026-01-14T00:00:00Z"));
        // Next Tuesday is taken: the one after.
        let taken = [at("2026-01-14T00:10:00Z")];
        let (_, when) = next_best_free(&best.slots, tz, now, &taken).unwrap();
        assert_eq!(when, at("2026-01-21T00:00:00Z"));
        assert_eq!(next_best_free(&[], tz, now, &[]), None);
    }

    #[test]
    fn skips_an_hour_that_daylight_saving_removes() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        // Sunday 8 March 2026, 02:00 does not exist in Chicago.
        let slot = Slot { weekday: Weekday::Sun, hour: 2, posts: 10, rate: 0.1 };
        let now = at("2026-03-06T12:00:00Z");
        let (_, when) = next_best_free(std::slice::from_ref(&slot), tz, now, &[]).unwrap();
        assert_eq!(when, at("2026-03-15T07:00:00Z"));
    }
}
