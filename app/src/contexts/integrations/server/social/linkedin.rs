//! LinkedIn Posts API: `POST /rest/posts` (headers `LinkedIn-Version` and
//! `X-Restli-Protocol-Version: 2.0.0`) answers 201 with an empty body and the new
//! post's URN in the `x-restli-id` header. The permalink is
//! `https://www.linkedin.com/feed/update/{urn}/`; the first comment is
//! `POST /rest/socialActions/{urn}/comments`.

use super::{Account, PublishError, PublishRequest, Published, SocialApi};
use crate::ui::feedback::urlencode;

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    version: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let author = &account.platform_account_id;
    let body = serde_json::json!({
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
    let headers = |r: reqwest::RequestBuilder| {
        r.header("LinkedIn-Version", version).header("X-Restli-Protocol-Version", "2.0.0")
    };
    let response =
        api.create(headers(api.http().post(format!("{base}/rest/posts")).json(&body))).await?;
    let urn = response
        .headers()
        .get("x-restli-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| api.unreadable("no x-restli-id header"))?;
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let body = serde_json::json!({
                "actor": author,
                "object": urn,
                "message": { "text": comment }
            });
            let url = format!("{base}/rest/socialActions/{}/comments", urlencode(&urn));
            api.create(headers(api.http().post(url).json(&body))).await.err().map(|e| e.to_string())
        }
        None => None,
    };
    Ok(Published {
        permalink: Some(format!("https://www.linkedin.com/feed/update/{urn}/")),
        id: urn,
        first_comment_error,
    })
}
