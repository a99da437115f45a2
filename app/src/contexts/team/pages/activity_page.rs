//! `/activity?page=N`: the workspace activity log, newest first, paginated.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::team::api::list_activity;
use crate::contexts::team::types::ActivityPage;
use crate::ui::feedback::{ErrorPanel, Loading};
use crate::ui::time::When;

#[component]
pub fn ActivityLogPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    let activity = Resource::new(page, list_activity);
    view! {
        <Title text="Activity · Aura" />
        <h1 class="text-2xl font-semibold">"Activity"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match activity.await {
                    Ok(page) => view! { <Entries page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Entries(page: ActivityPage) -> impl IntoView {
    if page.entries.is_empty() {
        return view! { <p class="text-sm text-slate-500 dark:text-slate-400">"Nothing has happened here yet."</p> }
            .into_any();
    }
    let link = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-700";
    view! {
        <ol
            class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
            data-testid="activity"
        >
            {page
                .entries
                .into_iter()
                .map(|e| {
                    view! {
                        <li class="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                            <span>
                                <span class="font-medium">
                                    {e.actor.unwrap_or_else(|| "Someone".into())}
                                </span>
                                " — "
                                {e.description}
                            </span>
                            <span class="text-slate-500 dark:text-slate-400">
                                <When at=e.at />
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <nav aria-label="Pages" class="flex items-center justify-between text-sm">
            <span>
                {format!(
                    "Page {} of {} · {}",
                    page.page,
                    page.pages,
                    crate::ui::plural(
                        i64::try_from(page.total).unwrap_or(i64::MAX),
                        "entry",
                        "entries",
                    ),
                )}
            </span>
            <span class="flex gap-2">
                {(page.page > 1)
                    .then(|| {
                        view! {
                            <a
                                href=format!("/activity?page={}", page.page - 1)
                                class=link
                                rel="prev"
                            >
                                "Newer"
                            </a>
                        }
                    })}
                {(page.page < page.pages)
                    .then(|| {
                        view! {
                            <a
                                href=format!("/activity?page={}", page.page + 1)
                                class=link
                                rel="next"
                            >
                                "Older"
                            </a>
                        }
                    })}
            </span>
        </nav>
    }
    .into_any()
}
