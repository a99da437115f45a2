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
//!
//! Other platforms' replies are not built yet, and say so.

use serde::Deserialize;
use serde_json::json;

use super::{Account, PublishError, SocialApi, SocialApis};
use crate::contexts::integrations::types::SocialPlatform;

/// What to answer, and where.
#[derive(Debug, Clone)]
pub enum ReplyTo {
    /// Under a comment: the platform's id of the comment.
    Comment(String),
    /// In a direct-message thread: the person's platform id.
    Message(String),
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

/// Sends the reply; the platform's id of what it created.
pub async fn reply(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    request: &ReplyRequest,
) -> Result<String, PublishError> {
    let label = account.platform.label();
    let mut api = SocialApi::query_token(http, label, &account.access_token).replying();
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
