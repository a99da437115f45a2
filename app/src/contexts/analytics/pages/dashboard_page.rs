//! `/dashboard?brand=&preset=&from=&to=&currency=&compare=&granularity=&sort=&dir=&csort=&cdir=`:
//! one brand's figures (or all brands' in one currency) for a range, KPIs against the
//! period the person compares with, server-drawn charts with text alternatives,
//! sortable day and channel tables and their CSV files. Everything is in the
//! address, so a view can be bookmarked, shared and linked to; the address carries
//! only what was chosen (an address with empty values, or dates beside a preset,
//! is redirected to its clean form).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::dashboard_figures::Figures;
use super::dashboard_filters::Filters;
use crate::contexts::analytics::api::get_dashboard;
use crate::contexts::analytics::types::{Dashboard, DashboardFilters};
use crate::error::AppError;
use crate::kernel::Preset;
use crate::ui::feedback::{ErrorPanel, Loading, datetime, urlencode};

/// The table sorts in the address, after the filters.
const SORTS: [&str; 4] = ["sort", "dir", "csort", "cdir"];

pub(super) fn param(query: &ParamsMap, key: &str) -> String {
    query.get(key).unwrap_or_default()
}

fn filters_of(query: &ParamsMap) -> DashboardFilters {
    DashboardFilters::read(|key| query.get(key))
}

/// `/dashboard` with `pairs`, leaving out empty values.
fn address(pairs: impl IntoIterator<Item = (String, String)>) -> String {
    let text: Vec<String> = pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(&v)))
        .collect();
    if text.is_empty() { "/dashboard".to_owned() } else { format!("/dashboard?{}", text.join("&")) }
}

/// The address's filters and sorts, in order, without what a preset makes moot.
fn clean_pairs(query: &ParamsMap) -> Vec<(String, String)> {
    let preset = param(query, "preset");
    let dated = !param(query, "from").is_empty() || !param(query, "to").is_empty();
    DashboardFilters::KEYS
        .iter()
        .chain(SORTS.iter())
        .map(|k| {
            let value = match *k {
                // A preset decides the dates; dates make the range custom.
                "from" | "to" if Preset::parse(&preset).is_some() => String::new(),
                "preset" if preset == "custom" && dated => String::new(),
                _ => param(query, k),
            };
            ((*k).to_owned(), value)
        })
        .collect()
}

/// The current address with `changes` applied (an empty value drops the key).
pub(super) fn href_with(query: &ParamsMap, changes: &[(&str, &str)]) -> String {
    let mut pairs = clean_pairs(query);
    for (key, value) in changes {
        if let Some(pair) = pairs.iter_mut().find(|(k, _)| k == key) {
            pair.1 = (*value).to_owned();
        }
    }
    address(pairs)
}

/// The clean form of the address, when it differs: no empty values, no dates left
/// over from a custom range once a preset is chosen.
fn cleaner_address(query: &ParamsMap) -> Option<String> {
    let known = |k: &str| DashboardFilters::KEYS.contains(&k) || SORTS.contains(&k);
    let keys: Vec<&str> = query.latest_values().map(|(k, _)| k.as_ref()).collect();
    if keys.iter().any(|k| !known(k)) {
        return None;
    }
    let clean = address(clean_pairs(query));
    let kept = clean_pairs(query).into_iter().filter(|(_, v)| !v.is_empty()).count();
    (kept != keys.len()).then_some(clean)
}

/// A link to one of the dashboard's CSV files for the filters in the address.
pub(super) fn export_href(query: &ParamsMap, table: &str) -> String {
    let mut pairs: Vec<(String, String)> = clean_pairs(query)
        .into_iter()
        .filter(|(k, _)| DashboardFilters::KEYS.contains(&k.as_str()) && k != "compare")
        .collect();
    pairs.push(("table".to_owned(), table.to_owned()));
    address(pairs).replacen("/dashboard", "/api/analytics/export", 1)
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    #[cfg(feature = "ssr")]
    if let Some(clean) = cleaner_address(&query.get_untracked()) {
        crate::ui::feedback::redirect_page(&clean);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = cleaner_address;
    let filters = move || filters_of(&query.read());
    let dashboard = Resource::new(filters, get_dashboard);
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
    let mut period =
        format!("{} – {}", d.period.from.format("%b %-d, %Y"), d.period.to.format("%b %-d, %Y"));
    // The period ends today: today's figures are still coming in.
    if d.period.to >= d.today {
        period.push_str(" · today so far (figures still coming in)");
    }
    let synced = match d.last_sync_at {
        Some(at) => format!("Last synced {}", datetime(at)),
        None => "Not synced from a platform yet".to_owned(),
    };
    let compared = match d.compare {
        crate::contexts::analytics::types::Compare::Previous => d.previous,
        crate::contexts::analytics::types::Compare::LastYear => d.last_year,
    };
    let compare = format!(
        "Compared with {} – {}.",
        compared.from.format("%b %-d, %Y"),
        compared.to.format("%b %-d, %Y"),
    );
    let others = (!d.other_currency_brands.is_empty()).then(|| {
        format!(
            "Figures are in {}; not included: {}. Choose one of those brands to see its figures.",
            d.currency,
            d.other_currency_brands.join(", ")
        )
    });
    let brand_href = d.brand.map(|id| format!("/brands/{id}"));
    let no_brands = d.brands.is_empty();
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-2">
            <h1 class="min-w-0 break-words text-2xl font-semibold">
                {format!("Dashboard · {}", d.scope)}
            </h1>
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="period">
                {period}
                " · "
                {d.timezone.clone()}
            </p>
        </div>
        {d
            .sample_data
            .then(|| {
                view! {
                    <p
                        class="rounded-md bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100"
                        data-testid="sample-data"
                    >
                        "Sample data: these figures were generated for the demo workspace. Connect a real account or import a CSV on the brand's page to replace them."
                    </p>
                }
            })}
        <p class="text-sm text-slate-600 dark:text-slate-300">
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
        {if no_brands {
            view! { <NoBrands /> }.into_any()
        } else {
            view! {
                <Filters d=Some(d.clone()) error=None />
                {if d.has_data {
                    view! { <Figures d /> }.into_any()
                } else {
                    view! { <NoData brand=d.brand.map(|b| b.to_string()) /> }.into_any()
                }}
            }
                .into_any()
        }}
    }
    .into_any()
}

#[component]
fn NoBrands() -> impl IntoView {
    view! {
        <div class=crate::ui::feedback::EMPTY_STATE data-testid="no-brands">
            <p class="font-medium">"No brands yet."</p>
            <p class="mt-1">
                "The dashboard shows a brand's sales and ad figures. Add your first brand, then connect its store and ad accounts or import a CSV."
            </p>
            <a
                href="/brands#new-brand-heading"
                class="mt-3 inline-block rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
            >
                "Add your first brand"
            </a>
        </div>
    }
}

#[component]
fn NoData(brand: Option<String>) -> impl IntoView {
    let href = brand.map(|b| format!("/brands/{b}")).unwrap_or_else(|| "/brands".to_owned());
    view! {
        <div class=crate::ui::feedback::EMPTY_STATE data-testid="no-metrics">
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

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str) -> ParamsMap {
        let mut map = ParamsMap::new();
        for pair in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            map.insert(k.to_owned(), v.to_owned());
        }
        map
    }

    #[test]
    fn the_address_keeps_only_chosen_filters() {
        // A GET form sends every field: empty ones and dates beside a preset go.
        assert_eq!(
            cleaner_address(&query("brand=&preset=last_7_days&from=2026-01-01&to=2026-01-31")),
            Some("/dashboard?preset=last_7_days".to_owned())
        );
        // Dates make the range custom.
        assert_eq!(
            cleaner_address(&query("preset=custom&from=2026-01-01&to=2026-01-31")),
            Some("/dashboard?from=2026-01-01&to=2026-01-31".to_owned())
        );
        assert_eq!(cleaner_address(&query("brand=all&preset=today")), None);
        assert_eq!(cleaner_address(&query("")), None);
        // Anything else in the address (a notice, an echo) is left alone.
        assert_eq!(cleaner_address(&query("__done=x&brand=")), None);
    }

    #[test]
    fn links_change_one_thing_and_exports_keep_the_filters() {
        let q = query("preset=last_7_days&sort=revenue&dir=desc");
        assert_eq!(
            href_with(&q, &[("sort", "cpa"), ("dir", "asc")]),
            "/dashboard?preset=last_7_days&sort=cpa&dir=asc"
        );
        assert_eq!(
            export_href(&q, "channels"),
            "/api/analytics/export?preset=last_7_days&table=channels"
        );
    }
}
