//! X API v2. Files go first, each by the chunked media upload: `POST
//! /2/media/upload/initialize` (JSON `media_type`, `total_bytes`,
//! `media_category`) answers `data.id`; `POST /2/media/upload/{id}/append`
//! (multipart `media`, `segment_index` from 0) once per 4 MB; `POST
//! /2/media/upload/{id}/finalize` answers `data.processing_info` when X still
//! has work (videos, GIFs), then `GET /2/media/upload?command=STATUS&media_id=`
//! until its `state` is `succeeded` (or `failed`). Then `POST /2/tweets` with
//! `{"text", "media": {"media_ids"}}` answers 201 `{"data":{"id","text"}}`; the
//! first comment is a reply (`reply.in_reply_to_tweet_id`). The permalink is
//! `https://x.com/{username}/status/{id}`, as X's own examples write it.

use serde::Deserialize;
use serde_json::json;

use super::{
    Account, Patience, PublishError, PublishMedia, PublishMediaKind, PublishRequest, Published,
    SocialApi,
};

/// One appended segment (X's v1.1 limit was 5 MB a segment).
const SEGMENT: usize = 4 * 1024 * 1024;
/// Looks at a processing upload before handing the target back to the queue
/// (a video or GIF: [`VIDEO_LOOKS`], five seconds apart).
const LOOKS: u32 = 10;
const VIDEO_LOOKS: u32 = 60;

#[derive(Deserialize)]
struct Created {
    data: CreatedData,
}

#[derive(Deserialize)]
struct CreatedData {
    id: String,
}

#[derive(Deserialize)]
struct Upload {
    data: UploadData,
}

#[derive(Deserialize)]
struct UploadData {
    id: String,
    processing_info: Option<Processing>,
}

#[derive(Deserialize)]
struct Processing {
    state: String,
    error: Option<ProcessingError>,
}

#[derive(Deserialize)]
struct ProcessingError {
    message: Option<String>,
}

async fn tweet(
    api: &mut SocialApi<'_>,
    base: &str,
    body: serde_json::Value,
) -> Result<String, PublishError> {
    let request = api.http().post(format!("{base}/2/tweets")).json(&body);
    let response = api.create(request).await?;
    let created: Created = response.json().await.map_err(|e| api.unreadable(e))?;
    Ok(created.data.id)
}

/// Uploads one file and waits until X may attach it; its media id. An upload
/// publishes nothing, so any step may be done again.
async fn upload(
    api: &mut SocialApi<'_>,
    base: &str,
    media: &PublishMedia,
) -> Result<String, PublishError> {
    let label = api.label;
    let bytes = api.bytes_of(media)?.clone();
    let category = match media.kind {
        PublishMediaKind::Image => "tweet_image",
        PublishMediaKind::Gif => "tweet_gif",
        PublishMediaKind::Video => "tweet_video",
    };
    let unreadable = |detail: String| {
        tracing::warn!(platform = label, %detail, "a platform's answer could not be read");
        PublishError::Transient(format!(
            "{label} answered an upload with data Aura could not read; Aura will try again."
        ))
    };
    let init = json!({
        "media_type": media.mime,
        "total_bytes": bytes.len(),
        "media_category": category
    });
    let start = api.http().post(format!("{base}/2/media/upload/initialize")).json(&init);
    let started: Upload =
        api.read(start).await?.json().await.map_err(|e| unreadable(e.to_string()))?;
    let id = started.data.id;
    for (index, segment) in bytes.chunks(SEGMENT).enumerate() {
        let part = reqwest::multipart::Part::bytes(segment.to_vec())
            .file_name("media")
            .mime_str(&media.mime)
            .map_err(|e| unreadable(e.to_string()))?;
        let form = reqwest::multipart::Form::new()
            .text("segment_index", index.to_string())
            .part("media", part);
        let append = api
            .http()
            .post(format!("{base}/2/media/upload/{id}/append"))
            .timeout(super::api::UPLOAD_TIMEOUT)
            .multipart(form);
        // X answers an empty body or `{"data":{"expires_at"}}`: only the status counts.
        api.read(append).await?;
    }
    let finish = api.http().post(format!("{base}/2/media/upload/{id}/finalize"));
    let finished: Upload =
        api.read(finish).await?.json().await.map_err(|e| unreadable(e.to_string()))?;
    let mut processing = finished.data.processing_info;
    // X processes a video for a while: up to five minutes of looks before the
    // target goes back to the queue.
    let mut patience = match media.kind {
        PublishMediaKind::Image => Patience::new(LOOKS),
        _ => Patience::new(VIDEO_LOOKS).every(std::time::Duration::from_secs(5)),
    };
    while let Some(info) = processing {
        match info.state.as_str() {
            "succeeded" => break,
            "failed" => {
                let why =
                    info.error.and_then(|e| e.message).unwrap_or_else(|| "no reason given".into());
                return Err(PublishError::Refused(format!(
                    "{label} could not process the file ({why}). Check that it meets X's size and format rules."
                )));
            }
            _ => patience.wait(label, "the post's files").await?,
        }
        let status = api
            .http()
            .get(format!("{base}/2/media/upload"))
            .query(&[("command", "STATUS"), ("media_id", id.as_str())]);
        let read: Upload =
            api.read(status).await?.json().await.map_err(|e| unreadable(e.to_string()))?;
        processing = read.data.processing_info;
    }
    Ok(id)
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let mut media_ids = Vec::new();
    for media in request.media.iter().take(4) {
        media_ids.push(upload(api, base, media).await?);
    }
    let mut body = json!({ "text": request.text });
    if !media_ids.is_empty() {
        body["media"] = json!({ "media_ids": media_ids });
    }
    let id = tweet(api, base, body).await?;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let reply = json!({ "text": comment, "reply": { "in_reply_to_tweet_id": id } });
            tweet(api, base, reply).await.err().map(|e| e.to_string())
        }
        None => None,
    };
    Ok(Published {
        permalink: Some(format!("https://x.com/{}/status/{id}", account.username)),
        id,
        first_comment_error,
    })
}

// ---- Reading (the inbox's mentions, listening's search) ----------------------

/// A page of tweets as X's reads answer: `data` (absent when nothing
/// matched), the expanded authors in `includes.users`, and `meta`.
#[derive(Deserialize)]
pub(super) struct Timeline {
    #[serde(default)]
    pub data: Vec<Tweet>,
    #[serde(default)]
    pub includes: Includes,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Deserialize, Default)]
pub(super) struct Includes {
    #[serde(default)]
    pub users: Vec<User>,
}

impl Includes {
    pub fn user(&self, id: Option<&str>) -> Option<&User> {
        id.and_then(|id| self.users.iter().find(|u| u.id == id))
    }
}

/// `newest_id` is where the next read starts (`since_id`); `next_token` is
/// there while more pages are.
#[derive(Deserialize, Default)]
pub(super) struct Meta {
    pub newest_id: Option<String>,
    pub next_token: Option<String>,
}

/// A tweet with the `tweet.fields` a read asked for.
#[derive(Deserialize)]
pub(super) struct Tweet {
    pub id: String,
    pub text: String,
    pub author_id: Option<String>,
    pub conversation_id: Option<String>,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
    pub lang: Option<String>,
    #[serde(default)]
    pub public_metrics: serde_json::Map<String, serde_json::Value>,
}

impl Tweet {
    pub fn count(&self, field: &str) -> Option<i64> {
        count(&self.public_metrics, field)
    }

    /// Likes, replies, reposts and quotes (the reference renamed
    /// `retweet_count` `repost_count` in 2026).
    pub fn engagement(&self) -> i64 {
        ["like_count", "reply_count", "quote_count"]
            .iter()
            .filter_map(|f| self.count(f))
            .sum::<i64>()
            + self.count("retweet_count").or_else(|| self.count("repost_count")).unwrap_or(0)
    }
}

/// A user with the `user.fields` a read asked for.
#[derive(Deserialize)]
pub(super) struct User {
    pub id: String,
    pub username: String,
    pub name: String,
    pub profile_image_url: Option<String>,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub public_metrics: serde_json::Map<String, serde_json::Value>,
}

impl User {
    pub fn followers(&self) -> Option<i64> {
        count(&self.public_metrics, "followers_count")
    }
}

fn count(metrics: &serde_json::Map<String, serde_json::Value>, field: &str) -> Option<i64> {
    metrics.get(field).and_then(serde_json::Value::as_i64)
}
