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
    let next = format!("{}{}", here.pathname.get_untracked(), here.search.get_untracked());
    let login = format!("/login?next={}", urlencode(&next));
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

/// Results announced briefly in a live region.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u64, String)>>);

impl Toasts {
    pub fn push(&self, message: impl Into<String>) {
        let id = self.0.with_untracked(|list| list.last().map_or(0, |(id, _)| id + 1));
        self.0.update(|list| list.push((id, message.into())));
        let list = self.0;
        set_timeout(
            move || list.update(|list| list.retain(|(other, _)| *other != id)),
            std::time::Duration::from_secs(5),
        );
    }
}

pub fn provide_toasts() {
    provide_context(Toasts(RwSignal::new(Vec::new())));
}

/// Shows `message` as a toast each time `succeeded` turns true, for example
/// `move || matches!(action.value().get(), Some(Ok(_)))`.
pub fn toast_when(succeeded: impl Fn() -> bool + Send + Sync + 'static, message: &'static str) {
    let Some(toasts) = use_context::<Toasts>() else { return };
    Effect::new(move |_| {
        if succeeded() {
            toasts.push(message);
        }
    });
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_context::<Toasts>();
    view! {
        <div
            role="status"
            aria-live="polite"
            class="pointer-events-none fixed bottom-4 right-4 z-50 space-y-2"
            data-testid="toasts"
        >
            {move || {
                toasts
                    .map(|t| t.0.get())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, message)| {
                        view! {
                            <p class="rounded-md bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
                                {message}
                            </p>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A date and time as people read it, in UTC.
pub fn datetime(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Marks the end of hydration: placed last in the page frame, its effect runs
/// once everything before it, the page's lazily loaded view included, is
/// hydrated (`data-ready="true"`). Browser tests wait for it before clicking.
#[component]
pub fn HydrationMark() -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! { <span hidden data-testid="hydrated" data-ready=move || ready.get().to_string()></span> }
}

/// A thin bar at the top of the window while the router loads the next page (its
/// code and data); screen readers hear "Loading page".
#[component]
pub fn RoutingProgress(#[prop(into)] routing: Signal<bool>) -> impl IntoView {
    view! {
        <div
            role="progressbar"
            aria-label="Loading page"
            hidden=move || !routing.get()
            class="fixed inset-x-0 top-0 z-50 h-1 animate-pulse bg-indigo-500"
        ></div>
    }
}
