//! Light/dark theme. Without JavaScript (and until the visitor chooses) the page
//! follows the system setting through CSS; the toggle stores a choice in
//! `localStorage` and marks `<html>` with `dark` or `light`, which the stylesheet's
//! `dark:` variant honours.

use leptos::prelude::*;

#[island]
pub fn ThemeToggle() -> impl IntoView {
    // Unknown on the server; the browser fills it in once hydrated.
    let (dark, set_dark) = signal(None::<bool>);
    Effect::new(move |_| set_dark.set(Some(browser::restore())));
    let toggle = move |_| {
        let next = !dark.get_untracked().unwrap_or(false);
        browser::choose(next);
        set_dark.set(Some(next));
    };
    view! {
        <button
            type="button"
            data-testid="theme-toggle"
            data-ready=move || if dark.get().is_some() { "true" } else { "false" }
            aria-pressed=move || if dark.get() == Some(true) { "true" } else { "false" }
            on:click=toggle
            class="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:hover:bg-slate-700"
        >
            <span aria-hidden="true">
                {move || if dark.get() == Some(true) { "☾ " } else { "☀ " }}
            </span>
            "Dark theme"
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::{document, window};

    const KEY: &str = "aura-theme";

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// Shows the stored choice, if any; returns whether the page is now dark.
    pub fn restore() -> bool {
        match storage().and_then(|s| s.get_item(KEY).ok().flatten()).as_deref() {
            Some("dark") => {
                mark(true);
                true
            }
            Some("light") => {
                mark(false);
                false
            }
            _ => window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|query| query.matches()),
        }
    }

    fn mark(dark: bool) {
        if let Some(root) = document().document_element() {
            let classes = root.class_list();
            let _ = classes.toggle_with_force("dark", dark);
            let _ = classes.toggle_with_force("light", !dark);
        }
    }

    /// Shows and remembers the chosen theme.
    pub fn choose(dark: bool) {
        mark(dark);
        if let Some(storage) = storage() {
            // Private browsing may refuse storage; the choice then lasts this page only.
            let _ = storage.set_item(KEY, if dark { "dark" } else { "light" });
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn restore() -> bool {
        false
    }

    pub fn choose(_dark: bool) {}
}
