//! The OAuth 2.0 authorization-code flow through the `oauth2` crate: the URL people
//! are sent to (with `state`, and PKCE where the platform supports it), the code
//! exchange, and refreshing an access token.
//!
//! - Google (Ads and GA4): PKCE (S256), `access_type=offline` for a refresh token.
//! - Meta: no refresh token. The code exchange gives a short-lived token, which is
//!   traded at once for a long-lived one (about 60 days, `fb_exchange_token`); after
//!   that the person reconnects.
//! - Shopify: offline access tokens that do not expire; the token answer has no
//!   `token_type`, so the token type here defaults to bearer.

use std::time::Duration;

use chrono::{DateTime, Utc};
use oauth2::basic::{
    BasicErrorResponse, BasicErrorResponseType, BasicRevocationErrorResponse,
    BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndpointNotSet, EndpointSet, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken,
    RequestTokenError, Scope, StandardRevocableToken, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::config::PlatformConfig;
use super::error::{SyncError, platform_message};
use crate::contexts::integrations::types::Platform;
use crate::server::Secret;

/// A token answer that tolerates Shopify's (no `token_type`) and Meta's shapes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformToken {
    access_token: AccessToken,
    #[serde(default = "bearer")]
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    /// What was granted, as the platform writes it (Shopify: comma-separated).
    #[serde(default)]
    scope: Option<String>,
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

impl TokenResponse for PlatformToken {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        None
    }
}

pub type OAuthClient = oauth2::Client<
    BasicErrorResponse,
    PlatformToken,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// Tokens as they come back from a code exchange or a refresh.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: Secret,
    pub refresh: Option<Secret>,
    pub expires_at: Option<DateTime<Utc>>,
    /// The scopes the platform says it granted, when it says (a code exchange).
    pub granted: Option<String>,
}

/// The scopes Aura asks for: read-only reporting.
pub fn scopes(platform: Platform) -> &'static str {
    match platform {
        Platform::Shopify => "read_orders,read_customers",
        Platform::Meta => "ads_read",
        Platform::GoogleAds => "https://www.googleapis.com/auth/adwords",
        Platform::GoogleAnalytics => "https://www.googleapis.com/auth/analytics.readonly",
    }
}

/// Whether the platform's authorization server takes PKCE.
pub fn uses_pkce(platform: Platform) -> bool {
    matches!(platform, Platform::GoogleAds | Platform::GoogleAnalytics)
}

/// The OAuth client for a platform (Shopify's endpoints are the shop's own).
pub fn client(
    platform: Platform,
    config: &PlatformConfig,
    shop: &str,
    redirect_url: &str,
) -> Result<OAuthClient, String> {
    let (Some(id), Some(secret)) = (&config.client_id, &config.client_secret) else {
        return Err(format!("{} is not configured.", platform.label()));
    };
    let fill = |url: &str| url.replace("{shop}", shop);
    let bad = |what: &str| format!("The {what} URL of {} is not valid.", platform.label());
    Ok(oauth2::Client::new(ClientId::new(id.clone()))
        .set_client_secret(ClientSecret::new(secret.expose().to_owned()))
        .set_auth_type(AuthType::RequestBody)
        .set_auth_uri(AuthUrl::new(fill(&config.auth_url)).map_err(|_| bad("authorization"))?)
        .set_token_uri(TokenUrl::new(fill(&config.token_url)).map_err(|_| bad("token"))?)
        .set_redirect_uri(RedirectUrl::new(redirect_url.to_owned()).map_err(|_| bad("redirect"))?))
}

/// Where to send the person, the `state` to expect back and the PKCE verifier to
/// keep (in their session) until then.
pub fn authorize_url(client: &OAuthClient, platform: Platform) -> (String, String, Option<String>) {
    let mut request =
        client.authorize_url(CsrfToken::new_random).add_scope(Scope::new(scopes(platform).into()));
    let mut verifier = None;
    if uses_pkce(platform) {
        let (challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();
        request = request
            .set_pkce_challenge(challenge)
            .add_extra_param("access_type", "offline")
            .add_extra_param("prompt", "consent");
        verifier = Some(pkce_verifier.secret().clone());
    }
    let (url, state) = request.url();
    (url.to_string(), state.secret().clone(), verifier)
}

/// The tokens of a token answer, its lifetime counted from now.
pub fn tokens(answer: &PlatformToken) -> Tokens {
    Tokens {
        access: Secret::new(answer.access_token().secret().clone()),
        refresh: answer.refresh_token().map(|t| Secret::new(t.secret().clone())),
        expires_at: answer
            .expires_in()
            .and_then(|d| chrono::Duration::from_std(d).ok())
            .map(|d| Utc::now() + d),
        granted: answer.scope.clone(),
    }
}

/// The scopes of `asked` missing from `granted`, Shopify's way: scopes separated by
/// commas, and `write_X` includes `read_X` (its token answer names only the write
/// scope then).
pub fn missing_shopify_scopes(asked: &str, granted: &str) -> Vec<String> {
    let granted: Vec<&str> = granted.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let has = |scope: &str| {
        granted.contains(&scope)
            || scope
                .strip_prefix("read_")
                .is_some_and(|rest| granted.contains(&format!("write_{rest}").as_str()))
    };
    asked.split(',').map(str::trim).filter(|s| !s.is_empty() && !has(s)).map(String::from).collect()
}

/// Whether the query of Shopify's OAuth callback is signed by Shopify: every
/// parameter but `hmac`, sorted by name, form-encoded and joined with `&`,
/// HMAC-SHA256 with the app's client secret, hex; compared in constant time
/// (Shopify's authorization-code-grant documentation and its official library).
pub fn shopify_hmac_valid(query: &[(String, String)], secret: &str) -> bool {
    use hmac::{Hmac, Mac};
    let Some(given) = query.iter().find(|(k, _)| k == "hmac").map(|(_, v)| v.as_str()) else {
        return false;
    };
    let Some(given) = crate::server::crypto::hex_bytes(given) else { return false };
    let mut rest: Vec<&(String, String)> = query.iter().filter(|(k, _)| k != "hmac").collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    let message = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(rest.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else { return false };
    mac.update(message.as_bytes());
    mac.verify_slice(&given).is_ok()
}

pub type TokenError =
    RequestTokenError<oauth2::HttpClientError<reqwest::Error>, BasicErrorResponse>;

/// A failed token request in words: `invalid_grant` means the person grants access
/// again; an unreachable platform may be tried again.
pub fn token_error(label: &str, what: &str, err: TokenError) -> SyncError {
    match err {
        RequestTokenError::ServerResponse(answer) => {
            let detail = answer.error_description().map(|d| format!(": {d}")).unwrap_or_default();
            match answer.error() {
                BasicErrorResponseType::InvalidGrant => SyncError::Reauthorize(format!(
                    "{label} no longer accepts Aura's {what} (invalid_grant{detail}). Reconnect to grant access again."
                )),
                other => SyncError::Platform(format!(
                    "{label} refused the {what} ({}{detail}).",
                    other.as_ref()
                )),
            }
        }
        RequestTokenError::Request(_) => {
            SyncError::Transient(format!("Could not reach {label} to exchange the {what}."))
        }
        RequestTokenError::Parse(_, _) => SyncError::Platform(format!(
            "{label} answered the {what} exchange with something Aura could not read."
        )),
        RequestTokenError::Other(message) => SyncError::Platform(format!("{label}: {message}")),
    }
}

/// Exchanges the code the platform sent back for tokens.
pub async fn exchange_code(
    http: &reqwest::Client,
    client: &OAuthClient,
    label: &str,
    code: &str,
    verifier: Option<String>,
) -> Result<Tokens, SyncError> {
    let mut request = client.exchange_code(AuthorizationCode::new(code.to_owned()));
    if let Some(verifier) = verifier {
        request = request.set_pkce_verifier(PkceCodeVerifier::new(verifier));
    }
    let answer = request
        .request_async(http)
        .await
        .map_err(|e| token_error(label, "authorization code", e))?;
    Ok(tokens(&answer))
}

/// Meta's documented exchange of a short-lived user token for a long-lived one:
/// `GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token`.
pub async fn meta_long_lived(
    http: &reqwest::Client,
    config: &PlatformConfig,
    short: &Tokens,
) -> Result<Tokens, SyncError> {
    let (Some(id), Some(secret)) = (&config.client_id, &config.client_secret) else {
        return Err(SyncError::Platform("Meta is not configured.".into()));
    };
    let query = [
        ("grant_type", "fb_exchange_token"),
        ("client_id", id.as_str()),
        ("client_secret", secret.expose()),
        ("fb_exchange_token", short.access.expose()),
    ];
    token_get(http, "Meta", &config.token_url, &query, "extend the token").await
}

/// A token answer to a documented `GET` (Meta's and Threads' long-lived token
/// exchanges and Threads' refresh), read like any other token answer.
pub async fn token_get(
    http: &reqwest::Client,
    label: &str,
    url: &str,
    query: &[(&str, &str)],
    what: &str,
) -> Result<Tokens, SyncError> {
    let response = http
        .get(url)
        .query(query)
        .send()
        .await
        .map_err(|_| SyncError::Transient(format!("Could not reach {label} to {what}.")))?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    if !status.is_success() {
        let detail = platform_message(&body).map(|m| format!(": {m}")).unwrap_or_default();
        return Err(
            if status == reqwest::StatusCode::BAD_REQUEST
                || status == reqwest::StatusCode::UNAUTHORIZED
            {
                SyncError::Reauthorize(format!(
                    "{label} refused to {what} ({status}){detail}. Reconnect to grant access again."
                ))
            } else {
                SyncError::Platform(format!("{label} refused to {what} ({status}){detail}"))
            },
        );
    }
    let answer: PlatformToken = serde_json::from_str(&body).map_err(|_| {
        SyncError::Platform(format!(
            "{label} answered the request to {what} with something Aura could not read."
        ))
    })?;
    Ok(tokens(&answer))
}

/// Trades the refresh token for a new access token. Platforms may rotate the refresh
/// token; when they do not, the old one is kept.
pub async fn refresh(
    http: &reqwest::Client,
    client: &OAuthClient,
    label: &str,
    refresh_token: &Secret,
) -> Result<Tokens, SyncError> {
    let token = RefreshToken::new(refresh_token.expose().to_owned());
    let answer = client
        .exchange_refresh_token(&token)
        .request_async(http)
        .await
        .map_err(|e| token_error(label, "refresh token", e))?;
    let mut fresh = tokens(&answer);
    if fresh.refresh.is_none() {
        fresh.refresh = Some(refresh_token.clone());
    }
    Ok(fresh)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contexts::integrations::server::config::IntegrationSettings;

    #[test]
    fn google_asks_with_pkce_and_state_shopify_per_shop_without() {
        let settings = IntegrationSettings::from_lookup(&|name| match name {
            "AURA_GOOGLE_CLIENT_ID" | "AURA_SHOPIFY_CLIENT_ID" => Some("client-1".into()),
            "AURA_GOOGLE_CLIENT_SECRET" | "AURA_SHOPIFY_CLIENT_SECRET" => Some("s3cret".into()),
            _ => None,
        })
        .unwrap();
        let redirect = "https://aura.example/api/integrations/callback";
        let google = client(Platform::GoogleAds, &settings.google_ads, "", redirect).unwrap();
        let (url, state, verifier) = authorize_url(&google, Platform::GoogleAds);
        let url = url::Url::parse(&url).unwrap();
        let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(url.host_str(), Some("accounts.google.com"));
        assert_eq!(query["state"], state);
        assert_eq!(query["code_challenge_method"], "S256");
        assert_eq!(query["access_type"], "offline");
        assert_eq!(query["redirect_uri"], redirect);
        assert!(!url.as_str().contains("s3cret"), "the secret never travels in the URL");
        assert!(verifier.is_some_and(|v| v.len() >= 43));

        let shopify = client(Platform::Shopify, &settings.shopify, "northwind", redirect).unwrap();
        let (url, _, verifier) = authorize_url(&shopify, Platform::Shopify);
        assert!(url.starts_with("https://northwind.myshopify.com/admin/oauth/authorize?"));
        assert!(url.contains("scope=read_orders%2Cread_customers"));
        assert!(verifier.is_none());
        assert!(client(Platform::Meta, &settings.meta, "", redirect).is_err());
    }

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn shopify_callbacks_are_checked_by_their_hmac() {
        // Shopify's documented example: secret "hush".
        let signed = query(&[
            ("shop", "some-shop.myshopify.com"),
            ("code", "0907a61c0c8d55e99db179b68161bc00"),
            ("timestamp", "1337178173"),
            ("hmac", "4712bf92ffc2917d15a2f5a273e39f0116667419aa4b6ac0b3baaf26fa3c4d20"),
        ]);
        assert!(shopify_hmac_valid(&signed, "hush"), "any order of parameters");
        assert!(!shopify_hmac_valid(&signed, "another secret"));
        let mut forged = signed.clone();
        forged[0].1 = "evil-shop.myshopify.com".into();
        assert!(!shopify_hmac_valid(&forged, "hush"), "a changed parameter");
        let made_up = query(&[("shop", "some-shop.myshopify.com"), ("hmac", "00ff")]);
        assert!(!shopify_hmac_valid(&made_up, "hush"));
        assert!(!shopify_hmac_valid(&query(&[("shop", "x")]), "hush"), "no hmac at all");
        assert!(!shopify_hmac_valid(&query(&[("hmac", "zz")]), "hush"), "not hex");
    }

    #[test]
    fn shopify_scopes_are_compared_with_write_including_read() {
        let asked = "read_orders,read_customers";
        assert!(missing_shopify_scopes(asked, "read_orders,read_customers").is_empty());
        assert!(missing_shopify_scopes(asked, "write_orders,read_customers").is_empty());
        assert_eq!(missing_shopify_scopes(asked, "read_orders"), vec!["read_customers"]);
    }
}
