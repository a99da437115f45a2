//! YouTube Data API v3. A video goes by the resumable upload: `POST
//! /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status` with the
//! video's `snippet` (title, description) and `status` (`privacyStatus`) as JSON
//! and `X-Upload-Content-Length` / `X-Upload-Content-Type` answers 200 with the
//! session's address in `Location`; `PUT {Location}` with the bytes answers 201
//! with the `video` resource, whose `id` gives `https://www.youtube.com/watch?v=`.
//! The first comment is a comment thread (`POST
//! /youtube/v3/commentThreads?part=snippet`, scope `youtube.force-ssl`). Google's
//! limits (`quotaExceeded`, `uploadLimitExceeded`) wait as [`super::api`] reads
//! them.

use reqwest::header::{CONTENT_TYPE, LOCATION};
use serde::Deserialize;
use serde_json::json;

use super::{Account, PublishError, PublishMediaKind, PublishRequest, Published, SocialApi};

#[derive(Deserialize)]
struct Video {
    id: String,
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let label = api.label;
    let Some(video) = request.media.iter().find(|m| m.kind == PublishMediaKind::Video) else {
        return Err(PublishError::Refused(
            "YouTube posts are videos: add one video from the media library.".into(),
        ));
    };
    let bytes = api.bytes_of(video)?.clone();
    let metadata = json!({
        "snippet": {
            "title": request.title.as_deref().unwrap_or_default(),
            "description": request.text,
        },
        "status": { "privacyStatus": request.privacy.as_deref().unwrap_or("private") },
    });
    let start = api
        .http()
        .post(format!("{base}/upload/youtube/v3/videos"))
        .query(&[("uploadType", "resumable"), ("part", "snippet,status")])
        .header("X-Upload-Content-Length", bytes.len())
        .header("X-Upload-Content-Type", &video.mime)
        .json(&metadata);
    // Opening an upload session publishes nothing: it may be opened again.
    let session = api.read(start).await?;
    let Some(address) = session.headers().get(LOCATION).and_then(|v| v.to_str().ok()) else {
        return Err(PublishError::Transient(format!(
            "{label} did not give an address to upload the video to; Aura will try again."
        )));
    };
    let put = api
        .http()
        .put(address)
        .header(CONTENT_TYPE, &video.mime)
        .timeout(super::api::UPLOAD_TIMEOUT)
        .body(bytes);
    let created: Video = api.create(put).await?.json().await.map_err(|e| api.unreadable(e))?;
    let id = created.id;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let thread = json!({
                "snippet": {
                    "channelId": account.platform_account_id,
                    "videoId": id,
                    "topLevelComment": { "snippet": { "textOriginal": comment } }
                }
            });
            let post = api
                .http()
                .post(format!("{base}/youtube/v3/commentThreads"))
                .query(&[("part", "snippet")])
                .json(&thread);
            api.create(post).await.err().map(|e| e.to_string())
        }
        None => None,
    };
    Ok(Published {
        permalink: Some(format!("https://www.youtube.com/watch?v={id}")),
        id,
        first_comment_error,
    })
}
