//! The brand page's data sources: one card per platform with its status, account,
//! last sync, token expiry and log; connect (through the platform's consent screen),
//! sync now with progress, and disconnect behind a confirmation.

use leptos::prelude::*;

use crate::contexts::integrations::api::{
    ConnectPlatform, Disconnect, SyncNow, get_brand_integrations,
};
use crate::contexts::integrations::types::{
    BrandIntegrations, ConnectionStatus, ConnectionView, PlatformCard,
};
use crate::error::AppError;
use crate::ui::feedback::{Confirm, Loading, RefreshWhileBusy, datetime, done_notice};
use crate::ui::form::{
    CARD, DANGER_BUTTON, FormAlert, SECONDARY_BUTTON, messages_for, typed_value,
};
use crate::ui::time::When;

const PRIMARY: &str = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60";

/// How often the page reloads itself while a sync is queued or running.
const POLL_MS: u32 = 1500;

#[component]
pub fn IntegrationsPanel(brand_id: String) -> impl IntoView {
    let sync = ServerAction::<SyncNow>::new();
    let disconnect = ServerAction::<Disconnect>::new();
    let data = Resource::new(move || brand_id.clone(), get_brand_integrations);
    let action_error = Signal::derive(move || {
        sync.value()
            .get()
            .and_then(Result::err)
            .or_else(|| disconnect.value().get().and_then(Result::err))
    });
    view! {
        <Transition fallback=|| {
            view! { <Loading label="Loading data sources…" /> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(panel) => {
                        let busy = panel.any_active();
                        // While a sync is under way the page reloads itself, so
                        // progress moves without the person reloading.
                        view! {
                            {busy.then(|| view! { <RefreshWhileBusy every_ms=POLL_MS /> })}
                            <Panel panel sync disconnect action_error />
                        }
                            .into_any()
                    }
                    Err(AppError::Forbidden) => ().into_any(),
                    Err(err) => {
                        // Members who may not see connections do not get the section.
                        view! { <crate::ui::feedback::ErrorPanel error=err /> }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Panel(
    panel: BrandIntegrations,
    sync: ServerAction<SyncNow>,
    disconnect: ServerAction<Disconnect>,
    action_error: Signal<Option<AppError>>,
) -> impl IntoView {
    let brand_id = panel.brand_id.to_string();
    let can_manage = panel.can_manage;
    let cards = panel
        .cards
        .into_iter()
        .map(|card| view! { <Card card brand_id=brand_id.clone() can_manage sync disconnect /> })
        .collect_view();
    view! {
        <section id="integrations" aria-labelledby="integrations-heading" class="space-y-3">
            <h2 id="integrations-heading" class="text-lg font-semibold">
                "Data sources"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Connected accounts sync daily at the brand's sync hour; the first sync reads the last 90 days."
            </p>
            <FormAlert error=action_error />
            {done_notice::<SyncNow>("Sync queued")}
            {done_notice::<Disconnect>("Disconnected")}
            <div class="grid gap-4 md:grid-cols-2">{cards}</div>
        </section>
    }
    .into_any()
}

fn badge(status: ConnectionStatus) -> &'static str {
    match status {
        ConnectionStatus::Connected => {
            "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
        }
        ConnectionStatus::Disconnected => {
            "bg-slate-100 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
        }
        ConnectionStatus::Error | ConnectionStatus::Expired => {
            "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100"
        }
    }
}

#[component]
fn Card(
    card: PlatformCard,
    brand_id: String,
    can_manage: bool,
    sync: ServerAction<SyncNow>,
    disconnect: ServerAction<Disconnect>,
) -> impl IntoView {
    let platform = card.platform;
    let slug = platform.as_str();
    let status = card.connection.as_ref().map_or(ConnectionStatus::Disconnected, |c| c.status);
    let heading_id = format!("source-{slug}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <article aria-labelledby=labelled_by class=CARD data-testid=format!("source-{slug}")>
            <div class="flex items-start justify-between gap-2">
                <div>
                    <h3 id=heading_id class="font-semibold">
                        {platform.label()}
                    </h3>
                    <p class="text-xs text-slate-500 dark:text-slate-400">{platform.provides()}</p>
                </div>
                <span
                    class=format!("rounded-full px-2 py-0.5 text-xs font-medium {}", badge(status))
                    data-testid=format!("status-{slug}")
                >
                    {status.label()}
                </span>
            </div>
            {card.connection.clone().map(|c| view! { <Health connection=c /> }.into_any())}
            {can_manage
                .then(|| {
                    view! { <Manage card=card.clone() brand_id sync disconnect /> }.into_any()
                })}
            {card.connection.map(|c| view! { <Log connection=c /> })}
        </article>
    }
    .into_any()
}

/// Status, account, last sync, token expiry, the reason for a problem and progress.
#[component]
fn Health(connection: ConnectionView) -> impl IntoView {
    let c = connection;
    let last_failure =
        c.log.first().filter(|l| l.event_type == "connect_failed").map(|l| l.message.clone());
    let progress = c.progress.clone();
    view! {
        <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {c
                .demo
                .then(|| {
                    view! {
                        <dt class="text-slate-500 dark:text-slate-400">"Data"</dt>
                        <dd>"Demo data. Connect the real account to replace it."</dd>
                    }
                })}
            {c
                .account_name
                .clone()
                .map(|name| {
                    view! {
                        <dt class="text-slate-500 dark:text-slate-400">"Account"</dt>
                        <dd data-testid="account">
                            {match &c.account_id {
                                Some(id) => format!("{name} ({id})"),
                                None => name,
                            }}
                        </dd>
                    }
                })} <dt class="text-slate-500 dark:text-slate-400">"Last sync"</dt>
            <dd data-testid="last-sync">
                {c.last_sync_at.map_or_else(|| "Never".to_owned(), datetime)}
            </dd>
            {c
                .token_expires_at
                .map(|at| {
                    view! {
                        <dt class="text-slate-500 dark:text-slate-400">"Token expires"</dt>
                        <dd>
                            <When at />
                            " (renewed automatically when the platform allows)"
                        </dd>
                    }
                })}
        </dl>
        {c
            .reason
            .clone()
            .map(|reason| {
                view! {
                    <p
                        role="alert"
                        class="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
                        data-testid="reason"
                    >
                        {reason}
                    </p>
                }
            })}
        {last_failure
            .filter(|m| Some(m) != c.reason.as_ref())
            .map(|message| {
                view! {
                    <p
                        role="alert"
                        class="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                    >
                        {format!("The last connection attempt failed: {message}")}
                    </p>
                }
            })}
        {progress
            .map(|p| {
                let active = p.is_active();
                view! {
                    <div
                        role="status"
                        aria-live="polite"
                        class="space-y-1 text-sm"
                        data-testid="sync-progress"
                    >
                        <p>
                            {match p.state.as_str() {
                                "queued" => format!("Sync queued: {}", p.message),
                                "running" => format!("Syncing: {}", p.message),
                                "done" => format!("Last sync finished: {}", p.message),
                                _ => format!("Last sync failed: {}", p.message),
                            }}
                        </p>
                        {active
                            .then(|| {
                                view! {
                                    <progress
                                        class="w-full"
                                        max=p.days_total.max(1)
                                        value=p.days_done
                                        aria-label="Sync progress"
                                    ></progress>
                                }
                            })}
                    </div>
                }
            })}
    }
    .into_any()
}

/// Connect (or reconnect), sync now and disconnect, or what to configure first.
#[component]
fn Manage(
    card: PlatformCard,
    brand_id: String,
    sync: ServerAction<SyncNow>,
    disconnect: ServerAction<Disconnect>,
) -> impl IntoView {
    let connect = ServerAction::<ConnectPlatform>::new();
    let platform = card.platform;
    let slug = platform.as_str();
    if !card.missing_settings.is_empty() {
        return view! {
            <p
                class="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-900"
                data-testid="not-configured"
            >
                {format!(
                    "{} is not set up on this Aura server yet. Ask your administrator to set up {} (README → Integrations says how).",
                    platform.label(),
                    platform.label(),
                )}
            </p>
        }
        .into_any();
    }
    let connection = card.connection.clone();
    let connected = connection.as_ref().is_some_and(|c| c.status == ConnectionStatus::Connected);
    let busy = connection.as_ref().and_then(|c| c.progress.as_ref()).is_some_and(|p| p.is_active());
    let error = Signal::derive(move || connect.value().get().and_then(Result::err));
    let input_id = format!("account-{slug}");
    let message_id = format!("{input_id}-messages");
    let messages = move || messages_for(error.get(), "account");
    let label = if connection
        .as_ref()
        .is_some_and(|c| !c.demo && c.status != ConnectionStatus::Disconnected)
    {
        "Reconnect"
    } else {
        "Connect"
    };
    let account_value = connection
        .as_ref()
        .filter(|c| !c.demo)
        .and_then(|c| c.account_id.clone())
        .map(|id| id.trim_end_matches(".myshopify.com").to_owned())
        .unwrap_or_default();
    // A rejected no-JavaScript post comes back with what was typed; every card's
    // form calls the same server function, so only the card it came from takes it.
    let account_value = if typed_value("platform", error).as_deref() == Some(slug) {
        typed_value("account", error).unwrap_or(account_value)
    } else {
        account_value
    };
    let platform_name = platform.label();
    let connection_id = connection.as_ref().map(|c| c.id.to_string()).unwrap_or_default();
    view! {
        <ActionForm action=connect attr:class="space-y-2" attr:novalidate=true>
            <input type="hidden" name="brand_id" value=brand_id />
            <input type="hidden" name="platform" value=slug />
            <label for=input_id.clone() class="block text-sm font-medium">
                {platform.account_label()}
            </label>
            <div class="flex gap-2">
                <input
                    id=input_id
                    name="account"
                    value=account_value
                    placeholder=platform.account_example()
                    aria-invalid=move || if messages().is_empty() { "false" } else { "true" }
                    aria-describedby=message_id.clone()
                    class="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900"
                />
                <button type="submit" class=PRIMARY disabled=move || connect.pending().get()>
                    {move || if connect.pending().get() { "Opening…" } else { label }}
                </button>
            </div>
            <div id=message_id class="text-sm">
                {move || {
                    messages()
                        .into_iter()
                        .map(|m| view! { <p class="text-red-700 dark:text-red-400">{m}</p> })
                        .collect_view()
                }}
            </div>
            <FormAlert error />
            <p class="text-xs text-slate-500 dark:text-slate-400">
                {format!("You will sign in on {platform_name} and grant Aura read-only access.")}
            </p>
        </ActionForm>
        {connected
            .then(|| {
                let sync_id = connection_id.clone();
                let question = format!(
                    "Disconnect {platform_name}? Aura deletes the stored tokens; data already synced stays.",
                );
                view! {
                    <div class="flex flex-wrap items-center gap-2">
                        <ActionForm action=sync>
                            <input type="hidden" name="connection_id" value=sync_id />
                            <button
                                type="submit"
                                class=SECONDARY_BUTTON
                                disabled=move || busy || sync.pending().get()
                            >
                                {if busy { "Sync in progress…" } else { "Sync now" }}
                            </button>
                        </ActionForm>
                        <Confirm label="Disconnect…" question>
                            <ActionForm action=disconnect>
                                <input
                                    type="hidden"
                                    name="connection_id"
                                    value=connection_id.clone()
                                />
                                <button type="submit" class=DANGER_BUTTON>
                                    "Yes, disconnect"
                                </button>
                            </ActionForm>
                        </Confirm>
                    </div>
                }
            })}
    }
    .into_any()
}

#[component]
fn Log(connection: ConnectionView) -> impl IntoView {
    let entries = connection.log;
    if entries.is_empty() {
        return ().into_any();
    }
    let count = entries.len();
    view! {
        <details class="text-sm">
            <summary class="cursor-pointer text-indigo-700 underline dark:text-indigo-300">
                {format!("Connection log (last {count})")}
            </summary>
            <ol class="mt-2 space-y-1">
                {entries
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li class="flex gap-2">
                                <span class="shrink-0 text-slate-500 dark:text-slate-400">
                                    <When at=e.occurred_at />
                                </span>
                                <span class=if e.status == "error" {
                                    "text-red-700 dark:text-red-400"
                                } else {
                                    ""
                                }>{e.message}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </details>
    }
    .into_any()
}
