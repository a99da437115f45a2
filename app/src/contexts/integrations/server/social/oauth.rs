//! The authorization-code flow for social accounts, through the same `oauth2`
//! client and token handling as the brand data sources
//! (`integrations::server::oauth`), with each platform's quirks from
//! [`SocialApp`]: HTTP Basic or body credentials, PKCE, TikTok's `client_key`,
//! Meta's and Threads' long-lived token exchanges and Threads' own refresh.

use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RefreshToken, Scope, TokenUrl,
};

use super::{ClientAuth, SocialApis, SocialApp};
use crate::contexts::integrations::server::error::SyncError;
use crate::contexts::integrations::server::oauth::{self, OAuthClient, Tokens, token_error};
use crate::contexts::integrations::types::SocialPlatform;
use crate::server::Secret;

/// Where to send the person, the `state` to expect back, and the PKCE verifier to
/// keep in their session until they return.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub verifier: Option<String>,
}

fn client(app: &SocialApp, redirect_url: &str) -> Result<OAuthClient, String> {
    let label = app.platform.label();
    let (Some(id), Some(secret)) = (&app.client_id, &app.client_secret) else {
        return Err(format!(
            "{label} is not configured on this server: set {}.",
            app.missing().join(", ")
        ));
    };
    let bad = |what: &str| format!("The {what} URL of {label} is not valid.");
    let auth_type = match app.client_auth() {
        ClientAuth::Basic => AuthType::BasicAuth,
        ClientAuth::Body => AuthType::RequestBody,
    };
    Ok(oauth2::Client::new(ClientId::new(id.clone()))
        .set_client_secret(ClientSecret::new(secret.expose().to_owned()))
        .set_auth_type(auth_type)
        .set_auth_uri(AuthUrl::new(app.auth_url.clone()).map_err(|_| bad("authorization"))?)
        .set_token_uri(TokenUrl::new(app.token_url.clone()).map_err(|_| bad("token"))?)
        .set_redirect_uri(RedirectUrl::new(redirect_url.to_owned()).map_err(|_| bad("redirect"))?))
}

/// The consent screen's address for `app`.
pub fn authorize(app: &SocialApp, redirect_url: &str) -> Result<Authorization, String> {
    let client = client(app, redirect_url)?;
    let mut request =
        client.authorize_url(CsrfToken::new_random).add_scope(Scope::new(app.scopes().into()));
    for (name, value) in app.extra_authorize_params() {
        request = request.add_extra_param(*name, *value);
    }
    let mut verifier = None;
    if app.uses_pkce() {
        let (challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();
        request = request.set_pkce_challenge(challenge);
        verifier = Some(pkce_verifier.secret().clone());
    }
    let (mut url, state) = request.url();
    if app.client_id_param() != "client_id" {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let k = if k == "client_id" { app.client_id_param().into() } else { k };
                (k.into_owned(), v.into_owned())
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Ok(Authorization { url: url.to_string(), state: state.secret().clone(), verifier })
}

/// Exchanges the code the platform sent back; Facebook's short-lived user token
/// and Threads' one-hour token are traded at once for their 60-day tokens.
pub async fn exchange(
    http: &reqwest::Client,
    apis: &SocialApis,
    app: &SocialApp,
    redirect_url: &str,
    code: &str,
    verifier: Option<String>,
) -> Result<Tokens, SyncError> {
    let label = app.platform.label();
    let client = client(app, redirect_url).map_err(SyncError::Platform)?;
    let mut request = client.exchange_code(AuthorizationCode::new(code.to_owned()));
    if let Some(verifier) = verifier {
        request = request.set_pkce_verifier(PkceCodeVerifier::new(verifier));
    }
    if let Some(id) = app.client_id.as_deref().filter(|_| app.client_id_param() != "client_id") {
        request = request.add_extra_param(app.client_id_param(), id.to_owned());
    }
    let answer = request
        .request_async(http)
        .await
        .map_err(|e| token_error(label, "authorization code", e))?;
    let short = oauth::tokens(&answer);
    let secret = app.client_secret.as_ref().map(Secret::expose).unwrap_or_default();
    match app.platform {
        SocialPlatform::Facebook | SocialPlatform::Instagram => {
            let id = app.client_id.as_deref().unwrap_or_default();
            let query = [
                ("grant_type", "fb_exchange_token"),
                ("client_id", id),
                ("client_secret", secret),
                ("fb_exchange_token", short.access.expose()),
            ];
            oauth::token_get(http, label, &app.token_url, &query, "extend the token").await
        }
        SocialPlatform::Threads => {
            let query = [
                ("grant_type", "th_exchange_token"),
                ("client_secret", secret),
                ("access_token", short.access.expose()),
            ];
            let url = format!("{}/access_token", apis.threads_graph);
            oauth::token_get(http, label, &url, &query, "extend the token").await
        }
        _ => Ok(short),
    }
}

/// A new access token for an account: the refresh-token grant, or Threads'
/// `th_refresh_token` with the current long-lived token. A platform that may
/// rotate the refresh token gets the new one kept; otherwise the old one stays.
pub async fn refresh(
    http: &reqwest::Client,
    apis: &SocialApis,
    app: &SocialApp,
    redirect_url: &str,
    access: &Secret,
    refresh_token: Option<&Secret>,
) -> Result<Tokens, SyncError> {
    let label = app.platform.label();
    if app.platform == SocialPlatform::Threads {
        let query = [("grant_type", "th_refresh_token"), ("access_token", access.expose())];
        let url = format!("{}/refresh_access_token", apis.threads_graph);
        return oauth::token_get(http, label, &url, &query, "renew the token").await;
    }
    let Some(refresh_token) = refresh_token else {
        return Err(SyncError::Reauthorize(format!(
            "{label} gave Aura no way to renew its access. Reconnect the account."
        )));
    };
    let client = client(app, redirect_url).map_err(SyncError::Platform)?;
    let token = RefreshToken::new(refresh_token.expose().to_owned());
    let mut request = client.exchange_refresh_token(&token);
    if let Some(id) = app.client_id.as_deref().filter(|_| app.client_id_param() != "client_id") {
        request = request.add_extra_param(app.client_id_param(), id.to_owned());
    }
    let answer =
        request.request_async(http).await.map_err(|e| token_error(label, "refresh token", e))?;
    let mut fresh = oauth::tokens(&answer);
    if fresh.refresh.is_none() {
        fresh.refresh = Some(refresh_token.clone());
    }
    Ok(fresh)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::contexts::integrations::server::config::IntegrationSettings;

    fn settings() -> IntegrationSettings {
        IntegrationSettings::from_lookup(&|name| match name {
            n if n.ends_with("_CLIENT_ID") || n.ends_with("_CLIENT_KEY") => Some("app-1".into()),
            n if n.ends_with("_CLIENT_SECRET") => Some("s3cret".into()),
            _ => None,
        })
        .unwrap()
    }

    fn query(url: &str) -> (url::Url, HashMap<String, String>) {
        let url = url::Url::parse(url).unwrap();
        let query = url.query_pairs().into_owned().collect();
        (url, query)
    }

    #[test]
    fn every_platform_asks_its_own_way() {
        let settings = settings();
        let apps = &settings.social.apps;
        let redirect = "https://aura.example/api/integrations/callback";
        for platform in SocialPlatform::ALL {
            let app = apps.get(platform);
            let auth = authorize(app, redirect).unwrap();
            let (url, q) = query(&auth.url);
            assert_eq!(q["state"], auth.state, "{platform:?}");
            assert_eq!(q["redirect_uri"], redirect);
            assert_eq!(q["response_type"], "code");
            assert!(!auth.url.contains("s3cret"), "the secret never travels in the URL");
            assert_eq!(auth.verifier.is_some(), q.contains_key("code_challenge"));
            match platform {
                SocialPlatform::Twitter => {
                    assert_eq!(
                        url.as_str().split('?').next(),
                        Some("https://x.com/i/oauth2/authorize")
                    );
                    assert_eq!(q["code_challenge_method"], "S256", "X requires PKCE");
                    assert!(q["scope"].split(' ').any(|s| s == "offline.access"));
                }
                SocialPlatform::Tiktok => {
                    assert_eq!(q["client_key"], "app-1", "TikTok names the id client_key");
                    assert!(!q.contains_key("client_id"));
                    assert!(url.path().ends_with("/authorize/"));
                    assert!(q["scope"].contains("video.publish,"), "comma-separated");
                }
                SocialPlatform::Youtube => {
                    assert_eq!(url.host_str(), Some("accounts.google.com"));
                    assert_eq!(q["access_type"], "offline");
                }
                SocialPlatform::Reddit => assert_eq!(q["duration"], "permanent"),
                SocialPlatform::Pinterest => {
                    assert_eq!(
                        url.as_str().split('?').next(),
                        Some("https://www.pinterest.com/oauth/")
                    );
                }
                SocialPlatform::Instagram | SocialPlatform::Facebook => {
                    assert!(q["scope"].contains("pages_show_list,"));
                    assert!(q["scope"].contains("instagram_content_publish"));
                }
                _ => assert_eq!(q["client_id"], "app-1"),
            }
        }
    }

    #[test]
    fn a_platform_without_its_app_names_what_to_set() {
        let settings = IntegrationSettings::from_lookup(&|name| {
            (name == "AURA_TIKTOK_CLIENT_KEY").then(|| "key".to_owned())
        })
        .unwrap();
        let tiktok = settings.social.apps.get(SocialPlatform::Tiktok);
        assert_eq!(tiktok.missing(), ["AURA_TIKTOK_CLIENT_SECRET"]);
        let err = authorize(tiktok, "https://aura.example/cb").unwrap_err();
        assert!(err.contains("set AURA_TIKTOK_CLIENT_SECRET"), "{err}");
        let instagram = settings.social.apps.get(SocialPlatform::Instagram);
        assert_eq!(instagram.missing(), ["AURA_META_CLIENT_ID", "AURA_META_CLIENT_SECRET"]);
    }
}
