//! X API v2: `POST /2/tweets` with `{"text"}` answers 201 `{"data":{"id","text"}}`;
//! the first comment is a reply (`reply.in_reply_to_tweet_id`). The permalink is
//! `https://x.com/{username}/status/{id}`, as X's own examples write it.

use serde::Deserialize;

use super::{Account, PublishError, PublishRequest, Published, SocialApi};

#[derive(Deserialize)]
struct Created {
    data: CreatedData,
}

#[derive(Deserialize)]
struct CreatedData {
    id: String,
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

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let id = tweet(api, base, serde_json::json!({ "text": request.text })).await?;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let reply =
                serde_json::json!({ "text": comment, "reply": { "in_reply_to_tweet_id": id } });
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
