//! Reading what people wrote to an account, for the inbox, where the platform
//! does not push it (docs/integrations.md → Inbox → Polling). Each read starts
//! where the last stopped (a cursor kept per account), so nothing is missed or
//! read twice; the first read of an account takes the latest page only.
//!
//! - X: `GET /2/users/{id}/mentions` with `since_id` (the newest id seen),
//!   `max_results` 5–100, `pagination_token` set from `meta.next_token`,
//!   `tweet.fields=created_at,conversation_id,author_id`,
//!   `expansions=author_id`, `user.fields=username,name,public_metrics`; the
//!   answer's `data` (absent when nothing is new), `includes.users` and `meta`
//!   (`newest_id`, `next_token`). The cursor is `meta.newest_id`.
//! - YouTube: `GET /youtube/v3/commentThreads` with `part=snippet`,
//!   `allThreadsRelatedToChannelId`, `order=time`, `maxResults=100`,
//!   `textFormat=plainText` (`textOriginal` is only for the comment's author)
//!   and `pageToken` from `nextPageToken`; each `items[].snippet.
//!   topLevelComment` is a comment (answers inside a thread are not read yet).
//!   Newest first: reading stops at the first comment published before the
//!   cursor (the newest `publishedAt` seen; the inbox keeps a message once, so
//!   the cursor's own second is read again rather than risk missing one).
//! - Reddit: `GET /message/inbox` with `limit=100`, `mark=false`, `raw_json=1`
//!   and `after` for the next page: a Listing of `t1` (replies to the account's
//!   posts and comments, and username mentions) and `t4` (private messages).
//!   Newest first: reading stops at the first item created before the cursor
//!   (the newest `created_utc` seen), as on YouTube.
//!
//! Other platforms are not read yet, and say so.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::reddit::{self, Listing};
use super::x::{self, Timeline};
use super::{Account, PublishError, SocialApi, SocialApis};
use crate::contexts::integrations::types::SocialPlatform;

/// The platforms the inbox reads by polling.
pub const POLLED: [SocialPlatform; 3] =
    [SocialPlatform::Twitter, SocialPlatform::Youtube, SocialPlatform::Reddit];

/// Where to start, and how far to read.
#[derive(Debug, Clone, Default)]
pub struct ReadNew {
    /// What the last read kept ([`NewPage::cursor`]); `None` the first time.
    pub cursor: Option<String>,
    /// Pages to read at most (100 items each).
    pub max_pages: u32,
}

/// What a person wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeardKind {
    /// Under the account's post (or in reply to its comment).
    Comment,
    /// A private message.
    Message,
    /// The account named in someone's post.
    Mention,
}

/// One message, as the platform gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Heard {
    /// The platform's id of it: what a reply answers.
    pub id: String,
    pub kind: HeardKind,
    /// The thread it belongs to within the account and kind: the post (or
    /// private conversation) and the person.
    pub thread: String,
    pub author_id: String,
    pub author_name: String,
    pub author_followers: Option<i64>,
    pub text: String,
    /// The platform's id of the account's post it is about.
    pub post_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// What one read found, oldest first, and where the next starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewPage {
    pub heard: Vec<Heard>,
    /// Unchanged when nothing was new.
    pub cursor: Option<String>,
}

/// Reads what is new for `account`.
pub async fn read_new(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    request: &ReadNew,
) -> Result<NewPage, PublishError> {
    let label = account.platform.label();
    let mut api = SocialApi::bearer(http, label, &account.access_token).reading();
    let mut page = match account.platform {
        SocialPlatform::Twitter => x_mentions(&mut api, &apis.x, account, request).await?,
        SocialPlatform::Youtube => {
            youtube_comments(&mut api, &apis.youtube, account, request).await?
        }
        SocialPlatform::Reddit => reddit_inbox(&mut api, &apis.reddit, request).await?,
        _ => {
            return Err(PublishError::Refused(format!(
                "Aura does not read {label} for the inbox yet."
            )));
        }
    };
    page.heard.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    if page.cursor.is_none() {
        page.cursor.clone_from(&request.cursor);
    }
    Ok(page)
}

// ---- X ---------------------------------------------------------------------

async fn x_mentions(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &ReadNew,
) -> Result<NewPage, PublishError> {
    let url = format!("{base}/2/users/{}/mentions", account.platform_account_id);
    let mut page = NewPage::default();
    let mut next: Option<String> = None;
    // The first read takes the latest page only, not the account's history.
    let pages = if request.cursor.is_some() { request.max_pages.max(1) } else { 1 };
    for _ in 0..pages {
        let mut query: Vec<(&str, &str)> = vec![
            ("max_results", "100"),
            ("tweet.fields", "created_at,conversation_id,author_id"),
            ("expansions", "author_id"),
            ("user.fields", "username,name,public_metrics"),
        ];
        if let Some(since) = &request.cursor {
            query.push(("since_id", since));
        }
        if let Some(token) = &next {
            query.push(("pagination_token", token));
        }
        let response = api.read(api.http().get(&url).query(&query)).await?;
        let answer: Timeline = response.json().await.map_err(|e| api.unreadable(e))?;
        if page.cursor.is_none() {
            page.cursor = answer.meta.newest_id.clone();
        }
        for tweet in answer.data {
            let author_id = tweet.author_id.unwrap_or_default();
            let author = answer.includes.user(Some(&author_id));
            page.heard.push(Heard {
                kind: HeardKind::Mention,
                thread: format!(
                    "{}:{author_id}",
                    tweet.conversation_id.as_deref().unwrap_or(&tweet.id)
                ),
                author_name: author
                    .map_or_else(|| author_id.clone(), |u| format!("{} (@{})", u.name, u.username)),
                author_followers: author.and_then(x::User::followers),
                author_id,
                text: tweet.text,
                post_id: tweet.conversation_id.filter(|c| *c != tweet.id),
                at: tweet.created_at.unwrap_or_else(Utc::now),
                id: tweet.id,
            });
        }
        next = answer.meta.next_token;
        if next.is_none() {
            break;
        }
    }
    Ok(page)
}

// ---- YouTube ---------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtThreads {
    #[serde(default)]
    items: Vec<YtThread>,
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
struct YtThread {
    snippet: YtThreadSnippet,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtThreadSnippet {
    video_id: Option<String>,
    top_level_comment: YtComment,
}

#[derive(Deserialize)]
struct YtComment {
    id: String,
    snippet: YtCommentSnippet,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YtCommentSnippet {
    #[serde(default)]
    author_display_name: String,
    author_channel_id: Option<YtChannelId>,
    #[serde(default)]
    text_display: String,
    published_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct YtChannelId {
    value: String,
}

async fn youtube_comments(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &ReadNew,
) -> Result<NewPage, PublishError> {
    let url = format!("{base}/youtube/v3/commentThreads");
    let since = request.cursor.as_deref().and_then(|c| DateTime::parse_from_rfc3339(c).ok());
    let pages = if since.is_some() { request.max_pages.max(1) } else { 1 };
    let mut page = NewPage::default();
    let mut next: Option<String> = None;
    'pages: for _ in 0..pages {
        let mut query: Vec<(&str, &str)> = vec![
            ("part", "snippet"),
            ("allThreadsRelatedToChannelId", &account.platform_account_id),
            ("order", "time"),
            ("maxResults", "100"),
            ("textFormat", "plainText"),
        ];
        if let Some(token) = &next {
            query.push(("pageToken", token));
        }
        let response = api.read(api.http().get(&url).query(&query)).await?;
        let answer: YtThreads = response.json().await.map_err(|e| api.unreadable(e))?;
        // Reaching the cursor's time: nothing older is new.
        let mut reached = false;
        for thread in answer.items {
            let comment = thread.snippet.top_level_comment;
            let at = comment.snippet.published_at;
            if since.is_some_and(|since| at < since) {
                break 'pages;
            }
            reached |= since.is_some_and(|since| at <= since);
            let newest = page.cursor.as_deref().and_then(|c| DateTime::parse_from_rfc3339(c).ok());
            if newest.is_none_or(|n| at > n) {
                page.cursor = Some(at.to_rfc3339());
            }
            let author_id = comment
                .snippet
                .author_channel_id
                .map(|c| c.value)
                .unwrap_or_else(|| comment.snippet.author_display_name.clone());
            let video = thread.snippet.video_id.unwrap_or_default();
            page.heard.push(Heard {
                id: comment.id,
                kind: HeardKind::Comment,
                thread: format!("{video}:{author_id}"),
                author_name: comment.snippet.author_display_name,
                author_followers: None,
                author_id,
                text: comment.snippet.text_display,
                post_id: (!video.is_empty()).then_some(video),
                at,
            });
        }
        next = answer.next_page_token;
        if next.is_none() || reached {
            break;
        }
    }
    Ok(page)
}

// ---- Reddit ----------------------------------------------------------------

#[derive(Deserialize)]
struct RedditItem {
    name: String,
    author: Option<String>,
    #[serde(default)]
    body: String,
    created_utc: f64,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    context: String,
    first_message_name: Option<String>,
}

/// The post a comment's `context` permalink names
/// (`/r/{sub}/comments/{post}/{slug}/{comment}/?context=3` → `t3_{post}`).
fn post_of(context: &str) -> Option<String> {
    let mut parts = context.split('/');
    parts.find(|p| *p == "comments")?;
    parts.next().filter(|p| !p.is_empty()).map(|p| format!("t3_{p}"))
}

async fn reddit_inbox(
    api: &mut SocialApi<'_>,
    base: &str,
    request: &ReadNew,
) -> Result<NewPage, PublishError> {
    let url = format!("{base}/message/inbox");
    let since = request.cursor.as_deref().and_then(|c| c.parse::<f64>().ok());
    let pages = if since.is_some() { request.max_pages.max(1) } else { 1 };
    let mut page = NewPage::default();
    let mut newest: Option<f64> = None;
    let mut after: Option<String> = None;
    'pages: for _ in 0..pages {
        let mut query: Vec<(&str, &str)> =
            vec![("limit", "100"), ("mark", "false"), ("raw_json", "1")];
        if let Some(after) = &after {
            query.push(("after", after));
        }
        let response = api.read(api.http().get(&url).query(&query)).await?;
        let listing: Listing<RedditItem> = response.json().await.map_err(|e| api.unreadable(e))?;
        let mut reached = false;
        for child in listing.data.children {
            let item = child.data;
            if since.is_some_and(|since| item.created_utc < since) {
                break 'pages;
            }
            reached |= since.is_some_and(|since| item.created_utc <= since);
            if newest.is_none_or(|n| item.created_utc > n) {
                newest = Some(item.created_utc);
            }
            // A deleted author cannot be answered or told apart.
            let Some(author) = item.author.filter(|a| !a.is_empty() && a != "[deleted]") else {
                continue;
            };
            let (kind, thread, post_id) = if child.kind == "t4" {
                let root = item.first_message_name.unwrap_or_else(|| item.name.clone());
                (HeardKind::Message, format!("{root}:{author}"), None)
            } else {
                let post = post_of(&item.context);
                let kind = if item.subject == "username mention" {
                    HeardKind::Mention
                } else {
                    HeardKind::Comment
                };
                (kind, format!("{}:{author}", post.as_deref().unwrap_or_default()), post)
            };
            page.heard.push(Heard {
                id: item.name,
                kind,
                thread,
                author_name: format!("u/{author}"),
                author_id: author,
                author_followers: None,
                text: item.body,
                post_id,
                at: reddit::time(item.created_utc),
            });
        }
        after = listing.data.after;
        if after.is_none() || reached {
            break;
        }
    }
    page.cursor = newest.map(|n| format!("{n:.0}"));
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comments_context_names_its_post() {
        assert_eq!(
            post_of("/r/SaaS/comments/1nwcf64/in_b2b_growth/nhy70wb/?context=3").as_deref(),
            Some("t3_1nwcf64")
        );
        assert_eq!(post_of(""), None);
    }
}
