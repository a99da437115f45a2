//! The dashboard's KPI cards, charts and channel table.

use leptos::prelude::*;

use super::dashboard_days::Days;
use crate::contexts::analytics::format;
use crate::contexts::analytics::kpi::{Kpi, Unit};
use crate::contexts::analytics::types::{ChannelRow, Chart, Dashboard, KpiValue};

#[component]
pub(super) fn Figures(d: Dashboard) -> impl IntoView {
    let currency = d.currency.clone();
    let decimals = d.currency_decimals;
    view! {
        <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" class="sr-only">
                "Key figures"
            </h2>
            <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="kpis">
                {d
                    .kpis
                    .into_iter()
                    .map(|k| view! { <KpiCard k currency=currency.clone() decimals /> })
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
        <Days
            rows=d.days
            currency=d.currency
            scope=d.scope
            from=d.period.from.to_string()
            to=d.period.to.to_string()
            decimals
        />
    }
    .into_any()
}

fn kpi_text(kpi: Kpi, value: Option<f64>, currency: &str, decimals: u8) -> String {
    let precise = matches!(kpi, Kpi::Aov | Kpi::Cpa | Kpi::NewCustomerCac);
    format::value(value, kpi.unit(), currency, decimals, precise)
}

#[component]
fn KpiCard(k: KpiValue, currency: String, decimals: u8) -> impl IntoView {
    let value = kpi_text(k.kpi, k.value, &currency, decimals);
    let tone = move |change: Option<f64>| match change {
        Some(c) if c.abs() >= 0.005 && (c > 0.0) == k.kpi.higher_is_better() => {
            "text-emerald-700 dark:text-emerald-300"
        }
        Some(c) if c.abs() >= 0.005 => "text-rose-700 dark:text-rose-300",
        _ => "text-slate-500 dark:text-slate-400",
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
                tone(k.vs_previous),
            )>
                {format::change(k.vs_previous)}
                <span class="text-slate-500 dark:text-slate-400">" vs previous period"</span>
            </p>
            <p class=format!(
                "text-xs {}",
                tone(k.vs_last_year),
            )>
                {format::change(k.vs_last_year)}
                <span class="text-slate-500 dark:text-slate-400">" vs last year"</span>
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
            <h3 id=title_id class="text-sm font-semibold">
                {c.title}
            </h3>
            // Drawn on the server from numbers and fixed labels only; no user text.
            <div inner_html=c.svg></div>
            <figcaption class="mt-2 text-xs text-slate-600 dark:text-slate-300">
                {c.summary}
            </figcaption>
        </figure>
    }
    .into_any()
}

#[component]
fn Channels(rows: Vec<ChannelRow>, currency: String, decimals: u8) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    let money =
        move |v: Option<f64>, precise| format::value(v, Unit::Money, &currency, decimals, precise);
    let th = "px-3 py-2 text-right font-medium";
    view! {
        <section aria-labelledby="channels-heading" class="space-y-2">
            <h2 id="channels-heading" class="text-lg font-semibold">
                "Ad channels"
            </h2>
            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
                <table class="w-full text-sm tabular-nums" data-testid="channels">
                    <thead class="border-b border-slate-200 text-slate-500 dark:border-slate-700 dark:text-slate-400">
                        <tr>
                            <th scope="col" class="px-3 py-2 text-left font-medium">
                                "Channel"
                            </th>
                            <th scope="col" class=th>
                                "Spend"
                            </th>
                            <th scope="col" class=th>
                                "Impressions"
                            </th>
                            <th scope="col" class=th>
                                "Clicks"
                            </th>
                            <th scope="col" class=th>
                                "CTR"
                            </th>
                            <th scope="col" class=th>
                                "Conversions"
                            </th>
                            <th scope="col" class=th>
                                "CPA"
                            </th>
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
                                        <td class="px-3 py-2 text-right">
                                            {money(r.spend, false)}
                                        </td>
                                        <td class="px-3 py-2 text-right">
                                            {format::value(r.impressions, Unit::Count, "", 0, false)}
                                        </td>
                                        <td class="px-3 py-2 text-right">
                                            {format::value(r.clicks, Unit::Count, "", 0, false)}
                                        </td>
                                        <td class="px-3 py-2 text-right">
                                            {format::value(r.ctr, Unit::Percent, "", 0, false)}
                                        </td>
                                        <td class="px-3 py-2 text-right">
                                            {format::value(r.conversions, Unit::Count, "", 0, false)}
                                        </td>
                                        <td class="px-3 py-2 text-right">{money(r.cpa, true)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }.into_any()
}
