//! `/dashboard?brand=&preset=&from=&to=&sort=&dir=`: one brand's figures (or all
//! brands' in one currency) for a range, KPIs against the previous period and last
//! year, server-drawn charts with text alternatives, a sortable day table and its CSV.
//! Everything is in the address, so a view can be bookmarked, shared and linked to.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::contexts::analytics::api::get_dashboard;
use crate::contexts::analytics::format::{self, NO_DATA};
use crate::contexts::analytics::kpi::{Kpi, Unit};
use crate::contexts::analytics::types::{ChannelRow, Chart, Dashboard, DayRow, KpiValue};
use crate::error::AppError;
use crate::kernel::Preset;
use crate::ui::feedback::{ErrorPanel, Loading, datetime, urlencode};
use crate::ui::form::SECONDARY_BUTTON;

const FILTERS: [&str; 5] = ["brand", "preset", "from", "to", "currency"];

fn param(query: &ParamsMap, key: &str) -> String {
    query.get(key).unwrap_or_default()
}

/// The current address with `changes` applied (an empty value drops the key).
fn href_with(query: &ParamsMap, changes: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = FILTERS
        .iter()
        .chain(["sort", "dir"].iter())
        .map(|k| ((*k).to_owned(), param(query, k)))
        .collect();
    for (key, value) in changes {
        if let Some(pair) = pairs.iter_mut().find(|(k, _)| k == key) {
            pair.1 = (*value).to_owned();
        }
    }
    let text: Vec<String> = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(&v)))
        .collect();
    if text.is_empty() { "/dashboard".to_owned() } else { format!("/dashboard?{}", text.join("&")) }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        FILTERS.map(|k| param(&q, k))
    };
    let dashboard = Resource::new(filters, |[brand, preset, from, to, currency]| {
        get_dashboard(brand, preset, from, to, currency)
    });
    view! {
        <Title text="Dashboard · Aura" />
        <Suspense fallback=|| {
            view! {
                <h1 class="text-2xl font-semibold">"Dashboard"</h1>
                <Loading label="Loading the dashboard…" />
            }
        }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(d) => view! { <DashboardView d /> }.into_any(),
                    Err(err @ AppError::Invalid(_)) => {
                        view! {
                            <h1 class="text-2xl font-semibold">"Dashboard"</h1>
                            <Filters d=None error=Some(err) />
                        }
                            .into_any()
                    }
                    Err(err) => {
                        view! {
                            <h1 class="text-2xl font-semibold">"Dashboard"</h1>
                            <ErrorPanel error=err />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let period =
        format!("{} – {}", d.period.from.format("%b %-d, %Y"), d.period.to.format("%b %-d, %Y"));
    let synced = match d.last_sync_at {
        Some(at) => format!("Last synced {}", datetime(at)),
        None => "Not synced from a platform yet".to_owned(),
    };
    let compare = format!(
        "Compared with {} – {} and with {} – {}.",
        d.previous.from.format("%b %-d, %Y"),
        d.previous.to.format("%b %-d, %Y"),
        d.last_year.from.format("%b %-d, %Y"),
        d.last_year.to.format("%b %-d, %Y"),
    );
    let others = (!d.other_currency_brands.is_empty()).then(|| {
        format!(
            "Figures are in {}; not included: {}. Choose one of those brands to see its figures.",
            d.currency,
            d.other_currency_brands.join(", ")
        )
    });
    let brand_href = d.brand.map(|id| format!("/brands/{id}"));
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-2">
            <h1 class="text-2xl font-semibold">{format!("Dashboard · {}", d.scope)}</h1>
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="period">
                {period}
                " · "
                {d.timezone.clone()}
            </p>
        </div>
        <p class="text-sm text-slate-500 dark:text-slate-400">
            {synced}" · "{compare}
            {brand_href
                .map(|href| {
                    view! {
                        " "
                        <a href=href class="text-indigo-700 underline dark:text-indigo-300">
                            "Connections and import"
                        </a>
                    }
                })}
        </p>
        {others
            .map(|text| {
                view! {
                    <p class="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                        {text}
                    </p>
                }
            })}
        <Filters d=Some(d.clone()) error=None />
        {if d.has_data {
            view! { <Figures d /> }.into_any()
        } else {
            view! { <NoData brand=d.brand.map(|b| b.to_string()) /> }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn NoData(brand: Option<String>) -> impl IntoView {
    let href = brand.map(|b| format!("/brands/{b}")).unwrap_or_else(|| "/brands".to_owned());
    view! {
        <div
            class="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300"
            data-testid="no-metrics"
        >
            <p class="font-medium">"No metrics in this period."</p>
            <p>
                "Connect Shopify, Meta Ads, Google Ads or Google Analytics, or import a CSV, from the "
                <a href=href class="text-indigo-700 underline dark:text-indigo-300">
                    "brand's page"
                </a>". Or choose a longer range above."
            </p>
        </div>
    }
    .into_any()
}

/// The filter form. A GET form: it changes the address, so it works without
/// JavaScript and the view can be bookmarked.
#[component]
fn Filters(d: Option<Dashboard>, error: Option<AppError>) -> impl IntoView {
    let query = use_query_map();
    let q = query.get_untracked();
    let chosen_brand = param(&q, "brand");
    let chosen_preset = match &d {
        Some(d) => d.preset.map(|p| p.as_str().to_owned()).unwrap_or_default(),
        None => param(&q, "preset"),
    };
    let (from, to) = match &d {
        Some(d) => (d.period.from.to_string(), d.period.to.to_string()),
        None => (param(&q, "from"), param(&q, "to")),
    };
    let brands = d.as_ref().map(|d| d.brands.clone()).unwrap_or_default();
    let currencies: Vec<String> = {
        let mut all: Vec<String> = brands.iter().map(|b| b.currency.clone()).collect();
        all.sort();
        all.dedup();
        all
    };
    let currency = d.as_ref().map(|d| d.currency.clone()).unwrap_or_default();
    let messages =
        |field: &str| error.as_ref().map(|e| e.field_messages(field).to_vec()).unwrap_or_default();
    let (from_errors, to_errors) = (messages("from"), messages("to"));
    let label = "block text-xs font-medium text-slate-600 dark:text-slate-300";
    let input = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";
    view! {
        <Form
            method="GET"
            action="/dashboard"
            attr:class="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
            attr:aria-label="Dashboard filters"
        >
            <label class=label>
                "Brand" <select name="brand" class=input>
                    <option value="" selected=chosen_brand.is_empty()>
                        "All brands"
                    </option>
                    {brands
                        .into_iter()
                        .map(|b| {
                            let id = b.id.to_string();
                            let selected = id == chosen_brand;
                            view! {
                                <option value=id selected=selected>
                                    {b.name}
                                </option>
                            }
                        })
                        .collect_view()}
                    {(d.is_none() && !chosen_brand.is_empty())
                        .then(|| {
                            view! {
                                <option value=chosen_brand.clone() selected=true>
                                    "The chosen brand"
                                </option>
                            }
                        })}
                </select>
            </label>
            {(currencies.len() > 1 && chosen_brand.is_empty())
                .then(|| {
                    view! {
                        <label class=label>
                            "Currency" <select name="currency" class=input>
                                {currencies
                                    .into_iter()
                                    .map(|c| {
                                        let selected = c == currency;
                                        view! {
                                            <option value=c.clone() selected=selected>
                                                {c.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                })}
            <label class=label>
                "Range" <select name="preset" class=input>
                    {Preset::ALL
                        .into_iter()
                        .map(|p| {
                            view! {
                                <option value=p.as_str() selected=chosen_preset == p.as_str()>
                                    {p.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value="" selected=chosen_preset.is_empty()>
                        "Custom range (dates below)"
                    </option>
                </select>
            </label>
            <label class=label>
                "From"
                <input
                    type="date"
                    name="from"
                    value=from
                    class=input
                    aria-invalid=(!from_errors.is_empty()).then_some("true")
                    aria-describedby="from-errors"
                /> <span id="from-errors" class="block text-xs text-red-700 dark:text-red-300">
                    {from_errors.join(" ")}
                </span>
            </label>
            <label class=label>
                "To"
                <input
                    type="date"
                    name="to"
                    value=to
                    class=input
                    aria-invalid=(!to_errors.is_empty()).then_some("true")
                    aria-describedby="to-errors"
                /> <span id="to-errors" class="block text-xs text-red-700 dark:text-red-300">
                    {to_errors.join(" ")}
                </span>
            </label>
            <button
                type="submit"
                class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
            >
                "Apply"
            </button>
            <p class="w-full text-xs text-slate-500 dark:text-slate-400">
                "The dates are used when the range is “Custom range”. Days are counted in the brand's time zone."
            </p>
        </Form>
    }
    .into_any()
}

#[component]
fn Figures(d: Dashboard) -> impl IntoView {
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

/// A day-table column: key in the address, heading, value.
type DayColumn = (&'static str, &'static str, fn(&DayRow) -> Option<f64>);

const DAY_COLUMNS: [DayColumn; 6] = [
    ("revenue", "Revenue", |r| r.revenue),
    ("orders", "Orders", |r| r.orders),
    ("ad_spend", "Ad spend", |r| r.ad_spend),
    ("conversions", "Conversions", |r| r.conversions),
    ("roas", "ROAS", |r| r.roas),
    ("cpa", "CPA", |r| r.cpa),
];

fn day_cell(key: &str, row: &DayRow, currency: &str, decimals: u8) -> String {
    let pick = DAY_COLUMNS.iter().find(|c| c.0 == key).map(|c| c.2(row));
    let v = pick.flatten();
    match key {
        "revenue" | "ad_spend" => format::value(v, Unit::Money, currency, decimals, true),
        "cpa" => format::value(v, Unit::Money, currency, decimals, true),
        "roas" => format::value(v, Unit::Multiple, currency, decimals, false),
        _ => format::value(v, Unit::Count, currency, decimals, false),
    }
}

/// Plain numbers for the CSV (no symbols or grouping), empty for no data.
fn csv(rows: &[DayRow]) -> String {
    let mut out = String::from("date,revenue,orders,ad_spend,conversions,roas,cpa\n");
    for r in rows {
        let cells: Vec<String> = DAY_COLUMNS
            .iter()
            .map(|c| c.2(r).map(|v| format!("{v:.2}")).unwrap_or_default())
            .collect();
        out.push_str(&format!("{},{}\n", r.date, cells.join(",")));
    }
    out
}

/// Sorts the day table by a column of the address (`sort`, `dir`); days without data
/// go last whichever the direction.
fn sort_days(rows: &mut [DayRow], sort: &str, descending: bool) {
    match DAY_COLUMNS.iter().find(|c| c.0 == sort) {
        Some(column) => rows.sort_by(|a, b| match (column.2(a), column.2(b)) {
            (Some(x), Some(y)) if descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.date.cmp(&b.date),
        }),
        None if descending && sort == "date" => rows.reverse(),
        None => {}
    }
}

#[component]
fn Days(
    rows: Vec<DayRow>,
    currency: String,
    scope: String,
    from: String,
    to: String,
    decimals: u8,
) -> impl IntoView {
    let query = use_query_map();
    // Sorting changes the address but not the data: the table follows the address.
    let sorted = {
        let rows = rows.clone();
        move || {
            let q = query.read();
            let (sort, descending) = (param(&q, "sort"), param(&q, "dir") != "asc");
            let mut rows = rows.clone();
            sort_days(&mut rows, &sort, descending);
            (rows, sort, descending, q.clone())
        }
    };
    let file = format!(
        "aura-{}-{from}-{to}.csv",
        scope
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
    let download = format!("data:text/csv;charset=utf-8,{}", urlencode(&csv(&rows)));
    let table = move || {
        let (rows, sort, descending, q) = sorted();
        let header = |key: &'static str, label: &'static str| {
            let active = sort == key || (key == "date" && sort.is_empty());
            let next_dir = if active && descending { "asc" } else { "desc" };
            let href = href_with(&q, &[("sort", key), ("dir", next_dir)]);
            let (aria_sort, arrow) = match (active, descending) {
                (false, _) => ("none", ""),
                (true, true) => ("descending", " ↓"),
                (true, false) => ("ascending", " ↑"),
            };
            let align = if key == "date" { "text-left" } else { "text-right" };
            view! {
                <th scope="col" class=format!("px-3 py-2 font-medium {align}") aria-sort=aria_sort>
                    <a
                        href=href
                        class="hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
                    >
                        {label}
                        {arrow}
                    </a>
                </th>
            }
        };
        let currency = currency.clone();
        view! {
            <table class="w-full text-sm tabular-nums" data-testid="days">
                <thead class="sticky top-0 border-b border-slate-200 bg-white text-slate-500 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-400">
                    <tr>
                        {header("date", "Date")}
                        {DAY_COLUMNS.iter().map(|c| header(c.0, c.1)).collect_view()}
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-700">
                    {rows
                        .iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row" class="px-3 py-1.5 text-left font-normal">
                                        {r.date.format("%a %b %-d, %Y").to_string()}
                                    </th>
                                    {DAY_COLUMNS
                                        .iter()
                                        .map(|c| {
                                            let text = day_cell(c.0, r, &currency, decimals);
                                            let muted = text == NO_DATA;
                                            view! {
                                                <td class=if muted {
                                                    "px-3 py-1.5 text-right text-slate-400"
                                                } else {
                                                    "px-3 py-1.5 text-right"
                                                }>{text}</td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="days-heading" class="space-y-2">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="days-heading" class="text-lg font-semibold">
                    "By day"
                </h2>
                <a href=download download=file class=SECONDARY_BUTTON data-testid="export-csv">
                    "Export CSV"
                </a>
            </div>
            <div class="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
                {table}
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn csv_has_plain_numbers_and_empty_cells_for_no_data() {
        let row = DayRow {
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            revenue: Some(1234.5),
            orders: Some(10.0),
            ad_spend: None,
            conversions: None,
            roas: None,
            cpa: None,
        };
        assert_eq!(
            csv(&[row]),
            "date,revenue,orders,ad_spend,conversions,roas,cpa\n2026-03-01,1234.50,10.00,,,,\n"
        );
    }
}
