//! Facebook Pages (Graph API): `POST /{page-id}/feed` with `message` (and `link`)
//! and the page's access token answers `{"id":"{page-id}_{post-id}"}`; the
//! permalink is the post's `permalink_url`; the first comment is
//! `POST /{post-id}/comments` with `message`.
//!
//! With files: one photo is `POST /{page-id}/photos` with `url` and `message`
//! (`{"id", "post_id"}`); several are each uploaded unpublished
//! (`published=false`) and attached to a feed post (`attached_media[i]` =
//! `{"media_fbid"}`); a video is `POST /{page-id}/videos` with `file_url` and
//! `description` (`{"id"}`). Facebook fetches each file from its link.

use serde::Deserialize;

use super::{Account, PublishError, PublishMediaKind, PublishRequest, Published, SocialApi};

#[derive(Deserialize)]
struct Created {
    id: String,
    /// A photo's feed post.
    post_id: Option<String>,
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let page = account.platform_account_id.as_str();
    let videos = request.media.iter().filter(|m| m.kind == PublishMediaKind::Video).count();
    let id = match (request.media.as_slice(), videos) {
        ([], _) => {
            let mut form = vec![("message", request.text.clone())];
            if let Some(link) = &request.link {
                form.push(("link", link.clone()));
            }
            let create = api.http().post(format!("{base}/{page}/feed")).form(&form);
            let created: Created =
                api.create(create).await?.json().await.map_err(|e| api.unreadable(e))?;
            created.id
        }
        ([video], 1) => {
            let form = [("file_url", video.url.as_str()), ("description", request.text.as_str())];
            let create = api.http().post(format!("{base}/{page}/videos")).form(&form);
            let created: Created =
                api.create(create).await?.json().await.map_err(|e| api.unreadable(e))?;
            created.id
        }
        (_, 0) if request.media.len() == 1 => {
            let form = [("url", request.media[0].url.as_str()), ("message", request.text.as_str())];
            let create = api.http().post(format!("{base}/{page}/photos")).form(&form);
            let created: Created =
                api.create(create).await?.json().await.map_err(|e| api.unreadable(e))?;
            created.post_id.unwrap_or(created.id)
        }
        (photos, 0) => {
            // Unpublished photos publish nothing: they may be uploaded again safely.
            let mut form = vec![("message".to_owned(), request.text.clone())];
            for (at, photo) in photos.iter().enumerate() {
                let upload = api
                    .http()
                    .post(format!("{base}/{page}/photos"))
                    .form(&[("url", photo.url.as_str()), ("published", "false")]);
                let uploaded: Created =
                    api.read(upload).await?.json().await.map_err(|e| api.unreadable(e))?;
                form.push((
                    format!("attached_media[{at}]"),
                    serde_json::json!({ "media_fbid": uploaded.id }).to_string(),
                ));
            }
            let create = api.http().post(format!("{base}/{page}/feed")).form(&form);
            let created: Created =
                api.create(create).await?.json().await.map_err(|e| api.unreadable(e))?;
            created.id
        }
        _ => {
            return Err(PublishError::Refused(
                "Facebook takes photos or one video in a post, not both: keep the photos or the video.".into(),
            ));
        }
    };
    let permalink = api.field_of(base, &id, "permalink_url").await;
    let first_comment_error = api.first_comment(base, &id, request.first_comment.as_deref()).await;
    Ok(Published { id, permalink, first_comment_error })
}
