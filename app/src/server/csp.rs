//! The Content-Security-Policy of pages. Each page gets a fresh random nonce: the
//! scripts Leptos writes into the page (the island loader) carry it, so they run;
//! any other inline script, an injected one included, does not. Everything else a
//! page loads comes from this site, and no other site may frame it. Answers that
//! are not pages get a stricter policy from the server's security layer.

use axum::http::{HeaderValue, header};
use leptos::prelude::use_context;

/// The policy of a page whose scripts carry `nonce`.
///
/// - scripts: this site's files and the page's own nonce; `'wasm-unsafe-eval'`
///   lets the browser compile the islands' WebAssembly (it allows nothing else);
/// - styles: this site's stylesheet and style attributes (server-drawn SVG charts
///   use them), no style from elsewhere;
/// - images: this site, `data:` and https (logos and avatars live elsewhere);
/// - connections, fonts, forms' default and everything else: this site only.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
}

/// The nonce the server's security layer drew for this request (a request
/// extension), so the layer can send the page's policy itself should the page's
/// own header not reach the answer.
#[derive(Debug, Clone)]
pub struct PageNonce(pub String);

impl PageNonce {
    pub fn draw() -> Self {
        Self(leptos::nonce::Nonce::new().to_string())
    }
}

/// Gives the page being rendered its nonce (which `HydrationScripts` puts on its
/// scripts): the one the security layer drew for the request, else a fresh one;
/// and sends the policy that names it. Called by the document shell.
pub fn protect_page() {
    let drawn = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    match drawn {
        Some(PageNonce(nonce)) => {
            leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce))
        }
        None => leptos::nonce::provide_nonce(),
    }
    let Some(nonce) = leptos::nonce::use_nonce() else { return };
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else { return };
    if let Ok(policy) = HeaderValue::from_str(&page_policy(nonce.as_inner())) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, policy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_nonce_and_refuses_framing_and_inline_scripts() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
        assert!(policy.contains("object-src 'none'"));
    }
}
