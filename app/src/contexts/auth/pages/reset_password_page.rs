//! `/reset-password?token=…`: choose a new password through an emailed link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::auth::api::{ResetPassword, reset_link_status};
use crate::ui::feedback::{ErrorPanel, Loading};
use crate::ui::form::{Field, FormAlert, SubmitButton};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let open = Resource::new(token, reset_link_status);
    view! {
        <Title text="Choose a new password · Aura" />
        <section class="mx-auto max-w-md space-y-6">
            <h1 class="text-2xl font-semibold">"Choose a new password"</h1>
            <Suspense fallback=|| {
                view! { <Loading label="Checking the link…" /> }
            }>
                {move || Suspend::new(async move {
                    match open.await {
                        Ok(true) => {
                            view! {
                                <ActionForm
                                    action=action
                                    attr:class="space-y-4"
                                    attr:novalidate=true
                                >
                                    <input type="hidden" name="token" value=token />
                                    <Field
                                        name="new_password"
                                        label="New password"
                                        kind="password"
                                        autocomplete="new-password"
                                        required=true
                                        hint="At least 12 characters. A few unrelated words work well."
                                        error
                                    />
                                    <Field
                                        name="confirm_password"
                                        label="Repeat the new password"
                                        kind="password"
                                        autocomplete="new-password"
                                        required=true
                                        error
                                    />
                                    <p class="text-sm text-red-700 dark:text-red-400">
                                        {move || {
                                            crate::ui::form::messages_for(error.get(), "token")
                                                .join(" ")
                                        }}
                                    </p>
                                    <FormAlert error />
                                    <SubmitButton label="Set password" busy_label="Saving…" />
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(false) => {
                            view! {
                                <div
                                    role="alert"
                                    class="space-y-2 rounded-md bg-amber-50 p-4 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                                >
                                    <p>"This link has expired or was already used."</p>
                                    <a href="/forgot-password" class="font-medium underline">
                                        "Ask for a new link"
                                    </a>
                                </div>
                            }
                                .into_any()
                        }
                        Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
