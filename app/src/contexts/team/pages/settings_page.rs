//! `/settings/workspace`: name, logo, time zone, currency, plan and limits,
//! branding. Read-only for members who may not change them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::team::api::{UpdateWorkspaceSettings, get_workspace_settings};
use crate::contexts::team::types::{PlanLimits, WorkspaceSettings};
use crate::ui::feedback::{ErrorPanel, Loading, done_notice};
use crate::ui::form::{Field, FormAlert, SelectField, SubmitButton};

const CURRENCIES: [&str; 10] =
    ["USD", "EUR", "GBP", "CAD", "AUD", "BRL", "INR", "JPY", "MXN", "CHF"];

#[component]
pub fn WorkspaceSettingsPage() -> impl IntoView {
    let save = ServerAction::<UpdateWorkspaceSettings>::new();
    let settings = Resource::new(move || save.version().get(), |_| get_workspace_settings());
    let toast_save = done_notice::<UpdateWorkspaceSettings>("Workspace settings saved");
    view! {
        {toast_save}
        <Title text="Workspace settings · Aura" />
        <h1 class="text-2xl font-semibold">"Workspace settings"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! { <SettingsForm settings save /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn limit(value: Option<u32>) -> String {
    value.map_or_else(|| "Unlimited".to_owned(), |n| n.to_string())
}

#[component]
fn SettingsForm(
    settings: WorkspaceSettings,
    save: ServerAction<UpdateWorkspaceSettings>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let read_only = !settings.can_edit;
    let mut currencies: Vec<(String, String)> =
        CURRENCIES.iter().map(|c| ((*c).to_owned(), (*c).to_owned())).collect();
    if !CURRENCIES.contains(&settings.currency.as_str()) {
        currencies.push((settings.currency.clone(), settings.currency.clone()));
    }
    let PlanLimits { max_members, max_brands, max_social_accounts, max_scheduled_posts_per_month } =
        settings.limits;
    view! {
        {read_only
            .then(|| {
                view! {
                    <p role="note" class="rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800">
                        "You can see these settings; an owner or admin can change them."
                    </p>
                }
            })}
        <ActionForm action=save attr:class="space-y-6" attr:novalidate=true>
            <section
                aria-labelledby="general-heading"
                class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
            >
                <h2 id="general-heading" class="text-lg font-semibold">
                    "General"
                </h2>
                <Field
                    name="name"
                    label="Workspace name"
                    value=settings.name
                    required=true
                    disabled=read_only
                    error
                />
                <p class="text-sm text-slate-500 dark:text-slate-400">
                    "Address name: " {settings.slug}
                </p>
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field
                        name="industry"
                        label="Industry"
                        value=settings.industry
                        disabled=read_only
                        error
                    />
                    <Field
                        name="website"
                        label="Website"
                        kind="url"
                        value=settings.website
                        disabled=read_only
                        error
                    />
                    <Field
                        name="logo_url"
                        label="Logo URL"
                        kind="url"
                        value=settings.logo_url
                        disabled=read_only
                        hint="https://… (PNG or SVG)"
                        error
                    />
                    <Field
                        name="timezone"
                        label="Time zone"
                        value=settings.timezone
                        disabled=read_only
                        hint="Reports and schedules use it, like America/Chicago."
                        error
                    />
                    <SelectField
                        name="currency"
                        label="Currency"
                        options=currencies
                        selected=settings.currency
                        disabled=read_only
                        error
                    />
                </div>
            </section>
            <section
                aria-labelledby="plan-heading"
                class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
            >
                <h2 id="plan-heading" class="text-lg font-semibold">
                    "Plan and limits"
                </h2>
                <p class="text-sm" data-testid="plan">
                    "Plan: "
                    <span class="font-medium">{settings.plan.label()}</span>
                </p>
                <p class="text-sm text-slate-500 dark:text-slate-400">
                    "The plan sets the limits below. It is changed by whoever runs this Aura, not from this page (README: \"Plans\")."
                </p>
                <p class="text-sm">"Subscription: " {settings.subscription_status}</p>
                <dl class="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="plan-limits">
                    <div>
                        <dt class="text-slate-500 dark:text-slate-400">"Members"</dt>
                        <dd>{format!("{} of {}", settings.members, limit(max_members))}</dd>
                    </div>
                    <div>
                        <dt class="text-slate-500 dark:text-slate-400">"Brands"</dt>
                        <dd>{limit(max_brands)}</dd>
                    </div>
                    <div>
                        <dt class="text-slate-500 dark:text-slate-400">"Social accounts"</dt>
                        <dd>{limit(max_social_accounts)}</dd>
                    </div>
                    <div>
                        <dt class="text-slate-500 dark:text-slate-400">
                            "Scheduled posts a month"
                        </dt>
                        <dd>{limit(max_scheduled_posts_per_month)}</dd>
                    </div>
                </dl>
            </section>
            <section
                aria-labelledby="branding-heading"
                class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
            >
                <h2 id="branding-heading" class="text-lg font-semibold">
                    "Branding"
                </h2>
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field
                        name="primary_color"
                        label="Brand colour"
                        value=settings.branding.primary_color
                        disabled=read_only
                        hint="Like #4f46e5; empty for Aura's."
                        error
                    />
                    <Field
                        name="email_footer"
                        label="Email footer"
                        value=settings.branding.email_footer
                        disabled=read_only
                        hint="Shown under emails Aura sends for you."
                        error
                    />
                </div>
            </section>
            <FormAlert error />
            {(!read_only)
                .then(|| {
                    view! {
                        <div class="max-w-xs">
                            <SubmitButton label="Save settings" busy_label="Saving…" />
                        </div>
                    }
                })}
        </ActionForm>
    }
}
