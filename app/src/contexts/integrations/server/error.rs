//! How talking to a platform can fail, for the OAuth exchange (`oauth.rs`), the API
//! client (`client.rs`) and the sync alike, and the platform's own words for it.

/// Why a sync or a connection attempt did not work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// Access is gone (revoked, expired, refresh refused): the person reconnects.
    #[error("{0}")]
    Reauthorize(String),
    /// The platform's rate limit or quota: try again after `retry_in`, as the
    /// platform said (the queue runs the sync then; no worker waits for it).
    #[error("{message}")]
    RateLimited { message: String, retry_in: std::time::Duration },
    /// Busy or unreachable: trying again later can work.
    #[error("{0}")]
    Transient(String),
    /// The platform refused the request or answered something unreadable: a person
    /// must act on the platform (the daily sync keeps trying meanwhile).
    #[error("{0}")]
    Platform(String),
}

/// The platform's own error sentence, when its error body has one (Google and Meta:
/// `error.message`; Shopify: `errors`), shortened.
pub fn platform_message(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let first = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Array(items) => {
                items.first().and_then(|i| i.as_str()).map(String::from)
            }
            serde_json::Value::Object(map) => map.iter().next().map(|(k, v)| {
                format!(
                    "{k} {}",
                    v.as_array().and_then(|a| a.first()).and_then(|s| s.as_str()).unwrap_or("")
                )
            }),
            _ => None,
        }
    };
    let message = value
        .pointer("/error/message")
        .and_then(|m| m.as_str())
        .map(String::from)
        .or_else(|| value.get("errors").and_then(first))
        .or_else(|| value.pointer("/0/error/message").and_then(|m| m.as_str()).map(String::from))?;
    let message: String = message.trim().chars().take(200).collect();
    (!message.is_empty()).then_some(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_errors_are_quoted_from_their_documented_shapes() {
        let google = r#"{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}"#;
        assert_eq!(
            platform_message(google).as_deref(),
            Some("The caller does not have permission")
        );
        let shopify = r#"{"errors":"[API] Invalid API key or access token"}"#;
        assert_eq!(
            platform_message(shopify).as_deref(),
            Some("[API] Invalid API key or access token")
        );
        let google_stream = r#"[{"error":{"code":400,"message":"Invalid customer ID '12'."}}]"#;
        assert_eq!(platform_message(google_stream).as_deref(), Some("Invalid customer ID '12'."));
        assert_eq!(platform_message("<html>oops</html>"), None);
    }
}
