//! `/accounts`: the workspace's social accounts, each with its health (connected,
//! its connection ending in N days, needing a reconnect, turned off) and, for
//! those who manage integrations, turning it off or on.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::integrations::api::{SetSocialAccountActive, list_social_accounts};
use crate::contexts::integrations::types::{AccountHealth, SocialAccount, SocialAccounts};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading};
use crate::ui::form::{FormAlert, SECONDARY_BUTTON};
use crate::ui::time::When;

#[component]
pub fn SocialAccountsPage() -> impl IntoView {
    let toggle = ServerAction::<SetSocialAccountActive>::new();
    let accounts = Resource::new(move || toggle.version().get(), |_| list_social_accounts());
    view! {
        <Title text="Social accounts · Aura" />
        <h1 class="text-2xl font-semibold">"Social accounts"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! { <Accounts list toggle /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn health(account: &SocialAccount) -> (String, &'static str) {
    let days = account
        .token_expires_at
        .map(|end| (end - chrono::Utc::now()).num_days().max(0))
        .unwrap_or_default();
    match account.health {
        AccountHealth::Connected => (
            "Connected".to_owned(),
            "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
        ),
        AccountHealth::Expiring => (
            format!("Connection ends in {}", crate::ui::plural(days, "day", "days")),
            "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
        ),
        AccountHealth::Expired => (
            "Needs reconnecting: the platform's permission has ended".to_owned(),
            "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
        ),
        AccountHealth::Disabled => (
            "Turned off: nothing is published to it".to_owned(),
            "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
        ),
    }
}

#[component]
fn Accounts(list: SocialAccounts, toggle: ServerAction<SetSocialAccountActive>) -> impl IntoView {
    let error = Signal::derive(move || toggle.value().get().and_then(Result::err));
    if list.accounts.is_empty() {
        return view! {
            <p class=EMPTY_STATE data-testid="no-social-accounts">
                "No social accounts yet. Connected accounts appear here with their health; posts are written for them on the Posts page."
            </p>
        }
            .into_any();
    }
    let can_manage = list.can_manage;
    view! {
        <FormAlert error />
        <ul
            class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
            data-testid="social-accounts"
        >
            {list
                .accounts
                .into_iter()
                .map(|a| {
                    let (text, class) = health(&a);
                    let id = a.id.to_string();
                    let active = a.is_active;
                    view! {
                        <li
                            class="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm"
                            data-testid="social-account"
                        >
                            <div class="min-w-0 break-words">
                                <p class="font-medium">
                                    {format!("{} · {}", a.platform.label(), a.display_name)}
                                    {a
                                        .demo
                                        .then(|| {
                                            view! {
                                                <span class="ml-2 rounded bg-slate-200 px-1.5 text-xs text-slate-700 dark:bg-slate-700 dark:text-slate-200">
                                                    "Sample data"
                                                </span>
                                            }
                                        })}
                                </p>
                                <p class="text-slate-600 dark:text-slate-400">
                                    {format!("@{}", a.username)}
                                    {a
                                        .token_expires_at
                                        .map(|at| {
                                            view! {
                                                " · permission until "
                                                <When at />
                                            }
                                        })}
                                </p>
                            </div>
                            <span
                                class=format!("rounded px-1.5 py-0.5 text-xs font-medium {class}")
                                data-testid="account-health"
                            >
                                {text}
                            </span>
                            {can_manage
                                .then(|| {
                                    view! {
                                        <ActionForm action=toggle>
                                            <input type="hidden" name="account_id" value=id.clone() />
                                            <input
                                                type="hidden"
                                                name="active"
                                                value=(!active).to_string()
                                            />
                                            <button type="submit" class=SECONDARY_BUTTON>
                                                {if active { "Turn off" } else { "Turn on" }}
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
        .into_any()
}
