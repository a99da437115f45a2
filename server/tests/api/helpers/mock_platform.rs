//! The platforms (Shopify, Meta, Google Ads, GA4; X, LinkedIn, Threads, Reddit) stood in for by one wiremock
//! server: the integration settings with every OAuth app and API pointed at it.

use std::collections::HashMap;

use app::contexts::integrations::server::config::IntegrationSettings;

/// Every platform's OAuth app and API at `mock` (the wiremock server's URI).
pub fn integration_settings(mock: &str) -> IntegrationSettings {
    let vars: HashMap<&str, String> = [
        ("AURA_SHOPIFY_CLIENT_ID", "shopify-app".to_owned()),
        ("AURA_SHOPIFY_CLIENT_SECRET", "shopify-secret".to_owned()),
        ("AURA_SHOPIFY_SHOP_URL", format!("{mock}/shopify/{{shop}}")),
        ("AURA_META_CLIENT_ID", "meta-app".to_owned()),
        ("AURA_META_CLIENT_SECRET", "meta-secret".to_owned()),
        ("AURA_META_AUTH_URL", format!("{mock}/meta/dialog/oauth")),
        ("AURA_META_API_URL", format!("{mock}/meta/v21.0")),
        ("AURA_GOOGLE_CLIENT_ID", "google-app".to_owned()),
        ("AURA_GOOGLE_CLIENT_SECRET", "google-secret".to_owned()),
        ("AURA_GOOGLE_AUTH_URL", format!("{mock}/google/auth")),
        ("AURA_GOOGLE_TOKEN_URL", format!("{mock}/google/token")),
        ("AURA_GOOGLE_ADS_API_URL", format!("{mock}/googleads/v18")),
        ("AURA_GOOGLE_ADS_DEVELOPER_TOKEN", "dev-token".to_owned()),
        ("AURA_GA4_DATA_URL", format!("{mock}/ga4/v1beta")),
        ("AURA_GA4_ADMIN_URL", format!("{mock}/ga4admin/v1beta")),
        ("AURA_X_API_URL", format!("{mock}/x")),
        ("AURA_LINKEDIN_API_URL", format!("{mock}/linkedin")),
        ("AURA_THREADS_API_URL", format!("{mock}/threads/v1.0")),
        ("AURA_REDDIT_API_URL", format!("{mock}/reddit")),
        ("AURA_X_CLIENT_ID", "x-app".to_owned()),
        ("AURA_X_CLIENT_SECRET", "x-secret".to_owned()),
        ("AURA_X_AUTH_URL", format!("{mock}/x/i/oauth2/authorize")),
        ("AURA_LINKEDIN_CLIENT_ID", "li-app".to_owned()),
        ("AURA_LINKEDIN_CLIENT_SECRET", "li-secret".to_owned()),
        ("AURA_LINKEDIN_OAUTH_URL", format!("{mock}/linkedin/oauth/v2")),
        ("AURA_TIKTOK_CLIENT_KEY", "tt-key".to_owned()),
        ("AURA_TIKTOK_CLIENT_SECRET", "tt-secret".to_owned()),
        ("AURA_TIKTOK_AUTH_URL", format!("{mock}/tiktok/v2/auth/authorize")),
        ("AURA_TIKTOK_API_URL", format!("{mock}/tiktok")),
        ("AURA_YOUTUBE_API_URL", format!("{mock}/youtube")),
        ("AURA_PINTEREST_CLIENT_ID", "pin-app".to_owned()),
        ("AURA_PINTEREST_CLIENT_SECRET", "pin-secret".to_owned()),
        ("AURA_PINTEREST_AUTH_URL", format!("{mock}/pinterest-www/oauth")),
        ("AURA_PINTEREST_API_URL", format!("{mock}/pinterest")),
        ("AURA_THREADS_CLIENT_ID", "th-app".to_owned()),
        ("AURA_THREADS_CLIENT_SECRET", "th-secret".to_owned()),
        ("AURA_THREADS_AUTH_URL", format!("{mock}/threads-www/oauth/authorize")),
        ("AURA_THREADS_GRAPH_URL", format!("{mock}/threads")),
        ("AURA_REDDIT_CLIENT_ID", "rd-app".to_owned()),
        ("AURA_REDDIT_CLIENT_SECRET", "rd-secret".to_owned()),
        ("AURA_REDDIT_AUTH_URL", format!("{mock}/reddit-www/api/v1/authorize")),
        ("AURA_REDDIT_TOKEN_URL", format!("{mock}/reddit-www/api/v1/access_token")),
    ]
    .into_iter()
    .collect();
    IntegrationSettings::from_lookup(&|name| vars.get(name).cloned()).unwrap()
}

/// Meta's webhooks signed with the mock Meta app's secret (`meta-secret`) and
/// verified with the token `verify-me`.
pub fn inbox_settings() -> app::contexts::inbox::server::config::InboxSettings {
    app::contexts::inbox::server::config::InboxSettings {
        meta_app_secret: Some(app::server::Secret::new("meta-secret")),
        meta_verify_token: Some(app::server::Secret::new("verify-me")),
    }
}

/// An OpenAI-compatible model server at `mock` (`/openai/v1/chat/completions`).
pub fn ai_settings(mock: &str) -> app::contexts::ai::server::config::AiSettings {
    app::contexts::ai::server::config::AiSettings {
        base_url: Some(format!("{mock}/openai/v1")),
        api_key: Some(app::server::Secret::new("sk-test")),
        model: Some("llama3.1:8b".to_owned()),
    }
}
