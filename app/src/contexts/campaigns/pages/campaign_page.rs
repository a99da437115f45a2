//! `/campaigns/:campaign_id`: a campaign's posts by status and platform, its
//! clicks over time (a chart drawn on the server, and a CSV), spend against
//! budget, each goal's progress; and its form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::campaign_form::CampaignForm;
use crate::contexts::campaigns::api::{DeleteCampaign, SaveCampaign, get_campaign};
use crate::contexts::campaigns::types::CampaignPage as Page;
use crate::ui::feedback::{Confirm, EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::DANGER_BUTTON;
use crate::ui::time::When;

#[component]
pub fn CampaignPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("campaign_id").unwrap_or_default();
    let page = Resource::new(move || id.clone(), get_campaign);
    view! {
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Campaign page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const CARD: &str =
    "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800";

#[component]
fn Campaign(page: Page) -> impl IntoView {
    let c = page.campaign.clone();
    let delete = ServerAction::<DeleteCampaign>::new();
    // A rejected form comes back open, with what was typed.
    let rejected = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(crate::ui::form::TYPED_MARKER)
        .is_some();
    let id = c.id.to_string();
    let money = |v: f64| format!("{} {v:.2}", page.currency);
    let spend = match c.budget {
        Some(budget) => format!("{} of {} spent", money(c.recorded.spend), money(budget)),
        None => format!("{} spent (no budget set)", money(c.recorded.spend)),
    };
    let dates =
        format!("{} – {}", c.start_date.format("%b %-d, %Y"), c.end_date.format("%b %-d, %Y"));
    view! {
        <Title text=format!("{} · Campaigns · Aura", c.name) />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">{c.name.clone()}</h1>
            <a
                href="/campaigns"
                class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
                "All campaigns"
            </a>
        </div>
        {done_notice::<SaveCampaign>("Campaign saved")}
        <p class="text-sm text-slate-600 dark:text-slate-300">
            {format!("{} · {dates}", c.status.label())}
            {c.description.clone().map(|d| format!(" · {d}"))}
            {(!c.audience.is_empty()).then(|| format!(" · For {}", c.audience))}
        </p>
        <div class="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
            <section class=CARD>
                <h2 class="text-sm font-medium text-slate-600 dark:text-slate-300">"Clicks"</h2>
                <p class="text-3xl font-semibold" data-testid="campaign-clicks">
                    {page.clicks}
                </p>
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    "On its short links, bots left out"
                </p>
            </section>
            <section class=CARD>
                <h2 class="text-sm font-medium text-slate-600 dark:text-slate-300">"Engagement"</h2>
                <p class="text-3xl font-semibold" data-testid="campaign-engagement">
                    {page.engagement}
                </p>
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    {match page.engagement_rate {
                        Some(rate) => {
                            format!("{:.2}% of the times its posts were seen", rate * 100.0)
                        }
                        None => "Likes, comments, shares, saves and clicks on its posts".to_owned(),
                    }}
                </p>
            </section>
            <section class=CARD>
                <h2 class="text-sm font-medium text-slate-600 dark:text-slate-300">"Spend"</h2>
                <p class="text-lg font-semibold">{spend}</p>
            </section>
            <section class=CARD>
                <h2 class="text-sm font-medium text-slate-600 dark:text-slate-300">"Posts"</h2>
                <p class="text-sm">
                    {if page.by_status.is_empty() {
                        "None yet: choose this campaign in the composer.".to_owned()
                    } else {
                        page.by_status
                            .iter()
                            .map(|(s, n)| format!("{n} {}", s.to_lowercase()))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }}
                </p>
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    {page
                        .by_platform
                        .iter()
                        .map(|(p, n)| format!("{p} {n}"))
                        .collect::<Vec<_>>()
                        .join(" · ")}
                </p>
            </section>
        </div>
        <section class=CARD aria-labelledby="goals-heading">
            <h2 id="goals-heading" class="font-semibold">
                "Goals"
            </h2>
            {if page.goals.is_empty() {
                view! { <p class="text-sm text-slate-600 dark:text-slate-300">"No goals set."</p> }
                    .into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-2" data-testid="goals">
                        {page
                            .goals
                            .iter()
                            .map(|g| {
                                let label = format!(
                                    "{}: {} of {} ({}%)",
                                    g.metric.label(),
                                    g.actual,
                                    g.target,
                                    g.percent,
                                );
                                view! {
                                    <li class="text-sm">
                                        {label}
                                        <progress
                                            class="block h-2 w-full"
                                            max="100"
                                            value=g.percent.to_string()
                                        ></progress>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class=CARD aria-labelledby="clicks-chart-title">
            <div class="flex items-center justify-between">
                <h2 id="clicks-chart-title" class="font-semibold">
                    "Clicks per day"
                </h2>
                <a
                    href=format!("/api/campaigns/export?campaign_id={id}")
                    class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
                    download
                >
                    "Download CSV"
                </a>
            </div>
            <div inner_html=page.chart_svg.clone()></div>
        </section>
        {(!page.links.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="campaign-links" class="space-y-2">
                        <h2 id="campaign-links" class="text-lg font-semibold">
                            "Short links"
                        </h2>
                        <ul
                            class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                            data-testid="short-links"
                        >
                            {page
                                .links
                                .iter()
                                .map(|(short, url, clicks)| {
                                    let (short, url, clicks) = (
                                        short.clone(),
                                        url.clone(),
                                        *clicks,
                                    );

                                    view! {
                                        <li class="flex flex-wrap items-center gap-2 p-3">
                                            <a
                                                href=short.clone()
                                                class="font-mono text-indigo-700 hover:underline dark:text-indigo-300"
                                                data-testid="short-link"
                                            >
                                                {short.clone()}
                                            </a>
                                            <span class="break-all text-slate-600 dark:text-slate-300">
                                                {format!("→ {url}")}
                                            </span>
                                            <span class="ml-auto" data-testid="short-link-clicks">
                                                {format!("{clicks} clicks")}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        <section aria-labelledby="campaign-posts" class="space-y-2">
            <h2 id="campaign-posts" class="text-lg font-semibold">
                "Posts"
            </h2>
            {if page.posts.is_empty() {
                view! {
                    <p class=EMPTY_STATE>
                        "No posts yet. Choose this campaign in the composer: its links get the campaign's UTM parameters."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800">
                        {page
                            .posts
                            .iter()
                            .cloned()
                            .map(|p| {
                                view! {
                                    <li class="flex flex-wrap items-center gap-2 p-3">
                                        <span class="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700">
                                            {p.status}
                                        </span>
                                        <a
                                            href=format!("/posts/{}", p.id)
                                            class="text-indigo-700 hover:underline dark:text-indigo-300"
                                        >
                                            {p.excerpt}
                                        </a>
                                        {p.when.map(|at| view! { <When at /> })}
                                        <span class="ml-auto">
                                            {format!("{} clicks", p.clicks)}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        {page
            .can_edit
            .then(|| {
                view! {
                    <details
                        class="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
                        open=rejected
                    >
                        <summary class="cursor-pointer font-medium">"Edit campaign"</summary>
                        <div class="mt-3">
                            <CampaignForm
                                campaign=Some(page.campaign.clone())
                                currency=page.currency.clone()
                            />
                        </div>
                    </details>
                    <Confirm
                        label="Delete campaign"
                        question=format!(
                            "Delete \"{}\"? Its posts stay, without the campaign.",
                            c.name,
                        )
                    >
                        <ActionForm action=delete>
                            <input type="hidden" name="campaign_id" value=id.clone() />
                            <button type="submit" class=DANGER_BUTTON>
                                "Delete"
                            </button>
                        </ActionForm>
                    </Confirm>
                }
            })}
    }
}
