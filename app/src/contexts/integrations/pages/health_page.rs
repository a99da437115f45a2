//! `/integrations`: the health of every brand data source and social account of
//! the workspace in one list, access ending this week first: status, when access
//! ends (or that Aura renews it), the last success and the last error, a data
//! source's recent connection log, and where to reconnect it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::integrations::api::{ConnectSocial, integration_health};
use crate::contexts::integrations::types::{
    HealthEntry, HealthState, IntegrationHealth, Reconnect,
};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading};
use crate::ui::form::{FormAlert, SECONDARY_BUTTON};
use crate::ui::time::When;

#[component]
pub fn IntegrationHealthPage() -> impl IntoView {
    let health = Resource::new(|| (), |_| integration_health());
    view! {
        <Title text="Integration health · Aura" />
        <h1 class="text-2xl font-semibold">"Integration health"</h1>
        <p class="text-sm text-slate-600 dark:text-slate-400">
            "Every data source and social account of this workspace. Access that ends this week comes first; owners and admins are told a week and a day before."
        </p>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match health.await {
                    Ok(health) => view! { <Entries health /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn badge(state: HealthState) -> &'static str {
    match state {
        HealthState::Healthy => {
            "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
        }
        HealthState::Expiring => {
            "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"
        }
        HealthState::NeedsAttention => "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
        HealthState::Off => "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
    }
}

#[component]
fn Entries(health: IntegrationHealth) -> impl IntoView {
    if health.entries.is_empty() {
        return view! {
            <p class=EMPTY_STATE data-testid="no-integrations">
                "Nothing is connected yet. Connect a brand's data sources on its page under "
                <a href="/brands" class="underline">
                    "Brands"
                </a>
                ", and social accounts under "
                <a href="/accounts" class="underline">
                    "Social accounts"
                </a>
                "."
            </p>
        }
        .into_any();
    }
    let connect = ServerAction::<ConnectSocial>::new();
    let error = Signal::derive(move || connect.value().get().and_then(Result::err));
    let can_manage = health.can_manage;
    view! {
        <FormAlert error />
        <ul class="space-y-3" data-testid="integration-health">
            {health
                .entries
                .into_iter()
                .map(|entry| view! { <Entry entry can_manage connect /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Entry(
    entry: HealthEntry,
    can_manage: bool,
    connect: ServerAction<ConnectSocial>,
) -> impl IntoView {
    let needs_person = matches!(entry.state, HealthState::Expiring | HealthState::NeedsAttention);
    let reconnect = (can_manage && needs_person && !entry.demo).then(|| match entry.reconnect {
        Reconnect::Brand(brand) => view! {
            <a href=format!("/brands/{brand}#integrations") class=SECONDARY_BUTTON>
                "Reconnect on the brand page"
            </a>
        }
        .into_any(),
        Reconnect::Social(platform) => view! {
            <ActionForm action=connect>
                <input type="hidden" name="platform" value=platform.as_str() />
                <button type="submit" class=SECONDARY_BUTTON>
                    {format!("Reconnect {}", platform.label())}
                </button>
            </ActionForm>
        }
        .into_any(),
    });
    let log = entry.log.clone();
    view! {
        <li
            class="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-700 dark:bg-slate-800"
            data-testid="health-entry"
        >
            <div class="flex flex-wrap items-center justify-between gap-2">
                <div class="min-w-0 break-words">
                    <p class="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                        {entry.kind.clone()} {entry.demo.then_some(" · sample data")}
                    </p>
                    <p class="font-medium">{entry.name.clone()}</p>
                </div>
                <span
                    class=format!(
                        "rounded px-1.5 py-0.5 text-xs font-medium {}",
                        badge(entry.state),
                    )
                    data-testid="health-status"
                >
                    {entry.status.clone()}
                </span>
            </div>
            <dl class="grid gap-x-4 gap-y-1 text-slate-700 sm:grid-cols-3 dark:text-slate-300">
                <div>
                    <dt class="text-xs text-slate-500 dark:text-slate-400">"Access"</dt>
                    <dd>
                        {match (entry.token_expires_at, entry.renews) {
                            (_, true) => "Renewed by Aura".into_any(),
                            (Some(at), false) => {
                                view! {
                                    "Ends "
                                    <When at />
                                }
                                    .into_any()
                            }
                            (None, false) => "Does not expire".into_any(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt class="text-xs text-slate-500 dark:text-slate-400">"Last success"</dt>
                    <dd>
                        {match entry.last_success_at {
                            Some(at) => view! { <When at /> }.into_any(),
                            None => "None yet".into_any(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt class="text-xs text-slate-500 dark:text-slate-400">"Last error"</dt>
                    <dd data-testid="health-last-error" class="break-words">
                        {match (entry.last_error.clone(), entry.last_error_at) {
                            (Some(e), Some(at)) => {
                                view! {
                                    {e}
                                    " ("
                                    <When at />
                                    ")"
                                }
                                    .into_any()
                            }
                            (Some(e), None) => e.into_any(),
                            (None, _) => "None".into_any(),
                        }}
                    </dd>
                </div>
            </dl>
            {(!log.is_empty())
                .then(|| {
                    view! {
                        <details>
                            <summary class="cursor-pointer text-slate-600 dark:text-slate-400">
                                "Connection log"
                            </summary>
                            <ul class="mt-1 space-y-1">
                                {log
                                    .into_iter()
                                    .map(|l| {
                                        view! {
                                            <li class="break-words">
                                                <When at=l.occurred_at />
                                                {format!(" · {}", l.message)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
            {reconnect}
        </li>
    }
}
