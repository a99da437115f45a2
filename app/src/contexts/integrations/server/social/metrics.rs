//! What published posts have earned and how large an account's audience is, read
//! from each platform's documented insights API (docs/integrations.md →
//! Engagement metrics has every request and the fields taken from it):
//!
//! - Facebook Page post: `GET /{post-id}/insights?metric=post_media_view,
//!   post_total_media_view_unique,post_clicks` (the lifetime figures that
//!   replaced `post_impressions*` in November 2025) and `GET
//!   /{post-id}?fields=shares,comments.summary(true).limit(0),
//!   reactions.summary(true).limit(0)`; the Page: `GET /{page-id}?fields=
//!   followers_count,fan_count`.
//! - Instagram media: `GET /{media-id}/insights?metric=reach,likes,comments,
//!   shares,saved,views` (`views` replaced `impressions` in April 2025); the
//!   account: `GET /{ig-user-id}?fields=followers_count,follows_count,media_count`.
//! - Threads: `GET /{media-id}/insights?metric=views,likes,replies,reposts,
//!   quotes,shares`; `GET /{user-id}/threads_insights?metric=followers_count`
//!   (a `total_value`).
//! - X: `GET /2/tweets?ids=…&tweet.fields=public_metrics` (up to 100 ids);
//!   `GET /2/users/me?user.fields=public_metrics`.
//! - LinkedIn: `GET /rest/socialActions/{urn}` (likes and comments of any post
//!   the member may see) and, for an organization's posts,
//!   `GET /rest/organizationalEntityShareStatistics?q=organizationalEntity`
//!   (impressions, clicks, shares); followers: `GET /rest/networkSizes/{org}
//!   ?edgeType=COMPANY_FOLLOWED_BY_MEMBER`.
//! - YouTube: `GET /youtube/v3/videos?part=statistics&id=…` (up to 50 ids;
//!   counts are strings); `GET /youtube/v3/channels?part=statistics&mine=true`.
//! - Pinterest: `GET /v5/pins/{id}/analytics?start_date&end_date&metric_types=
//!   IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS`
//!   (at most 90 days back: a pin is measured for its first 89 days);
//!   `GET /v5/user_account`.
//! - TikTok: `POST /v2/video/query/?fields=id,like_count,comment_count,
//!   share_count,view_count` with `{"filters":{"video_ids":[…]}}` (up to 20);
//!   `GET /v2/user/info/?fields=follower_count,following_count,video_count`.
//! - Reddit: `GET /api/info?id=t3_…` (up to 100 fullnames: `score`,
//!   `num_comments`); `GET /api/v1/me` (the profile's `subreddit.subscribers`).
//!
//! A post the platform will not measure (deleted, or a kind it has no figures
//! for) gets its own message and the others go on; an ended access, a rate
//! limit or an unreachable platform stops the account's run.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Account, PublishError, SocialApi, SocialApis};
use crate::contexts::integrations::types::{AccountCounts, PostCounts, SocialPlatform};
use crate::ui::feedback::urlencode;

/// One post to measure: the platform's id for it and when it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToMeasure {
    pub id: String,
    pub published_at: DateTime<Utc>,
}

/// Each post's figures, or why the platform gave none.
pub type Measured = Vec<(String, Result<PostCounts, String>)>;

/// The posts measured, and what stopped the run before the rest (an ended
/// access, a rate limit, an unreachable platform): what was measured is kept.
pub type Partial = (Measured, Option<PublishError>);

/// Pinterest answers pin analytics for the last 90 days only.
pub const PINTEREST_DAYS: i64 = 89;

/// Reads the figures of `posts` published by `account`, as far as the
/// platform lets it.
pub async fn post_counts(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    posts: &[ToMeasure],
) -> Partial {
    let label = account.platform.label();
    let token = &account.access_token;
    let bearer = || SocialApi::bearer(http, label, token).measuring();
    let query = || SocialApi::query_token(http, label, token).measuring();
    match account.platform {
        SocialPlatform::Facebook => each(posts, |p| facebook(query(), &apis.graph, p)).await,
        SocialPlatform::Instagram => each(posts, |p| instagram(query(), &apis.graph, p)).await,
        SocialPlatform::Threads => each(posts, |p| threads(query(), &apis.threads, p)).await,
        SocialPlatform::Twitter => x(&mut bearer(), &apis.x, posts).await,
        SocialPlatform::Linkedin => {
            let version = &apis.linkedin_version;
            each(posts, |p| linkedin(bearer(), &apis.linkedin, version, account, p)).await
        }
        SocialPlatform::Youtube => youtube(&mut bearer(), &apis.youtube, posts).await,
        SocialPlatform::Pinterest => each(posts, |p| pinterest(bearer(), &apis.pinterest, p)).await,
        SocialPlatform::Tiktok => tiktok(&mut bearer(), &apis.tiktok, posts).await,
        SocialPlatform::Reddit => reddit(&mut bearer(), &apis.reddit, posts).await,
    }
}

/// Reads `account`'s audience.
pub async fn account_counts(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
) -> Result<AccountCounts, PublishError> {
    let label = account.platform.label();
    let token = &account.access_token;
    let mut bearer = SocialApi::bearer(http, label, token).measuring();
    let mut query = SocialApi::query_token(http, label, token).measuring();
    let id = &account.platform_account_id;
    let read = |v: &Value, path: &str| number(v.pointer(path));
    match account.platform {
        SocialPlatform::Facebook => {
            let url = format!("{}/{id}", apis.graph);
            let page = get(&mut query, &url, &[("fields", "followers_count,fan_count")]).await?;
            let followers = read(&page, "/followers_count").or_else(|| read(&page, "/fan_count"));
            Ok(AccountCounts { followers, ..AccountCounts::default() })
        }
        SocialPlatform::Instagram => {
            let url = format!("{}/{id}", apis.graph);
            let fields = [("fields", "followers_count,follows_count,media_count")];
            let user = get(&mut query, &url, &fields).await?;
            Ok(AccountCounts {
                followers: read(&user, "/followers_count"),
                following: read(&user, "/follows_count"),
                posts: read(&user, "/media_count"),
            })
        }
        SocialPlatform::Threads => {
            let url = format!("{}/{id}/threads_insights", apis.threads);
            let answer = get(&mut query, &url, &[("metric", "followers_count")]).await?;
            let insights: Insights = parse(&query, answer)?;
            Ok(AccountCounts { followers: insights.get("followers_count"), ..Default::default() })
        }
        SocialPlatform::Twitter => {
            let url = format!("{}/2/users/me", apis.x);
            let me = get(&mut bearer, &url, &[("user.fields", "public_metrics")]).await?;
            Ok(AccountCounts {
                followers: read(&me, "/data/public_metrics/followers_count"),
                following: read(&me, "/data/public_metrics/following_count"),
                posts: read(&me, "/data/public_metrics/tweet_count")
                    .or_else(|| read(&me, "/data/public_metrics/post_count")),
            })
        }
        SocialPlatform::Linkedin => {
            // Followers are counted for organizations only; a member's own
            // network is not offered to apps.
            if !id.starts_with("urn:li:organization:") {
                return Ok(AccountCounts::default());
            }
            let url = format!("{}/rest/networkSizes/{}", apis.linkedin, urlencode(id));
            let request = bearer
                .http()
                .get(url)
                .query(&[("edgeType", "COMPANY_FOLLOWED_BY_MEMBER")])
                .header("LinkedIn-Version", &apis.linkedin_version)
                .header("X-Restli-Protocol-Version", "2.0.0");
            let answer = json_of(&mut bearer, request).await?;
            Ok(AccountCounts { followers: read(&answer, "/firstDegreeSize"), ..Default::default() })
        }
        SocialPlatform::Youtube => {
            let url = format!("{}/youtube/v3/channels", apis.youtube);
            let fields = [("part", "statistics"), ("mine", "true")];
            let channels = get(&mut bearer, &url, &fields).await?;
            let hidden = channels
                .pointer("/items/0/statistics/hiddenSubscriberCount")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            Ok(AccountCounts {
                followers: (!hidden)
                    .then(|| read(&channels, "/items/0/statistics/subscriberCount"))
                    .flatten(),
                following: None,
                posts: read(&channels, "/items/0/statistics/videoCount"),
            })
        }
        SocialPlatform::Pinterest => {
            let user =
                get(&mut bearer, &format!("{}/v5/user_account", apis.pinterest), &[]).await?;
            Ok(AccountCounts {
                followers: read(&user, "/follower_count"),
                following: read(&user, "/following_count"),
                posts: read(&user, "/pin_count"),
            })
        }
        SocialPlatform::Tiktok => {
            let url = format!("{}/v2/user/info/", apis.tiktok);
            let fields = [("fields", "follower_count,following_count,video_count")];
            let info = get(&mut bearer, &url, &fields).await?;
            tiktok_error(label, &info)?;
            Ok(AccountCounts {
                followers: read(&info, "/data/user/follower_count"),
                following: read(&info, "/data/user/following_count"),
                posts: read(&info, "/data/user/video_count"),
            })
        }
        SocialPlatform::Reddit => {
            let me = get(&mut bearer, &format!("{}/api/v1/me", apis.reddit), &[]).await?;
            Ok(AccountCounts {
                followers: read(&me, "/subreddit/subscribers"),
                ..AccountCounts::default()
            })
        }
    }
}

/// A number the platform may send as a JSON number or a string (YouTube).
fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

async fn json_of(
    api: &mut SocialApi<'_>,
    request: reqwest::RequestBuilder,
) -> Result<Value, PublishError> {
    let response = api.read(request).await?;
    response.json().await.map_err(|e| unreadable(api.label, e))
}

async fn get(
    api: &mut SocialApi<'_>,
    url: &str,
    query: &[(&str, &str)],
) -> Result<Value, PublishError> {
    let request = api.http().get(url).query(query);
    json_of(api, request).await
}

fn unreadable(label: &str, detail: impl std::fmt::Display) -> PublishError {
    tracing::warn!(platform = label, %detail, "a platform's answer could not be read");
    PublishError::Transient(format!(
        "{label} answered with figures Aura could not read; Aura will try again."
    ))
}

fn parse<T: for<'de> Deserialize<'de>>(
    api: &SocialApi<'_>,
    value: Value,
) -> Result<T, PublishError> {
    serde_json::from_value(value).map_err(|e| unreadable(api.label, e))
}

/// Measures posts one request (or two) at a time: a refusal stays with its post,
/// anything else stops the run.
async fn each<'p, F, Fut>(posts: &'p [ToMeasure], mut measure: F) -> Partial
where
    F: FnMut(&'p ToMeasure) -> Fut,
    Fut: std::future::Future<Output = Result<PostCounts, PublishError>>,
{
    let mut out = Vec::with_capacity(posts.len());
    for post in posts {
        match measure(post).await {
            Ok(counts) => out.push((post.id.clone(), Ok(counts))),
            Err(PublishError::Refused(why)) => out.push((post.id.clone(), Err(why))),
            Err(stop) => return (out, Some(stop)),
        }
    }
    (out, None)
}

/// Meta's insights envelope: `{"data":[{"name","period","values":[{"value"}],
/// "total_value":{"value"},"title","description","id"}]}`.
#[derive(Deserialize)]
struct Insights {
    #[serde(default)]
    data: Vec<Insight>,
}

#[derive(Deserialize)]
struct Insight {
    name: String,
    #[serde(default)]
    values: Vec<InsightValue>,
    total_value: Option<InsightValue>,
}

#[derive(Deserialize)]
struct InsightValue {
    value: Value,
}

impl Insights {
    /// A metric's value; a breakdown object (`{"like":3,"love":1}`) is summed.
    fn get(&self, name: &str) -> Option<i64> {
        let metric = self.data.iter().find(|m| m.name == name)?;
        let value = metric.values.first().or(metric.total_value.as_ref())?;
        match &value.value {
            Value::Object(parts) => Some(parts.values().filter_map(|v| number(Some(v))).sum()),
            other => number(Some(other)),
        }
    }
}

async fn facebook(
    mut api: SocialApi<'_>,
    graph: &str,
    post: &ToMeasure,
) -> Result<PostCounts, PublishError> {
    let id = &post.id;
    let metrics = [("metric", "post_media_view,post_total_media_view_unique,post_clicks")];
    let answer = get(&mut api, &format!("{graph}/{id}/insights"), &metrics).await?;
    let insights: Insights = parse(&api, answer)?;
    let fields =
        [("fields", "shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)")];
    let object = get(&mut api, &format!("{graph}/{id}"), &fields).await?;
    Ok(PostCounts {
        impressions: insights.get("post_media_view"),
        reach: insights.get("post_total_media_view_unique"),
        clicks: insights.get("post_clicks"),
        likes: number(object.pointer("/reactions/summary/total_count")),
        comments: number(object.pointer("/comments/summary/total_count")),
        // Missing when nobody has shared it.
        shares: Some(number(object.pointer("/shares/count")).unwrap_or(0)),
        ..PostCounts::default()
    })
}

async fn instagram(
    mut api: SocialApi<'_>,
    graph: &str,
    post: &ToMeasure,
) -> Result<PostCounts, PublishError> {
    let url = format!("{graph}/{}/insights", post.id);
    let answer =
        get(&mut api, &url, &[("metric", "reach,likes,comments,shares,saved,views")]).await?;
    // A metric not available yet is left out of `data` (not sent as 0).
    let insights: Insights = parse(&api, answer)?;
    Ok(PostCounts {
        impressions: insights.get("views"),
        reach: insights.get("reach"),
        likes: insights.get("likes"),
        comments: insights.get("comments"),
        shares: insights.get("shares"),
        saves: insights.get("saved"),
        ..PostCounts::default()
    })
}

async fn threads(
    mut api: SocialApi<'_>,
    base: &str,
    post: &ToMeasure,
) -> Result<PostCounts, PublishError> {
    let url = format!("{base}/{}/insights", post.id);
    let metrics = [("metric", "views,likes,replies,reposts,quotes,shares")];
    let answer = get(&mut api, &url, &metrics).await?;
    let insights: Insights = parse(&api, answer)?;
    let passed_on = ["reposts", "quotes", "shares"].iter().filter_map(|m| insights.get(m));
    Ok(PostCounts {
        impressions: insights.get("views"),
        likes: insights.get("likes"),
        comments: insights.get("replies"),
        shares: Some(passed_on.sum()),
        ..PostCounts::default()
    })
}

/// Looks up posts in batches of `size` ids joined by commas; `counts_of` reads
/// the answer into (id, figures). An id the platform leaves out of its answer
/// (deleted, or not this account's) gets a message of its own.
async fn batched(
    api: &mut SocialApi<'_>,
    posts: &[ToMeasure],
    size: usize,
    mut request: impl FnMut(&SocialApi<'_>, String) -> reqwest::RequestBuilder,
    counts_of: impl Fn(&Value) -> Vec<(String, PostCounts)>,
) -> Partial {
    let mut out = Vec::with_capacity(posts.len());
    for chunk in posts.chunks(size) {
        let ids: Vec<&str> = chunk.iter().map(|p| p.id.as_str()).collect();
        let answer = match json_of(api, request(api, ids.join(","))).await {
            Ok(answer) => answer,
            Err(PublishError::Refused(why)) => {
                out.extend(chunk.iter().map(|p| (p.id.clone(), Err(why.clone()))));
                continue;
            }
            Err(stop) => return (out, Some(stop)),
        };
        let mut found: HashMap<String, PostCounts> = counts_of(&answer).into_iter().collect();
        for post in chunk {
            let counts = found.remove(&post.id).ok_or_else(|| {
                format!("{} has no figures for this post (it may have been deleted).", api.label)
            });
            out.push((post.id.clone(), counts));
        }
    }
    (out, None)
}

async fn x(api: &mut SocialApi<'_>, base: &str, posts: &[ToMeasure]) -> Partial {
    let url = format!("{base}/2/tweets");
    let request = |api: &SocialApi<'_>, ids: String| {
        api.http().get(&url).query(&[("ids", ids.as_str()), ("tweet.fields", "public_metrics")])
    };
    batched(api, posts, 100, request, |answer| {
        let tweets = answer.get("data").and_then(Value::as_array).cloned().unwrap_or_default();
        tweets
            .iter()
            .filter_map(|t| {
                let id = t.get("id")?.as_str()?.to_owned();
                let m = t.get("public_metrics")?;
                let n = |field: &str| number(m.get(field));
                // The API reference renamed `retweet_count` `repost_count` in
                // August 2026; the guides still use the old name.
                let reposts = n("retweet_count").or_else(|| n("repost_count"));
                let shares = reposts.unwrap_or(0) + n("quote_count").unwrap_or(0);
                Some((
                    id,
                    PostCounts {
                        impressions: n("impression_count"),
                        likes: n("like_count"),
                        comments: n("reply_count"),
                        shares: Some(shares),
                        saves: n("bookmark_count"),
                        ..PostCounts::default()
                    },
                ))
            })
            .collect()
    })
    .await
}

async fn youtube(api: &mut SocialApi<'_>, base: &str, posts: &[ToMeasure]) -> Partial {
    let url = format!("{base}/youtube/v3/videos");
    let request = |api: &SocialApi<'_>, ids: String| {
        api.http().get(&url).query(&[("part", "statistics"), ("id", ids.as_str())])
    };
    batched(api, posts, 50, request, |answer| {
        let items = answer.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
        items
            .iter()
            .filter_map(|v| {
                let id = v.get("id")?.as_str()?.to_owned();
                let s = v.get("statistics")?;
                Some((
                    id,
                    PostCounts {
                        video_views: number(s.get("viewCount")),
                        likes: number(s.get("likeCount")),
                        comments: number(s.get("commentCount")),
                        ..PostCounts::default()
                    },
                ))
            })
            .collect()
    })
    .await
}

async fn reddit(api: &mut SocialApi<'_>, base: &str, posts: &[ToMeasure]) -> Partial {
    let url = format!("{base}/api/info");
    let request =
        |api: &SocialApi<'_>, ids: String| api.http().get(&url).query(&[("id", ids.as_str())]);
    batched(api, posts, 100, request, |answer| {
        let children =
            answer.pointer("/data/children").and_then(Value::as_array).cloned().unwrap_or_default();
        children
            .iter()
            .filter_map(|c| {
                let d = c.get("data")?;
                let id = d.get("name")?.as_str()?.to_owned();
                Some((
                    id,
                    PostCounts {
                        likes: number(d.get("score")),
                        comments: number(d.get("num_comments")),
                        ..PostCounts::default()
                    },
                ))
            })
            .collect()
    })
    .await
}

/// TikTok's answer carries `error.code` `"ok"` (or `0` in older pages) when it
/// went well.
fn tiktok_error(label: &str, answer: &Value) -> Result<(), PublishError> {
    let code = answer.pointer("/error/code");
    let ok = match code {
        None => true,
        Some(Value::String(s)) => s == "ok",
        Some(Value::Number(n)) => n.as_i64() == Some(0),
        Some(_) => false,
    };
    if ok {
        return Ok(());
    }
    let words = answer.pointer("/error/message").and_then(Value::as_str).unwrap_or_default();
    Err(PublishError::Refused(format!("{label} did not give the figures: \"{words}\"")))
}

async fn tiktok(api: &mut SocialApi<'_>, base: &str, posts: &[ToMeasure]) -> Partial {
    // Until TikTok names a post's public video id, Aura holds its `publish_id`,
    // which the video query does not take.
    let (public, pending): (Vec<ToMeasure>, Vec<ToMeasure>) = posts
        .iter()
        .cloned()
        .partition(|p| !p.id.is_empty() && p.id.bytes().all(|b| b.is_ascii_digit()));
    let url = format!("{base}/v2/video/query/");
    let request = |api: &SocialApi<'_>, ids: String| {
        let ids: Vec<&str> = ids.split(',').collect();
        api.http()
            .post(&url)
            .query(&[("fields", "id,like_count,comment_count,share_count,view_count")])
            .json(&json!({ "filters": { "video_ids": ids } }))
    };
    let (mut out, stop) = batched(api, &public, 20, request, |answer| {
        let videos =
            answer.pointer("/data/videos").and_then(Value::as_array).cloned().unwrap_or_default();
        videos
            .iter()
            .filter_map(|v| {
                let id = v.get("id")?.as_str()?.to_owned();
                Some((
                    id,
                    PostCounts {
                        video_views: number(v.get("view_count")),
                        likes: number(v.get("like_count")),
                        comments: number(v.get("comment_count")),
                        shares: number(v.get("share_count")),
                        ..PostCounts::default()
                    },
                ))
            })
            .collect()
    })
    .await;
    out.extend(
        pending.into_iter().map(|p| {
            (p.id, Err("TikTok has not yet given this post's public video id.".to_owned()))
        }),
    );
    (out, stop)
}

async fn pinterest(
    mut api: SocialApi<'_>,
    base: &str,
    post: &ToMeasure,
) -> Result<PostCounts, PublishError> {
    let today = Utc::now().date_naive();
    let start = post.published_at.date_naive().max(today - Duration::days(PINTEREST_DAYS));
    let (start, end) = (start.format("%Y-%m-%d").to_string(), today.format("%Y-%m-%d").to_string());
    let metrics = "IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS";
    let url = format!("{base}/v5/pins/{}/analytics", post.id);
    let query =
        [("start_date", start.as_str()), ("end_date", end.as_str()), ("metric_types", metrics)];
    let answer = get(&mut api, &url, &query).await?;
    let summary = |m: &str| number(answer.pointer(&format!("/all/summary_metrics/{m}")));
    let lifetime = |m: &str| number(answer.pointer(&format!("/all/lifetime_metrics/{m}")));
    let clicks = match (summary("PIN_CLICK"), summary("OUTBOUND_CLICK")) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    };
    Ok(PostCounts {
        impressions: summary("IMPRESSION"),
        saves: summary("SAVE"),
        clicks,
        likes: lifetime("TOTAL_REACTIONS"),
        comments: lifetime("TOTAL_COMMENTS"),
        ..PostCounts::default()
    })
}

async fn linkedin(
    mut api: SocialApi<'_>,
    base: &str,
    version: &str,
    account: &Account,
    post: &ToMeasure,
) -> Result<PostCounts, PublishError> {
    let headers = |r: reqwest::RequestBuilder| {
        r.header("LinkedIn-Version", version).header("X-Restli-Protocol-Version", "2.0.0")
    };
    let urn = &post.id;
    let url = format!("{base}/rest/socialActions/{}", urlencode(urn));
    let request = headers(api.http().get(url));
    let actions = json_of(&mut api, request).await?;
    let mut counts = PostCounts {
        likes: number(actions.pointer("/likesSummary/totalLikes")),
        comments: number(actions.pointer("/commentsSummary/aggregatedTotalComments")),
        ..PostCounts::default()
    };
    let organization = &account.platform_account_id;
    if !organization.starts_with("urn:li:organization:") {
        return Ok(counts);
    }
    // Share statistics take shares and ugcPosts by their own parameter, each URN
    // encoded inside Rest.li's `List(…)`.
    let parameter = if urn.starts_with("urn:li:ugcPost:") { "ugcPosts" } else { "shares" };
    let url = format!(
        "{base}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity={}&{parameter}=List({})",
        urlencode(organization),
        urlencode(urn)
    );
    let request = headers(api.http().get(url));
    let stats = json_of(&mut api, request).await?;
    let total = stats.pointer("/elements/0/totalShareStatistics");
    let n = |field: &str| number(total.and_then(|t| t.get(field)));
    counts.impressions = n("impressionCount");
    counts.reach = n("uniqueImpressionsCount");
    counts.clicks = n("clickCount");
    counts.shares = n("shareCount");
    counts.likes = n("likeCount").or(counts.likes);
    counts.comments = n("commentCount").or(counts.comments);
    Ok(counts)
}
