//! Reddit: `POST /api/submit` (form: `sr`, `kind` `self` or `link`, `title`,
//! `text` or `url`, `api_type=json`) answers HTTP 200 with `{"json":{"errors":[],
//! "data":{"url","id","name"}}}`; a refusal is also a 200, with `errors` holding
//! `[NAME, message, field]` (`RATELIMIT` with `json.ratelimit` seconds,
//! `ALREADY_SUB`, `SUBREDDIT_NOEXIST`, …). The first comment is `POST
//! /api/comment` with `thing_id` = the post's `name`.

use std::time::Duration;

use serde::Deserialize;

use super::{PublishError, PublishRequest, Published, SocialApi};

#[derive(Deserialize)]
struct Envelope {
    json: Answer,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    errors: Vec<Vec<serde_json::Value>>,
    data: Option<Data>,
    ratelimit: Option<f64>,
}

#[derive(Deserialize)]
struct Data {
    url: Option<String>,
    name: Option<String>,
    id: Option<String>,
}

fn refusal(label: &str, answer: &Answer) -> Option<PublishError> {
    let first = answer.errors.first()?;
    let name = first.first().and_then(|v| v.as_str()).unwrap_or_default();
    let message = first.get(1).and_then(|v| v.as_str()).unwrap_or(name);
    Some(if name == "RATELIMIT" {
        let wait = Duration::from_secs_f64(answer.ratelimit.unwrap_or(600.0).max(1.0));
        PublishError::RateLimited {
            message: format!(
                "{label} says to wait before posting again (\"{message}\"); Aura will try again then."
            ),
            retry_in: wait,
        }
    } else {
        PublishError::Refused(format!("{label} refused the post: \"{message}\""))
    })
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let label = api.label;
    let subreddit = request.subreddit.as_deref().unwrap_or_default().trim_start_matches("r/");
    let title = request.title.as_deref().unwrap_or_default();
    let mut form = vec![("sr", subreddit), ("title", title), ("api_type", "json")];
    match &request.link {
        Some(link) => form.extend([("kind", "link"), ("url", link.as_str())]),
        None => form.extend([("kind", "self"), ("text", request.text.as_str())]),
    }
    let response = api.create(api.http().post(format!("{base}/api/submit")).form(&form)).await?;
    let envelope: Envelope = response.json().await.map_err(|e| api.unreadable(e))?;
    if let Some(error) = refusal(label, &envelope.json) {
        return Err(error);
    }
    let data = envelope.json.data.ok_or_else(|| api.unreadable("no data"))?;
    let name = data
        .name
        .or_else(|| data.id.map(|id| format!("t3_{id}")))
        .ok_or_else(|| api.unreadable("no id"))?;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let form =
                [("thing_id", name.as_str()), ("text", comment.as_str()), ("api_type", "json")];
            match api.create(api.http().post(format!("{base}/api/comment")).form(&form)).await {
                Ok(response) => match response.json::<Envelope>().await {
                    Ok(envelope) => refusal(label, &envelope.json).map(|e| e.to_string()),
                    Err(e) => Some(api.unreadable(e).to_string()),
                },
                Err(e) => Some(e.to_string()),
            }
        }
        None => None,
    };
    Ok(Published { id: name, permalink: data.url, first_comment_error })
}

// ---- Reading (the inbox's messages, listening's search) ----------------------

/// A Listing: `{"kind": "Listing", "data": {"children": [{"kind", "data"}],
/// "after"}}`, `after` the fullname to page from (null on the last page).
#[derive(Deserialize)]
pub(super) struct Listing<T> {
    pub data: ListingData<T>,
}

#[derive(Deserialize)]
pub(super) struct ListingData<T> {
    #[serde(default = "Vec::new")]
    pub children: Vec<Child<T>>,
    pub after: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct Child<T> {
    /// `t1` a comment, `t3` a post, `t4` a private message.
    pub kind: String,
    pub data: T,
}

/// A listing's `created_utc` (epoch seconds as a float) as a time.
pub(super) fn time(seconds: f64) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    // Whole seconds (the listing's floats end in .0).
    #[allow(clippy::cast_possible_truncation)]
    chrono::Utc.timestamp_opt(seconds as i64, 0).single().unwrap_or_else(chrono::Utc::now)
}
