//! The HTTP layers that hold Aura under attack (docs/security.md):
//!
//! - [`same_origin_writes`]: every request that can change something (any method
//!   but GET, HEAD, OPTIONS) must come from a page of this site (its `Origin`, or
//!   `Sec-Fetch-Site: same-origin` when a browser sends no `Origin`), and a server
//!   function call must carry the content type it is read as (a form or JSON, not
//!   the `text/plain` a cross-site form can send without asking).
//! - [`auth_rate_limit`]: sign-in, sign-up and password-reset calls per client
//!   address, through `governor`'s keyed limiter: a burst, then a steady rate, then
//!   429 with `Retry-After`.
//! - [`security_headers`]: `nosniff`, `Referrer-Policy`, framing refused, HSTS
//!   behind HTTPS, `no-store` on pages and server-function answers, and a strict
//!   Content-Security-Policy on whatever did not set its own (pages set theirs,
//!   with a per-response script nonce, in `app::root::routes::shell`).
//! - [`body_errors`]: a body over the limit answers 413 and one that cannot be read
//!   400, in words, instead of the framework's default.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use app::server::AppState;
use app::server::csp::{PageNonce, page_policy};

/// Paths that take writes from other sites by design. Each is checked in its own
/// way (the OAuth callback by its one-time `state`, and it is a GET anyway;
/// Meta's webhook by the HMAC of its body with the app secret).
const CROSS_SITE_ALLOWED: &[&str] = &["/api/integrations/callback", "/webhooks/meta"];
/// The one server function that takes `multipart/form-data`: the media upload.
const MULTIPART_PATHS: &[&str] = &["/api/media/upload"];

/// Middleware: refuses a write that does not come from this site (403), and a
/// server-function call whose body is not a form or JSON (415; files go only to
/// the upload, as `multipart/form-data`).
pub async fn same_origin_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method();
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || CROSS_SITE_ALLOWED.contains(&request.uri().path())
    {
        return next.run(request).await;
    }
    if let Err(reason) = same_origin(request.headers(), &state.settings.public_url) {
        tracing::warn!(path = %request.uri().path(), "cross-site write refused: {reason}");
        return (StatusCode::FORBIDDEN, reason).into_response();
    }
    let path = request.uri().path();
    if path.starts_with("/api/")
        && !readable_body(request.headers(), MULTIPART_PATHS.contains(&path))
    {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the form as application/x-www-form-urlencoded or application/json.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Whether a write with these headers comes from a page of this site: its `Origin`
/// is the public address's origin or the origin of the `Host` it was sent to (so
/// `localhost` and `127.0.0.1` both work in development); without an `Origin`, the
/// browser's `Sec-Fetch-Site` says `same-origin`. `Origin: null` never passes.
pub fn same_origin(headers: &HeaderMap, public_url: &str) -> Result<(), &'static str> {
    let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    match text(header::ORIGIN) {
        Some(origin) => {
            let origin = origin.trim_end_matches('/').to_ascii_lowercase();
            let public = origin_of(public_url);
            let host = text(header::HOST).map(str::to_ascii_lowercase);
            let via_host = origin
                .split_once("://")
                .is_some_and(|(_, authority)| Some(authority) == host.as_deref());
            if Some(&origin) == public.as_ref() || via_host {
                Ok(())
            } else {
                Err("This request came from another site, so it was refused.")
            }
        }
        None => match text(axum::http::HeaderName::from_static("sec-fetch-site")) {
            Some("same-origin") => Ok(()),
            _ => Err("This request did not say which site it came from, so it was refused."),
        },
    }
}

/// `scheme://host[:port]` of an address, lowercased, default ports left out.
fn origin_of(address: &str) -> Option<String> {
    let url = url::Url::parse(address).ok()?;
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// A server function reads a urlencoded form or JSON; a body of any other type
/// (`text/plain`, `multipart/form-data`) or none at all is refused.
fn readable_body(headers: &HeaderMap, files: bool) -> bool {
    let Some(kind) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let kind = kind.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    kind == "application/x-www-form-urlencoded"
        || kind == "application/json"
        || (files && kind == "multipart/form-data")
}

/// The per-address limiter for the sign-in family of calls.
#[derive(Clone)]
pub struct AuthRateLimit {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl AuthRateLimit {
    /// `burst` calls at once from one address, then one more every
    /// `60 / per_minute` seconds.
    pub fn new(per_minute: NonZeroU32, burst: NonZeroU32) -> Self {
        let quota = Quota::per_minute(per_minute).allow_burst(burst);
        Self { limiter: Arc::new(RateLimiter::keyed(quota)) }
    }

    /// `Ok` when `ip` may call now; otherwise how long until it may.
    fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        self.limiter
            .check_key(&ip)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets addresses whose allowance is full again (called now and then so
    /// the map does not grow with every address ever seen).
    fn tidy(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// The calls [`auth_rate_limit`] counts: everything that checks a password, sends
/// mail to an address typed in a form, or creates an account.
const AUTH_CALLS: &[&str] = &[
    "/api/auth/log_in",
    "/api/auth/sign_up",
    "/api/auth/request_password_reset",
    "/api/auth/reset_password",
    "/api/auth/change_password",
];

fn is_auth_call(request: &Request) -> bool {
    request.method() == Method::POST && AUTH_CALLS.contains(&request.uri().path())
}

/// Middleware: limits the sign-in family of calls per client address; over the
/// limit, 429 with `Retry-After` (seconds) and a sentence saying when to try again.
pub async fn auth_rate_limit(
    State(limit): State<AuthRateLimit>,
    request: Request,
    next: Next,
) -> Response {
    if !is_auth_call(&request) {
        return next.run(request).await;
    }
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(addr)| addr.ip());
    if now_and_then() {
        limit.tidy();
    }
    match limit.check(ip) {
        Ok(()) => next.run(request).await,
        Err(wait) => too_many(wait),
    }
}

/// One call in 256 tidies the limiter (cheap, and bounded however many addresses).
fn now_and_then() -> bool {
    use std::sync::atomic::{AtomicU32, Ordering};
    static CALLS: AtomicU32 = AtomicU32::new(0);
    CALLS.fetch_add(1, Ordering::Relaxed).is_multiple_of(256)
}

/// 429 with `Retry-After` in whole seconds (at least one).
pub fn too_many(wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let seconds = seconds.max(1);
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        format!("Too many attempts from your address. Try again in {seconds} seconds."),
    )
        .into_response();
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// The Content-Security-Policy of everything that is not a page: nothing may run
/// or be framed. Pages send their own (`app::root::routes::shell`).
const DEFAULT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Middleware: the security headers of every answer (see the module documentation).
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let nonce = PageNonce::draw();
    let mut request = request;
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // A page whose own header did not reach the answer still gets its policy,
        // with the nonce its scripts carry (drawn here, used by the page); it was
        // seen once in many runs that a page went out under the strict policy, and
        // nothing of it ran.
        let policy = if html { HeaderValue::from_str(&page_policy(&nonce.0)).ok() } else { None };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            policy.unwrap_or(HeaderValue::from_static(DEFAULT_POLICY)),
        );
    }
    if state.settings.secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Pages and answers carry the member's data: never kept by a shared cache
    // or the browser's disk cache.
    if api || html {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Middleware: a body the server would not read gets a plain answer in words:
/// over the limit 413, not UTF-8 or cut short 400 (the framework's defaults are
/// 413 without words and, for some read errors, 500 or 503).
pub async fn body_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            (StatusCode::PAYLOAD_TOO_LARGE, "That is more than Aura accepts in one request.")
                .into_response()
        }
        _ => response,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const PUBLIC: &str = "http://127.0.0.1:3000";

    #[test]
    fn writes_from_this_site_pass() {
        assert!(same_origin(&headers(&[("origin", "http://127.0.0.1:3000")]), PUBLIC).is_ok());
        assert!(
            same_origin(
                &headers(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")]),
                PUBLIC
            )
            .is_ok()
        );
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")]), PUBLIC).is_ok());
        assert!(
            same_origin(&headers(&[("origin", "https://aura.example")]), "https://aura.example/")
                .is_ok()
        );
    }

    #[test]
    fn writes_from_elsewhere_or_nowhere_are_refused() {
        for refused in [
            headers(&[("origin", "https://evil.example")]),
            headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")]),
            headers(&[("origin", "null")]),
            headers(&[("origin", "http://127.0.0.1:3001")]),
            headers(&[("sec-fetch-site", "cross-site")]),
            headers(&[("sec-fetch-site", "none")]),
            headers(&[]),
        ] {
            assert!(same_origin(&refused, PUBLIC).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn server_functions_read_forms_and_json_only() {
        let form = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        assert!(readable_body(&form, false));
        assert!(readable_body(
            &headers(&[("content-type", "application/json; charset=utf-8")]),
            false
        ));
        assert!(!readable_body(&headers(&[("content-type", "text/plain")]), true));
        let files = headers(&[("content-type", "multipart/form-data; boundary=x")]);
        assert!(!readable_body(&files, false), "files only where they are taken");
        assert!(readable_body(&files, true));
        assert!(!readable_body(&headers(&[]), true));
    }

    #[test]
    fn the_limiter_allows_a_burst_then_says_how_long_to_wait() {
        let limit = AuthRateLimit::new(NonZeroU32::new(6).unwrap(), NonZeroU32::new(3).unwrap());
        let ip = IpAddr::from([192, 0, 2, 1]);
        for _ in 0..3 {
            assert!(limit.check(ip).is_ok());
        }
        let wait = limit.check(ip).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(10), "{wait:?}");
        assert!(limit.check(IpAddr::from([192, 0, 2, 2])).is_ok(), "another address has its own");
        let response = too_many(Duration::from_millis(2500));
        assert_eq!(response.headers()[header::RETRY_AFTER], "3");
    }
}
