//! Feedback pieces every page uses: loading and error states, confirmation before
//! destructive actions, and toasts announcing results.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::error::AppError;

/// A polite "working on it" line for `Suspense` fallbacks.
#[component]
pub fn Loading(#[prop(default = "Loading…")] label: &'static str) -> impl IntoView {
    view! {
        <p role="status" class="animate-pulse text-sm text-slate-500 dark:text-slate-400">
            {label}
        </p>
    }
}

/// What a page shows when its data could not be loaded: sign in (with a way back
/// here), not found, not allowed, or a fault with its reference.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let here = use_location();
    // The router's `search` comes without its `?`.
    let search = here.search.get_untracked();
    let search = search.trim_start_matches('?');
    let next = if search.is_empty() {
        here.pathname.get_untracked()
    } else {
        format!("{}?{search}", here.pathname.get_untracked())
    };
    let login = format!("/login?next={}", urlencode(&next));
    #[cfg(feature = "ssr")]
    answer_with_status(&error, &login);
    let (title, action) = match &error {
        AppError::Unauthenticated => (
            "Please log in",
            Some(view! {
                <a href=login class="font-medium text-indigo-700 underline dark:text-indigo-300">
                    "Log in"
                </a>
            }.into_any()),
        ),
        AppError::Forbidden => ("Not allowed", None),
        AppError::NotFound => ("Not found", None),
        _ => ("Something went wrong", None),
    };
    view! {
        <div
            role="alert"
            class="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
            <h2 class="font-semibold">{title}</h2>
            <p class="text-sm">{error.to_string()}</p>
            {action}
        </div>
    }
}

/// The page's HTTP status says what the panel says: 403 for a page the member may
/// not open, 404 for a record that does not exist (or is another workspace's), the
/// error's own status otherwise; signed out, a redirect to the log-in page that
/// comes back here (the panel stays for a browser that does not follow it).
#[cfg(feature = "ssr")]
fn answer_with_status(error: &AppError, login: &str) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else { return };
    match error {
        AppError::Unauthenticated => {
            // A page load (not a form post): a plain 302 whatever the `Accept`.
            if let Ok(to) = axum::http::HeaderValue::from_str(login) {
                response.insert_header(axum::http::header::LOCATION, to);
                response.set_status(axum::http::StatusCode::FOUND);
            }
        }
        other => {
            if let Ok(status) = axum::http::StatusCode::from_u16(other.status_code()) {
                response.set_status(status);
            }
        }
    }
}

/// The error boundary's fallback: the first error, with a way home.
pub fn error_boundary_fallback(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <div
            role="alert"
            class="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
            <h1 class="text-lg font-semibold">"This page could not be shown"</h1>
            <ul class="list-disc pl-5 text-sm">
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                        .collect_view()
                }}
            </ul>
            <a href="/" class="text-sm font-medium underline">
                "Go to the home page"
            </a>
        </div>
    }
}

/// A GET filter form sends every field, chosen or not. On the server, this
/// redirects an address with empty values among `keys` to the same address without
/// them, so addresses carry only what was chosen (and stay shareable). Other
/// parameters (a notice, a form echo) leave the address alone.
pub fn drop_empty_filters(path: &str, keys: &[&str]) {
    #[cfg(feature = "ssr")]
    {
        let query = leptos_router::hooks::use_query_map().get_untracked();
        let pairs: Vec<(String, String)> =
            query.latest_values().map(|(k, v)| (k.to_string(), v.to_owned())).collect();
        let known = pairs.iter().all(|(k, _)| keys.contains(&k.as_str()));
        if !known || pairs.iter().all(|(_, v)| !v.is_empty()) {
            return;
        }
        let kept: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect();
        let clean =
            if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) };
        redirect_page(&clean);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = (path, keys);
}

/// Answers the page being rendered with a plain 302 to `to`, whatever the request
/// accepts (`leptos_axum::redirect` answers 302 only to requests asking for HTML).
#[cfg(feature = "ssr")]
pub fn redirect_page(to: &str) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else { return };
    if let Ok(to) = axum::http::HeaderValue::from_str(to) {
        response.insert_header(axum::http::header::LOCATION, to);
        response.set_status(axum::http::StatusCode::FOUND);
    }
}

/// Percent-encodes `value` for a query string (slashes kept, for readable paths).
pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A destructive action behind a disclosure: the first button only opens the
/// confirmation, which names what will happen. Works without JavaScript.
#[component]
pub fn Confirm(
    /// The button that opens the confirmation, like "Remove".
    label: &'static str,
    /// What will happen, like "Remove Vera from Northwind Coffee?".
    question: String,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="group relative inline-block">
            <summary class="cursor-pointer list-none rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-red-500 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950">
                {label}
            </summary>
            <div class="absolute right-0 z-10 mt-2 w-72 space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800">
                <p>{question}</p>
                {children()}
            </div>
        </details>
    }
}

/// The query parameter a successful form post comes back with: the path of the
/// server function that succeeded (added by the server's form-echo layer).
pub const DONE_PARAM: &str = "__done";

/// Whether this page was reached right after a form sent to server function `F`
/// succeeded (see [`DONE_PARAM`]).
pub fn succeeded<F: leptos::server_fn::ServerFn>() -> bool {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(DONE_PARAM)
        .is_some_and(|path| path == F::PATH)
}

/// A short confirmation, like "Profile saved", shown on the page the browser comes
/// back to after a form sent to server function `F` succeeded. Forms are plain
/// HTML posts (pages are server-rendered), so the result arrives with the next
/// page; the notice fades after a few seconds (CSS) and stays in the accessibility
/// tree as a status message.
pub fn done_notice<F: leptos::server_fn::ServerFn>(message: &'static str) -> impl IntoView {
    succeeded::<F>().then(|| {
        view! {
            <p
                role="status"
                data-testid="toast"
                class="toast fixed bottom-4 right-4 z-50 rounded-md bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
            >
                {message}
            </p>
        }
    })
}

pub use super::time::datetime;

/// Classes of an empty state: the dashed box that says what is missing and the
/// next step.
pub const EMPTY_STATE: &str = "rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300";

/// Marks that the page's islands are live: the island script hydrates islands in
/// document order and this one comes last in the page frame, so once it says
/// `data-ready="true"` every interactive part before it is hydrated. Browser
/// tests wait for it before clicking.
#[island]
pub fn HydrationMark() -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! { <span hidden data-testid="hydrated" data-ready=move || ready.get().to_string()></span> }
}

/// Reloads the page every `every_ms` milliseconds while it is shown (for example
/// while a sync runs), unless the person is typing in a field, so progress moves
/// without a manual reload and nothing typed is lost.
#[island]
pub fn RefreshWhileBusy(every_ms: u32) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        fn typing() -> bool {
            document()
                .active_element()
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        }
        fn tick(every: std::time::Duration) {
            set_timeout(
                move || {
                    if typing() {
                        tick(every);
                    } else {
                        let _ = window().location().reload();
                    }
                },
                every,
            );
        }
        Effect::new(move |_| tick(std::time::Duration::from_millis(u64::from(every_ms))));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = every_ms;
    view! { <span hidden data-testid="auto-refresh"></span> }
}
