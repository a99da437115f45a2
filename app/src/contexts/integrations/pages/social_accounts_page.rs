//! `/accounts`: the workspace's social accounts, each with its health (connected,
//! its connection ending in N days, needing a reconnect, turned off); for those
//! who manage integrations, connecting an account on each of the nine platforms
//! (or what the server still needs to be set for it), reconnecting, turning an
//! account off or on, and removing it behind a confirmation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::integrations::api::{
    ConnectSocial, RemoveSocialAccount, SetSocialAccountActive, list_social_accounts,
};
use crate::contexts::integrations::types::{
    AccountHealth, ConnectNotice, SocialAccount, SocialAccounts, SocialConnectOption,
};
use crate::ui::feedback::{Confirm, EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{DANGER_BUTTON, FormAlert, SECONDARY_BUTTON};
use crate::ui::time::When;

#[component]
pub fn SocialAccountsPage() -> impl IntoView {
    let toggle = ServerAction::<SetSocialAccountActive>::new();
    let remove = ServerAction::<RemoveSocialAccount>::new();
    let accounts = Resource::new(
        move || (toggle.version().get(), remove.version().get()),
        |_| list_social_accounts(),
    );
    view! {
        <Title text="Social accounts · Aura" />
        <h1 class="text-2xl font-semibold">"Social accounts"</h1>
        {done_notice::<RemoveSocialAccount>("Account removed; its posts keep their history")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => {
                        let platforms = list.platforms.clone();
                        let notice = list.notice.clone();
                        view! {
                            <Notice notice />
                            <Accounts list toggle remove />
                            <Connect platforms />
                        }
                            .into_any()
                    }
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// How the last sign-in went.
#[component]
fn Notice(notice: Option<ConnectNotice>) -> impl IntoView {
    notice.map(|n| {
        let class = if n.ok {
            "rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        } else {
            "rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        };
        view! {
            <p class=class role=if n.ok { "status" } else { "alert" } data-testid="connect-notice">
                {n.text}
            </p>
        }
    })
}

/// The nine platforms: a button to each one's consent screen, or what this
/// server still needs for it.
#[component]
fn Connect(platforms: Vec<SocialConnectOption>) -> impl IntoView {
    if platforms.is_empty() {
        return ().into_any();
    }
    let connect = ServerAction::<ConnectSocial>::new();
    let error = Signal::derive(move || connect.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="connect-heading" class="space-y-3">
            <h2 id="connect-heading" class="text-lg font-semibold">
                "Connect an account"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-400">
                "You sign in on the platform and choose what Aura may publish to. Facebook lists your Pages, Instagram the professional accounts linked to them, LinkedIn you and the organizations you administer."
            </p>
            <FormAlert error />
            <ul class="grid gap-2 sm:grid-cols-3" data-testid="connect-platforms">
                {platforms
                    .into_iter()
                    .map(|option| {
                        let label = option.platform.label();
                        let body = if option.missing_settings.is_empty() {
                            view! {
                                <ActionForm action=connect>
                                    <input
                                        type="hidden"
                                        name="platform"
                                        value=option.platform.as_str()
                                    />
                                    <button type="submit" class=SECONDARY_BUTTON>
                                        {format!("Connect {label}")}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="font-medium">{label}</p>
                                <p
                                    class="text-xs text-slate-600 dark:text-slate-400"
                                    data-testid="not-configured"
                                >
                                    {format!(
                                        "Not set up on this server: set {}.",
                                        option.missing_settings.join(" and "),
                                    )}
                                </p>
                            }
                                .into_any()
                        };
                        view! {
                            <li class="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800">
                                {body}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
        .into_any()
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
fn Accounts(
    list: SocialAccounts,
    toggle: ServerAction<SetSocialAccountActive>,
    remove: ServerAction<RemoveSocialAccount>,
) -> impl IntoView {
    let error = Signal::derive(move || {
        toggle
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
    });
    if list.accounts.is_empty() {
        return view! {
            <p class=EMPTY_STATE data-testid="no-social-accounts">
                "No social accounts yet. Connected accounts appear here with their health; posts are written for them on the Posts page."
            </p>
        }
            .into_any();
    }
    let can_manage = list.can_manage;
    let can_connect = list.can_connect;
    let can_remove = list.can_remove;
    let reconnect = ServerAction::<ConnectSocial>::new();
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
                    let remove_id = id.clone();
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
                            <div class="flex flex-wrap gap-2">
                                {(can_connect && !a.demo
                                    && matches!(
                                        a.health,
                                        AccountHealth::Expiring | AccountHealth::Expired
                                    ))
                                    .then(|| {
                                        view! {
                                            <ActionForm action=reconnect>
                                                <input
                                                    type="hidden"
                                                    name="platform"
                                                    value=a.platform.as_str()
                                                />
                                                <button type="submit" class=SECONDARY_BUTTON>
                                                    "Reconnect"
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
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
                                {can_remove
                                    .then(|| {
                                        let question = format!(
                                            "Remove {} · {}? Aura deletes its stored access and publishes nothing more to it; its posts keep their history. You can connect it again later.",
                                            a.platform.label(),
                                            a.display_name,
                                        );
                                        let id = remove_id.clone();
                                        view! {
                                            <Confirm label="Remove" question>
                                                <ActionForm action=remove>
                                                    <input type="hidden" name="account_id" value=id />
                                                    <button type="submit" class=DANGER_BUTTON>
                                                        "Remove account"
                                                    </button>
                                                </ActionForm>
                                            </Confirm>
                                        }
                                    })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
        .into_any()
}
