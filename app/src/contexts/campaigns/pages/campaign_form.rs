//! The campaign form: a new campaign or an existing one, with its goals, budget
//! and results, audience and UTM parameters. A rejected form keeps what was typed.

use leptos::prelude::*;

use crate::contexts::campaigns::api::SaveCampaign;
use crate::contexts::campaigns::types::{Campaign, CampaignStatus, GoalMetric};
use crate::ui::form::{
    FormAlert, PRIMARY_BUTTON, TEXT_INPUT, message_lines, messages_for, typed_value,
};

fn number(v: f64) -> String {
    if v == 0.0 { String::new() } else { format!("{v}") }
}

#[component]
pub fn CampaignForm(campaign: Option<Campaign>, currency: String) -> impl IntoView {
    let save = ServerAction::<SaveCampaign>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let id = campaign.as_ref().map(|c| c.id.to_string()).unwrap_or_default();
    let today = chrono::Utc::now().date_naive();
    let c = campaign.clone();
    let saved = move |key: &str| -> String {
        let Some(c) = &c else {
            return match key {
                "start" => today.to_string(),
                "end" => (today + chrono::Duration::days(30)).to_string(),
                "status" => "active".to_owned(),
                _ => String::new(),
            };
        };
        match key {
            "name" => c.name.clone(),
            "description" => c.description.clone().unwrap_or_default(),
            "status" => c.status.as_str().to_owned(),
            "start" => c.start_date.to_string(),
            "end" => c.end_date.to_string(),
            "budget" => c.budget.map(number).unwrap_or_default(),
            "spend" => number(c.recorded.spend),
            "leads" => number(c.recorded.leads),
            "revenue" => number(c.recorded.revenue),
            "tags" => c.tags.join(", "),
            "audience" => c.audience.clone(),
            "utm.source" => c.utm.source.clone(),
            "utm.medium" => c.utm.medium.clone(),
            "utm.campaign" => c.utm.campaign.clone(),
            "utm.term" => c.utm.term.clone(),
            "utm.content" => c.utm.content.clone(),
            goal => GoalMetric::parse(goal.trim_start_matches("goal."))
                .and_then(|m| c.goals.targets.iter().find(|(g, _)| *g == m))
                .map(|(_, t)| number(*t))
                .unwrap_or_default(),
        }
    };
    let value = move |key: &str| {
        typed_value(&format!("campaign[{key}]"), error).unwrap_or_else(|| saved(key))
    };
    let status = value("status");
    let money = |what: &str| format!("{what} ({currency})");
    let (revenue_goal, budget, spent, revenue_won) =
        (money("Revenue"), money("Budget"), money("Spent so far"), money("Revenue won"));
    let field = move |key: &'static str, label: String, kind: &'static str, hint: &'static str| {
        let messages = messages_for(error.get_untracked(), key);
        let input_id = format!("campaign-{}", key.replace('.', "-"));
        view! {
            <div>
                <label for=input_id.clone() class="block text-sm font-medium">
                    {label}
                </label>
                <input
                    id=input_id
                    name=format!("campaign[{key}]")
                    type=kind
                    value=value(key)
                    class=TEXT_INPUT
                    aria-invalid=(!messages.is_empty()).to_string()
                />
                {(!hint.is_empty())
                    .then(|| {
                        view! { <p class="text-xs text-slate-500 dark:text-slate-400">{hint}</p> }
                    })}
                {message_lines(messages)}
            </div>
        }
    };
    view! {
        <ActionForm
            action=save
            attr:class="space-y-5"
            attr:novalidate=true
            attr:data-testid="campaign-form"
        >
            <input type="hidden" name="campaign_id" value=id.clone() />
            <FormAlert error />
            <div class="grid gap-3 sm:grid-cols-2">
                {field("name", "Name".into(), "text", "")} <div>
                    <label for="campaign-status" class="block text-sm font-medium">
                        "Status"
                    </label>
                    <select id="campaign-status" name="campaign[status]" class=TEXT_INPUT>
                        {CampaignStatus::ALL
                            .iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str() selected=status == s.as_str()>
                                        {s.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div> {field("start", "Starts".into(), "date", "")}
                {field("end", "Ends".into(), "date", "")}
            </div>
            {field("description", "Description (optional)".into(), "text", "")}
            {field(
                "audience",
                "Audience (optional)".into(),
                "text",
                "Who it is for, like \"coffee lovers in Chicago, 25–45\".",
            )}
            {field("tags", "Tags".into(), "text", "Separated by commas.")}
            <fieldset class="space-y-2">
                <legend class="text-sm font-medium">"Goals (leave empty for none)"</legend>
                <div class="grid gap-3 sm:grid-cols-4">
                    {field("goal.clicks", "Link clicks".into(), "text", "")}
                    {field("goal.posts", "Posts published".into(), "text", "")}
                    {field("goal.leads", "Leads".into(), "text", "")}
                    {field("goal.revenue", revenue_goal, "text", "")}
                </div>
            </fieldset>
            <fieldset class="space-y-2">
                <legend class="text-sm font-medium">"Budget and results"</legend>
                <div class="grid gap-3 sm:grid-cols-4">
                    {field("budget", budget, "text", "")} {field("spend", spent, "text", "")}
                    {field("leads", "Leads won".into(), "text", "")}
                    {field("revenue", revenue_won, "text", "")}
                </div>
            </fieldset>
            <fieldset class="space-y-2">
                <legend class="text-sm font-medium">"UTM parameters"</legend>
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    "Added to every link in the campaign's posts. Empty: the platform as the source, \"social\" as the medium, the campaign's name as the campaign."
                </p>
                <div class="grid gap-3 sm:grid-cols-5">
                    {field("utm.source", "Source".into(), "text", "")}
                    {field("utm.medium", "Medium".into(), "text", "")}
                    {field("utm.campaign", "Campaign".into(), "text", "")}
                    {field("utm.term", "Term".into(), "text", "")}
                    {field("utm.content", "Content".into(), "text", "")}
                </div>
            </fieldset>
            <button type="submit" class=PRIMARY_BUTTON>
                {if id.is_empty() { "Create campaign" } else { "Save campaign" }}
            </button>
        </ActionForm>
    }
}
