//! Every MongoDB operation of the engagement context (`collections.rs` has the
//! documents' shapes). Every function takes the workspace and filters by it.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use futures::TryStreamExt;
use mongodb::bson::{self, Bson, Document, doc};

use super::collections::{ANALYTICS_AGGREGATIONS, ENGAGEMENT_METRICS};
use crate::contexts::engagement::rules::{Rollup, Scope, Span, Totals};
use crate::contexts::integrations::types::{AccountCounts, PostCounts};
use crate::kernel::WorkspaceId;

/// The `granularity` of a post's latest lifetime figures.
pub const POST: &str = "post";

/// A calendar day as stored: its midnight, UTC.
pub fn day_value(day: NaiveDate) -> bson::DateTime {
    bson::DateTime::from_chrono(day.and_time(NaiveTime::MIN).and_utc())
}

fn day_of(value: &bson::DateTime) -> NaiveDate {
    value.to_chrono().date_naive()
}

fn put(doc: &mut Document, key: &str, value: Option<i64>) {
    if let Some(value) = value {
        doc.insert(key, value);
    }
}

fn counts_doc(c: &PostCounts) -> Document {
    let mut d = Document::new();
    put(&mut d, "impressions", c.impressions);
    put(&mut d, "reach", c.reach);
    put(&mut d, "likes", c.likes);
    put(&mut d, "comments", c.comments);
    put(&mut d, "shares", c.shares);
    put(&mut d, "saves", c.saves);
    put(&mut d, "videoViews", c.video_views);
    put(&mut d, "clicks", c.clicks);
    d
}

fn int(d: &Document, key: &str) -> Option<i64> {
    match d.get(key)? {
        Bson::Int64(n) => Some(*n),
        Bson::Int32(n) => Some(i64::from(*n)),
        Bson::Double(f) => Some(f.round() as i64),
        _ => None,
    }
}

fn counts_of(d: &Document) -> PostCounts {
    PostCounts {
        impressions: int(d, "impressions"),
        reach: int(d, "reach"),
        likes: int(d, "likes"),
        comments: int(d, "comments"),
        shares: int(d, "shares"),
        saves: int(d, "saves"),
        video_views: int(d, "videoViews"),
        clicks: int(d, "clicks"),
    }
}

fn text(d: &Document, key: &str) -> Option<String> {
    d.get_str(key).ok().map(str::to_owned)
}

/// One measurement to store as a time-series point.
pub struct Point<'a> {
    pub at: DateTime<Utc>,
    pub account: &'a str,
    pub platform: &'a str,
    pub kind: PointKind<'a>,
}

pub enum PointKind<'a> {
    /// A post's lifetime counts (`metricType` `engagement`).
    Post { post: &'a str, counts: PostCounts },
    /// An account's audience (`metricType` `account`), with its posts' average
    /// engagement rate.
    Account { counts: AccountCounts, rate: Option<f64> },
}

fn point_doc(workspace: WorkspaceId, p: &Point<'_>) -> Document {
    let mut meta = doc! {
        "workspaceId": workspace.to_string(),
        "accountId": p.account,
        "platform": p.platform,
    };
    let mut d = doc! { "timestamp": bson::DateTime::from_chrono(p.at) };
    match &p.kind {
        PointKind::Post { post, counts } => {
            meta.insert("postId", *post);
            meta.insert("metricType", "engagement");
            d.extend(counts_doc(counts));
        }
        PointKind::Account { counts, rate } => {
            meta.insert("metricType", "account");
            put(&mut d, "followers", counts.followers);
            put(&mut d, "following", counts.following);
            put(&mut d, "posts", counts.posts);
            if let Some(rate) = rate {
                d.insert("avgEngagementRate", *rate);
            }
        }
    }
    d.insert("metadata", meta);
    d
}

/// Stores measurements in the time series.
pub async fn insert_points(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    points: &[Point<'_>],
) -> mongodb::error::Result<()> {
    if points.is_empty() {
        return Ok(());
    }
    let docs: Vec<Document> = points.iter().map(|p| point_doc(workspace, p)).collect();
    db.collection::<Document>(ENGAGEMENT_METRICS).insert_many(docs).await?;
    Ok(())
}

/// An account's follower count at a moment, as measured.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowerRow {
    pub account: String,
    pub platform: String,
    pub at: DateTime<Utc>,
    pub followers: i64,
}

/// The workspace's follower measurements between `from` and `to`, oldest
/// first (the seed's "account metrics" query).
pub async fn followers(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> mongodb::error::Result<Vec<FollowerRow>> {
    let filter = doc! {
        "metadata.workspaceId": workspace.to_string(),
        "metadata.metricType": "account",
        "timestamp": { "$gte": bson::DateTime::from_chrono(from), "$lte": bson::DateTime::from_chrono(to) },
    };
    let docs: Vec<Document> = db
        .collection::<Document>(ENGAGEMENT_METRICS)
        .find(filter)
        .projection(doc! {
            "timestamp": 1,
            "metadata.accountId": 1,
            "metadata.platform": 1,
            "followers": 1,
        })
        .sort(doc! { "timestamp": 1 })
        .await?
        .try_collect()
        .await?;
    Ok(docs
        .iter()
        .filter_map(|d| {
            let meta = d.get_document("metadata").ok()?;
            Some(FollowerRow {
                account: meta.get_str("accountId").ok()?.to_owned(),
                platform: meta.get_str("platform").unwrap_or_default().to_owned(),
                at: d.get_datetime("timestamp").ok()?.to_chrono(),
                followers: int(d, "followers")?,
            })
        })
        .collect())
}

/// A post's latest lifetime figures on one account.
#[derive(Debug, Clone, PartialEq)]
pub struct PostFigures {
    pub post: String,
    pub account: String,
    pub platform: String,
    pub campaign: Option<String>,
    pub published_at: DateTime<Utc>,
    pub measured_at: DateTime<Utc>,
    pub counts: PostCounts,
    /// Why the platform gave no figures the last time, if it did not.
    pub error: Option<String>,
}

fn figures_of(d: &Document) -> Option<PostFigures> {
    Some(PostFigures {
        post: text(d, "postId")?,
        account: text(d, "accountId")?,
        platform: text(d, "platform").unwrap_or_default(),
        campaign: text(d, "campaignId"),
        published_at: d.get_datetime("date").ok()?.to_chrono(),
        measured_at: d.get_datetime("measuredAt").ok()?.to_chrono(),
        counts: d.get_document("counts").map(counts_of).unwrap_or_default(),
        error: text(d, "error"),
    })
}

fn figures_key(workspace: WorkspaceId, f: &PostFigures) -> Document {
    doc! {
        "workspaceId": workspace.to_string(),
        "granularity": POST,
        "postId": &f.post,
        "accountId": &f.account,
    }
}

fn figures_doc(workspace: WorkspaceId, f: &PostFigures) -> Document {
    let mut replacement = figures_key(workspace, f);
    replacement.extend(doc! {
        "platform": &f.platform,
        "date": bson::DateTime::from_chrono(f.published_at),
        "measuredAt": bson::DateTime::from_chrono(f.measured_at),
        "counts": counts_doc(&f.counts),
    });
    if let Some(campaign) = &f.campaign {
        replacement.insert("campaignId", campaign);
    }
    if let Some(error) = &f.error {
        replacement.insert("error", error);
    }
    replacement
}

/// Keeps a post's latest figures (replacing the last ones).
pub async fn save_figures(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    f: &PostFigures,
) -> mongodb::error::Result<()> {
    db.collection::<Document>(ANALYTICS_AGGREGATIONS)
        .replace_one(figures_key(workspace, f), figures_doc(workspace, f))
        .upsert(true)
        .await?;
    Ok(())
}

/// Stores the first figures of posts never measured before, in one write (the
/// demo and the bench seed them so).
pub async fn insert_figures(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    figures: &[PostFigures],
) -> mongodb::error::Result<()> {
    if figures.is_empty() {
        return Ok(());
    }
    let docs: Vec<Document> = figures.iter().map(|f| figures_doc(workspace, f)).collect();
    db.collection::<Document>(ANALYTICS_AGGREGATIONS).insert_many(docs).await?;
    Ok(())
}

/// The latest figures of the posts published between `from` and `to`, on one
/// account or all.
pub async fn post_figures(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    account: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> mongodb::error::Result<Vec<PostFigures>> {
    let mut filter = doc! {
        "workspaceId": workspace.to_string(),
        "granularity": POST,
        "date": { "$gte": bson::DateTime::from_chrono(from), "$lte": bson::DateTime::from_chrono(to) },
    };
    if let Some(account) = account {
        filter.insert("accountId", account);
    }
    let docs: Vec<Document> =
        db.collection::<Document>(ANALYTICS_AGGREGATIONS).find(filter).await?.try_collect().await?;
    Ok(docs.iter().filter_map(figures_of).collect())
}

/// A roll-up's `_id`, made of what it is the roll-up of (workspace, span,
/// account or campaign, first day): two runs that recompute the same period
/// cannot both store it.
fn rollup_key(workspace: WorkspaceId, r: &Rollup) -> String {
    let scope = match &r.scope {
        Scope::Account { id, .. } => format!("account:{id}"),
        Scope::Campaign(id) => format!("campaign:{id}"),
    };
    format!("{workspace}:{}:{scope}:{}", r.span.as_str(), r.date)
}

fn rollup_doc(workspace: WorkspaceId, r: &Rollup) -> Document {
    let t = &r.totals;
    let mut metrics = doc! {
        "totalPosts": t.posts,
        "totalEngagement": t.engagement,
        "totalReach": t.reach,
        "totalImpressions": t.impressions,
        "followerGrowth": t.follower_growth,
        "totalExposure": t.exposure,
        "exposedEngagement": t.exposed_engagement,
    };
    if let Some(rate) = t.rate() {
        metrics.insert("avgEngagementRate", rate);
    }
    put(&mut metrics, "followers", t.followers);
    let mut d = doc! {
        "_id": rollup_key(workspace, r),
        "workspaceId": workspace.to_string(),
        "date": day_value(r.date),
        "granularity": r.span.as_str(),
        "metrics": metrics,
    };
    match &r.scope {
        Scope::Account { id, platform } => {
            d.insert("accountId", id);
            d.insert("platform", platform);
        }
        Scope::Campaign(id) => {
            d.insert("campaignId", id);
        }
    }
    d
}

fn rollup_of(d: &Document) -> Option<Rollup> {
    let scope = match (text(d, "accountId"), text(d, "campaignId")) {
        (Some(id), _) => Scope::Account { id, platform: text(d, "platform").unwrap_or_default() },
        (None, Some(id)) => Scope::Campaign(id),
        (None, None) => return None,
    };
    let m = d.get_document("metrics").ok()?;
    Some(Rollup {
        scope,
        span: Span::parse(d.get_str("granularity").ok()?)?,
        date: day_of(d.get_datetime("date").ok()?),
        totals: Totals {
            posts: int(m, "totalPosts").unwrap_or(0),
            engagement: int(m, "totalEngagement").unwrap_or(0),
            reach: int(m, "totalReach").unwrap_or(0),
            impressions: int(m, "totalImpressions").unwrap_or(0),
            exposure: int(m, "totalExposure").unwrap_or(0),
            exposed_engagement: int(m, "exposedEngagement").unwrap_or(0),
            follower_growth: int(m, "followerGrowth").unwrap_or(0),
            followers: int(m, "followers"),
        },
    })
}

/// Replaces the workspace's roll-ups from each span's `firsts` date to `to`
/// with `rollups` (a recomputation of exactly that range). Each roll-up's `_id`
/// names its period, so two runs at once leave one document per period (the
/// second's inserts of ones already there are skipped), never two.
pub async fn replace_rollups(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    firsts: &[(Span, NaiveDate)],
    to: NaiveDate,
    rollups: &[Rollup],
) -> mongodb::error::Result<()> {
    let collection = db.collection::<Document>(ANALYTICS_AGGREGATIONS);
    for (span, first) in firsts {
        collection
            .delete_many(doc! {
                "workspaceId": workspace.to_string(),
                "granularity": span.as_str(),
                "date": { "$gte": day_value(*first), "$lte": day_value(to) },
            })
            .await?;
    }
    if !rollups.is_empty() {
        let docs: Vec<Document> = rollups.iter().map(|r| rollup_doc(workspace, r)).collect();
        match collection.insert_many(docs).ordered(false).await {
            Ok(_) => {}
            Err(err) if crate::server::mongo::only_duplicate_keys(&err) => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// Which roll-ups to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of<'a> {
    /// Every account's (no campaign's).
    Accounts,
    Account(&'a str),
    Campaign(&'a str),
}

/// The roll-ups of `span` dated `from..=to`.
pub async fn rollups(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    of: Of<'_>,
    span: Span,
    from: NaiveDate,
    to: NaiveDate,
) -> mongodb::error::Result<Vec<Rollup>> {
    let mut filter = doc! {
        "workspaceId": workspace.to_string(),
        "granularity": span.as_str(),
        "date": { "$gte": day_value(from), "$lte": day_value(to) },
    };
    match of {
        Of::Accounts => filter.insert("accountId", doc! { "$exists": true }),
        Of::Account(id) => filter.insert("accountId", id),
        Of::Campaign(id) => filter.insert("campaignId", id),
    };
    let docs: Vec<Document> = db
        .collection::<Document>(ANALYTICS_AGGREGATIONS)
        .find(filter)
        .sort(doc! { "date": 1 })
        .await?
        .try_collect()
        .await?;
    Ok(docs.iter().filter_map(rollup_of).collect())
}

/// Whether the workspace has any measured post or account.
pub async fn measured_any(
    db: &mongodb::Database,
    workspace: WorkspaceId,
) -> mongodb::error::Result<bool> {
    let found = db
        .collection::<Document>(ANALYTICS_AGGREGATIONS)
        .find_one(doc! { "workspaceId": workspace.to_string() })
        .await?;
    Ok(found.is_some())
}
