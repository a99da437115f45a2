//! `/jobs?page=N`: the workspace's background tasks with status, times, error and
//! retries, and a retry button for failed ones.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::automation::api::{RetryTask, list_tasks};
use crate::contexts::automation::types::{TaskPage, TaskView};
use crate::ui::feedback::{ErrorPanel, Loading, datetime, done_notice};
use crate::ui::form::SECONDARY_BUTTON;
use crate::ui::time::When;

#[component]
pub fn JobsPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    let retry = ServerAction::<RetryTask>::new();
    let tasks =
        Resource::new(move || (page(), retry.version().get()), |(page, _)| list_tasks(page));
    let toast_retry = done_notice::<RetryTask>("Task queued again");
    view! {
        {toast_retry}
        <Title text="Jobs · Aura" />
        <h1 class="text-2xl font-semibold">"Jobs"</h1>
        <p class="text-sm text-slate-600 dark:text-slate-300">
            "Background work: syncs, insights and other scheduled tasks. Failed tasks are retried with growing delays, then wait for you."
        </p>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match tasks.await {
                    Ok(page) => view! { <Tasks page retry /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Tasks(page: TaskPage, retry: ServerAction<RetryTask>) -> impl IntoView {
    if page.tasks.is_empty() {
        return view! {
            <p class="text-sm text-slate-500 dark:text-slate-400" data-testid="no-tasks">
                "No background tasks yet."
            </p>
        }
        .into_any();
    }
    let can_retry = page.can_retry;
    let link = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-700";
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
            <table class="w-full text-left text-sm" data-testid="tasks">
                <thead class="border-b border-slate-200 text-slate-500 dark:border-slate-700 dark:text-slate-400">
                    <tr>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Task"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Status"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Scheduled for"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Ran"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Retries"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            <span class="sr-only">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-700">
                    {page
                        .tasks
                        .into_iter()
                        .map(|t| view! { <TaskRow task=t can_retry retry /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <nav aria-label="Pages" class="flex items-center justify-between text-sm">
            <span>{format!("Page {} of {}", page.page, page.pages)}</span>
            <span class="flex gap-2">
                {(page.page > 1)
                    .then(|| {
                        view! {
                            <a href=format!("/jobs?page={}", page.page - 1) class=link rel="prev">
                                "Newer"
                            </a>
                        }
                    })}
                {(page.page < page.pages)
                    .then(|| {
                        view! {
                            <a href=format!("/jobs?page={}", page.page + 1) class=link rel="next">
                                "Older"
                            </a>
                        }
                    })}
            </span>
        </nav>
    }
    .into_any()
}

#[component]
fn TaskRow(task: TaskView, can_retry: bool, retry: ServerAction<RetryTask>) -> impl IntoView {
    let failed = task.status == "failed";
    view! {
        <tr>
            <td class="px-4 py-3">
                <span class="font-medium">{task.kind.replace('_', " ")}</span>
                {task.error.map(|e| view! { <p class="text-red-700 dark:text-red-400">{e}</p> })}
            </td>
            <td class="px-4 py-3" data-testid="task-status">
                {task.status}
            </td>
            <td class="px-4 py-3">
                <When at=task.scheduled_for />
            </td>
            <td class="px-4 py-3">
                {task.executed_at.map(datetime).unwrap_or_else(|| "—".into())}
            </td>
            <td class="px-4 py-3">{task.retry_count}</td>
            <td class="px-4 py-3 text-right">
                {(failed && can_retry)
                    .then(|| {
                        view! {
                            <ActionForm action=retry>
                                <input type="hidden" name="task_id" value=task.id.to_string() />
                                <button type="submit" class=SECONDARY_BUTTON>
                                    "Retry"
                                </button>
                            </ActionForm>
                        }
                    })}
            </td>
        </tr>
    }
}
