//! Carries the outcome of a plain form post back to the page: what was typed when
//! it was rejected, which server function succeeded when it was not.
//!
//! Pages are server-rendered, so an `ActionForm` outside an island is a plain HTML
//! form post to its server function, which answers with a redirect back to the
//! page (the `Referer`); on an error Leptos puts the error in the redirect's
//! address (`__path`, `__err`). This layer adds the posted fields as
//! `__form.<name>` (and `__form=1`), so the page renders them again
//! (`app::ui::form::typed_value`); fields whose name says they hold a secret
//! (passwords, tokens) are left out. A redirect that is not an error names the
//! server function that succeeded (`__done=<its path>`), so the page can say
//! "Saved" (`app::ui::feedback::done_notice`).
//!
//! None of that stays in the address: the outcome is kept on the server
//! (`app::server::flash`) for the next view of that page by this browser (its
//! `aura_form` visitor id), the browser gets a random token in the `aura_flash`
//! cookie, and the redirect goes to the clean address. [`echo_guard`] puts the
//! outcome back into the request of that one page view and forgets it, so a
//! reload shows the page clean, and drops any outcome parameters an address
//! brings, so a crafted link cannot put words of its choosing on Aura's pages.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use url::form_urlencoded;

use app::server::{AppState, flash};

/// The largest form body this layer reads (larger posts pass untouched).
const MAX_BODY: usize = 2 * 1024 * 1024;
/// The most echoed bytes put into one address; fields past it are left out
/// (browsers and servers accept addresses far longer than this).
const MAX_ECHO: usize = 64 * 1024;
const PREFIX: &str = app::ui::form::TYPED_PREFIX;
const MARKER: &str = app::ui::form::TYPED_MARKER;
const DONE: &str = app::ui::feedback::DONE_PARAM;
/// The cookie with the browser's random id that outcomes are kept for.
const VISITOR_COOKIE: &str = "aura_form";
/// The cookie with the token of the outcome waiting for the next page view.
const FLASH_COOKIE: &str = "aura_flash";

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
    if !response.status().is_redirection() {
        return response;
    }
    let Some(location) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok())
    else {
        return response;
    };
    let same_page = referer.as_deref() == Some(path_of(location));
    let (clean, outcome) =
        split_outcome(&echo_into(location, &bytes, same_page.then_some(done.as_str())));
    let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
    let mut cookies = Vec::new();
    if !outcome.is_empty() {
        match flash::put(&state.pg, &visitor, path_of(&clean), &outcome).await {
            Ok(token) => cookies.push(format!(
                "{FLASH_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600{secure}"
            )),
            // The page still works; it just cannot say what happened.
            Err(err) => tracing::warn!("keeping a form's outcome failed: {err}"),
        }
        if known.is_none() {
            cookies.push(format!(
                "{VISITOR_COOKIE}={visitor}; Path=/; HttpOnly; SameSite=Lax{secure}"
            ));
        }
    }
    if let Ok(value) = HeaderValue::from_str(&clean) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    for cookie in cookies {
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    response
}

/// Middleware: a page view gets the outcome kept for it (once), and never one
/// brought by its address. See the module documentation.
pub async fn echo_guard(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != axum::http::Method::GET {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or("").to_owned();
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| !is_outcome_key(key))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let page_view = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let token = cookie(request.headers(), FLASH_COOKIE).filter(|_| page_view);
    if let (Some(token), Some(visitor)) = (&token, visitor_of(request.headers())) {
        match flash::take(&state.pg, token, &visitor, &path).await {
            Ok(Some(outcome)) => pairs.extend(
                form_urlencoded::parse(outcome.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned())),
            ),
            Ok(None) => {}
            Err(err) => tracing::warn!("reading a form's outcome failed: {err}"),
        }
    }
    let mut out = path;
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish());
    }
    if out != request.uri().to_string()
        && let Ok(uri) = out.parse()
    {
        *request.uri_mut() = uri;
    }
    let mut response = next.run(request).await;
    if token.is_some() {
        let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
        let gone = format!("{FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}");
        if let Ok(gone) = HeaderValue::from_str(&gone) {
            response.headers_mut().append(header::SET_COOKIE, gone);
        }
    }
    response
}

/// `location` split into the address to send the browser to and the outcome's
/// parameters (error, typed values, what succeeded) to keep for it.
fn split_outcome(location: &str) -> (String, String) {
    let (rest, fragment) = match location.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (location, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (outcome, kept): (Vec<_>, Vec<_>) = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .partition(|(key, _)| is_outcome_key(key));
    let encode = |pairs: Vec<(String, String)>| {
        form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
    };
    let mut clean = path.to_owned();
    if !kept.is_empty() {
        clean.push('?');
        clean.push_str(&encode(kept));
    }
    if let Some(fragment) = fragment {
        clean.push('#');
        clean.push_str(fragment);
    }
    (clean, encode(outcome))
}

/// The parameters that carry a form's outcome: the error, the typed values, what
/// succeeded.
fn is_outcome_key(key: &str) -> bool {
    key == "__err" || key == "__path" || key == MARKER || key == DONE || key.starts_with(PREFIX)
}

/// A cookie's value.
fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.is_empty() && value.len() <= 128)
        .map(|(_, value)| value.to_owned())
}

/// The browser's id from its `aura_form` cookie.
fn visitor_of(headers: &axum::http::HeaderMap) -> Option<String> {
    cookie(headers, VISITOR_COOKIE)
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
        .filter(|(key, _)| key != MARKER && key != DONE && !key.starts_with(PREFIX))
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

    #[test]
    fn the_outcome_leaves_the_address_and_the_rest_stays() {
        let (clean, outcome) = split_outcome(
            "/login?next=%2Fdashboard&__path=%2Fapi%2Flog_in&__err=abc&__form=1&__form.email=a#top",
        );
        assert_eq!(clean, "/login?next=%2Fdashboard#top");
        assert_eq!(outcome, "__path=%2Fapi%2Flog_in&__err=abc&__form=1&__form.email=a");
        let (clean, outcome) = split_outcome("/brands?__done=%2Fapi%2Fbrands%2Fcreate");
        assert_eq!(
            (clean.as_str(), outcome.as_str()),
            ("/brands", "__done=%2Fapi%2Fbrands%2Fcreate")
        );
        assert_eq!(split_outcome("/login"), ("/login".to_owned(), String::new()));
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
