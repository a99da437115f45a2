//! The brand fields, shared by the create and edit forms.

use leptos::prelude::*;

use crate::contexts::brands::rules::CURRENCIES;
use crate::error::AppError;
use crate::ui::form::{Field, SelectField};

#[component]
pub fn BrandFields(
    name: String,
    domain: String,
    currency: String,
    timezone: String,
    sync_hour: i16,
    #[prop(optional)] disabled: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let currencies: Vec<(String, String)> =
        CURRENCIES.iter().map(|(code, _)| ((*code).to_owned(), (*code).to_owned())).collect();
    let hours: Vec<(String, String)> =
        (0..24).map(|h| (h.to_string(), format!("{h:02}:00"))).collect();
    view! {
        <div class="grid gap-4 sm:grid-cols-2">
            <Field name="name" label="Brand name" value=name required=true disabled error />
            <Field
                name="domain"
                label="Shop domain (optional)"
                value=domain
                hint="Like shop.example.com"
                disabled
                error
            />
            <SelectField
                name="currency"
                label="Currency"
                options=currencies
                selected=currency
                disabled
                error
            />
            <Field
                name="timezone"
                label="Time zone"
                value=timezone
                hint="IANA name, like America/Chicago: days are counted in it."
                disabled
                error
            />
            <SelectField
                name="sync_hour"
                label="Daily sync hour"
                options=hours
                selected=sync_hour.to_string()
                disabled
                error
            />
            <p class="text-sm text-slate-500 sm:col-span-2 dark:text-slate-400">
                "At the sync hour, in the brand's time zone, connected accounts sync and insights are worked out. A change applies from the run after the next."
            </p>
        </div>
    }
}
