//! The dashboard's filters: one form for what to show (brand, currency, range,
//! comparison, granularity) that applies as soon as a choice changes (with
//! JavaScript; its button without), and one for a custom range of dates, so typed
//! dates always mean "custom" and a preset never carries stale dates.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::dashboard_page::param;
use crate::contexts::analytics::types::{Compare, Dashboard};
use crate::error::AppError;
use crate::kernel::{Granularity, Preset};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterSelect, SECONDARY_BUTTON, SubmitOnChange};

const APPLY: &str = "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";

/// A hidden field, only when it has a value (so the address stays clean).
fn keep(name: &'static str, value: String) -> impl IntoView + use<> {
    (!value.is_empty()).then(|| view! { <input type="hidden" name=name value=value /> })
}

#[component]
pub(super) fn Filters(d: Option<Dashboard>, error: Option<AppError>) -> impl IntoView {
    let q = use_query_map().get_untracked();
    let chosen_brand = param(&q, "brand");
    let custom = match &d {
        Some(d) => d.preset.is_none(),
        None => Preset::parse(&param(&q, "preset")).is_none(),
    };
    let chosen_preset = match &d {
        Some(d) => d.preset.map_or("custom", |p| p.as_str()).to_owned(),
        None if custom => "custom".to_owned(),
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
    let compare = param(&q, "compare");
    let granularity = param(&q, "granularity");
    let auto_label = match &d {
        Some(d) => format!("Automatic ({})", d.granularity.label().to_lowercase()),
        None => "Automatic".to_owned(),
    };
    let messages =
        |field: &str| error.as_ref().map(|e| e.field_messages(field).to_vec()).unwrap_or_default();
    let (from_errors, to_errors) = (messages("from"), messages("to"));
    let mut brand_options = vec![(String::new(), "All brands".to_owned())];
    brand_options.extend(brands.into_iter().map(|b| (b.id.to_string(), b.name)));
    if d.is_none() && !chosen_brand.is_empty() {
        brand_options.push((chosen_brand.clone(), "The chosen brand".to_owned()));
    }
    let mut presets: Vec<(String, String)> =
        Preset::ALL.into_iter().map(|p| (p.as_str().to_owned(), p.label().to_owned())).collect();
    presets.push(("custom".to_owned(), "Custom range".to_owned()));
    let compares: Vec<(String, String)> = Compare::ALL
        .into_iter()
        .map(|c| {
            let value = if c == Compare::default() { String::new() } else { c.as_str().to_owned() };
            (value, c.label().to_owned())
        })
        .collect();
    let mut granularities = vec![(String::new(), auto_label)];
    granularities.extend(
        Granularity::ALL.into_iter().map(|g| (g.as_str().to_owned(), g.label().to_owned())),
    );
    let currency_select = (currencies.len() > 1 && chosen_brand.is_empty()).then(|| {
        let items = currencies.into_iter().map(|c| (c.clone(), c)).collect();
        view! { <FilterSelect name="currency" label="Currency" choices=items chosen=currency /> }
    });
    // What the dates form keeps of the first form's choices.
    let kept = view! {
        {keep("brand", chosen_brand.clone())}
        {keep("currency", param(&q, "currency"))}
        {keep("compare", compare.clone())}
        {keep("granularity", granularity.clone())}
    };
    let kept_range = custom.then(|| {
        view! {
            {keep("from", from.clone())}
            {keep("to", to.clone())}
        }
    });
    view! {
        <div class="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800">
            <Form
                method="GET"
                action="/dashboard"
                attr:class="flex flex-wrap items-end gap-3"
                attr:aria-label="Dashboard filters"
            >
                <SubmitOnChange>
                    <FilterSelect
                        name="brand"
                        label="Brand"
                        choices=brand_options
                        chosen=chosen_brand.clone()
                    />
                    {currency_select}
                    <FilterSelect
                        name="preset"
                        label="Range"
                        choices=presets
                        chosen=chosen_preset
                    />
                    <FilterSelect
                        name="compare"
                        label="Compare with"
                        choices=compares
                        chosen=compare.clone()
                    />
                    <FilterSelect
                        name="granularity"
                        label="Show"
                        choices=granularities
                        chosen=granularity.clone()
                    />
                </SubmitOnChange>
                {kept_range}
                <button type="submit" class=APPLY>
                    "Apply"
                </button>
            </Form>
            <Form
                method="GET"
                action="/dashboard"
                attr:class="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-3 dark:border-slate-700"
                attr:aria-label="Dates"
            >
                {kept}
                <DateField name="from" label="From" value=from errors=from_errors />
                <DateField name="to" label="To" value=to errors=to_errors />
                <button type="submit" class=SECONDARY_BUTTON>
                    "Apply dates"
                </button>
                <p class="w-full text-xs text-slate-600 dark:text-slate-400">
                    "Dates make the range custom. Days are counted in the brand's time zone."
                </p>
            </Form>
        </div>
    }
    .into_any()
}

/// A date of the custom range, with its messages.
#[component]
fn DateField(
    name: &'static str,
    label: &'static str,
    value: String,
    errors: Vec<String>,
) -> impl IntoView {
    let messages = format!("{name}-errors");
    view! {
        <label class=FILTER_LABEL>
            {label}
            <input
                type="date"
                name=name
                value=value
                required
                min="2000-01-01"
                max="2100-12-31"
                class=FILTER_INPUT
                aria-invalid=(!errors.is_empty()).then_some("true")
                aria-describedby=messages.clone()
            /> <span id=messages class="block text-xs text-red-700 dark:text-red-300">
                {errors.join(" ")}
            </span>
        </label>
    }
}
