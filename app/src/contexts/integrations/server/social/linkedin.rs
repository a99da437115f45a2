//! LinkedIn Posts API: `POST /rest/posts` (headers `LinkedIn-Version` and
//! `X-Restli-Protocol-Version: 2.0.0`) answers 201 with an empty body and the new
//! post's URN in the `x-restli-id` header. The permalink is
//! `https://www.linkedin.com/feed/update/{urn}/`; the first comment is
//! `POST /rest/socialActions/{urn}/comments`.
//!
//! Files go first. An image: `POST /rest/images?action=initializeUpload`
//! (`initializeUploadRequest.owner`) answers `value.uploadUrl` and `value.image`,
//! and the bytes follow by `PUT`. A video: `POST
//! /rest/videos?action=initializeUpload` (`owner`, `fileSizeBytes`) answers
//! `value.video`, `value.uploadToken` and `value.uploadInstructions[]` (each a
//! `uploadUrl` with its `firstByte`–`lastByte`); each part's `PUT` answers an
//! `ETag`; `POST /rest/videos?action=finalizeUpload` with the ETags in order;
//! then `GET /rest/videos/{urn}` until its `status` is `AVAILABLE`. The post
//! carries `content.media.id` (one image or the video) or
//! `content.multiImage.images[].id` (2–20 images).

use serde::Deserialize;
use serde_json::json;

use super::{
    Account, Patience, PublishError, PublishMedia, PublishMediaKind, PublishRequest, Published,
    SocialApi,
};
use crate::ui::feedback::urlencode;

/// Looks at a processing video (five seconds apart) before handing the target
/// back to the queue.
const LOOKS: u32 = 60;

#[derive(Deserialize)]
struct Initialized<T> {
    value: T,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImageUpload {
    upload_url: String,
    image: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VideoUpload {
    video: String,
    #[serde(default)]
    upload_token: String,
    upload_instructions: Vec<Instruction>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Instruction {
    upload_url: String,
    first_byte: usize,
    last_byte: usize,
}

#[derive(Deserialize)]
struct VideoStatus {
    status: String,
}

/// The versioned API's headers.
fn versioned(request: reqwest::RequestBuilder, version: &str) -> reqwest::RequestBuilder {
    request.header("LinkedIn-Version", version).header("X-Restli-Protocol-Version", "2.0.0")
}

/// Uploads one file for `owner`; its URN (`urn:li:image:…`, `urn:li:video:…`).
/// Nothing is published by an upload, so any step may be done again.
async fn upload(
    api: &mut SocialApi<'_>,
    base: &str,
    version: &str,
    owner: &str,
    media: &PublishMedia,
) -> Result<String, PublishError> {
    let label = api.label;
    let bytes = api.bytes_of(media)?.clone();
    let unreadable = |detail: String| {
        tracing::warn!(platform = label, %detail, "a platform's answer could not be read");
        PublishError::Transient(format!(
            "{label} answered an upload with data Aura could not read; Aura will try again."
        ))
    };
    if media.kind != PublishMediaKind::Video {
        let init = json!({ "initializeUploadRequest": { "owner": owner } });
        let start = versioned(api.http().post(format!("{base}/rest/images")), version)
            .query(&[("action", "initializeUpload")])
            .json(&init);
        let started: Initialized<ImageUpload> =
            api.read(start).await?.json().await.map_err(|e| unreadable(e.to_string()))?;
        let put = api
            .http()
            .put(&started.value.upload_url)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .timeout(super::api::UPLOAD_TIMEOUT)
            .body(bytes);
        api.read(put).await?;
        return Ok(started.value.image);
    }
    let init = json!({ "initializeUploadRequest": {
        "owner": owner,
        "fileSizeBytes": bytes.len(),
        "uploadCaptions": false,
        "uploadThumbnail": false
    }});
    let start = versioned(api.http().post(format!("{base}/rest/videos")), version)
        .query(&[("action", "initializeUpload")])
        .json(&init);
    let started: Initialized<VideoUpload> =
        api.read(start).await?.json().await.map_err(|e| unreadable(e.to_string()))?;
    let upload = started.value;
    let mut etags = Vec::new();
    for part in &upload.upload_instructions {
        if part.first_byte > part.last_byte || part.last_byte >= bytes.len() {
            return Err(unreadable(format!(
                "a part from {} to {}",
                part.first_byte, part.last_byte
            )));
        }
        let put = api
            .http()
            .put(&part.upload_url)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .timeout(super::api::UPLOAD_TIMEOUT)
            .body(bytes.slice(part.first_byte..=part.last_byte));
        let answer = api.read(put).await?;
        let etag = answer.headers().get(reqwest::header::ETAG).and_then(|v| v.to_str().ok());
        etags.push(etag.ok_or_else(|| unreadable("no ETag for a part".into()))?.to_owned());
    }
    let finalize = json!({ "finalizeUploadRequest": {
        "video": upload.video,
        "uploadToken": upload.upload_token,
        "uploadedPartIds": etags
    }});
    let finish = versioned(api.http().post(format!("{base}/rest/videos")), version)
        .query(&[("action", "finalizeUpload")])
        .json(&finalize);
    api.read(finish).await?;
    // LinkedIn processes a video for minutes: up to five of looks before the
    // target goes back to the queue.
    let mut patience = Patience::new(LOOKS).every(std::time::Duration::from_secs(5));
    loop {
        let read = versioned(
            api.http().get(format!("{base}/rest/videos/{}", urlencode(&upload.video))),
            version,
        );
        let status: VideoStatus =
            api.read(read).await?.json().await.map_err(|e| unreadable(e.to_string()))?;
        match status.status.as_str() {
            "AVAILABLE" => return Ok(upload.video),
            "PROCESSING_FAILED" => {
                return Err(PublishError::Refused(format!(
                    "{label} could not process the video. Check that it meets LinkedIn's video rules (MP4, 3 seconds to 30 minutes)."
                )));
            }
            _ => patience.wait(label, "the video").await?,
        }
    }
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    version: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let author = &account.platform_account_id;
    let mut urns = Vec::new();
    for media in request.media.iter().take(20) {
        urns.push(upload(api, base, version, author, media).await?);
    }
    let mut body = json!({
        "author": author,
        "commentary": request.text,
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": []
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": false
    });
    match urns.as_slice() {
        [] => {}
        [one] => body["content"] = json!({ "media": { "id": one } }),
        many => {
            let images: Vec<_> = many.iter().map(|id| json!({ "id": id })).collect();
            body["content"] = json!({ "multiImage": { "images": images } });
        }
    }
    let post = versioned(api.http().post(format!("{base}/rest/posts")), version).json(&body);
    let response = api.create(post).await?;
    let urn = response
        .headers()
        .get("x-restli-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| api.unreadable("no x-restli-id header"))?;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let body = json!({
                "actor": author,
                "object": urn,
                "message": { "text": comment }
            });
            let url = format!("{base}/rest/socialActions/{}/comments", urlencode(&urn));
            api.create(versioned(api.http().post(url), version).json(&body))
                .await
                .err()
                .map(|e| e.to_string())
        }
        None => None,
    };
    Ok(Published {
        permalink: Some(format!("https://www.linkedin.com/feed/update/{urn}/")),
        id: urn,
        first_comment_error,
    })
}
