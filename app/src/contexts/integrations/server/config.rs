//! Where each platform's OAuth app and API live, from the environment. Client ids
//! and secrets have no defaults: without them a platform shows "not configured" and
//! names the variables to set. The URLs default to the platforms' real endpoints;
//! tests and the browser tests point them at a local mock server.
//!
//! Shopify's URLs are per shop: `{shop}` stands for the shop's subdomain.
//!
//! The composition root loads these settings at start-up (`crate::root::config`)
//! and keeps them in `AppState`'s configs; `IntegrationSettings::of` reads them back.

use std::sync::Arc;

use super::social::{SocialApp, SocialApps};
use crate::contexts::integrations::types::{Platform, SocialPlatform};
use crate::error::AppError;
use crate::server::env::{EnvError, Vars};
use crate::server::{AppState, Secret};

/// One platform's OAuth app and endpoints.
#[derive(Debug, Clone)]
pub struct PlatformConfig {
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// Where people are sent to grant access.
    pub auth_url: String,
    /// Where codes and refresh tokens are exchanged.
    pub token_url: String,
    /// The reporting API's base.
    pub api_url: String,
    /// GA4 only: the Admin API (the property's name and currency).
    pub admin_url: String,
    /// Google Ads only: the developer token every request carries.
    pub developer_token: Option<Secret>,
    /// The environment variables this platform reads, for the "not configured" hint.
    required: Vec<&'static str>,
}

impl PlatformConfig {
    /// The variables that still have to be set; empty when the platform can connect.
    pub fn missing(&self) -> Vec<&'static str> {
        self.required
            .iter()
            .copied()
            .filter(|name| match *name {
                n if n.ends_with("_CLIENT_ID") => self.client_id.is_none(),
                n if n.ends_with("_CLIENT_SECRET") => self.client_secret.is_none(),
                n if n.ends_with("_DEVELOPER_TOKEN") => self.developer_token.is_none(),
                _ => false,
            })
            .collect()
    }

    pub fn is_configured(&self) -> bool {
        self.missing().is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct IntegrationSettings {
    pub shopify: PlatformConfig,
    pub meta: PlatformConfig,
    pub google_ads: PlatformConfig,
    pub ga4: PlatformConfig,
    /// Where the social platforms' publishing APIs live.
    pub social: super::social::SocialApis,
}

impl IntegrationSettings {
    pub fn get(&self, platform: Platform) -> &PlatformConfig {
        match platform {
            Platform::Shopify => &self.shopify,
            Platform::Meta => &self.meta,
            Platform::GoogleAds => &self.google_ads,
            Platform::GoogleAnalytics => &self.ga4,
        }
    }

    /// The settings the composition root put in the application state.
    pub fn of(state: &AppState) -> Result<Arc<Self>, AppError> {
        state.config::<Self>()
    }

    /// Reads the variables from any source (tests pass a map); blank values are unset.
    pub fn from_lookup(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, EnvError> {
        Self::from_vars(Vars::new(get))
    }

    /// Reads the `AURA_SHOPIFY_*`, `AURA_META_*`, `AURA_GOOGLE_*`, `AURA_GA4_*`
    /// variables and the social platforms' `AURA_{X,LINKEDIN,TIKTOK,PINTEREST,
    /// THREADS,REDDIT}_*` ones (docs/configuration.md lists them).
    pub fn from_vars(vars: Vars<'_>) -> Result<Self, EnvError> {
        let var = |name: &str| vars.get(name);
        let url = |name: &'static str, default: &str| -> Result<String, EnvError> {
            let value = var(name).unwrap_or_else(|| default.to_owned());
            let value = value.trim().trim_end_matches('/').to_owned();
            let probe = value.replace("{shop}", "shop");
            match url::Url::parse(&probe) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(value),
                _ => Err(EnvError::Invalid {
                    name,
                    reason: format!("`{value}` is not an http(s) URL"),
                }),
            }
        };
        let shop = url("AURA_SHOPIFY_SHOP_URL", "https://{shop}.myshopify.com")?;
        let shopify = PlatformConfig {
            client_id: var("AURA_SHOPIFY_CLIENT_ID"),
            client_secret: var("AURA_SHOPIFY_CLIENT_SECRET").map(Secret::new),
            auth_url: format!("{shop}/admin/oauth/authorize"),
            token_url: format!("{shop}/admin/oauth/access_token"),
            api_url: format!("{shop}/admin/api/2024-10"),
            admin_url: String::new(),
            developer_token: None,
            required: vec!["AURA_SHOPIFY_CLIENT_ID", "AURA_SHOPIFY_CLIENT_SECRET"],
        };
        let meta_api = url("AURA_META_API_URL", "https://graph.facebook.com/v21.0")?;
        let meta = PlatformConfig {
            client_id: var("AURA_META_CLIENT_ID"),
            client_secret: var("AURA_META_CLIENT_SECRET").map(Secret::new),
            auth_url: url("AURA_META_AUTH_URL", "https://www.facebook.com/v21.0/dialog/oauth")?,
            token_url: format!("{meta_api}/oauth/access_token"),
            api_url: meta_api,
            admin_url: String::new(),
            developer_token: None,
            required: vec!["AURA_META_CLIENT_ID", "AURA_META_CLIENT_SECRET"],
        };
        let google_auth =
            url("AURA_GOOGLE_AUTH_URL", "https://accounts.google.com/o/oauth2/v2/auth")?;
        let google_token = url("AURA_GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token")?;
        let google_id = var("AURA_GOOGLE_CLIENT_ID");
        let google_secret = var("AURA_GOOGLE_CLIENT_SECRET").map(Secret::new);
        let google_ads = PlatformConfig {
            client_id: google_id.clone(),
            client_secret: google_secret.clone(),
            auth_url: google_auth.clone(),
            token_url: google_token.clone(),
            api_url: url("AURA_GOOGLE_ADS_API_URL", "https://googleads.googleapis.com/v18")?,
            admin_url: String::new(),
            developer_token: var("AURA_GOOGLE_ADS_DEVELOPER_TOKEN").map(Secret::new),
            required: vec![
                "AURA_GOOGLE_CLIENT_ID",
                "AURA_GOOGLE_CLIENT_SECRET",
                "AURA_GOOGLE_ADS_DEVELOPER_TOKEN",
            ],
        };
        let ga4 = PlatformConfig {
            client_id: google_id,
            client_secret: google_secret,
            auth_url: google_auth.clone(),
            token_url: google_token.clone(),
            api_url: url("AURA_GA4_DATA_URL", "https://analyticsdata.googleapis.com/v1beta")?,
            admin_url: url("AURA_GA4_ADMIN_URL", "https://analyticsadmin.googleapis.com/v1beta")?,
            developer_token: None,
            required: vec!["AURA_GOOGLE_CLIENT_ID", "AURA_GOOGLE_CLIENT_SECRET"],
        };
        let x = url("AURA_X_API_URL", "https://api.x.com")?;
        let linkedin_oauth = url("AURA_LINKEDIN_OAUTH_URL", "https://www.linkedin.com/oauth/v2")?;
        let tiktok = url("AURA_TIKTOK_API_URL", "https://open.tiktokapis.com")?;
        let pinterest = url("AURA_PINTEREST_API_URL", "https://api.pinterest.com")?;
        let threads_graph = url("AURA_THREADS_GRAPH_URL", "https://graph.threads.net")?;
        let app = |platform, variables: [&'static str; 2], auth_url: String, token_url: String| {
            SocialApp {
                platform,
                client_id: var(variables[0]),
                client_secret: var(variables[1]).map(Secret::new),
                auth_url,
                token_url,
                variables,
            }
        };
        let meta_app = ["AURA_META_CLIENT_ID", "AURA_META_CLIENT_SECRET"];
        let google_app = ["AURA_GOOGLE_CLIENT_ID", "AURA_GOOGLE_CLIENT_SECRET"];
        let apps = SocialApps {
            instagram: app(
                SocialPlatform::Instagram,
                meta_app,
                meta.auth_url.clone(),
                meta.token_url.clone(),
            ),
            facebook: app(
                SocialPlatform::Facebook,
                meta_app,
                meta.auth_url.clone(),
                meta.token_url.clone(),
            ),
            x: app(
                SocialPlatform::Twitter,
                ["AURA_X_CLIENT_ID", "AURA_X_CLIENT_SECRET"],
                url("AURA_X_AUTH_URL", "https://x.com/i/oauth2/authorize")?,
                format!("{x}/2/oauth2/token"),
            ),
            linkedin: app(
                SocialPlatform::Linkedin,
                ["AURA_LINKEDIN_CLIENT_ID", "AURA_LINKEDIN_CLIENT_SECRET"],
                format!("{linkedin_oauth}/authorization"),
                format!("{linkedin_oauth}/accessToken"),
            ),
            tiktok: app(
                SocialPlatform::Tiktok,
                ["AURA_TIKTOK_CLIENT_KEY", "AURA_TIKTOK_CLIENT_SECRET"],
                // TikTok's and Pinterest's documented URLs end in a slash.
                format!(
                    "{}/",
                    url("AURA_TIKTOK_AUTH_URL", "https://www.tiktok.com/v2/auth/authorize")?
                ),
                format!("{tiktok}/v2/oauth/token/"),
            ),
            youtube: app(
                SocialPlatform::Youtube,
                google_app,
                google_auth.clone(),
                google_token.clone(),
            ),
            pinterest: app(
                SocialPlatform::Pinterest,
                ["AURA_PINTEREST_CLIENT_ID", "AURA_PINTEREST_CLIENT_SECRET"],
                format!("{}/", url("AURA_PINTEREST_AUTH_URL", "https://www.pinterest.com/oauth")?),
                format!("{pinterest}/v5/oauth/token"),
            ),
            threads: app(
                SocialPlatform::Threads,
                ["AURA_THREADS_CLIENT_ID", "AURA_THREADS_CLIENT_SECRET"],
                url("AURA_THREADS_AUTH_URL", "https://threads.net/oauth/authorize")?,
                format!("{threads_graph}/oauth/access_token"),
            ),
            reddit: app(
                SocialPlatform::Reddit,
                ["AURA_REDDIT_CLIENT_ID", "AURA_REDDIT_CLIENT_SECRET"],
                url("AURA_REDDIT_AUTH_URL", "https://www.reddit.com/api/v1/authorize")?,
                url("AURA_REDDIT_TOKEN_URL", "https://www.reddit.com/api/v1/access_token")?,
            ),
        };
        let social = super::social::SocialApis {
            graph: meta.api_url.clone(),
            x,
            linkedin: url("AURA_LINKEDIN_API_URL", "https://api.linkedin.com")?,
            linkedin_version: var("AURA_LINKEDIN_VERSION").unwrap_or_else(|| "202611".to_owned()),
            threads: url("AURA_THREADS_API_URL", "https://graph.threads.net/v1.0")?,
            threads_graph,
            reddit: url("AURA_REDDIT_API_URL", "https://oauth.reddit.com")?,
            tiktok,
            youtube: url("AURA_YOUTUBE_API_URL", "https://www.googleapis.com")?,
            pinterest,
            apps,
        };
        Ok(Self { shopify, meta, google_ads, ga4, social })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load(vars: &[(&str, &str)]) -> Result<IntegrationSettings, EnvError> {
        let map: HashMap<&str, &str> = vars.iter().copied().collect();
        IntegrationSettings::from_lookup(&|name| map.get(name).map(|v| (*v).to_owned()))
    }

    #[test]
    fn by_default_no_platform_is_configured_and_urls_are_the_real_ones() {
        let s = load(&[]).unwrap();
        assert!(!s.shopify.is_configured());
        assert!(Platform::ALL.iter().all(|p| !s.get(*p).is_configured()));
        assert_eq!(s.google_ads.token_url, "https://oauth2.googleapis.com/token");
        let blank = load(&[("AURA_META_CLIENT_ID", "  ")]).unwrap();
        assert!(blank.meta.client_id.is_none(), "a blank variable is unset");
    }

    #[test]
    fn platforms_without_an_app_name_what_to_set() {
        let s = load(&[("AURA_GOOGLE_CLIENT_ID", "id.apps.googleusercontent.com")]).unwrap();
        assert_eq!(s.shopify.missing(), ["AURA_SHOPIFY_CLIENT_ID", "AURA_SHOPIFY_CLIENT_SECRET"]);
        assert_eq!(s.ga4.missing(), ["AURA_GOOGLE_CLIENT_SECRET"]);
        assert_eq!(
            s.google_ads.missing(),
            ["AURA_GOOGLE_CLIENT_SECRET", "AURA_GOOGLE_ADS_DEVELOPER_TOKEN"]
        );
        assert!(!s.meta.is_configured());
        assert_eq!(s.meta.api_url, "https://graph.facebook.com/v21.0");
        assert_eq!(s.shopify.api_url, "https://{shop}.myshopify.com/admin/api/2024-10");
    }

    #[test]
    fn urls_can_point_at_a_mock_and_must_be_urls() {
        let s = load(&[
            ("AURA_META_CLIENT_ID", "123"),
            ("AURA_META_CLIENT_SECRET", "abc"),
            ("AURA_META_API_URL", "http://127.0.0.1:3901/meta/v21.0/"),
            ("AURA_SHOPIFY_SHOP_URL", "http://127.0.0.1:3901/shopify/{shop}"),
        ])
        .unwrap();
        assert!(s.meta.is_configured());
        assert_eq!(s.meta.token_url, "http://127.0.0.1:3901/meta/v21.0/oauth/access_token");
        assert_eq!(
            s.shopify.auth_url,
            "http://127.0.0.1:3901/shopify/{shop}/admin/oauth/authorize"
        );
        let err = load(&[("AURA_GA4_DATA_URL", "analyticsdata")]).unwrap_err();
        assert!(err.to_string().starts_with("AURA_GA4_DATA_URL"));
    }
}
