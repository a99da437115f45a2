//! Publishing to social accounts through each platform's documented API (one
//! module per platform), on behalf of the content context's publish job.
//!
//! Every outcome is said in words a person can act on, and sorted by what may be
//! done next ([`PublishError`]): retried (the platform was busy or unreachable
//! before it took the post), waited for (a rate limit, with the platform's own
//! time), never repeated (the platform may have taken the post: "unconfirmed"),
//! or handed to a person (refused, or access ended).

mod api;
mod apps;
mod facebook;
pub mod incoming;
mod instagram;
mod linkedin;
pub mod metrics;
pub mod oauth;
mod pinterest;
pub mod profiles;
mod reddit;
pub mod replies;
pub mod search;
mod threads;
mod tiktok;
mod x;
mod youtube;

use std::time::Duration;

pub use api::{Patience, SocialApi};
pub use apps::{ClientAuth, SocialApp, SocialApps};

use crate::contexts::integrations::types::SocialPlatform;

/// What one target sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishRequest {
    pub text: String,
    pub title: Option<String>,
    pub link: Option<String>,
    pub subreddit: Option<String>,
    pub first_comment: Option<String>,
    /// Pinterest's board (its id, or its name as the account's boards list it).
    pub board: Option<String>,
    /// TikTok's `privacy_level`, YouTube's `privacyStatus`.
    pub privacy: Option<String>,
    /// The post's files in order, as signed links the platform fetches.
    pub media: Vec<PublishMedia>,
}

/// What a file is, for the platform's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishMediaKind {
    Image,
    Gif,
    Video,
}

/// One file of a post: links the platform may fetch for an hour, and its bytes
/// for the platforms that take files in the request ([`takes_bytes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishMedia {
    pub kind: PublishMediaKind,
    /// Its type as read from its content (`image/png`, `video/mp4`).
    pub mime: String,
    /// The file as uploaded.
    pub url: String,
    /// For an image that is not a JPEG: the same image as a JPEG (Instagram and
    /// TikTok take JPEG only).
    pub jpeg_url: Option<String>,
    pub bytes: Option<FileBytes>,
}

/// A file's content; shown in logs by its size only.
#[derive(Clone, PartialEq, Eq)]
pub struct FileBytes(pub bytes::Bytes);

impl std::fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.0.len())
    }
}

/// Whether the platform takes a post's files as bytes in its requests (X,
/// LinkedIn, TikTok videos, YouTube) rather than fetching them from links.
pub fn takes_bytes(platform: SocialPlatform) -> bool {
    matches!(
        platform,
        SocialPlatform::Twitter
            | SocialPlatform::Linkedin
            | SocialPlatform::Tiktok
            | SocialPlatform::Youtube
    )
}

/// The account to publish as, with its token opened.
#[derive(Debug, Clone)]
pub struct Account {
    pub platform: SocialPlatform,
    /// The platform's id for it (X and Threads user id, Facebook page id, the
    /// LinkedIn author URN, the Reddit username).
    pub platform_account_id: String,
    pub username: String,
    pub access_token: crate::server::Secret,
    /// What the platform told at connect time (Pinterest's boards).
    pub metadata: serde_json::Value,
}

/// A published post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub id: String,
    pub permalink: Option<String>,
    /// The post went out, but its first comment did not: why.
    pub first_comment_error: Option<String>,
}

/// Why a post did not go out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishError {
    /// Access has ended or was revoked: a person reconnects the account.
    #[error("{0}")]
    Reauthorize(String),
    /// The platform's rate limit or quota: try again after `retry_in`.
    #[error("{message}")]
    RateLimited { message: String, retry_in: Duration },
    /// Busy or unreachable before the platform took the post: trying again is safe.
    #[error("{0}")]
    Transient(String),
    /// No answer after the post was sent: the platform may have published it, so
    /// it is never sent again on its own; a person checks the account.
    #[error("{0}")]
    Unconfirmed(String),
    /// The platform refused the post (its own words): a person changes it.
    #[error("{0}")]
    Refused(String),
}

/// Where each platform's API lives (the real endpoints by default; tests and the
/// browser tests point them at a local mock).
#[derive(Debug, Clone)]
pub struct SocialApis {
    /// Meta's Graph API (Facebook Pages; Instagram).
    pub graph: String,
    pub x: String,
    pub linkedin: String,
    /// LinkedIn's `LinkedIn-Version` header (YYYYMM): versions retire after a year,
    /// so it is a setting.
    pub linkedin_version: String,
    pub threads: String,
    /// Threads' token host (`/oauth/access_token`, `/access_token`,
    /// `/refresh_access_token` sit outside the versioned API).
    pub threads_graph: String,
    pub reddit: String,
    pub tiktok: String,
    /// Google's API host (YouTube Data API v3 under `/youtube/v3`).
    pub youtube: String,
    pub pinterest: String,
    /// Each platform's OAuth app.
    pub apps: SocialApps,
}

/// Publishes `request` as `account`.
pub async fn publish(
    http: &reqwest::Client,
    apis: &SocialApis,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let label = account.platform.label();
    let token = &account.access_token;
    match account.platform {
        SocialPlatform::Twitter => {
            x::publish(&mut SocialApi::bearer(http, label, token), &apis.x, account, request).await
        }
        SocialPlatform::Facebook => {
            let mut api = SocialApi::query_token(http, label, token);
            facebook::publish(&mut api, &apis.graph, account, request).await
        }
        SocialPlatform::Instagram => {
            let mut api = SocialApi::query_token(http, label, token);
            instagram::publish(&mut api, &apis.graph, account, request).await
        }
        SocialPlatform::Linkedin => {
            let mut api = SocialApi::bearer(http, label, token);
            linkedin::publish(&mut api, &apis.linkedin, &apis.linkedin_version, account, request)
                .await
        }
        SocialPlatform::Threads => {
            let mut api = SocialApi::query_token(http, label, token);
            threads::publish(&mut api, &apis.threads, account, request).await
        }
        SocialPlatform::Reddit => {
            if !request.media.is_empty() {
                return Err(PublishError::Refused(format!(
                    "Aura cannot attach files to {label} posts yet; post this one on {label} directly, or send {label} a copy without files."
                )));
            }
            let mut api = SocialApi::bearer(http, label, token);
            reddit::publish(&mut api, &apis.reddit, request).await
        }
        SocialPlatform::Pinterest => {
            let mut api = SocialApi::bearer(http, label, token);
            pinterest::publish(&mut api, &apis.pinterest, account, request).await
        }
        SocialPlatform::Tiktok => {
            let mut api = SocialApi::bearer(http, label, token);
            tiktok::publish(&mut api, &apis.tiktok, account, request).await
        }
        SocialPlatform::Youtube => {
            let mut api = SocialApi::bearer(http, label, token);
            youtube::publish(&mut api, &apis.youtube, account, request).await
        }
    }
}
