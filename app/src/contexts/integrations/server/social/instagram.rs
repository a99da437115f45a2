//! Instagram (Graph API, a professional account reached through its Facebook
//! Page, the Page's token): a container per post (`POST /{ig-user-id}/media`
//! with `image_url` and `caption`, or `media_type=REELS` and `video_url`; for 2–10
//! files one container each with `is_carousel_item=true`, then one with
//! `media_type=CAROUSEL` and `children`), answered `{"id"}`; its `status_code`
//! (`GET /{container}?fields=status_code`) turns `FINISHED` (or `ERROR`,
//! `EXPIRED`); `POST /{ig-user-id}/media_publish` with `creation_id` answers the
//! media's `{"id"}`, whose `permalink` is read back; the first comment is
//! `POST /{media-id}/comments` with `message`. Instagram fetches each file from
//! its link and takes images as JPEG only (non-JPEG images go as their JPEG copy).

use serde::Deserialize;

use super::{
    Account, Patience, PublishError, PublishMedia, PublishMediaKind, PublishRequest, Published,
    SocialApi,
};

/// Looks at a container before the job hands the target back to the queue to
/// look again (Instagram suggests once a minute for up to five minutes; a photo
/// is usually ready at once).
const LOOKS: u32 = 5;

#[derive(Deserialize)]
struct Id {
    id: String,
}

#[derive(Deserialize)]
struct Status {
    status_code: String,
    status: Option<String>,
}

fn item(media: &PublishMedia) -> Vec<(&'static str, String)> {
    match media.kind {
        PublishMediaKind::Video => {
            vec![("media_type", "REELS".into()), ("video_url", media.url.clone())]
        }
        PublishMediaKind::Image | PublishMediaKind::Gif => {
            vec![("image_url", media.jpeg_url.clone().unwrap_or_else(|| media.url.clone()))]
        }
    }
}

/// Makes a container (publishing nothing, so it may be made again) and waits
/// until Instagram has fetched and prepared it.
async fn container(
    api: &mut SocialApi<'_>,
    base: &str,
    user: &str,
    form: &[(&'static str, String)],
) -> Result<String, PublishError> {
    let label = api.label;
    let create = api.http().post(format!("{base}/{user}/media")).form(form);
    let made: Id = api.read(create).await?.json().await.map_err(|e| api.unreadable(e))?;
    let mut patience = Patience::new(LOOKS);
    loop {
        let read = api
            .http()
            .get(format!("{base}/{}", made.id))
            .query(&[("fields", "status_code,status")]);
        let status: Status = api.read(read).await?.json().await.map_err(|e| api.unreadable(e))?;
        match status.status_code.as_str() {
            "FINISHED" => return Ok(made.id),
            "ERROR" => {
                return Err(PublishError::Refused(format!(
                    "{label} could not prepare the post from its files ({}). Check that each file meets Instagram's size and format rules.",
                    status.status.unwrap_or_else(|| "no reason given".into())
                )));
            }
            "EXPIRED" => {
                return Err(PublishError::Transient(format!(
                    "{label} let the prepared post expire; Aura will prepare it again."
                )));
            }
            _ => patience.wait(label, "the post's files").await?,
        }
    }
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let user = account.platform_account_id.as_str();
    let caption = request.text.clone();
    let creation = match request.media.as_slice() {
        [] => {
            return Err(PublishError::Refused(
                "Instagram posts need a photo or a video: add one from the media library.".into(),
            ));
        }
        [one] => {
            let mut form = item(one);
            form.push(("caption", caption));
            container(api, base, user, &form).await?
        }
        many => {
            let mut children = Vec::new();
            for media in many.iter().take(10) {
                let mut form = item(media);
                form.push(("is_carousel_item", "true".into()));
                children.push(container(api, base, user, &form).await?);
            }
            let form = [
                ("media_type", "CAROUSEL".to_owned()),
                ("children", children.join(",")),
                ("caption", caption),
            ];
            container(api, base, user, &form).await?
        }
    };
    let publish = api
        .http()
        .post(format!("{base}/{user}/media_publish"))
        .form(&[("creation_id", creation.as_str())]);
    let post: Id = api.create(publish).await?.json().await.map_err(|e| api.unreadable(e))?;
    let id = post.id;
    let permalink = api.field_of(base, &id, "permalink").await;
    let first_comment_error = api.first_comment(base, &id, request.first_comment.as_deref()).await;
    Ok(Published { id, permalink, first_comment_error })
}
