//! `/login`: email and password. Works as a plain form without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::auth::api::LogIn;
use crate::ui::form::{Field, FormAlert, SubmitButton};

#[component]
pub fn LogInPage() -> impl IntoView {
    // Created inside the route, so an error from a no-JavaScript post (carried back
    // in the URL) reaches this form.
    let action = ServerAction::<LogIn>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let reset = move || query.read().get("reset").is_some();
    view! {
        <Title text="Log in · Aura" />
        <section class="mx-auto max-w-md space-y-6">
            <h1 class="text-2xl font-semibold">"Log in to Aura"</h1>
            <Show when=reset>
                <p
                    role="status"
                    class="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                >
                    "Your password was changed. Log in with the new one."
                </p>
            </Show>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <Field
                    name="email"
                    label="Email"
                    kind="email"
                    autocomplete="email"
                    required=true
                    error
                />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error
                />
                <FormAlert error />
                <SubmitButton label="Log in" busy_label="Logging in…" />
            </ActionForm>
            <p class="text-sm">
                <a href="/forgot-password" class="text-indigo-700 underline dark:text-indigo-300">
                    "Forgot your password?"
                </a>
            </p>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "New to Aura? "
                <a href="/signup" class="text-indigo-700 underline dark:text-indigo-300">
                    "Create an account"
                </a>
            </p>
        </section>
    }
}
