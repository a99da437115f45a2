//! The theme: light, dark, or the system's (the default). Without JavaScript, and
//! until the visitor chooses, the page follows the system setting through CSS; the
//! choice is kept in `localStorage` and marks `<html>` with `dark` or `light`,
//! which the stylesheet's `dark:` variant honours. The shell's inline script
//! applies a stored choice before the first paint.

use leptos::prelude::*;

/// The three choices, as stored (`system` is stored as no choice).
const CHOICES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

#[island]
pub fn ThemeToggle() -> impl IntoView {
    // Unknown on the server; the browser fills it in once hydrated.
    let (choice, set_choice) = signal(None::<String>);
    Effect::new(move |_| set_choice.set(Some(browser::stored())));
    let chosen = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        browser::choose(&value);
        set_choice.set(Some(value));
    };
    view! {
        <label class="flex items-center gap-1 text-sm">
            <span aria-hidden="true">"◐"</span>
            <span class="sr-only">"Theme"</span>
            <select
                data-testid="theme-toggle"
                data-ready=move || if choice.get().is_some() { "true" } else { "false" }
                on:change=chosen
                prop:value=move || choice.get().unwrap_or_else(|| "system".to_owned())
                class="rounded-md border border-slate-300 bg-white py-1 pl-1 pr-6 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:bg-slate-800"
            >
                {CHOICES
                    .into_iter()
                    .map(|(value, label)| view! { <option value=value>{label}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::{document, window};

    const KEY: &str = "aura-theme";

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// The stored choice: `light`, `dark` or `system`.
    pub fn stored() -> String {
        match storage().and_then(|s| s.get_item(KEY).ok().flatten()).as_deref() {
            Some(choice @ ("dark" | "light")) => choice.to_owned(),
            _ => "system".to_owned(),
        }
    }

    /// Shows and remembers the choice; `system` forgets any stored one, so the
    /// system's setting applies again.
    pub fn choose(choice: &str) {
        if let Some(root) = document().document_element() {
            let classes = root.class_list();
            let _ = classes.toggle_with_force("dark", choice == "dark");
            let _ = classes.toggle_with_force("light", choice == "light");
        }
        // Private browsing may refuse storage; the choice then lasts this page only.
        if let Some(storage) = storage() {
            let _ = match choice {
                "dark" | "light" => storage.set_item(KEY, choice),
                _ => storage.remove_item(KEY),
            };
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn stored() -> String {
        "system".to_owned()
    }

    pub fn choose(_choice: &str) {}
}
