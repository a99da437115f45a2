//! Answering a person as an account, through the platform's documented API
//! (docs/integrations.md → Inbox):
//!
//! - a Facebook comment: `POST /{comment-id}/comments` with `message` → `{"id"}`;
//! - a Messenger conversation: `POST /{page-id}/messages` with `recipient`
//!   `{"id": PSID}`, `messaging_type` `RESPONSE` and `message` `{"text"}` →
//!   `{"recipient_id", "message_id"}`;
//! - an Instagram comment: `POST /{ig-comment-id}/replies` with `message` →
//!   `{"id"}` (a reply to a reply joins the top-level comment);
//! - an Instagram message: `POST /me/messages` with the Page token, `recipient`
//!   `{"id": IGSID}` and `message` `{"text"}` → `{"recipient_id", "message_id"}`.
//! - an X post: `POST /2/tweets` with `{"text", "reply":
//!   {"in_reply_to_tweet_id"}}` → 201 `{"data": {"id", "text"}}` (since
//!   February 2026 X takes an API reply only to a post that mentions or quotes
//!   the account: the inbox's X threads are mentions);
//! - a YouTube comment: `POST /youtube/v3/comments?part=snippet` with
//!   `{"snippet": {"parentId", "textOriginal"}}` (the top-level comment) → the
//!   new comment resource (`id`);
//! - a Reddit comment or private message: `POST /api/comment` (form:
//!   `thing_id` = its fullname, `t1_…` or `t4_…`, `text`, `api_type=json`) →
//!   200 `{"json": {"errors": [], "data": {"things": [{"kind", "data":
//!   {"name"}}]}}}`; a refusal is a 200 too, with `errors` holding `[NAME,
//!   message, field]`.
//!
//! Other platforms' replies are not built yet, and say so.

use serde::Deserialize;
use serde_json::json;

use super::{Account, PublishError, SocialApi, SocialApis};
use crate::contexts::integrations::types::SocialPlatform;

/// What to answer, and where.
#[derive(Debug, Clone)]
pub enum ReplyTo {
    /// Under a comment or post (on Reddit also a private message, which is
    /// answered the same way): the platform's id of it.
    Comment(String),
    /// In a Messenger or Instagram direct-message thread: the person's
    /// platform id.
    Message(String),
}

/// Whether `platform` answers a direct message by the person
/// ([`ReplyTo::Message`]) rather than by the message ([`ReplyTo::Comment`]).
pub fn answers_person(platform: SocialPlatform) -> bool {
    matches!(platform, SocialPlatform::Facebook | SocialPlatform::Instagram)
}

#[derive(Debug, Clone)]
pub struct ReplyRequest {
    pub to: ReplyTo,
    pub text: String,
}

#[derive(Deserialize)]
struct Created {
    id: Option<String>,
    message_id: Option<String>,
}

#[derive(Deserialize)]
struct XCreated {
    data: Created,
}

#[derive(Deserialize)]
struct RedditEnvelope {
    json: RedditAnswer,
}

#[derive(Deserialize)]
struct RedditAnswer {
    #[serde(default)]
    errors: Vec<Vec<serde_json::Value>>,
    data: Option<RedditData>,
}

#[derive(Deserialize)]
struct RedditData {
    #[serde(default)]
    things: Vec<RedditThing>,
}

#[derive(Deserialize)]
struct RedditThing {
    data: RedditName,
}

#[derive(Deserialize)]
struct RedditName {
    name: Option<String>,
    id: Option<String>,
}

/// Sends the reply; the platform's id of what it created.
pub async fn reply(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    request: &ReplyRequest,
) -> Result<String, PublishError> {
    let label = account.platform.label();
    let token = &account.access_token;
    match (account.platform, &request.to) {
        (SocialPlatform::Twitter, ReplyTo::Comment(post)) => {
            let mut api = SocialApi::bearer(http, label, token).replying();
            let send = api.http().post(format!("{}/2/tweets", apis.x)).json(&json!({
                "text": request.text,
                "reply": { "in_reply_to_tweet_id": post },
            }));
            let created: XCreated =
                api.create(send).await?.json().await.map_err(|e| api.unreadable(e))?;
            return created.data.id.ok_or_else(|| api.unreadable("no id in the answer"));
        }
        (SocialPlatform::Youtube, ReplyTo::Comment(comment)) => {
            let mut api = SocialApi::bearer(http, label, token).replying();
            let send = api
                .http()
                .post(format!("{}/youtube/v3/comments", apis.youtube))
                .query(&[("part", "snippet")])
                .json(&json!({ "snippet": { "parentId": comment, "textOriginal": request.text } }));
            let created: Created =
                api.create(send).await?.json().await.map_err(|e| api.unreadable(e))?;
            return created.id.ok_or_else(|| api.unreadable("no id in the answer"));
        }
        (SocialPlatform::Reddit, ReplyTo::Comment(thing)) => {
            let mut api = SocialApi::bearer(http, label, token).replying();
            let form =
                [("thing_id", thing.as_str()), ("text", &request.text), ("api_type", "json")];
            let send = api.http().post(format!("{}/api/comment", apis.reddit)).form(&form);
            let answer: RedditEnvelope =
                api.create(send).await?.json().await.map_err(|e| api.unreadable(e))?;
            if let Some(first) = answer.json.errors.first() {
                let name = first.first().and_then(|v| v.as_str()).unwrap_or_default();
                let message = first.get(1).and_then(|v| v.as_str()).unwrap_or(name);
                return Err(PublishError::Refused(format!(
                    "{label} refused the reply: \"{message}\""
                )));
            }
            let thing = answer.json.data.and_then(|d| d.things.into_iter().next());
            return thing
                .and_then(|t| t.data.name.or(t.data.id))
                .ok_or_else(|| api.unreadable("no id in the answer"));
        }
        _ => {}
    }
    let mut api = SocialApi::query_token(http, label, token).replying();
    let base = &apis.graph;
    let send = match (account.platform, &request.to) {
        (SocialPlatform::Facebook, ReplyTo::Comment(comment)) => api
            .http()
            .post(format!("{base}/{comment}/comments"))
            .form(&[("message", request.text.as_str())]),
        (SocialPlatform::Facebook, ReplyTo::Message(person)) => {
            let page = &account.platform_account_id;
            api.http().post(format!("{base}/{page}/messages")).json(&json!({
                "recipient": { "id": person },
                "messaging_type": "RESPONSE",
                "message": { "text": request.text },
            }))
        }
        (SocialPlatform::Instagram, ReplyTo::Comment(comment)) => api
            .http()
            .post(format!("{base}/{comment}/replies"))
            .form(&[("message", request.text.as_str())]),
        (SocialPlatform::Instagram, ReplyTo::Message(person)) => {
            api.http().post(format!("{base}/me/messages")).json(&json!({
                "recipient": { "id": person },
                "message": { "text": request.text },
            }))
        }
        (platform, _) => {
            return Err(PublishError::Refused(format!(
                "Aura cannot answer on {} yet; answer on {} itself.",
                platform.label(),
                platform.label()
            )));
        }
    };
    let created: Created = api.create(send).await?.json().await.map_err(|e| api.unreadable(e))?;
    created.message_id.or(created.id).ok_or_else(|| api.unreadable("no id in the answer"))
}
