//! Pinterest API v5: `POST /v5/pins` with JSON `board_id`, `title`,
//! `description`, `link` and `media_source` (`{"source_type":"image_url","url"}`
//! for one image, `multiple_image_urls` with `items[].url` for 2–5) answers the
//! Pin (`{"id", …}`); the permalink is `https://www.pinterest.com/pin/{id}/`.
//! Pinterest fetches each image from its link. The board is the target's board:
//! its id, or its name as the account's boards (read at connect time) list it.

use serde::Deserialize;
use serde_json::json;

use super::{Account, PublishError, PublishMediaKind, PublishRequest, Published, SocialApi};

#[derive(Deserialize)]
struct Pin {
    id: String,
}

/// The board's id: digits as given, or the id of the account's board with that name.
fn board_id(account: &Account, board: &str) -> Option<String> {
    let board = board.trim();
    if !board.is_empty() && board.chars().all(|c| c.is_ascii_digit()) {
        return Some(board.to_owned());
    }
    account
        .metadata
        .get("boards")
        .and_then(|b| b.as_array())?
        .iter()
        .find(|b| {
            b.get("name").and_then(|n| n.as_str()).is_some_and(|n| n.eq_ignore_ascii_case(board))
        })
        .and_then(|b| b.get("id").and_then(|id| id.as_str()))
        .map(str::to_owned)
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let board = request.board.as_deref().unwrap_or_default();
    let Some(board) = board_id(account, board) else {
        return Err(PublishError::Refused(format!(
            "Pinterest has no board \"{board}\" on this account: choose one of its boards (reconnect the account if the board is new)."
        )));
    };
    if request.media.iter().any(|m| m.kind == PublishMediaKind::Video) {
        return Err(PublishError::Refused(
            "Aura cannot upload videos to Pinterest yet; pin images, or post the video on Pinterest directly.".into(),
        ));
    }
    let media_source = match request.media.as_slice() {
        [] => {
            return Err(PublishError::Refused(
                "Pins need an image: add one from the media library.".into(),
            ));
        }
        [one] => json!({ "source_type": "image_url", "url": one.url }),
        many => json!({
            "source_type": "multiple_image_urls",
            "items": many.iter().take(5).map(|m| json!({ "url": m.url })).collect::<Vec<_>>(),
        }),
    };
    let mut body = json!({
        "board_id": board,
        "description": request.text.chars().take(800).collect::<String>(),
        "media_source": media_source,
    });
    if let Some(title) = &request.title {
        body["title"] = json!(title);
    }
    if let Some(link) = &request.link {
        body["link"] = json!(link);
    }
    let create = api.http().post(format!("{base}/v5/pins")).json(&body);
    let pin: Pin = api.create(create).await?.json().await.map_err(|e| api.unreadable(e))?;
    Ok(Published {
        permalink: Some(format!("https://www.pinterest.com/pin/{}/", pin.id)),
        id: pin.id,
        first_comment_error: None,
    })
}
