//! Searching what people post, for listening, through the platforms'
//! documented search APIs (docs/integrations.md → Listening). Each search
//! starts from where the last stopped (a cursor per platform), so nothing is
//! read twice.
//!
//! - X: `GET /2/tweets/search/recent` (the last seven days) with `query`,
//!   `since_id` (the newest id seen before), `max_results` 10–100,
//!   `next_token` for the next page, `tweet.fields`
//!   `created_at,lang,public_metrics,author_id`, `expansions=author_id` and
//!   `user.fields=username,name,profile_image_url,public_metrics,created_at`.
//!   The answer: `data` (tweets), `includes.users`, and `meta` with `newest_id`,
//!   `oldest_id`, `result_count` and `next_token` while there is more.
//! - Reddit: `GET /search` with `q` (at most 512 characters), `sort=new`,
//!   `type=link`, `limit=100`, `raw_json=1` and `after` for the next page: a
//!   Listing of `t3` posts, newest first. Reddit has no "since": reading stops
//!   at the first post created before the cursor (the newest `created_utc`
//!   seen; the same second is read again, and a mention is kept once).
//! - YouTube: `GET /youtube/v3/search` with `part=snippet`, `q` (`|` is its
//!   OR), `type=video`, `order=date`, `maxResults=50` and `publishedAfter` (the
//!   newest `publishedAt` seen); then `videos.list` (`part=statistics`) and
//!   `channels.list` (`part=snippet,statistics`) for views, likes, comments
//!   and the channel's subscribers and age. A search costs one of the
//!   project's roughly 100 searches a day, so one page is read per run.
//! - Instagram: hashtags only. `GET /ig_hashtag_search?user_id=&q=` gives the
//!   hashtag's id (30 new hashtags a week per account), then `GET
//!   /{hashtag-id}/recent_media?user_id=&fields=id,caption,comments_count,
//!   like_count,permalink,timestamp&limit=50`: the last 24 hours, not in time
//!   order, pages by `paging.next`, and without the author (Instagram does not
//!   give the username). Every page is read and the media newer than the
//!   cursor (the newest `timestamp` seen) kept.

use chrono::{DateTime, Utc};

use serde::Deserialize;

use super::reddit::{self, Listing};
use super::x::{self, Timeline};
use super::{Account, PublishError, SocialApi, SocialApis};
use crate::contexts::integrations::types::SocialPlatform;

/// What to look for, from where the last search stopped.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The platform's own query syntax (X, Reddit, YouTube).
    pub query: String,
    /// The hashtags to read, without `#` (Instagram).
    pub hashtags: Vec<String>,
    /// What the last search kept ([`SearchPage::cursor`]).
    pub cursor: Option<String>,
    /// Pages to read at most.
    pub max_pages: u32,
}

/// A post found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub id: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub language: Option<String>,
    pub author_id: String,
    pub author_username: String,
    pub author_name: String,
    pub author_avatar: Option<String>,
    pub author_followers: Option<i64>,
    pub author_created_at: Option<DateTime<Utc>>,
    /// Likes, replies, reposts and quotes.
    pub engagement: i64,
    /// Views where the platform counts them.
    pub impressions: Option<i64>,
    pub url: String,
}

/// What a search found, and where the next starts (unchanged when nothing
/// was new).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPage {
    pub found: Vec<Found>,
    pub cursor: Option<String>,
}

/// Searches as `account`.
pub async fn search(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let label = account.platform.label();
    let token = &account.access_token;
    let mut page = match account.platform {
        SocialPlatform::Twitter => {
            let mut api = SocialApi::bearer(http, label, token).reading();
            x_recent(&mut api, &apis.x, request).await?
        }
        SocialPlatform::Reddit => {
            let mut api = SocialApi::bearer(http, label, token).reading();
            reddit_search(&mut api, &apis.reddit, request).await?
        }
        SocialPlatform::Youtube => {
            let mut api = SocialApi::bearer(http, label, token).reading();
            youtube_search(&mut api, &apis.youtube, request).await?
        }
        SocialPlatform::Instagram => {
            let mut api = SocialApi::query_token(http, label, token).reading();
            instagram_hashtags(&mut api, &apis.graph, account, request).await?
        }
        _ => {
            return Err(PublishError::Refused(format!(
                "Aura cannot search {label}: it searches X, Reddit, YouTube and Instagram hashtags."
            )));
        }
    };
    if page.cursor.is_none() {
        page.cursor.clone_from(&request.cursor);
    }
    Ok(page)
}

/// The later of two RFC 3339 cursors.
fn later(cursor: Option<String>, at: DateTime<Utc>) -> Option<String> {
    let kept = cursor.as_deref().and_then(|c| DateTime::parse_from_rfc3339(c).ok());
    if kept.is_none_or(|k| at > k) { Some(at.to_rfc3339()) } else { cursor }
}

async fn x_recent(
    api: &mut SocialApi<'_>,
    base: &str,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let url = format!("{base}/2/tweets/search/recent");
    let mut page = SearchPage::default();
    let mut next: Option<String> = None;
    // The first search reads the week X keeps, as far as the pages go.
    for _ in 0..request.max_pages.max(1) {
        let mut query: Vec<(&str, &str)> = vec![
            ("query", request.query.as_str()),
            ("max_results", "100"),
            ("tweet.fields", "created_at,lang,public_metrics,author_id"),
            ("expansions", "author_id"),
            ("user.fields", "username,name,profile_image_url,public_metrics,created_at"),
        ];
        if let Some(since) = &request.cursor {
            query.push(("since_id", since));
        }
        if let Some(token) = &next {
            query.push(("next_token", token));
        }
        let response = api.read(api.http().get(&url).query(&query)).await?;
        let answer: Timeline = response.json().await.map_err(|e| api.unreadable(e))?;
        // The first page holds the newest tweet: where the next search starts.
        if page.cursor.is_none() {
            page.cursor = answer.meta.newest_id.clone();
        }
        for tweet in answer.data {
            let author = answer.includes.user(tweet.author_id.as_deref());
            let engagement = tweet.engagement();
            let impressions = tweet.count("impression_count");
            let username = author.map(|u| u.username.clone()).unwrap_or_default();
            page.found.push(Found {
                url: format!(
                    "https://x.com/{}/status/{}",
                    if username.is_empty() { "i" } else { &username },
                    tweet.id
                ),
                id: tweet.id,
                text: tweet.text,
                created_at: tweet.created_at.unwrap_or_else(Utc::now),
                language: tweet.lang,
                author_id: tweet.author_id.unwrap_or_default(),
                author_name: author.map(|u| u.name.clone()).unwrap_or_default(),
                author_avatar: author.and_then(|u| u.profile_image_url.clone()),
                author_followers: author.and_then(x::User::followers),
                author_created_at: author.and_then(|u| u.created_at),
                author_username: username,
                engagement,
                impressions,
            });
        }
        next = answer.meta.next_token;
        if next.is_none() {
            break;
        }
    }
    Ok(page)
}

/// Pages a search reads where the platform has no "since": one the first
/// time (the latest posts, not the platform's history).
fn pages(request: &SearchRequest) -> u32 {
    if request.cursor.is_some() { request.max_pages.max(1) } else { 1 }
}

// ---- Reddit ----------------------------------------------------------------

#[derive(Deserialize)]
struct RedditPost {
    name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    selftext: String,
    author: Option<String>,
    author_fullname: Option<String>,
    created_utc: f64,
    #[serde(default)]
    score: i64,
    #[serde(default)]
    num_comments: i64,
    #[serde(default)]
    permalink: String,
}

async fn reddit_search(
    api: &mut SocialApi<'_>,
    base: &str,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let url = format!("{base}/search");
    let since = request.cursor.as_deref().and_then(|c| c.parse::<f64>().ok());
    let mut page = SearchPage::default();
    let mut newest: Option<f64> = None;
    let mut after: Option<String> = None;
    'pages: for _ in 0..pages(request) {
        let mut query: Vec<(&str, &str)> = vec![
            ("q", request.query.as_str()),
            ("sort", "new"),
            ("type", "link"),
            ("limit", "100"),
            ("raw_json", "1"),
        ];
        if let Some(after) = &after {
            query.push(("after", after));
        }
        let response = api.read(api.http().get(&url).query(&query)).await?;
        let listing: Listing<RedditPost> = response.json().await.map_err(|e| api.unreadable(e))?;
        for child in listing.data.children.into_iter().filter(|c| c.kind == "t3") {
            let post = child.data;
            if since.is_some_and(|since| post.created_utc < since) {
                break 'pages;
            }
            if newest.is_none_or(|n| post.created_utc > n) {
                newest = Some(post.created_utc);
            }
            // A deleted author cannot be told apart.
            let Some(author) = post.author.filter(|a| !a.is_empty() && a != "[deleted]") else {
                continue;
            };
            let text = if post.selftext.trim().is_empty() {
                post.title
            } else {
                format!("{}\n\n{}", post.title, post.selftext)
            };
            page.found.push(Found {
                id: post.name,
                text,
                created_at: reddit::time(post.created_utc),
                language: None,
                author_id: post.author_fullname.unwrap_or_else(|| author.clone()),
                author_name: format!("u/{author}"),
                author_username: author,
                author_avatar: None,
                author_followers: None,
                author_created_at: None,
                engagement: post.score.max(0) + post.num_comments,
                impressions: None,
                url: format!("https://www.reddit.com{}", post.permalink),
            });
        }
        after = listing.data.after;
        if after.is_none() {
            break;
        }
    }
    page.cursor = newest.map(|n| format!("{n:.0}"));
    Ok(page)
}

// ---- YouTube ---------------------------------------------------------------

#[derive(Deserialize)]
struct YtList<T> {
    #[serde(default = "Vec::new")]
    items: Vec<T>,
}

#[derive(Deserialize)]
struct YtResult {
    id: YtResultId,
    snippet: YtResultSnippet,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtResultId {
    video_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtResultSnippet {
    published_at: DateTime<Utc>,
    channel_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    channel_title: String,
}

/// A video's or channel's `statistics`: counts as JSON strings (uint64).
#[derive(Deserialize)]
struct YtWithStats {
    id: String,
    #[serde(default)]
    statistics: serde_json::Map<String, serde_json::Value>,
    snippet: Option<YtChannelSnippet>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtChannelSnippet {
    published_at: Option<DateTime<Utc>>,
    #[serde(default)]
    thumbnails: serde_json::Map<String, serde_json::Value>,
}

impl YtWithStats {
    fn count(&self, field: &str) -> Option<i64> {
        self.statistics.get(field).and_then(|v| v.as_str()?.parse().ok().or_else(|| v.as_i64()))
    }

    /// Subscribers, unless the channel hides them.
    fn subscribers(&self) -> Option<i64> {
        let hidden =
            self.statistics.get("hiddenSubscriberCount").and_then(serde_json::Value::as_bool);
        if hidden == Some(true) { None } else { self.count("subscriberCount") }
    }
}

async fn youtube_search(
    api: &mut SocialApi<'_>,
    base: &str,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let mut query: Vec<(&str, &str)> = vec![
        ("part", "snippet"),
        ("q", request.query.as_str()),
        ("type", "video"),
        ("order", "date"),
        ("maxResults", "50"),
    ];
    if let Some(after) = &request.cursor {
        query.push(("publishedAfter", after));
    }
    let url = format!("{base}/youtube/v3/search");
    let response = api.read(api.http().get(&url).query(&query)).await?;
    let answer: YtList<YtResult> = response.json().await.map_err(|e| api.unreadable(e))?;
    let since = request.cursor.as_deref().and_then(|c| DateTime::parse_from_rfc3339(c).ok());
    let results: Vec<(String, YtResultSnippet)> = answer
        .items
        .into_iter()
        .filter_map(|r| Some((r.id.video_id?, r.snippet)))
        .filter(|(_, s)| since.is_none_or(|since| s.published_at > since))
        .collect();
    let mut page = SearchPage::default();
    if results.is_empty() {
        return Ok(page);
    }
    let ids: Vec<&str> = results.iter().map(|(id, _)| id.as_str()).collect();
    let mut channels: Vec<&str> = results.iter().map(|(_, s)| s.channel_id.as_str()).collect();
    channels.sort_unstable();
    channels.dedup();
    let (ids, channels) = (ids.join(","), channels.join(","));
    let videos = api
        .read(
            api.http()
                .get(format!("{base}/youtube/v3/videos"))
                .query(&[("part", "statistics"), ("id", &ids)]),
        )
        .await?;
    let videos: YtList<YtWithStats> = videos.json().await.map_err(|e| api.unreadable(e))?;
    let owners = api
        .read(
            api.http()
                .get(format!("{base}/youtube/v3/channels"))
                .query(&[("part", "snippet,statistics"), ("id", &channels)]),
        )
        .await?;
    let owners: YtList<YtWithStats> = owners.json().await.map_err(|e| api.unreadable(e))?;
    for (id, snippet) in results {
        let video = videos.items.iter().find(|v| v.id == id);
        let channel = owners.items.iter().find(|c| c.id == snippet.channel_id);
        let counted = |f: &str| video.and_then(|v| v.count(f)).unwrap_or(0);
        let title = unescape(&snippet.title);
        let description = unescape(&snippet.description);
        page.cursor = later(page.cursor.take(), snippet.published_at);
        page.found.push(Found {
            text: if description.is_empty() { title } else { format!("{title}\n\n{description}") },
            created_at: snippet.published_at,
            language: None,
            author_username: snippet.channel_title.clone(),
            author_name: snippet.channel_title,
            author_avatar: channel.and_then(|c| {
                let thumbs = &c.snippet.as_ref()?.thumbnails;
                thumbs.get("default")?.get("url")?.as_str().map(str::to_owned)
            }),
            author_followers: channel.and_then(YtWithStats::subscribers),
            author_created_at: channel.and_then(|c| c.snippet.as_ref()?.published_at),
            author_id: snippet.channel_id,
            engagement: counted("likeCount") + counted("commentCount"),
            impressions: video.and_then(|v| v.count("viewCount")),
            url: format!("https://www.youtube.com/watch?v={id}"),
            id,
        });
    }
    Ok(page)
}

/// YouTube's titles and descriptions arrive HTML-escaped (`&#39;`, `&amp;`).
fn unescape(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

// ---- Instagram -------------------------------------------------------------

#[derive(Deserialize)]
struct IgIds {
    #[serde(default)]
    data: Vec<IgId>,
}

#[derive(Deserialize)]
struct IgId {
    id: String,
}

#[derive(Deserialize)]
struct IgMediaPage {
    #[serde(default)]
    data: Vec<IgMedia>,
    paging: Option<IgPaging>,
}

#[derive(Deserialize)]
struct IgPaging {
    next: Option<String>,
}

#[derive(Deserialize)]
struct IgMedia {
    id: String,
    #[serde(default)]
    caption: String,
    #[serde(default)]
    comments_count: i64,
    /// Left out when the owner hides like counts.
    #[serde(default)]
    like_count: i64,
    permalink: Option<String>,
    timestamp: Option<serde_json::Value>,
}

/// An Instagram `timestamp`: ISO 8601 with a `+0000` offset in the media
/// samples, a Unix time in one version of the reference; either is read.
fn ig_time(value: &serde_json::Value) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    if let Some(seconds) = value.as_i64() {
        return Utc.timestamp_opt(seconds, 0).single();
    }
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

async fn instagram_hashtags(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    if request.hashtags.is_empty() {
        return Err(PublishError::Refused(
            "Instagram searches hashtags only: add a single word or #hashtag to the terms.".into(),
        ));
    }
    let user = account.platform_account_id.as_str();
    let since = request.cursor.as_deref().and_then(|c| DateTime::parse_from_rfc3339(c).ok());
    let mut page = SearchPage::default();
    for tag in &request.hashtags {
        let ids = api
            .read(
                api.http()
                    .get(format!("{base}/ig_hashtag_search"))
                    .query(&[("user_id", user), ("q", tag.as_str())]),
            )
            .await?;
        let ids: IgIds = ids.json().await.map_err(|e| api.unreadable(e))?;
        let Some(hashtag) = ids.data.into_iter().next() else { continue };
        let mut next = Some(format!(
            "{base}/{}/recent_media?user_id={user}&fields=id,caption,comments_count,like_count,permalink,timestamp&limit=50",
            hashtag.id
        ));
        // Not in time order: every page is read (Instagram keeps 24 hours).
        for _ in 0..request.max_pages.max(1) {
            let Some(url) = next.take() else { break };
            let response = api.read(api.http().get(&url)).await?;
            let media: IgMediaPage = response.json().await.map_err(|e| api.unreadable(e))?;
            for item in media.data {
                let Some(at) = item.timestamp.as_ref().and_then(ig_time) else { continue };
                if since.is_some_and(|since| at <= since)
                    || page.found.iter().any(|f| f.id == item.id)
                {
                    continue;
                }
                page.cursor = later(page.cursor.take(), at);
                page.found.push(Found {
                    url: item.permalink.unwrap_or_else(|| "https://www.instagram.com/".to_owned()),
                    id: item.id,
                    text: item.caption,
                    created_at: at,
                    language: None,
                    author_id: String::new(),
                    author_username: String::new(),
                    author_name: String::new(),
                    author_avatar: None,
                    author_followers: None,
                    author_created_at: None,
                    engagement: item.like_count + item.comments_count,
                    impressions: None,
                });
            }
            // The next page only from the Graph API itself.
            next = media.paging.and_then(|p| p.next).filter(|n| n.starts_with(base));
        }
    }
    Ok(page)
}
