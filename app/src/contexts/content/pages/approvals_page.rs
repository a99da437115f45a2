//! `/approvals`: the posts waiting for the member's approval, the member's own
//! posts waiting for others, and the workspace's decisions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::StatusBadge;
use crate::contexts::content::api::get_approvals;
use crate::contexts::content::types::{APPROVAL_TABS, ApprovalsPage};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading};
use crate::ui::pager::{Pager, page_param};
use crate::ui::time::When;

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        (q.get("tab").unwrap_or_default(), page_param(q.get("page")))
    };
    let list = Resource::new(wanted, |(tab, page)| get_approvals(tab, Some(page)));
    view! {
        <Title text="Approvals · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Approvals"</h1>
            <a
                href="/approvals/chains"
                class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
                "Approval chains"
            </a>
        </div>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Approvals list /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Approvals(list: ApprovalsPage) -> impl IntoView {
    let tabs = APPROVAL_TABS
        .iter()
        .map(|(value, label)| {
            let count = match *value {
                "waiting" => Some(list.waiting),
                "submitted" => Some(list.submitted),
                _ => None,
            };
            let text = match count {
                Some(n) => format!("{label} ({n})"),
                None => (*label).to_owned(),
            };
            let current = (list.tab == *value).then_some("page");
            view! {
                <a
                    href=format!("/approvals?tab={value}")
                    aria-current=current
                    class="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-medium aria-[current=page]:text-indigo-800 dark:hover:bg-slate-700 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200"
                >
                    {text}
                </a>
            }
        })
        .collect_view();
    let empty = match list.tab.as_str() {
        "submitted" => "None of your posts is waiting for approval.",
        "history" => "No approval decisions yet.",
        _ => "Nothing is waiting for your approval.",
    };
    let href = format!("/approvals?tab={}", list.tab);
    view! {
        <nav aria-label="Approvals" class="flex flex-wrap gap-1">
            {tabs}
        </nav>
        {if list.items.is_empty() {
            view! {
                <p class=EMPTY_STATE data-testid="approvals-empty">
                    {empty}
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul
                    class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                    data-testid="approval-items"
                >
                    {list
                        .items
                        .into_iter()
                        .map(|item| {
                            view! {
                                <li class="space-y-1 p-3" data-testid="approval-item">
                                    <div class="flex flex-wrap items-center gap-2 text-sm">
                                        <StatusBadge status=item.status />
                                        <span class="text-slate-600 dark:text-slate-300">
                                            {item.note}
                                        </span>
                                        <span class="text-slate-500 dark:text-slate-400">
                                            <When at=item.at />
                                        </span>
                                    </div>
                                    <a
                                        href=format!("/posts/{}", item.post_id)
                                        class="block text-indigo-700 hover:underline dark:text-indigo-300"
                                    >
                                        {item.excerpt}
                                    </a>
                                    {item
                                        .scheduled_at
                                        .map(|at| {
                                            view! {
                                                <p class="text-xs text-slate-500 dark:text-slate-400">
                                                    "For " <When at />
                                                </p>
                                            }
                                        })}
                                    {item
                                        .comment
                                        .map(|c| {
                                            view! {
                                                <blockquote class="border-l-2 border-slate-300 pl-2 text-sm dark:border-slate-600">
                                                    {c}
                                                </blockquote>
                                            }
                                        })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <Pager page=list.page pages=list.pages href />
    }
}
