//! `/signup`: the account and its first workspace. Works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::auth::api::SignUp;
use crate::ui::form::{Field, FormAlert, SubmitButton};

#[component]
pub fn SignUpPage() -> impl IntoView {
    // Created inside the route, so an error from a no-JavaScript post (carried back
    // in the URL) reaches this form.
    let action = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text="Sign up · Aura" />
        <section class="mx-auto max-w-lg space-y-6">
            <h1 class="text-2xl font-semibold">"Create your Aura account"</h1>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <fieldset class="space-y-4">
                    <legend class="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                        "You"
                    </legend>
                    <Field name="name" label="Your name" autocomplete="name" required=true error />
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
                        autocomplete="new-password"
                        required=true
                        hint="At least 12 characters. A few unrelated words work well."
                        error
                    />
                </fieldset>
                <fieldset class="space-y-4">
                    <legend class="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                        "Your workspace"
                    </legend>
                    <Field
                        name="workspace_name"
                        label="Company or workspace name"
                        autocomplete="organization"
                        required=true
                        error
                    />
                    <Field name="industry" label="Industry (optional)" error />
                    <Field
                        name="website"
                        label="Website (optional)"
                        kind="url"
                        autocomplete="url"
                        error
                    />
                    <div class="grid gap-4 sm:grid-cols-2">
                        // The shell's script fills in the browser's zone (unless this is
                        // the form coming back with what was typed).
                        <div data-browser-zone=error.get_untracked().is_none().then_some("")>
                            <Field
                                name="timezone"
                                label="Time zone"
                                value="UTC".to_owned()
                                hint="Your browser's, when it says; for example Europe/Lisbon."
                                error
                            />
                        </div>
                        <Field
                            name="currency"
                            label="Currency"
                            value="USD".to_owned()
                            hint="Three letters, like USD or EUR."
                            error
                        />
                    </div>
                </fieldset>
                <FormAlert error />
                <SubmitButton label="Create account" busy_label="Creating your workspace…" />
            </ActionForm>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Already have an account? "
                <a href="/login" class="text-indigo-700 underline dark:text-indigo-300">
                    "Log in"
                </a>
            </p>
        </section>
    }
}
