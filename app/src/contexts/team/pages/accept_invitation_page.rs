//! `/invitations/accept?token=…`: join a workspace from an emailed link, with a new
//! account or the one already signed in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::team::api::{AcceptInvitation, get_invitation};
use crate::contexts::team::types::{InvitationPreview, InvitationState};
use crate::ui::feedback::{ErrorPanel, Loading, urlencode};
use crate::ui::form::{Field, FormAlert, SubmitButton};

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let preview = Resource::new(token, get_invitation);
    view! {
        <Title text="Join a workspace · Aura" />
        <section class="mx-auto max-w-md space-y-6">
            <Suspense fallback=|| {
                view! { <Loading label="Opening the invitation…" /> }
            }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(preview) => view! { <Invitation preview token=token() /> }.into_any(),
                        Err(err) => {
                            view! {
                                <h1 class="text-2xl font-semibold">"Invitation"</h1>
                                <ErrorPanel error=err />
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Invitation(preview: InvitationPreview, token: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let token_error = move || crate::ui::form::messages_for(error.get(), "token").join(" ");
    let heading = format!("Join {} on Aura", preview.workspace_name);
    let by = preview
        .invited_by
        .clone()
        .map(|n| format!("{n} invited "))
        .unwrap_or_else(|| "You are invited: ".into());
    let intro = format!("{by}{} as {}.", preview.email, preview.role.label());
    let login = format!("/login?next={}", urlencode(&format!("/invitations/accept?token={token}")));
    let body = match (preview.state, &preview.signed_in_as, preview.account_exists) {
        (InvitationState::Expired, ..) | (InvitationState::Used, ..) => view! {
            <p
                role="alert"
                class="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
                "This invitation has expired or was already used. Ask whoever invited you for a new one."
            </p>
        }.into_any(),
        (InvitationState::Open, Some(email), _) if email.eq_ignore_ascii_case(&preview.email) => view! {
            <ActionForm action=accept attr:class="space-y-4">
                <input type="hidden" name="token" value=token.clone() />
                <FormAlert error />
                <p class="text-sm text-red-700 dark:text-red-400">{token_error}</p>
                <SubmitButton label="Join the workspace" busy_label="Joining…" />
            </ActionForm>
        }.into_any(),
        (InvitationState::Open, Some(email), _) => view! {
            <p
                role="alert"
                class="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
                {format!(
                    "You are signed in as {email}, but this invitation is for {}. Log out, then open the link again.",
                    preview.email,
                )}
            </p>
        }.into_any(),
        (InvitationState::Open, None, true) => view! {
            <p class="text-sm">
                "You already have an Aura account. "
                <a href=login class="font-medium text-indigo-700 underline dark:text-indigo-300">
                    "Log in to accept"
                </a>
            </p>
        }.into_any(),
        (InvitationState::Open, None, false) => view! {
            <ActionForm action=accept attr:class="space-y-4" attr:novalidate=true>
                <input type="hidden" name="token" value=token.clone() />
                <p class="text-sm text-slate-600 dark:text-slate-300">
                    "Create your account to join."
                </p>
                <Field name="name" label="Your name" autocomplete="name" required=true error />
                <Field
                    name="password"
                    label="Choose a password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    hint="At least 12 characters. A few unrelated words work well."
                    error
                />
                <p class="text-sm text-red-700 dark:text-red-400">{token_error}</p>
                <FormAlert error />
                <SubmitButton label="Create account and join" busy_label="Joining…" />
            </ActionForm>
        }.into_any(),
    };
    view! {
        <h1 class="text-2xl font-semibold">{heading}</h1>
        <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="invitation-intro">
            {intro}
        </p>
        {body}
    }
}
