//! `/accounts/connect`: after a sign-in that offers several accounts (a Facebook
//! login's Pages, the Instagram accounts linked to them, a LinkedIn member and
//! the organizations they administer), the person ticks which to add.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::integrations::api::{AddSocialAccounts, social_choices};
use crate::contexts::integrations::types::SocialChoices;
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading};
use crate::ui::form::FormAlert;

const PRIMARY: &str = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60";

#[component]
pub fn SocialChoicePage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| social_choices());
    view! {
        <Title text="Choose accounts · Aura" />
        <h1 class="text-2xl font-semibold">"Choose the accounts to add"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(Some(choices)) => view! { <Choose choices /> }.into_any(),
                    Ok(None) => {
                        view! {
                            <p class=EMPTY_STATE data-testid="no-choice">
                                "There is no sign-in waiting for a choice. "
                                <a href="/accounts" class="underline">
                                    "Connect an account"
                                </a>
                                " to start one."
                            </p>
                        }
                            .into_any()
                    }
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Choose(choices: SocialChoices) -> impl IntoView {
    let add = ServerAction::<AddSocialAccounts>::new();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let label = choices.platform.label();
    let existing = choices.existing.clone();
    view! {
        <p class="text-sm text-slate-600 dark:text-slate-400">
            {format!(
                "Your {label} sign-in can publish to these accounts. Tick the ones this workspace should publish to; those already added are connected again with the new access.",
            )}
        </p>
        <ActionForm action=add attr:class="space-y-3">
            <FormAlert error />
            <fieldset class="space-y-2">
                <legend class="sr-only">{format!("{label} accounts")}</legend>
                {choices
                    .options
                    .into_iter()
                    .map(|o| {
                        let input_id = format!(
                            "choice-{}",
                            o.platform_account_id.replace(':', "-"),
                        );
                        let label_for = input_id.clone();
                        let already = existing.contains(&o.platform_account_id);
                        view! {
                            <label
                                for=label_for
                                class="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800"
                                data-testid="account-choice"
                            >
                                <input
                                    type="checkbox"
                                    id=input_id
                                    name=format!("chosen[{}]", o.platform_account_id)
                                    value="on"
                                    checked=already
                                />
                                <span class="min-w-0 break-words">
                                    <span class="font-medium">{o.display_name}</span>
                                    <span class="text-slate-600 dark:text-slate-400">
                                        {format!(" @{}", o.username)}
                                        {o.detail.map(|d| format!(" · {d}"))}
                                        {already.then_some(" · already added")}
                                    </span>
                                </span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="flex gap-2">
                <button type="submit" class=PRIMARY>
                    "Add the chosen accounts"
                </button>
                <a href="/accounts" class="px-3 py-1.5 text-sm underline">
                    "Cancel"
                </a>
            </div>
        </ActionForm>
    }
}
