//! `/insights?brand=&priority=&status=&page=`: what the rules found, unread and most
//! urgent first, each with its actions and a link to the chart that shows it; mark
//! read; work them out now; the workspace's thresholds.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::contexts::insights::api::{
    RefreshInsights, SaveInsightThresholds, SetInsightRead, list_insights,
};
use crate::contexts::insights::types::{InsightList, InsightView, Priority, Thresholds};
use crate::ui::feedback::{
    ErrorPanel, Loading, RefreshWhileBusy, datetime, done_notice, drop_empty_filters, urlencode,
};
use crate::ui::form::{Field, FilterSelect, FormAlert, SECONDARY_BUTTON, SubmitButton};

#[component]
pub fn InsightsPage() -> impl IntoView {
    drop_empty_filters("/insights", &["brand", "priority", "status", "page"]);
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (get("brand"), get("priority"), get("status"), get("page").parse::<u32>().unwrap_or(1))
    };
    let read = ServerAction::<SetInsightRead>::new();
    let refresh = ServerAction::<RefreshInsights>::new();
    let insights = Resource::new(
        move || (filters(), read.version().get()),
        |((brand, priority, status, page), _)| list_insights(brand, priority, status, page),
    );
    let toast_refresh =
        done_notice::<RefreshInsights>("Insights are being worked out; reload in a moment");
    view! {
        {toast_refresh}
        <Title text="Insights · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Insights"</h1>
        </div>
        <p class="text-sm text-slate-600 dark:text-slate-300">
            "What changed in your brands' numbers and what to do about it. Worked out after every sync and daily; each insight expires two weeks after the period it describes."
        </p>
        <Suspense fallback=|| {
            view! { <Loading label="Loading insights…" /> }
        }>
            {move || Suspend::new(async move {
                match insights.await {
                    Ok(list) => view! { <Insights list read refresh /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Insights(
    list: InsightList,
    read: ServerAction<SetInsightRead>,
    refresh: ServerAction<RefreshInsights>,
) -> impl IntoView {
    let query = use_query_map();
    let q = query.get_untracked();
    let get = |k: &str| q.get(k).unwrap_or_default();
    let (brand, priority, status) = (get("brand"), get("priority"), get("status"));
    let brand_choices =
        list.brands.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
    let priority_choices =
        Priority::ALL.into_iter().map(|p| (p.as_str().to_owned(), p.label().to_owned())).collect();
    let status_choices = vec![
        ("unread".to_owned(), "Unread only".to_owned()),
        ("all".to_owned(), "All, expired too".to_owned()),
    ];
    let page_href = {
        let (brand, priority, status) = (brand.clone(), priority.clone(), status.clone());
        move |page: u32| {
            format!(
                "/insights?brand={}&priority={}&status={}&page={page}",
                urlencode(&brand),
                urlencode(&priority),
                urlencode(&status)
            )
        }
    };
    let summary =
        format!("{}, {} unread", crate::ui::plural(list.total, "insight", "insights"), list.unread);
    let can_update = list.can_update;
    let empty = list.insights.is_empty();
    let (has_data, working) = (list.has_data, list.working);
    view! {
        <div class="flex flex-wrap items-end justify-between gap-3">
            <Form
                method="GET"
                action="/insights"
                attr:class="flex min-w-0 max-w-full flex-wrap items-end gap-3"
                attr:aria-label="Insight filters"
            >
                <FilterSelect
                    name="brand"
                    label="Brand"
                    any="All brands"
                    choices=brand_choices
                    chosen=brand.clone()
                />
                <FilterSelect
                    name="priority"
                    label="Priority"
                    any="Any"
                    choices=priority_choices
                    chosen=priority.clone()
                />
                <FilterSelect
                    name="status"
                    label="Show"
                    any="Current"
                    choices=status_choices
                    chosen=status.clone()
                />
                <button type="submit" class=SECONDARY_BUTTON>
                    "Filter"
                </button>
            </Form>
            {(can_update && has_data && !working)
                .then(|| {
                    view! {
                        <ActionForm action=refresh>
                            <button
                                type="submit"
                                class=SECONDARY_BUTTON
                                disabled=move || refresh.pending().get()
                            >
                                {move || {
                                    if refresh.pending().get() {
                                        "Queuing…"
                                    } else {
                                        "Work out insights now"
                                    }
                                }}
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
        <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="insight-count">
            {summary}
        </p>
        {working
            .then(|| {
                view! {
                    <p
                        role="status"
                        class="rounded-md bg-indigo-50 p-3 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
                        data-testid="insights-working"
                    >
                        "Working out insights… this list updates by itself when they are ready."
                    </p>
                    <RefreshWhileBusy every_ms=3000 />
                }
            })}
        {if empty && !has_data {
            view! {
                <div class=crate::ui::feedback::EMPTY_STATE data-testid="no-insights">
                    <p class="font-medium">"Insights need a brand's daily figures."</p>
                    <p class="mt-1">
                        "Each insight compares a brand's last 7 days with the 28 before: connect Shopify, Meta Ads, Google Ads or Google Analytics, or import a CSV, on the brand's page."
                    </p>
                    <a
                        href="/brands"
                        class="mt-2 inline-block text-indigo-700 underline dark:text-indigo-300"
                    >
                        "Go to your brands"
                    </a>
                </div>
            }
                .into_any()
        } else if empty {
            view! {
                <p class=crate::ui::feedback::EMPTY_STATE data-testid="no-insights">
                    "No insights match. When a brand's CPA, ROAS, conversions or revenue move past the thresholds below, they appear here."
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul class="space-y-3" data-testid="insights">
                    {list
                        .insights
                        .into_iter()
                        .map(|i| view! { <InsightCard i read /> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {(list.pages > 1)
            .then(|| {
                let (page, pages) = (list.page, list.pages);
                view! {
                    <nav aria-label="Pages" class="flex items-center gap-3 text-sm">
                        {(page > 1)
                            .then(|| {
                                view! {
                                    <a class=SECONDARY_BUTTON href=page_href(page - 1)>
                                        "Previous"
                                    </a>
                                }
                            })}
                        <span>{format!("Page {page} of {pages}")}</span>
                        {(page < pages)
                            .then(|| {
                                view! {
                                    <a class=SECONDARY_BUTTON href=page_href(page + 1)>
                                        "Next"
                                    </a>
                                }
                            })}
                    </nav>
                }
            })}
        <ThresholdsForm t=list.thresholds can_update />
    }
    .into_any()
}

#[component]
fn InsightCard(i: InsightView, read: ServerAction<SetInsightRead>) -> impl IntoView {
    let badge = match i.priority {
        Priority::High => "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
        Priority::Medium => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
        Priority::Low => {
            "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        }
    };
    let period = match (i.period_start, i.period_end) {
        (Some(from), Some(to)) => {
            format!("{} – {}", from.format("%b %-d"), to.format("%b %-d, %Y"))
        }
        _ => String::new(),
    };
    let card = if i.is_read {
        "rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-900"
    } else {
        "rounded-lg border border-slate-300 bg-white p-4 shadow-sm dark:border-slate-600 dark:bg-slate-800"
    };
    let id = i.id.to_string();
    let expires = i.expires_at.map(|at| format!(" · expires {}", datetime(at))).unwrap_or_default();
    view! {
        <li
            class=format!("{card} break-words")
            data-testid="insight"
            data-type=i.insight_type.as_str()
        >
            <div class="flex flex-wrap items-center gap-2 text-xs">
                <span class=format!(
                    "rounded px-1.5 py-0.5 font-medium {badge}",
                )>{format!("{} priority", i.priority.label())}</span>
                <span class="font-medium text-slate-600 dark:text-slate-300">
                    {i.insight_type.label()}
                </span>
                <span class="text-slate-500 dark:text-slate-400">
                    {format!("{} · {period}", i.brand_name)}
                </span>
                {(!i.is_read)
                    .then(|| {
                        view! {
                            <span class="rounded bg-indigo-100 px-1.5 py-0.5 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                                "Unread"
                            </span>
                        }
                    })}
            </div>
            <h2 class="mt-1 text-base font-semibold">{i.title}</h2>
            <p class="text-sm text-slate-700 dark:text-slate-200">{i.description}</p>
            <h3 class="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                "What to do"
            </h3>
            <ul class="list-disc pl-5 text-sm">
                {i.action_items.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
            </ul>
            <div class="mt-3 flex flex-wrap items-center gap-3 text-sm">
                // A full page load, so the browser scrolls to the chart.
                {i
                    .chart_href
                    .map(|href| {
                        view! {
                            <a
                                href=href
                                rel="external"
                                class="font-medium text-indigo-700 underline dark:text-indigo-300"
                                data-testid="insight-chart"
                            >
                                "See it on the chart"
                            </a>
                        }
                    })}
                {
                    let (label, next) = if i.is_read && !i.dismissed {
                        ("Mark unread", "unread")
                    } else {
                        ("Mark read", "read")
                    };
                    let (other_label, other) = if i.dismissed {
                        ("Restore", "read")
                    } else {
                        ("Dismiss", "dismissed")
                    };
                    let (first_id, second_id) = (id.clone(), id.clone());
                    view! {
                        <ActionForm action=read>
                            <input type="hidden" name="id" value=first_id />
                            <input type="hidden" name="state" value=next />
                            <button type="submit" class=SECONDARY_BUTTON>
                                {label}
                            </button>
                        </ActionForm>
                        <ActionForm action=read>
                            <input type="hidden" name="id" value=second_id />
                            <input type="hidden" name="state" value=other />
                            <button type="submit" class=SECONDARY_BUTTON>
                                {other_label}
                            </button>
                        </ActionForm>
                    }
                }
                <span class="text-xs text-slate-500 dark:text-slate-400">
                    {format!("Found {}{expires}", datetime(i.created_at))}
                </span>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn ThresholdsForm(t: Thresholds, can_update: bool) -> impl IntoView {
    let save = ServerAction::<SaveInsightThresholds>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let toast_save =
        done_notice::<SaveInsightThresholds>("Thresholds saved; they apply from the next run");
    let pct = |v: f64| format!("{}", (v * 1000.0).round() / 10.0);
    let plain = |v: f64| format!("{v}");
    view! {
        {toast_save}
        <details class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800">
            <summary class="cursor-pointer text-sm font-semibold">"Thresholds"</summary>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-300">
                "The rules compare the last 7 days with the 28 days before; the budget rule looks at the last 14 days per channel."
            </p>
            <ActionForm
                action=save
                attr:class="mt-3 grid gap-4 sm:grid-cols-2"
                attr:novalidate=true
            >
                <Field
                    name="cpa_increase"
                    label="High CPA: rise of at least (%)"
                    kind="number"
                    value=pct(t.cpa_increase)
                    disabled=!can_update
                    error
                />
                <Field
                    name="roas_floor"
                    label="Low ROAS: below (×)"
                    kind="number"
                    value=plain(t.roas_floor)
                    disabled=!can_update
                    error
                />
                <Field
                    name="conversion_drop"
                    label="Conversion drop: fall of at least (%)"
                    kind="number"
                    value=pct(t.conversion_drop)
                    disabled=!can_update
                    error
                />
                <Field
                    name="revenue_growth"
                    label="High performer: revenue rise of at least (%)"
                    kind="number"
                    value=pct(t.revenue_growth)
                    disabled=!can_update
                    error
                />
                <Field
                    name="channel_cpa_gap"
                    label="Budget: cheapest channel's CPA lower by at least (%)"
                    kind="number"
                    value=pct(t.channel_cpa_gap)
                    disabled=!can_update
                    error
                />
                <Field
                    name="min_spend"
                    label="Ignore ads under this spend in the window"
                    kind="number"
                    value=plain(t.min_spend)
                    disabled=!can_update
                    error
                />
                <Field
                    name="min_conversions"
                    label="Ignore CPA under this many conversions"
                    kind="number"
                    value=plain(t.min_conversions)
                    disabled=!can_update
                    error
                />
                <div class="sm:col-span-2 space-y-2">
                    <FormAlert error />
                    {can_update
                        .then(|| {
                            view! {
                                <div class="max-w-xs">
                                    <SubmitButton label="Save thresholds" busy_label="Saving…" />
                                </div>
                            }
                        })}
                </div>
            </ActionForm>
        </details>
    }
    .into_any()
}
