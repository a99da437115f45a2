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
    #[prop(optional)] disabled: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let currencies: Vec<(String, String)> =
        CURRENCIES.iter().map(|(code, _)| ((*code).to_owned(), (*code).to_owned())).collect();
    view! {
        <div class="grid gap-4 sm:grid-cols-2">
            <Field name="name" label="Brand name" value=name required=true disabled error />
            <Field name="domain" label="Shop domain (optional)" value=domain hint="Like shop.example.com" disabled error />
            <SelectField name="currency" label="Currency" options=currencies selected=currency disabled error />
            <Field name="timezone" label="Time zone" value=timezone hint="IANA name, like America/Chicago: days are counted in it." disabled error />
        </div>
    }
}
