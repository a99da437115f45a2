//! `/dashboard?brand=&preset=&from=&to=&sort=&dir=`: one brand's figures (or all
//! brands' in one currency) for a range, KPIs against the previous period and last
//! year, server-drawn charts with text alternatives, a sortable day table and its CSV.
//! Everything is in the address, so a view can be bookmarked, shared and linked to.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::dashboard_figures::Figures;
use super::dashboard_filters::Filters;
use crate::contexts::analytics::api::get_dashboard;
use crate::contexts::analytics::types::Dashboard;
use crate::error::AppError;
use crate::ui::feedback::{ErrorPanel, Loading, datetime, urlencode};

pub(super) const FILTERS: [&str; 5] = ["brand", "preset", "from", "to", "currency"];

pub(super) fn param(query: &ParamsMap, key: &str) -> String {
    query.get(key).unwrap_or_default()
}

/// The current address with `changes` applied (an empty value drops the key).
pub(super) fn href_with(query: &ParamsMap, changes: &[(&str, &str)]) -> String {
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
