//! Threads API: a container (`POST /{user-id}/threads` with `media_type=TEXT` and
//! `text`) answers `{"id"}`; its `status` (`GET /{container}?fields=status,
//! error_message`) turns `FINISHED` (or `ERROR`, `EXPIRED`); `POST
//! /{user-id}/threads_publish` with `creation_id` publishes it and answers the
//! post's `{"id"}`, whose `permalink` is read back. The first comment is a reply:
//! a container with `reply_to_id`, published the same way.

use serde::Deserialize;

use super::{
    Account, Patience, PublishError, PublishMediaKind, PublishRequest, Published, SocialApi,
};

/// Looks at a container before the job hands the target back to the queue to
/// look again.
const LOOKS: u32 = 5;

#[derive(Deserialize)]
struct Id {
    id: String,
}

#[derive(Deserialize)]
struct Status {
    status: String,
    error_message: Option<String>,
}

/// Publishes a container made from `form`.
async fn publish_one(
    api: &mut SocialApi<'_>,
    base: &str,
    user: &str,
    form: &[(&str, &str)],
) -> Result<String, PublishError> {
    let container = container(api, base, user, form).await?;
    let publish = api
        .http()
        .post(format!("{base}/{user}/threads_publish"))
        .form(&[("creation_id", container.as_str())]);
    let post: Id = api.create(publish).await?.json().await.map_err(|e| api.unreadable(e))?;
    Ok(post.id)
}

/// Makes a container and waits until Threads has prepared it.
async fn container(
    api: &mut SocialApi<'_>,
    base: &str,
    user: &str,
    form: &[(&str, &str)],
) -> Result<String, PublishError> {
    let label = api.label;
    let create = api.http().post(format!("{base}/{user}/threads")).form(form);
    // Creating a container publishes nothing: it may be made again safely.
    let container: Id = api.read(create).await?.json().await.map_err(|e| api.unreadable(e))?;
    let mut patience = Patience::new(LOOKS);
    loop {
        let read = api
            .http()
            .get(format!("{base}/{}", container.id))
            .query(&[("fields", "status,error_message")]);
        let status: Status = api.read(read).await?.json().await.map_err(|e| api.unreadable(e))?;
        match status.status.as_str() {
            "FINISHED" => break,
            "ERROR" => {
                return Err(PublishError::Refused(format!(
                    "{label} could not prepare the post ({}).",
                    status.error_message.unwrap_or_else(|| "no reason given".into())
                )));
            }
            "EXPIRED" => {
                return Err(PublishError::Transient(format!(
                    "{label} let the prepared post expire; Aura will prepare it again."
                )));
            }
            _ => patience.wait(label, "the post").await?,
        }
    }
    Ok(container.id)
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let user = account.platform_account_id.as_str();
    let item = |kind: PublishMediaKind| match kind {
        PublishMediaKind::Video => ("VIDEO", "video_url"),
        PublishMediaKind::Image | PublishMediaKind::Gif => ("IMAGE", "image_url"),
    };
    let id = match request.media.as_slice() {
        [] => {
            let mut form = vec![("media_type", "TEXT"), ("text", request.text.as_str())];
            if let Some(link) = &request.link {
                form.push(("link_attachment", link.as_str()));
            }
            publish_one(api, base, user, &form).await?
        }
        [one] => {
            let (kind, field) = item(one.kind);
            let form =
                [("media_type", kind), (field, one.url.as_str()), ("text", request.text.as_str())];
            publish_one(api, base, user, &form).await?
        }
        many => {
            // Carousel items are containers of their own (2 to 20), then the carousel.
            let mut children = Vec::new();
            for media in many.iter().take(20) {
                let (kind, field) = item(media.kind);
                let form = [
                    ("media_type", kind),
                    (field, media.url.as_str()),
                    ("is_carousel_item", "true"),
                ];
                children.push(container(api, base, user, &form).await?);
            }
            let children = children.join(",");
            let form = [
                ("media_type", "CAROUSEL"),
                ("children", children.as_str()),
                ("text", request.text.as_str()),
            ];
            publish_one(api, base, user, &form).await?
        }
    };
    let permalink = api.field_of(base, &id, "permalink").await;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let reply =
                [("media_type", "TEXT"), ("text", comment.as_str()), ("reply_to_id", id.as_str())];
            publish_one(api, base, user, &reply).await.err().map(|e| e.to_string())
        }
        None => None,
    };
    Ok(Published { id, permalink, first_comment_error })
}
