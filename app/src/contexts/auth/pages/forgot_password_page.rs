//! `/forgot-password`: ask for a one-time reset link by email.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::auth::api::RequestPasswordReset;
use crate::ui::form::{Field, FormAlert, SubmitButton};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Title text="Reset your password · Aura" />
        <section class="mx-auto max-w-md space-y-6">
            <h1 class="text-2xl font-semibold">"Reset your password"</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p class="text-sm text-slate-600 dark:text-slate-300">
                            "Enter the email you log in with. We will send a link to choose a new password."
                        </p>
                        <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                            <Field
                                name="email"
                                label="Email"
                                kind="email"
                                autocomplete="email"
                                required=true
                                error
                            />
                            <FormAlert error />
                            <SubmitButton label="Email me a link" busy_label="Sending…" />
                        </ActionForm>
                    }
                }
            >
                <p
                    role="status"
                    class="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                    data-testid="reset-sent"
                >
                    "If an account uses that email, a link to reset the password is on its way. It works once, within an hour."
                </p>
            </Show>
            <p class="text-sm">
                <a href="/login" class="text-indigo-700 underline dark:text-indigo-300">
                    "Back to log in"
                </a>
            </p>
        </section>
    }
}
