//! `/campaigns`: the workspace's campaigns by status, with their posts and
//! clicks, and the form for a new one.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::campaign_form::CampaignForm;
use crate::contexts::campaigns::api::{DeleteCampaign, list_campaigns};
use crate::contexts::campaigns::types::{CampaignList, CampaignStatus};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, done_notice};

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let query = use_query_map();
    let list =
        Resource::new(move || query.read().get("status").unwrap_or_default(), list_campaigns);
    view! {
        <Title text="Campaigns · Aura" />
        <h1 class="text-2xl font-semibold">"Campaigns"</h1>
        {done_notice::<DeleteCampaign>("Campaign deleted")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Campaigns list /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Campaigns(list: CampaignList) -> impl IntoView {
    let mut tabs = vec![(String::new(), "All".to_owned())];
    tabs.extend(CampaignStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())));
    let empty = list.lines.is_empty();
    // A rejected form comes back open, with what was typed.
    let rejected = use_query_map().read_untracked().get(crate::ui::form::TYPED_MARKER).is_some();
    view! {
        <nav aria-label="Campaign status" class="flex flex-wrap gap-1">
            {tabs
                .into_iter()
                .map(|(value, label)| {
                    let current = (list.status == value).then_some("page");
                    let href = if value.is_empty() {
                        "/campaigns".to_owned()
                    } else {
                        format!("/campaigns?status={value}")
                    };
                    view! {
                        <a
                            href=href
                            aria-current=current
                            class="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-medium aria-[current=page]:text-indigo-800 dark:hover:bg-slate-700 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200"
                        >
                            {label}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {if empty {
            view! {
                <p class=EMPTY_STATE data-testid="no-campaigns">
                    "No campaigns here yet. A campaign gathers posts under one goal, tags their links for your analytics and counts their clicks."
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul
                    class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                    data-testid="campaigns"
                >
                    {list
                        .lines
                        .into_iter()
                        .map(|line| {
                            let c = line.campaign;
                            let dates = format!(
                                "{} – {}",
                                c.start_date.format("%b %-d, %Y"),
                                c.end_date.format("%b %-d, %Y"),
                            );
                            view! {
                                <li class="flex flex-wrap items-center gap-3 p-3 text-sm">
                                    <a
                                        href=format!("/campaigns/{}", c.id)
                                        class="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                                    >
                                        {c.name}
                                    </a>
                                    <span class="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700">
                                        {c.status.label()}
                                    </span>
                                    <span class="text-slate-600 dark:text-slate-300">{dates}</span>
                                    <span class="ml-auto text-slate-600 dark:text-slate-300">
                                        {format!("{} posts · {} clicks", line.posts, line.clicks)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {list
            .can_edit
            .then(|| {
                view! {
                    <details
                        class="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
                        open=empty || rejected
                    >
                        <summary class="cursor-pointer font-medium">"New campaign"</summary>
                        <div class="mt-3">
                            <CampaignForm campaign=None currency=list.currency.clone() />
                        </div>
                    </details>
                }
            })}
    }
}
