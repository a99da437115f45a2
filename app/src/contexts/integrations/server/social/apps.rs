//! Each social platform's OAuth app: where people grant access, where codes and
//! refresh tokens are exchanged, what Aura asks for, and the platform's own way
//! of taking the app's credentials. From each platform's OAuth documentation
//! (read 2026-11):
//!
//! | platform | authorize / token | client auth | PKCE | scopes |
//! |---|---|---|---|---|
//! | Facebook, Instagram | Facebook Login `dialog/oauth` / Graph `oauth/access_token`, then `fb_exchange_token` (60 days) | in the body | no | comma-separated |
//! | X | `x.com/i/oauth2/authorize` / `api.x.com/2/oauth2/token` | HTTP Basic (confidential client) | required (S256) | space-separated |
//! | LinkedIn | `linkedin.com/oauth/v2/authorization` / `…/accessToken` | in the body | no (web apps) | space-separated |
//! | TikTok | `tiktok.com/v2/auth/authorize/` / `open.tiktokapis.com/v2/oauth/token/` | `client_key` + `client_secret` in the body | no (web) | comma-separated |
//! | YouTube | Google's `o/oauth2/v2/auth` / `oauth2.googleapis.com/token`, `access_type=offline` | in the body | yes (S256) | space-separated |
//! | Pinterest | `pinterest.com/oauth/` / `api.pinterest.com/v5/oauth/token` | HTTP Basic | no | comma-separated |
//! | Threads | `threads.net/oauth/authorize` / `graph.threads.net/oauth/access_token`, then `th_exchange_token` (60 days) | in the body | no | comma-separated |
//! | Reddit | `reddit.com/api/v1/authorize`, `duration=permanent` / `…/api/v1/access_token` | HTTP Basic | no | space-separated |
//!
//! Facebook and Instagram share the Meta app of the brand data sources (Instagram
//! professional accounts are reached through the Pages they are linked to);
//! YouTube shares the Google app.

use crate::contexts::integrations::types::SocialPlatform;
use crate::server::Secret;

/// How the platform wants the app's id and secret on the token request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` form fields.
    Body,
    /// `Authorization: Basic base64(id:secret)`.
    Basic,
}

/// One social platform's OAuth app.
#[derive(Debug, Clone)]
pub struct SocialApp {
    pub platform: SocialPlatform,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub auth_url: String,
    pub token_url: String,
    /// The environment variables of the id and the secret, for "not configured".
    pub(crate) variables: [&'static str; 2],
}

impl SocialApp {
    /// The variables still to set; empty when the platform can connect.
    pub fn missing(&self) -> Vec<&'static str> {
        let [id, secret] = self.variables;
        let mut missing = Vec::new();
        if self.client_id.is_none() {
            missing.push(id);
        }
        if self.client_secret.is_none() {
            missing.push(secret);
        }
        missing
    }

    /// What Aura asks for: publishing, and reading the profile (and the Pages,
    /// organisations or boards to publish to).
    pub fn scopes(&self) -> &'static str {
        match self.platform {
            SocialPlatform::Facebook | SocialPlatform::Instagram => {
                "pages_show_list,pages_read_engagement,pages_manage_posts,business_management,instagram_basic,instagram_content_publish,instagram_manage_comments"
            }
            SocialPlatform::Twitter => {
                "tweet.read tweet.write users.read media.write offline.access"
            }
            SocialPlatform::Linkedin => {
                "openid profile w_member_social w_organization_social rw_organization_admin"
            }
            SocialPlatform::Tiktok => {
                "user.info.basic,user.info.profile,video.publish,video.upload"
            }
            SocialPlatform::Youtube => "https://www.googleapis.com/auth/youtube.force-ssl",
            SocialPlatform::Pinterest => {
                "boards:read,boards:write,pins:read,pins:write,user_accounts:read"
            }
            SocialPlatform::Threads => {
                "threads_basic,threads_content_publish,threads_manage_replies,threads_read_replies"
            }
            SocialPlatform::Reddit => "identity submit read",
        }
    }

    pub fn client_auth(&self) -> ClientAuth {
        match self.platform {
            SocialPlatform::Twitter | SocialPlatform::Pinterest | SocialPlatform::Reddit => {
                ClientAuth::Basic
            }
            _ => ClientAuth::Body,
        }
    }

    /// X requires PKCE; Google recommends it.
    pub fn uses_pkce(&self) -> bool {
        matches!(self.platform, SocialPlatform::Twitter | SocialPlatform::Youtube)
    }

    /// Parameters the consent screen needs beyond the standard ones: Google's for a
    /// refresh token, Reddit's for a refresh token.
    pub fn extra_authorize_params(&self) -> &'static [(&'static str, &'static str)] {
        match self.platform {
            SocialPlatform::Youtube => &[("access_type", "offline"), ("prompt", "consent")],
            SocialPlatform::Reddit => &[("duration", "permanent")],
            _ => &[],
        }
    }

    /// TikTok names the app's id `client_key`.
    pub fn client_id_param(&self) -> &'static str {
        if self.platform == SocialPlatform::Tiktok { "client_key" } else { "client_id" }
    }

    /// Threads renews a long-lived token with the token itself (`th_refresh_token`),
    /// without a refresh token.
    pub fn renews_without_refresh_token(platform: SocialPlatform) -> bool {
        platform == SocialPlatform::Threads
    }
}

/// The nine platforms' apps.
#[derive(Debug, Clone)]
pub struct SocialApps {
    pub instagram: SocialApp,
    pub facebook: SocialApp,
    pub x: SocialApp,
    pub linkedin: SocialApp,
    pub tiktok: SocialApp,
    pub youtube: SocialApp,
    pub pinterest: SocialApp,
    pub threads: SocialApp,
    pub reddit: SocialApp,
}

impl SocialApps {
    pub fn get(&self, platform: SocialPlatform) -> &SocialApp {
        match platform {
            SocialPlatform::Instagram => &self.instagram,
            SocialPlatform::Facebook => &self.facebook,
            SocialPlatform::Twitter => &self.x,
            SocialPlatform::Linkedin => &self.linkedin,
            SocialPlatform::Tiktok => &self.tiktok,
            SocialPlatform::Youtube => &self.youtube,
            SocialPlatform::Pinterest => &self.pinterest,
            SocialPlatform::Threads => &self.threads,
            SocialPlatform::Reddit => &self.reddit,
        }
    }
}
