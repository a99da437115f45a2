//! Talking to a platform's API on behalf of a connection: the token in the place
//! the platform expects it, a refresh shortly before expiry, one refresh and retry
//! on 401, a short rate-limit wait (Shopify's two seconds) waited out in place, and
//! every other error classified as the platform documents it (`platform_errors`):
//! longer waits go back to the queue, which runs the sync again when the platform
//! said it may.

use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use reqwest::header::HeaderMap;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;

use super::config::PlatformConfig;
pub use super::error::SyncError;
use super::oauth::{self, OAuthClient, Tokens};
use super::platform_errors::classify;
use crate::contexts::integrations::types::Platform;

/// The HTTP client for platform APIs. It never follows redirects: a token endpoint
/// that redirects is not trusted (and `oauth2` requires it).
pub fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("Aura/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// Reports how far a sync is (stored for the brand page to show).
#[async_trait]
pub trait Progress: Send + Sync {
    async fn report(&self, message: String, days_done: u32);
}

/// For callers that do not show progress.
#[async_trait]
impl Progress for () {
    async fn report(&self, _message: String, _days_done: u32) {}
}

/// Where the access token goes on each request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenPlace {
    /// `Authorization: Bearer …` (Google).
    Bearer,
    /// `X-Shopify-Access-Token: …`.
    ShopifyHeader,
    /// `?access_token=…` (Meta's Graph API).
    Query,
}

/// The longest rate-limit wait waited out in place; a longer one goes back to the
/// queue, so no worker sits idle for it.
const MAX_WAIT_IN_PLACE: Duration = Duration::from_secs(5);
/// How many short waits one request may take before the sync is handed back.
const MAX_WAITS_IN_PLACE: u32 = 3;
/// Refresh when the token has less than this left.
const REFRESH_MARGIN_MINUTES: i64 = 5;

/// One connection's API session.
pub struct Api<'a> {
    http: &'a reqwest::Client,
    platform: Platform,
    config: &'a PlatformConfig,
    oauth: Option<OAuthClient>,
    place: TokenPlace,
    /// The API base with the shop filled in.
    pub base: String,
    pub tokens: Tokens,
    /// The tokens changed (a refresh): the caller stores them again.
    pub refreshed: bool,
    /// Requests sent, for tests and logs.
    pub requests: u32,
}

impl<'a> Api<'a> {
    pub fn new(
        http: &'a reqwest::Client,
        platform: Platform,
        config: &'a PlatformConfig,
        shop: &str,
        redirect_url: &str,
        tokens: Tokens,
    ) -> Self {
        let place = match platform {
            Platform::Shopify => TokenPlace::ShopifyHeader,
            Platform::Meta => TokenPlace::Query,
            Platform::GoogleAds | Platform::GoogleAnalytics => TokenPlace::Bearer,
        };
        Self {
            http,
            platform,
            config,
            oauth: oauth::client(platform, config, shop, redirect_url).ok(),
            place,
            base: config.api_url.replace("{shop}", shop),
            tokens,
            refreshed: false,
            requests: 0,
        }
    }

    pub fn platform(&self) -> Platform {
        self.platform
    }

    pub fn config(&self) -> &PlatformConfig {
        self.config
    }

    async fn refresh(&mut self) -> Result<(), SyncError> {
        let label = self.platform.label();
        let (Some(refresh_token), Some(client)) = (self.tokens.refresh.clone(), &self.oauth) else {
            return Err(SyncError::Reauthorize(format!(
                "{label} access has expired and it gives no refresh token. Reconnect to grant access again."
            )));
        };
        self.tokens =
            oauth::refresh(self.http, client, self.platform.label(), &refresh_token).await?;
        self.refreshed = true;
        Ok(())
    }

    async fn refresh_if_expiring(&mut self) -> Result<(), SyncError> {
        let soon = Utc::now() + chrono::Duration::minutes(REFRESH_MARGIN_MINUTES);
        match self.tokens.expires_at {
            Some(at) if at <= soon => self.refresh().await,
            _ => Ok(()),
        }
    }

    fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        let token = self.tokens.access.expose();
        let request = match self.place {
            TokenPlace::Bearer => request.bearer_auth(token),
            TokenPlace::ShopifyHeader => request.header("X-Shopify-Access-Token", token),
            TokenPlace::Query => request.query(&[("access_token", token)]),
        };
        match &self.config.developer_token {
            Some(developer) => request.header("developer-token", developer.expose()),
            None => request,
        }
    }

    /// Sends the request `build` makes, with the token, handling 401 and 429.
    pub async fn send(
        &mut self,
        build: impl Fn(&reqwest::Client) -> RequestBuilder,
    ) -> Result<Response, SyncError> {
        let label = self.platform.label();
        self.refresh_if_expiring().await?;
        let mut refreshed_after_401 = false;
        let mut waits = 0;
        loop {
            self.requests += 1;
            let response = self
                .authorize(build(self.http))
                .send()
                .await
                .map_err(|e| SyncError::Transient(transport_message(label, &e)))?;
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            if status == StatusCode::UNAUTHORIZED
                && !refreshed_after_401
                && self.tokens.refresh.is_some()
            {
                refreshed_after_401 = true;
                self.refresh().await?;
                continue;
            }
            let headers = response.headers().clone();
            let body = response.text().await.unwrap_or_default();
            match classify(self.platform, status, &headers, &body, Utc::now()) {
                SyncError::RateLimited { retry_in, .. }
                    if retry_in <= MAX_WAIT_IN_PLACE && waits < MAX_WAITS_IN_PLACE =>
                {
                    waits += 1;
                    tokio::time::sleep(retry_in).await;
                }
                err => return Err(err),
            }
        }
    }

    /// Sends, then reads the JSON answer as `T`. A shape Aura does not expect is an
    /// error naming what was missing, never a partial result.
    pub async fn json<T: DeserializeOwned>(
        &mut self,
        build: impl Fn(&reqwest::Client) -> RequestBuilder,
    ) -> Result<(T, HeaderMap), SyncError> {
        let response = self.send(build).await?;
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| SyncError::Transient(transport_message(self.platform.label(), &e)))?;
        let value = serde_json::from_slice(&body).map_err(|e| self.unreadable(e))?;
        Ok((value, headers))
    }

    /// The error for an answer Aura cannot read.
    pub fn unreadable(&self, detail: impl std::fmt::Display) -> SyncError {
        let label = self.platform.label();
        tracing::warn!(platform = label, %detail, "a platform's answer could not be read");
        SyncError::Platform(format!(
            "{label} answered with data Aura could not read; the details are in the server's log. Nothing was saved."
        ))
    }

    /// Whether `url` (a "next page" link from the platform) is on the configured API
    /// host: the token is never sent anywhere else.
    pub fn same_origin(&self, url: &str) -> bool {
        match (url::Url::parse(url), url::Url::parse(&self.base)) {
            (Ok(a), Ok(b)) => a.origin() == b.origin(),
            _ => false,
        }
    }
}

fn transport_message(label: &str, err: &reqwest::Error) -> String {
    if err.is_timeout() {
        format!("{label} did not answer in time; the sync will try again.")
    } else {
        format!("Could not reach {label}; the sync will try again.")
    }
}
