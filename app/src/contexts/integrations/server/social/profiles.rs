//! Who granted access, read right after the code exchange: the accounts the
//! person may add, each with its platform id, name and picture. Facebook lists
//! the person's Pages (each with its own Page token) and Instagram the
//! professional accounts linked to them; LinkedIn the member and the
//! organisations they administer; Pinterest the account with its boards. The
//! other platforms have one account per sign-in.
//!
//! Requests and answers as each platform documents them:
//! - Facebook/Instagram: `GET /me/accounts?fields=…` → `{"data":[{"id","name",
//!   "access_token","picture":{"data":{"url"}},"instagram_business_account":{…}}]}`
//! - X: `GET /2/users/me?user.fields=profile_image_url` → `{"data":{"id","name","username"}}`
//! - LinkedIn: `GET /v2/userinfo` → `{"sub","name","picture"}`;
//!   `GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`
//!   → `{"elements":[{"organization":"urn:li:organization:…"}]}`;
//!   `GET /rest/organizations/{id}` → `{"localizedName","vanityName"}`
//! - TikTok: `GET /v2/user/info/?fields=…` → `{"data":{"user":{…}},"error":{"code":"ok"}}`
//! - YouTube: `GET /youtube/v3/channels?part=snippet&mine=true` → `{"items":[{"id","snippet":{…}}]}`
//! - Pinterest: `GET /v5/user_account` → `{"username","profile_image","business_name"}`;
//!   `GET /v5/boards` → `{"items":[{"id","name","privacy"}],"bookmark"}`
//! - Threads: `GET /me?fields=id,username,name,threads_profile_picture_url`
//! - Reddit: `GET /api/v1/me` → `{"id","name","icon_img"}`

use reqwest::RequestBuilder;
use serde_json::{Value, json};

use super::SocialApis;
use super::api::words;
use crate::contexts::integrations::types::SocialPlatform;
use crate::server::Secret;

/// An account the person may add.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub platform: SocialPlatform,
    pub platform_account_id: String,
    pub username: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
    /// The token to publish with when it is the Page's own, not the person's
    /// (Facebook Pages, and Instagram accounts through their Page).
    pub page_token: Option<Secret>,
    pub metadata: Value,
}

struct Reader<'a> {
    http: &'a reqwest::Client,
    label: &'static str,
    token: &'a Secret,
    /// Meta and Threads take the token in the query.
    in_query: bool,
}

impl Reader<'_> {
    async fn get(&self, request: RequestBuilder) -> Result<Value, String> {
        let label = self.label;
        let request = if self.in_query {
            request.query(&[("access_token", self.token.expose())])
        } else {
            request.bearer_auth(self.token.expose())
        };
        let response = request
            .send()
            .await
            .map_err(|_| format!("Could not reach {label} to read the account. Connect again."))?;
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        if !status.is_success() {
            let detail = words(&body).map(|w| format!(": {w}")).unwrap_or_default();
            return Err(format!("{label} did not show Aura the account ({status}){detail}."));
        }
        serde_json::from_str(&body)
            .map_err(|_| format!("{label} answered with an account Aura could not read."))
    }
}

fn text(value: &Value, pointer: &str) -> Option<String> {
    value.pointer(pointer).and_then(|v| match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn one(
    platform: SocialPlatform,
    id: Option<String>,
    username: Option<String>,
    name: Option<String>,
    avatar_url: Option<String>,
) -> Result<Vec<Candidate>, String> {
    let label = platform.label();
    let id = id.ok_or_else(|| format!("{label} did not say which account this is."))?;
    let username = username.or_else(|| name.clone()).unwrap_or_else(|| id.clone());
    Ok(vec![Candidate {
        platform,
        display_name: name.unwrap_or_else(|| username.clone()),
        platform_account_id: id,
        username,
        avatar_url,
        page_token: None,
        metadata: json!({}),
    }])
}

/// The accounts this sign-in may add on `platform`.
pub async fn candidates(
    http: &reqwest::Client,
    apis: &SocialApis,
    platform: SocialPlatform,
    token: &Secret,
) -> Result<Vec<Candidate>, String> {
    let label = platform.label();
    let in_query = matches!(
        platform,
        SocialPlatform::Facebook | SocialPlatform::Instagram | SocialPlatform::Threads
    );
    let reader = Reader { http, label, token, in_query };
    match platform {
        SocialPlatform::Facebook | SocialPlatform::Instagram => {
            pages(&reader, &apis.graph, platform).await
        }
        SocialPlatform::Twitter => {
            let me = reader
                .get(
                    http.get(format!("{}/2/users/me", apis.x))
                        .query(&[("user.fields", "profile_image_url")]),
                )
                .await?;
            one(
                platform,
                text(&me, "/data/id"),
                text(&me, "/data/username"),
                text(&me, "/data/name"),
                text(&me, "/data/profile_image_url"),
            )
        }
        SocialPlatform::Linkedin => linkedin(&reader, apis).await,
        SocialPlatform::Tiktok => {
            let me = reader
                .get(
                    http.get(format!("{}/v2/user/info/", apis.tiktok))
                        .query(&[("fields", "open_id,avatar_url,display_name,username")]),
                )
                .await?;
            // TikTok answers some failures with 200 and the error in the body.
            if let Some(code) = text(&me, "/error/code").filter(|c| c != "ok") {
                let message = text(&me, "/error/message").unwrap_or(code);
                return Err(format!("TikTok did not show Aura the account: {message}."));
            }
            one(
                platform,
                text(&me, "/data/user/open_id"),
                text(&me, "/data/user/username"),
                text(&me, "/data/user/display_name"),
                text(&me, "/data/user/avatar_url"),
            )
        }
        SocialPlatform::Youtube => {
            let list = reader
                .get(
                    http.get(format!("{}/youtube/v3/channels", apis.youtube))
                        .query(&[("part", "snippet"), ("mine", "true")]),
                )
                .await?;
            let channels = list.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
            if channels.is_empty() {
                return Err("This Google account has no YouTube channel. Create one on YouTube, or sign in with the account that owns the channel.".into());
            }
            Ok(channels
                .iter()
                .filter_map(|c| {
                    let id = text(c, "/id")?;
                    let title = text(c, "/snippet/title").unwrap_or_else(|| id.clone());
                    Some(Candidate {
                        platform,
                        username: text(c, "/snippet/customUrl").unwrap_or_else(|| title.clone()),
                        display_name: title,
                        avatar_url: text(c, "/snippet/thumbnails/default/url"),
                        platform_account_id: id,
                        page_token: None,
                        metadata: json!({}),
                    })
                })
                .collect())
        }
        SocialPlatform::Pinterest => {
            let me = reader.get(http.get(format!("{}/v5/user_account", apis.pinterest))).await?;
            let boards = reader
                .get(
                    http.get(format!("{}/v5/boards", apis.pinterest))
                        .query(&[("page_size", "100")]),
                )
                .await?;
            let boards: Vec<Value> = boards
                .get("items")
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|b| {
                            Some(json!({"id": text(b, "/id")?, "name": text(b, "/name")?}))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let username = text(&me, "/username");
            let mut found = one(
                platform,
                text(&me, "/id").or_else(|| username.clone()),
                username,
                text(&me, "/business_name"),
                text(&me, "/profile_image"),
            )?;
            found[0].metadata = json!({ "boards": boards });
            Ok(found)
        }
        SocialPlatform::Threads => {
            let me = reader
                .get(
                    http.get(format!("{}/me", apis.threads))
                        .query(&[("fields", "id,username,name,threads_profile_picture_url")]),
                )
                .await?;
            one(
                platform,
                text(&me, "/id"),
                text(&me, "/username"),
                text(&me, "/name"),
                text(&me, "/threads_profile_picture_url"),
            )
        }
        SocialPlatform::Reddit => {
            let me = reader.get(http.get(format!("{}/api/v1/me", apis.reddit))).await?;
            // Reddit writes `&` in the icon's address as `&amp;`.
            let icon = text(&me, "/icon_img").map(|u| u.replace("&amp;", "&"));
            let name = text(&me, "/name");
            one(platform, name.clone(), name.clone(), name.map(|n| format!("u/{n}")), icon)
        }
    }
}

/// Facebook Pages, or the Instagram professional accounts linked to them.
async fn pages(
    reader: &Reader<'_>,
    graph: &str,
    platform: SocialPlatform,
) -> Result<Vec<Candidate>, String> {
    let fields = "id,name,username,access_token,picture{url},instagram_business_account{id,username,name,profile_picture_url}";
    let list = reader
        .get(
            reader
                .http
                .get(format!("{graph}/me/accounts"))
                .query(&[("fields", fields), ("limit", "100")]),
        )
        .await?;
    let pages = list.get("data").and_then(Value::as_array).cloned().unwrap_or_default();
    let found: Vec<Candidate> = pages
        .iter()
        .filter_map(|page| {
            let page_id = text(page, "/id")?;
            let page_name = text(page, "/name").unwrap_or_else(|| page_id.clone());
            let page_token = text(page, "/access_token").map(Secret::new);
            if platform == SocialPlatform::Facebook {
                return Some(Candidate {
                    platform,
                    username: text(page, "/username").unwrap_or_else(|| page_id.clone()),
                    display_name: page_name,
                    avatar_url: text(page, "/picture/data/url"),
                    platform_account_id: page_id,
                    page_token,
                    metadata: json!({}),
                });
            }
            let ig = page.get("instagram_business_account")?;
            let id = text(ig, "/id")?;
            let username = text(ig, "/username").unwrap_or_else(|| id.clone());
            Some(Candidate {
                platform,
                display_name: text(ig, "/name").unwrap_or_else(|| username.clone()),
                username,
                avatar_url: text(ig, "/profile_picture_url"),
                platform_account_id: id,
                page_token,
                metadata: json!({ "page_id": page_id, "page_name": page_name }),
            })
        })
        .collect();
    if found.is_empty() {
        return Err(if platform == SocialPlatform::Facebook {
            "This Facebook login manages no Pages, or did not share them with Aura. Connect again and choose the Pages to share.".into()
        } else {
            "None of the Pages shared with Aura has an Instagram professional account linked. Link the Instagram account to its Facebook Page in Instagram's settings, then connect again.".into()
        });
    }
    Ok(found)
}

/// The member, and the organisations they administer (when the app may list them).
async fn linkedin(reader: &Reader<'_>, apis: &SocialApis) -> Result<Vec<Candidate>, String> {
    let platform = SocialPlatform::Linkedin;
    let me = reader.get(reader.http.get(format!("{}/v2/userinfo", apis.linkedin))).await?;
    let mut found = one(
        platform,
        text(&me, "/sub").map(|sub| format!("urn:li:person:{sub}")),
        text(&me, "/name"),
        text(&me, "/name"),
        text(&me, "/picture"),
    )?;
    let versioned = |url: String| {
        reader
            .http
            .get(url)
            .header("LinkedIn-Version", &apis.linkedin_version)
            .header("X-Restli-Protocol-Version", "2.0.0")
    };
    // Without the organisation permission LinkedIn refuses the list: the member
    // alone can still be added.
    let Ok(acls) = reader
        .get(versioned(format!("{}/rest/organizationAcls", apis.linkedin)).query(&[
            ("q", "roleAssignee"),
            ("role", "ADMINISTRATOR"),
            ("state", "APPROVED"),
        ]))
        .await
    else {
        return Ok(found);
    };
    let orgs: Vec<String> = acls
        .get("elements")
        .and_then(Value::as_array)
        .map(|e| e.iter().filter_map(|acl| text(acl, "/organization")).collect())
        .unwrap_or_default();
    for urn in orgs {
        let Some(id) = urn.rsplit(':').next().filter(|id| !id.is_empty()) else { continue };
        let org = reader
            .get(versioned(format!("{}/rest/organizations/{id}", apis.linkedin)))
            .await
            .unwrap_or_default();
        let name = text(&org, "/localizedName").unwrap_or_else(|| format!("Organization {id}"));
        found.push(Candidate {
            platform,
            username: text(&org, "/vanityName").unwrap_or_else(|| name.clone()),
            display_name: name,
            avatar_url: None,
            platform_account_id: urn,
            page_token: None,
            metadata: json!({ "organization": true }),
        });
    }
    Ok(found)
}
