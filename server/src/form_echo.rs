//! Carries the outcome of a plain form post back to the page: what was typed when
//! it was rejected, which server function succeeded when it was not.
//!
//! Pages are server-rendered, so an `ActionForm` outside an island is a plain HTML
//! form post to its server function, which answers with a redirect back to the
//! page (the `Referer`); on an error the redirect's address carries the error
//! (`__path`, `__err`). This layer adds the posted fields to that address as
//! `__form.<name>` (and `__form=1`), so the page renders them again
//! (`app::ui::form::typed_value`). Fields whose name says they hold a secret
//! (passwords, tokens) are never echoed. A redirect that is not an error drops any
//! earlier echo, so a saved form does not show old input, and names the server
//! function that succeeded (`__done=<its path>`), so the page can say "Saved"
//! (`app::ui::feedback::done_notice`).
//!
//! The error and the typed values are shown only to the browser that sent the
//! form: the address is signed (`__sig`, sealed with the server's keyring) for a
//! random id in that browser's `aura_form` cookie, and [`echo_guard`] drops an
//! error or echo that is not signed for the visitor reading it. So a link cannot
//! put words of someone else's choosing on Aura's pages.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use url::form_urlencoded;

use app::server::AppState;
use app::server::crypto::Keyring;

/// The largest form body this layer reads (larger posts pass untouched).
const MAX_BODY: usize = 2 * 1024 * 1024;
/// The most echoed bytes put into one address; fields past it are left out
/// (browsers and servers accept addresses far longer than this).
const MAX_ECHO: usize = 64 * 1024;
const PREFIX: &str = app::ui::form::TYPED_PREFIX;
const MARKER: &str = app::ui::form::TYPED_MARKER;
const DONE: &str = app::ui::feedback::DONE_PARAM;
/// The query parameter that carries the signature of an echoed address.
const SIG: &str = "__sig";
/// The cookie with the browser's random id that echoed addresses are signed for.
const VISITOR_COOKIE: &str = "aura_form";
/// What the signature is bound to, so it means nothing anywhere else.
const SIG_PURPOSE: &str = "form-echo";

/// Middleware: see the module documentation.
pub async fn form_echo(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_plain_form_post(&request) {
        return next.run(request).await;
    }
    let known = visitor_of(request.headers());
    let visitor = known.clone().unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    // A success is named only on the way back to the page the form was on (the
    // default answer); a server function that sends the person elsewhere (log
    // out to /login) leaves that address as it chose it.
    let done = request.uri().path().to_owned();
    let referer = request
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(|v| path_of(v).to_owned());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
    };
    let mut response = next.run(Request::from_parts(parts, Body::from(bytes.clone()))).await;
    if response.status().is_redirection()
        && let Some(location) = response.headers().get(header::LOCATION)
        && let Ok(location) = location.to_str()
        && let Ok(value) = HeaderValue::from_str(&signed(
            echo_into(
                location,
                &bytes,
                (referer.as_deref() == Some(path_of(location))).then_some(done.as_str()),
            ),
            &visitor,
            &state.keyring,
        ))
    {
        response.headers_mut().insert(header::LOCATION, value);
        if known.is_none() {
            let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
            let cookie =
                format!("{VISITOR_COOKIE}={visitor}; Path=/; HttpOnly; SameSite=Lax{secure}");
            if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
        }
    }
    response
}

/// Middleware: a page address carrying a form's error or echoed values that were
/// not signed for this browser is read without them (the page then shows its
/// empty form), so a crafted link cannot show its own text as Aura's message.
pub async fn echo_guard(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == axum::http::Method::GET
        && let Some(query) = request.uri().query()
        && form_urlencoded::parse(query.as_bytes()).any(|(key, _)| is_echo_key(&key))
        && !verified(query, visitor_of(request.headers()).as_deref(), &state.keyring)
    {
        let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .filter(|(key, _)| !is_echo_key(key) && key != SIG)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut out = request.uri().path().to_owned();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(
                &form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish(),
            );
        }
        if let Ok(uri) = out.parse() {
            *request.uri_mut() = uri;
        }
    }
    next.run(request).await
}

/// The parameters that carry a rejected form's error and typed values.
fn is_echo_key(key: &str) -> bool {
    key == "__err" || key == "__path" || key == MARKER || key.starts_with(PREFIX)
}

/// The browser's id from its `aura_form` cookie.
fn visitor_of(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == VISITOR_COOKIE && !value.is_empty() && value.len() <= 64)
        .map(|(_, value)| value.to_owned())
}

/// What the signature covers: the visitor and the echo parameters, in order.
fn digest(visitor: &str, query: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(visitor.as_bytes());
    for (key, value) in form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| is_echo_key(k)) {
        hasher.update([0]);
        hasher.update(key.as_bytes());
        hasher.update([1]);
        hasher.update(value.as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// `location` with `__sig` added when it carries an error or echoed values.
fn signed(location: String, visitor: &str, keyring: &Keyring) -> String {
    let (rest, fragment) = match location.split_once('#') {
        Some((rest, fragment)) => (rest.to_owned(), Some(fragment.to_owned())),
        None => (location.clone(), None),
    };
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    if !form_urlencoded::parse(query.as_bytes()).any(|(key, _)| is_echo_key(&key)) {
        return location;
    }
    let sig = keyring.seal(&digest(visitor, query), SIG_PURPOSE);
    let mut out = rest;
    out.push('&');
    out.push_str(&form_urlencoded::Serializer::new(String::new()).append_pair(SIG, &sig).finish());
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&fragment);
    }
    out
}

/// Whether `query`'s echo parameters were signed for `visitor`.
fn verified(query: &str, visitor: Option<&str>, keyring: &Keyring) -> bool {
    let Some(visitor) = visitor else { return false };
    let Some(sig) =
        form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == SIG).map(|(_, v)| v)
    else {
        return false;
    };
    keyring.open(&sig, SIG_PURPOSE).is_ok_and(|opened| opened.expose() == digest(visitor, query))
}

/// The path of an absolute or relative address, without query or fragment.
fn path_of(address: &str) -> &str {
    let rest = address
        .split_once("://")
        .map_or(address, |(_, rest)| rest.find('/').map_or("/", |at| &rest[at..]));
    rest.split(['?', '#']).next().unwrap_or(rest)
}

/// A form post from a browser without JavaScript: urlencoded and asking for HTML.
fn is_plain_form_post(request: &Request) -> bool {
    let header_has = |name, needle| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v: &str| v.contains(needle))
    };
    request.method() == axum::http::Method::POST
        && request.uri().path().starts_with("/api/")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        && header_has(header::ACCEPT, "text/html")
}

/// `location` without any earlier echo and, when it carries an error, with the
/// fields of `form` (secrets left out) added; when it does not, with the path of
/// the server function that succeeded (`done`).
fn echo_into(location: &str, form: &[u8], done: Option<&str>) -> String {
    let (rest, fragment) = match location.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (location, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| key != MARKER && key != DONE && key != SIG && !key.starts_with(PREFIX))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let rejected = kept.iter().any(|(key, _)| key == "__err");
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(&kept);
    if rejected {
        query.append_pair(MARKER, "1");
        let mut budget = MAX_ECHO;
        for (name, value) in form_urlencoded::parse(form) {
            if is_secret(&name) || name.starts_with("__") {
                continue;
            }
            let cost = PREFIX.len() + name.len() + value.len();
            if cost > budget {
                continue;
            }
            budget -= cost;
            query.append_pair(&format!("{PREFIX}{name}"), &value);
        }
    } else if let Some(done) = done {
        query.append_pair(DONE, done);
    }
    let query = query.finish();
    let mut out = path.to_owned();
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Field names that hold secrets: never put into an address.
fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["password", "token", "secret"].iter().any(|word| name.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_redirect_gets_the_typed_fields_but_no_password() {
        let out = echo_into(
            "http://127.0.0.1:3000/login?next=%2Fdashboard&__path=%2Fapi%2Flog_in&__err=abc",
            b"email=ann%40example.com&password=hunter2&next=%2Fdashboard",
            None,
        );
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(out.split_once('?').map_or("", |p| p.1).as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        assert!(pairs.contains(&("__form.email".into(), "ann@example.com".into())));
        assert!(pairs.contains(&("__form".into(), "1".into())));
        assert!(pairs.contains(&("__form.next".into(), "/dashboard".into())));
        assert!(!out.contains("hunter2"), "{out}");
        assert!(!pairs.iter().any(|(k, _)| k.contains("password")));
        assert!(out.starts_with("http://127.0.0.1:3000/login?"));
    }

    #[test]
    fn a_successful_redirect_drops_an_earlier_echo_and_names_what_succeeded() {
        let out = echo_into(
            "/brands?__form=1&__form.name=Old&__done=%2Fapi%2Fold&tab=all#top",
            b"name=New",
            Some("/api/brands/create"),
        );
        assert_eq!(out, "/brands?tab=all&__done=%2Fapi%2Fbrands%2Fcreate#top");
    }

    #[test]
    fn a_redirect_elsewhere_is_left_as_the_server_function_chose_it() {
        assert_eq!(echo_into("/login", b"", None), "/login");
        assert_eq!(path_of("http://127.0.0.1:3000/brands?x=1#top"), "/brands");
        assert_eq!(path_of("http://127.0.0.1:3000"), "/");
        assert_eq!(path_of("/login?next=%2F"), "/login");
    }

    fn keyring() -> Keyring {
        Keyring::parse(&Keyring::generate_entry("test")).unwrap()
    }

    #[test]
    fn an_echo_is_shown_only_to_the_visitor_it_was_signed_for() {
        let keys = keyring();
        let location = signed(
            "/login?next=%2F&__path=%2Fapi%2Flog_in&__err=abc&__form=1&__form.email=a".into(),
            "v1",
            &keys,
        );
        let query = location.split_once('?').unwrap().1;
        assert!(verified(query, Some("v1"), &keys));
        assert!(!verified(query, Some("v2"), &keys), "another browser");
        assert!(!verified(query, None, &keys), "no cookie");
        let forged = query.replace("__err=abc", "__err=call%20us");
        assert!(!verified(&forged, Some("v1"), &keys), "changed text");
        let unsigned = "__path=%2Fapi%2Flog_in&__err=abc";
        assert!(!verified(unsigned, Some("v1"), &keys));
        // Nothing to sign, nothing added.
        assert_eq!(signed("/brands?tab=all".into(), "v1", &keys), "/brands?tab=all");
    }

    #[test]
    fn the_visitor_is_read_from_its_cookie() {
        let mut headers = axum::http::HeaderMap::new();
        headers
            .insert(header::COOKIE, HeaderValue::from_static("aura_session=x; aura_form=abc123"));
        assert_eq!(visitor_of(&headers).as_deref(), Some("abc123"));
        assert_eq!(visitor_of(&axum::http::HeaderMap::new()), None);
    }

    #[test]
    fn secrets_are_told_by_name() {
        assert!(is_secret("new_password"));
        assert!(is_secret("Current_Password"));
        assert!(is_secret("token"));
        assert!(!is_secret("email"));
    }

    #[test]
    fn a_huge_field_is_left_out_rather_than_making_the_address_unbounded() {
        let big = "x".repeat(MAX_ECHO + 1);
        let form = format!("name=Ann&csv={big}");
        let out = echo_into("/p?__path=a&__err=b", form.as_bytes(), None);
        assert!(out.contains("__form.name=Ann"));
        assert!(!out.contains("__form.csv"));
    }
}
