//! The dashboard's filter form (brand, range, dates, currency).

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::dashboard_page::param;
use crate::contexts::analytics::types::Dashboard;
use crate::error::AppError;
use crate::kernel::Preset;

/// The filter form. A GET form: it changes the address, so it works without
/// JavaScript and the view can be bookmarked.
#[component]
pub(super) fn Filters(d: Option<Dashboard>, error: Option<AppError>) -> impl IntoView {
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
