//! Searching what people post, for listening, through the platforms'
//! documented search APIs (docs/integrations.md → Listening):
//!
//! - X: `GET /2/tweets/search/recent` (the last seven days) with `query`,
//!   `since_id` (the newest id seen before: nothing is read twice),
//!   `max_results` 10–100, `next_token` for the next page, `tweet.fields`
//!   `created_at,lang,public_metrics,author_id`, `expansions=author_id` and
//!   `user.fields=username,name,profile_image_url,public_metrics,created_at`.
//!   The answer: `data` (tweets), `includes.users`, and `meta` with `newest_id`,
//!   `oldest_id`, `result_count` and `next_token` while there is more.
//!
//! Other platforms' searches are not built yet, and say so.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{Account, PublishError, SocialApi, SocialApis};
use crate::contexts::integrations::types::SocialPlatform;

/// What to look for, from where the last search stopped.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The platform's own query syntax.
    pub query: String,
    /// The newest id the last search saw.
    pub since_id: Option<String>,
    /// Pages to read at most (100 posts each on X).
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

/// What a search found, and the newest id to start from next time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPage {
    pub found: Vec<Found>,
    pub newest_id: Option<String>,
}

#[derive(Deserialize)]
struct XAnswer {
    #[serde(default)]
    data: Vec<XTweet>,
    #[serde(default)]
    includes: XIncludes,
    #[serde(default)]
    meta: XMeta,
}

#[derive(Deserialize, Default)]
struct XIncludes {
    #[serde(default)]
    users: Vec<XUser>,
}

#[derive(Deserialize, Default)]
struct XMeta {
    newest_id: Option<String>,
    next_token: Option<String>,
}

#[derive(Deserialize)]
struct XTweet {
    id: String,
    text: String,
    author_id: Option<String>,
    created_at: Option<DateTime<Utc>>,
    lang: Option<String>,
    #[serde(default)]
    public_metrics: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct XUser {
    id: String,
    username: String,
    name: String,
    profile_image_url: Option<String>,
    created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    public_metrics: serde_json::Map<String, serde_json::Value>,
}

fn count(metrics: &serde_json::Map<String, serde_json::Value>, field: &str) -> Option<i64> {
    metrics.get(field).and_then(serde_json::Value::as_i64)
}

/// Searches as `account`.
pub async fn search(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let label = account.platform.label();
    match account.platform {
        SocialPlatform::Twitter => {
            let mut api = SocialApi::bearer(http, label, &account.access_token).reading();
            x_recent(&mut api, &apis.x, request).await
        }
        _ => Err(PublishError::Refused(format!(
            "Aura cannot search {label} yet; its mentions arrive only from the searches on X."
        ))),
    }
}

async fn x_recent(
    api: &mut SocialApi<'_>,
    base: &str,
    request: &SearchRequest,
) -> Result<SearchPage, PublishError> {
    let url = format!("{base}/2/tweets/search/recent");
    let mut page = SearchPage::default();
    let mut next: Option<String> = None;
    for _ in 0..request.max_pages.max(1) {
        let mut query: Vec<(&str, &str)> = vec![
            ("query", request.query.as_str()),
            ("max_results", "100"),
            ("tweet.fields", "created_at,lang,public_metrics,author_id"),
            ("expansions", "author_id"),
            ("user.fields", "username,name,profile_image_url,public_metrics,created_at"),
        ];
        if let Some(since) = &request.since_id {
            query.push(("since_id", since));
        }
        if let Some(token) = &next {
            query.push(("next_token", token));
        }
        let response = api.read(api.http().get(&url).query(&query)).await?;
        let answer: XAnswer = response.json().await.map_err(|e| api.unreadable(e))?;
        // The first page holds the newest tweet: where the next search starts.
        if page.newest_id.is_none() {
            page.newest_id = answer.meta.newest_id.clone();
        }
        for tweet in answer.data {
            let author = tweet
                .author_id
                .as_deref()
                .and_then(|a| answer.includes.users.iter().find(|u| u.id == a));
            let m = &tweet.public_metrics;
            // The reference renamed `retweet_count` `repost_count` in 2026.
            let engagement = ["like_count", "reply_count", "quote_count"]
                .iter()
                .filter_map(|f| count(m, f))
                .sum::<i64>()
                + count(m, "retweet_count").or_else(|| count(m, "repost_count")).unwrap_or(0);
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
                author_followers: author.and_then(|u| count(&u.public_metrics, "followers_count")),
                author_created_at: author.and_then(|u| u.created_at),
                author_username: username,
                engagement,
                impressions: count(m, "impression_count"),
            });
        }
        next = answer.meta.next_token;
        if next.is_none() {
            break;
        }
    }
    Ok(page)
}
