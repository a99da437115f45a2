//! TikTok Content Posting API. Every answer is `{"data": {...}, "error": {"code",
//! "message", "log_id"}}` and only `code: "ok"` succeeded, even under HTTP 200.
//! A post first reads what the creator allows (`POST
//! /v2/post/publish/creator_info/query/`, `privacy_level_options`). A video goes
//! as a file: `POST /v2/post/publish/video/init/` with `source_info.source =
//! FILE_UPLOAD` answers `publish_id` and `upload_url`, and the bytes follow by
//! `PUT` with `Content-Range`, in one piece up to 64 MB, else in 10 MB chunks
//! (the last one takes the rest). Photos (up to 35, JPEG) are fetched by TikTok
//! from their signed links: `POST /v2/post/publish/content/init/` with
//! `PULL_FROM_URL` and `media_type=PHOTO`. Then `POST
//! /v2/post/publish/status/fetch/` tells `PROCESSING_*`, `PUBLISH_COMPLETE` (with
//! `publicaly_available_post_id`, the vendor's spelling, once moderated and
//! public) or `FAILED` with a `fail_reason`. TikTok has no API for comments.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::{
    Account, Patience, PublishError, PublishMediaKind, PublishRequest, Published, SocialApi,
};

/// A file up to this size goes in one piece; larger ones in [`CHUNK`]s.
const WHOLE_MAX: usize = 64 * 1024 * 1024;
const CHUNK: usize = 10_000_000;
/// Looks at a sent post before leaving TikTok to finish on its own (about 30 s).
const LOOKS: u32 = 15;

#[derive(Deserialize)]
struct Envelope<T> {
    data: Option<T>,
    error: Said,
}

#[derive(Deserialize)]
struct Said {
    code: String,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct CreatorInfo {
    #[serde(default)]
    privacy_level_options: Vec<String>,
}

#[derive(Deserialize)]
struct Started {
    publish_id: String,
    upload_url: Option<String>,
}

#[derive(Deserialize)]
struct Status {
    status: String,
    fail_reason: Option<String>,
    #[serde(default)]
    publicaly_available_post_id: Vec<serde_json::Value>,
}

/// A TikTok error code in words a person can act on.
fn refusal(label: &str, said: &Said) -> PublishError {
    let words = if said.message.is_empty() { said.code.clone() } else { said.message.clone() };
    match said.code.as_str() {
        "rate_limit_exceeded" => PublishError::RateLimited {
            message: format!(
                "{label} is limiting how often Aura may post; it will try again in a minute."
            ),
            retry_in: std::time::Duration::from_secs(60),
        },
        "access_token_invalid" | "scope_not_authorized" | "scope_permission_missed" => {
            PublishError::Reauthorize(format!(
                "{label} no longer accepts Aura's access to this account: \"{words}\". Reconnect the account, then retry."
            ))
        }
        "internal_error" => PublishError::Transient(format!(
            "{label} had a problem on its side; Aura will try again."
        )),
        "url_ownership_unverified" => PublishError::Refused(format!(
            "{label} only fetches photos from a domain verified in the app's TikTok settings: verify the domain of AURA_PUBLIC_URL there, then retry."
        )),
        "unaudited_client_can_only_post_to_private_accounts" => PublishError::Refused(format!(
            "{label} lets an app it has not audited post only to private accounts: make the account private, or have the app audited by TikTok."
        )),
        _ => {
            PublishError::Refused(format!("{label} refused the post: \"{words}\" ({})", said.code))
        }
    }
}

/// Sends a TikTok call and opens its envelope. `creates`: whether the call may
/// publish the post (a missing answer is then "unconfirmed").
async fn call<T: DeserializeOwned>(
    api: &mut SocialApi<'_>,
    request: reqwest::RequestBuilder,
    creates: bool,
) -> Result<T, PublishError> {
    let label = api.label;
    let response = if creates { api.create(request).await? } else { api.read(request).await? };
    let unreadable = |api: &SocialApi<'_>, detail: String| {
        if creates {
            api.unreadable(detail)
        } else {
            tracing::warn!(platform = label, %detail, "a platform's answer could not be read");
            PublishError::Transient(format!(
                "{label} answered with data Aura could not read; Aura will try again."
            ))
        }
    };
    let envelope: Envelope<T> =
        response.json().await.map_err(|e| unreadable(api, e.to_string()))?;
    if envelope.error.code != "ok" {
        return Err(refusal(label, &envelope.error));
    }
    envelope.data.ok_or_else(|| unreadable(api, "no data".into()))
}

/// Why TikTok failed a post, in words a person can act on.
fn failure(label: &str, reason: &str) -> PublishError {
    let words = match reason {
        "file_format_check_failed" => {
            "the video's format is not one TikTok takes (MP4, MOV or WebM)"
        }
        "duration_check_failed" => "the video is longer or shorter than this account may post",
        "frame_rate_check_failed" => "the video's frame rate is not one TikTok takes",
        "picture_size_check_failed" => "a photo's size is not one TikTok takes (at most 1080p)",
        "video_pull_failed" | "photo_pull_failed" => {
            "TikTok could not fetch the file from Aura's link; check that AURA_PUBLIC_URL is reachable from the internet"
        }
        "spam_risk_too_many_posts" => {
            "the account has reached TikTok's daily limit for posts from apps; post it from the TikTok app, or tomorrow"
        }
        "spam_risk_user_banned_from_posting" => "TikTok has banned this account from posting",
        "spam_risk_text" | "spam_risk" => "TikTok took the text for spam; change it",
        "publish_cancelled" => "the post was cancelled on TikTok",
        other => other,
    };
    match reason {
        "auth_removed" => PublishError::Reauthorize(format!(
            "{label} says the account removed Aura's access. Reconnect the account, then retry."
        )),
        "internal" => PublishError::Transient(format!(
            "{label} had a problem on its side; Aura will try again."
        )),
        _ => PublishError::Refused(format!("{label} did not publish the post: {words}.")),
    }
}

/// The chunk size and count TikTok is told for a file of `size` bytes.
fn chunking(size: usize) -> (usize, usize) {
    if size <= WHOLE_MAX { (size, 1) } else { (CHUNK, size / CHUNK) }
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let label = api.label;
    let privacy = request.privacy.as_deref().unwrap_or_default();
    let creator: CreatorInfo =
        call(api, api.http().post(format!("{base}/v2/post/publish/creator_info/query/")), false)
            .await?;
    if !creator.privacy_level_options.iter().any(|o| o == privacy) {
        return Err(PublishError::Refused(format!(
            "This {label} account allows only {}: choose one of those for who may see the post.",
            creator.privacy_level_options.join(", ")
        )));
    }
    let video = request.media.iter().find(|m| m.kind == PublishMediaKind::Video);
    let (publish_id, is_video) = match video {
        Some(video) => {
            let bytes = api.bytes_of(video)?.clone();
            let size = bytes.len();
            let (chunk, count) = chunking(size);
            let init = json!({
                "post_info": {
                    "title": request.text,
                    "privacy_level": privacy,
                    "disable_comment": false,
                    "disable_duet": false,
                    "disable_stitch": false
                },
                "source_info": {
                    "source": "FILE_UPLOAD",
                    "video_size": size,
                    "chunk_size": chunk,
                    "total_chunk_count": count
                }
            });
            let start = api.http().post(format!("{base}/v2/post/publish/video/init/")).json(&init);
            // Nothing is published until every byte is in: starting again is safe.
            let started: Started = call(api, start, false).await?;
            let Some(address) = started.upload_url else {
                return Err(PublishError::Transient(format!(
                    "{label} gave no address to upload the video to; Aura will try again."
                )));
            };
            for index in 0..count {
                let first = index * chunk;
                let last = if index + 1 == count { size } else { first + chunk } - 1;
                let part = api
                    .http()
                    .put(&address)
                    .header(reqwest::header::CONTENT_TYPE, &video.mime)
                    .header(reqwest::header::CONTENT_RANGE, format!("bytes {first}-{last}/{size}"))
                    .body(bytes.slice(first..=last));
                // Only the last part completes the upload, and with it the post.
                api.upload(part, index + 1 == count).await?;
            }
            (started.publish_id, true)
        }
        None => {
            let photos: Vec<&str> = request
                .media
                .iter()
                .map(|m| m.jpeg_url.as_deref().unwrap_or(m.url.as_str()))
                .collect();
            if photos.is_empty() {
                return Err(PublishError::Refused(format!(
                    "{label} posts need a video or photos: add them from the media library."
                )));
            }
            let title: String =
                request.title.clone().unwrap_or_else(|| request.text.chars().take(90).collect());
            let init = json!({
                "post_info": {
                    "title": title,
                    "description": request.text,
                    "privacy_level": privacy,
                    "disable_comment": false,
                    "auto_add_music": true
                },
                "source_info": {
                    "source": "PULL_FROM_URL",
                    "photo_cover_index": 0,
                    "photo_images": photos
                },
                "post_mode": "DIRECT_POST",
                "media_type": "PHOTO"
            });
            let start =
                api.http().post(format!("{base}/v2/post/publish/content/init/")).json(&init);
            let started: Started = call(api, start, true).await?;
            (started.publish_id, false)
        }
    };
    // The post is TikTok's now: a slow answer leaves it to finish there, never
    // to be sent again.
    let mut patience = Patience::new(LOOKS);
    loop {
        let fetch = api
            .http()
            .post(format!("{base}/v2/post/publish/status/fetch/"))
            .json(&json!({ "publish_id": publish_id }));
        let status: Status = match call(api, fetch, false).await {
            Ok(status) => status,
            Err(_) if patience.spent() => break,
            Err(_) => {
                patience.wait(label, "the post").await?;
                continue;
            }
        };
        match status.status.as_str() {
            "PUBLISH_COMPLETE" => {
                let public = status.publicaly_available_post_id.first().map(|id| match id {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
                let permalink = public
                    .as_ref()
                    .filter(|_| is_video)
                    .map(|id| format!("https://www.tiktok.com/@{}/video/{id}", account.username));
                let id = public.unwrap_or(publish_id);
                return Ok(Published { id, permalink, first_comment_error: None });
            }
            "FAILED" => {
                return Err(failure(label, status.fail_reason.as_deref().unwrap_or("")));
            }
            _ if patience.spent() => break,
            _ => patience.wait(label, "the post").await?,
        }
    }
    Ok(Published { id: publish_id, permalink: None, first_comment_error: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_up_to_64_mb_go_whole_and_larger_ones_in_chunks_the_last_taking_the_rest() {
        assert_eq!(chunking(3_000_000), (3_000_000, 1));
        assert_eq!(chunking(WHOLE_MAX), (WHOLE_MAX, 1));
        assert_eq!(chunking(95_000_000), (CHUNK, 9));
    }
}
