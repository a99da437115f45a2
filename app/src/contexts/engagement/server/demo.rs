//! The engagement part of the demo workspace (`crate::root::demo`): 90 days of
//! follower counts for each demo account and the figures of every published demo
//! post (measured daily for its first 30 days, then weekly), evening posts
//! earning more, so the best time to post has something to say; then the
//! roll-ups, computed by the same code as the job's.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::repo::{self, Point, PointKind, PostFigures};
use super::service;
use crate::contexts::content::server::service as content;
use crate::contexts::integrations::server::service::social_accounts_of;
use crate::contexts::integrations::types::{AccountCounts, PostCounts, SocialPlatform};
use crate::error::AppError;
use crate::kernel::WorkspaceId;

/// Days of demo follower counts.
pub const DAYS: i64 = 90;

fn audience(platform: SocialPlatform) -> f64 {
    match platform {
        SocialPlatform::Instagram => 4200.0,
        SocialPlatform::Facebook => 2900.0,
        SocialPlatform::Twitter => 1800.0,
        SocialPlatform::Linkedin => 950.0,
        _ => 1100.0,
    }
}

/// A small deterministic wobble in [-1, 1] from a seed.
fn wobble(seed: u64) -> f64 {
    let x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    ((x >> 33) % 2001) as f64 / 1000.0 - 1.0
}

/// A post's figures `age` after publishing: most of it in the first days.
fn counts_at(
    platform: SocialPlatform,
    followers: f64,
    local_hour: u32,
    weekend: bool,
    seed: u64,
    age: Duration,
) -> PostCounts {
    let grown = 1.0 - (-(age.num_hours() as f64) / 60.0).exp();
    let timing: f64 = match local_hour {
        17..=19 => 1.6,
        12..=13 => 1.15,
        _ => 0.85,
    } * if weekend { 0.8 } else { 1.0 };
    let seen = followers * 0.35 * (1.0 + 0.25 * wobble(seed)) * timing.sqrt() * grown;
    let rate = 0.04 * timing * (1.0 + 0.2 * wobble(seed + 1));
    let engaged = seen * rate;
    let n = |share: f64| Some((engaged * share).round() as i64);
    let mut c = PostCounts {
        impressions: Some(seen.round() as i64),
        reach: Some((seen * 0.72).round() as i64),
        likes: n(0.62),
        comments: n(0.1),
        shares: n(0.08),
        ..PostCounts::default()
    };
    match platform {
        SocialPlatform::Instagram => c.saves = n(0.2),
        SocialPlatform::Threads => c.reach = None,
        _ => c.clicks = n(0.2),
    }
    c
}

/// One point to store: when, a post's counts (or none: the account's), the
/// account's audience.
type Sample = (DateTime<Utc>, Option<(String, PostCounts)>, AccountCounts);

/// Seeds the demo workspace's engagement figures and their roll-ups.
pub async fn seed(
    pg: &PgPool,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    tz: Tz,
) -> Result<(), AppError> {
    let now = Utc::now();
    let mongo_error = AppError::internal;
    let accounts: Vec<_> =
        social_accounts_of(pg, workspace).await?.into_iter().filter(|a| a.demo).collect();
    let since = now - Duration::days(DAYS);
    let targets = content::published_targets(pg, workspace, since).await?;
    for (i, account) in accounts.iter().enumerate() {
        let key = account.id.to_string();
        let platform = account.platform.as_str();
        let base = audience(account.platform);
        let followers_on = |day: i64| -> f64 {
            // Steady growth, a little uneven from day to day.
            base * (1.0 + 0.0025 * day as f64) + 30.0 * wobble(i as u64 * 1000 + day as u64)
        };
        let mut points: Vec<Sample> = Vec::new();
        for day in 0..=DAYS {
            let at = since + Duration::days(day) + Duration::hours(11);
            if at > now {
                break;
            }
            let followers = followers_on(day).round() as i64;
            let counts = AccountCounts { followers: Some(followers), ..AccountCounts::default() };
            points.push((at, None, counts));
        }
        let mut n = 0u64;
        let mut latest_figures = Vec::new();
        for target in targets.iter().filter(|t| t.account_id == account.id) {
            n += 1;
            let seed = i as u64 * 7919 + n;
            let local = target.published_at.with_timezone(&tz);
            let weekend = local.weekday().num_days_from_monday() >= 5;
            let post = target.post_id.to_string();
            let age_days = (now - target.published_at).num_days();
            let followers = followers_on((target.published_at - since).num_days());
            // Daily for 30 days, then weekly.
            let mut measured = Vec::new();
            let mut d = 1;
            while d <= age_days {
                measured.push(target.published_at + Duration::days(d));
                d += if d < 30 { 1 } else { 7 };
            }
            let mut latest = None;
            for at in measured {
                let counts = counts_at(
                    account.platform,
                    followers,
                    local.hour(),
                    weekend,
                    seed,
                    at - target.published_at,
                );
                points.push((at, Some((post.clone(), counts)), AccountCounts::default()));
                latest = Some((at, counts));
            }
            let Some((measured_at, counts)) = latest else { continue };
            let figures = PostFigures {
                post,
                account: key.clone(),
                platform: platform.to_owned(),
                campaign: target.campaign_id.map(|c| c.to_string()),
                published_at: target.published_at,
                measured_at,
                counts,
                error: None,
            };
            latest_figures.push(figures);
        }
        repo::insert_figures(mongo, workspace, &latest_figures).await.map_err(mongo_error)?;
        let stored: Vec<Point<'_>> = points
            .iter()
            .map(|(at, post, audience)| Point {
                at: *at,
                account: &key,
                platform,
                kind: match post {
                    Some((post, counts)) => PointKind::Post { post, counts: *counts },
                    None => PointKind::Account { counts: *audience, rate: None },
                },
            })
            .collect();
        repo::insert_points(mongo, workspace, &stored).await.map_err(mongo_error)?;
    }
    service::rollup(pg, mongo, workspace, since.with_timezone(&tz).date_naive()).await?;
    Ok(())
}
