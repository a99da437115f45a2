//! The dashboard's KPI cards, charts and channel table.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::dashboard_days::{Days, SortHeader, sort_rows};
use super::dashboard_page::{export_href, param};
use crate::contexts::analytics::format;
use crate::contexts::analytics::kpi::{Kpi, Unit};
use crate::contexts::analytics::types::{ChannelRow, Chart, Compare, Dashboard, KpiValue};
use crate::ui::form::SECONDARY_BUTTON;

#[component]
pub(super) fn Figures(d: Dashboard) -> impl IntoView {
    let currency = d.currency.clone();
    let decimals = d.currency_decimals;
    let compare = d.compare;
    view! {
        <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" class="sr-only">
                "Key figures"
            </h2>
            <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="kpis">
                {d
                    .kpis
                    .into_iter()
                    .map(|k| view! { <KpiCard k currency=currency.clone() decimals compare /> })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="charts-heading" class="space-y-4">
            <h2 id="charts-heading" class="text-lg font-semibold">
                "Charts"
            </h2>
            <div class="grid grid-cols-1 gap-4 xl:grid-cols-2">
                {d.charts.into_iter().map(|c| view! { <ChartFigure c /> }).collect_view()}
            </div>
        </section>
        <Channels rows=d.channels currency=d.currency.clone() decimals />
        <Days rows=d.days currency=d.currency granularity=d.granularity decimals />
    }
    .into_any()
}

fn kpi_text(kpi: Kpi, value: Option<f64>, currency: &str, decimals: u8) -> String {
    let precise = matches!(kpi, Kpi::Aov | Kpi::Cpa | Kpi::NewCustomerCac);
    format::value(value, kpi.unit(), currency, decimals, precise)
}

#[component]
fn KpiCard(k: KpiValue, currency: String, decimals: u8, compare: Compare) -> impl IntoView {
    let value = kpi_text(k.kpi, k.value, &currency, decimals);
    let tone = move |change: Option<f64>| match change {
        Some(c) if c.abs() >= 0.005 && (c > 0.0) == k.kpi.higher_is_better() => {
            "text-emerald-700 dark:text-emerald-300"
        }
        Some(c) if c.abs() >= 0.005 => "text-rose-700 dark:text-rose-300",
        _ => "text-slate-500 dark:text-slate-400",
    };
    let (change, against) = match compare {
        Compare::Previous => (k.vs_previous, " vs previous period"),
        Compare::LastYear => (k.vs_last_year, " vs same period last year"),
    };
    let key = format!("{:?}", k.kpi).to_lowercase();
    let help_id = format!("kpi-help-{key}");
    view! {
        <li
            class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
            data-testid=format!("kpi-{key}")
        >
            <div class="flex items-start justify-between gap-2">
                <h3 class="text-sm font-medium text-slate-600 dark:text-slate-300">
                    {k.kpi.label()}
                </h3>
                <details class="relative">
                    <summary
                        class="cursor-pointer list-none rounded-full border border-slate-300 px-1.5 text-xs text-slate-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600"
                        aria-label=format!("What is {}?", k.kpi.label())
                    >
                        "?"
                    </summary>
                    <p
                        id=help_id
                        class="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 text-xs shadow-lg dark:border-slate-600 dark:bg-slate-900"
                    >
                        {k.kpi.definition()}
                    </p>
                </details>
            </div>
            <p class="mt-1 text-2xl font-semibold tabular-nums" data-testid="kpi-value">
                {value}
            </p>
            <p class=format!(
                "text-xs {}",
                tone(change),
            )>
                {format::change(change)}
                <span class="text-slate-600 dark:text-slate-400">{against}</span>
            </p>
        </li>
    }
    .into_any()
}

#[component]
fn ChartFigure(c: Chart) -> impl IntoView {
    let title_id = format!("{}-title", c.id);
    view! {
        <figure
            id=c.id.clone()
            class="scroll-mt-20 rounded-lg border border-slate-200 bg-white p-4 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
            data-testid=c.id.clone()
        >
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id=title_id class="text-sm font-semibold">
                    {c.title}
                </h3>
                {(!c.legend.is_empty())
                    .then(|| {
                        view! {
                            <ul class="flex gap-3 text-xs" aria-label="Legend">
                                {c
                                    .legend
                                    .into_iter()
                                    .map(|(label, color)| {
                                        view! {
                                            <li class="flex items-center gap-1">
                                                <span
                                                    class="inline-block h-1 w-4 rounded"
                                                    style=format!("background-color:{color}")
                                                    aria-hidden="true"
                                                ></span>
                                                {label}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </div>
            // Drawn on the server from numbers and fixed labels only; no user text.
            <div inner_html=c.svg></div>
            <figcaption class="mt-2 text-xs text-slate-600 dark:text-slate-300">
                {c.summary}
            </figcaption>
        </figure>
    }
    .into_any()
}

/// A channel-table column: key in the address, heading, value.
type ChannelColumn = (&'static str, &'static str, fn(&ChannelRow) -> Option<f64>);

const CHANNEL_COLUMNS: [ChannelColumn; 6] = [
    ("spend", "Spend", |r| r.spend),
    ("impressions", "Impressions", |r| r.impressions),
    ("clicks", "Clicks", |r| r.clicks),
    ("ctr", "CTR", |r| r.ctr),
    ("conversions", "Conversions", |r| r.conversions),
    ("cpa", "CPA", |r| r.cpa),
];

fn channel_cell(key: &str, row: &ChannelRow, currency: &str, decimals: u8) -> String {
    let v = CHANNEL_COLUMNS.iter().find(|c| c.0 == key).and_then(|c| c.2(row));
    match key {
        "spend" => format::value(v, Unit::Money, currency, decimals, false),
        "cpa" => format::value(v, Unit::Money, currency, decimals, true),
        "ctr" => format::value(v, Unit::Percent, currency, decimals, false),
        _ => format::value(v, Unit::Count, currency, decimals, false),
    }
}

/// The ad channels' totals, sortable through the address (`csort`, `cdir`; by
/// default spend, highest first) and exportable.
#[component]
fn Channels(rows: Vec<ChannelRow>, currency: String, decimals: u8) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    let q = use_query_map().get_untracked();
    let sort = Some(param(&q, "csort"))
        .filter(|s| s == "channel" || CHANNEL_COLUMNS.iter().any(|c| c.0 == s))
        .unwrap_or_else(|| "spend".to_owned());
    let descending = param(&q, "cdir") != "asc";
    let mut rows = rows;
    match CHANNEL_COLUMNS.iter().find(|c| c.0 == sort) {
        Some(column) => sort_rows(&mut rows, column.2, descending),
        None if descending => rows.sort_by(|a, b| b.source.label().cmp(a.source.label())),
        None => rows.sort_by(|a, b| a.source.label().cmp(b.source.label())),
    }
    let header = |key: &'static str, label: &'static str| {
        view! {
            <SortHeader
                key
                label
                sort=sort.clone()
                descending
                keys=("csort", "cdir")
                query=q.clone()
            />
        }
    };
    view! {
        <section aria-labelledby="channels-heading" class="space-y-2">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="channels-heading" class="text-lg font-semibold">
                    "Ad channels"
                </h2>
                <a
                    href=export_href(&q, "channels")
                    download
                    class=SECONDARY_BUTTON
                    data-testid="export-channels"
                >
                    "Export CSV"
                </a>
            </div>
            <div class="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
                <table class="w-full text-sm tabular-nums" data-testid="channels">
                    <thead class="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
                        <tr>
                            {header("channel", "Channel")}
                            {CHANNEL_COLUMNS.iter().map(|c| header(c.0, c.1)).collect_view()}
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200 dark:divide-slate-700">
                        {rows
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        <th scope="row" class="px-3 py-2 text-left font-medium">
                                            {r.source.label()}
                                        </th>
                                        {CHANNEL_COLUMNS
                                            .iter()
                                            .map(|c| {
                                                view! {
                                                    <td class="px-3 py-2 text-right">
                                                        {channel_cell(c.0, &r, &currency, decimals)}
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
