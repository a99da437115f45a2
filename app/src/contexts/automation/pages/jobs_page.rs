//! `/jobs?status=&brand=&page=N`: the workspace's background tasks, narrowed by
//! status and brand, each with what it is for, status, times, error and retries,
//! and a retry button for failed ones.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::automation::api::{RetryTask, list_tasks};
use crate::contexts::automation::types::{STATUSES, TaskPage, TaskQuery, TaskView};
use crate::ui::feedback::{
    ErrorPanel, Loading, datetime, done_notice, drop_empty_filters, urlencode,
};
use crate::ui::form::{FilterBar, FilterSelect, SECONDARY_BUTTON};
use crate::ui::pager::{Pager, page_param};
use crate::ui::time::When;

fn status_label(status: &str) -> String {
    STATUSES.iter().find(|(v, _)| *v == status).map_or(status, |(_, label)| label).to_owned()
}

#[component]
pub fn JobsPage() -> impl IntoView {
    drop_empty_filters("/jobs", &["status", "brand", "page"]);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        TaskQuery {
            status: q.get("status").unwrap_or_default(),
            brand: q.get("brand").unwrap_or_default(),
            page: Some(page_param(q.get("page"))),
        }
    };
    let retry = ServerAction::<RetryTask>::new();
    let tasks =
        Resource::new(move || (wanted(), retry.version().get()), |(query, _)| list_tasks(query));
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
                let asked = wanted();
                match tasks.await {
                    Ok(page) => view! { <Tasks page asked retry /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filters(brands: Vec<(String, String)>, asked: TaskQuery) -> impl IntoView {
    let statuses = STATUSES.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    view! {
        <FilterBar action="/jobs" label="Job filters">
            <FilterSelect
                name="status"
                label="Status"
                any="Any status"
                choices=statuses
                chosen=asked.status
            />
            <FilterSelect
                name="brand"
                label="Brand"
                any="Every brand"
                choices=brands
                chosen=asked.brand
            />
            <button type="submit" class=SECONDARY_BUTTON>
                "Filter"
            </button>
        </FilterBar>
    }
}

#[component]
fn Tasks(page: TaskPage, asked: TaskQuery, retry: ServerAction<RetryTask>) -> impl IntoView {
    let pairs: Vec<String> = [("status", &asked.status), ("brand", &asked.brand)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    let filtered = !pairs.is_empty();
    let href = if filtered { format!("/jobs?{}", pairs.join("&")) } else { "/jobs".to_owned() };
    let filters = view! { <Filters brands=page.brands.clone() asked /> };
    if page.tasks.is_empty() {
        let text =
            if filtered { "No task matches these filters." } else { "No background tasks yet." };
        return view! {
            {filters}
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="no-tasks">
                {text}
            </p>
        }
        .into_any();
    }
    let can_retry = page.can_retry;
    let summary = crate::ui::plural(i64::try_from(page.total).unwrap_or(i64::MAX), "task", "tasks");
    let th = "px-4 py-2 font-medium";
    view! {
        {filters}
        <div class="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
            <table class="w-full text-left text-sm" data-testid="tasks">
                <thead class="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
                    <tr>
                        <th scope="col" class=th>
                            "Task"
                        </th>
                        <th scope="col" class=th>
                            "For"
                        </th>
                        <th scope="col" class=th>
                            "Status"
                        </th>
                        <th scope="col" class=th>
                            "Scheduled for"
                        </th>
                        <th scope="col" class=th>
                            "Ran"
                        </th>
                        <th scope="col" class=th>
                            "Retries"
                        </th>
                        <th scope="col" class=th>
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
        <Pager page=page.page pages=page.pages href earlier="Newer" later="Older" summary />
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
                {task
                    .error
                    .map(|e| {
                        view! { <p class="break-words text-red-700 dark:text-red-400">{e}</p> }
                    })}
            </td>
            <td class="px-4 py-3 break-words" data-testid="task-subject">
                {task.subject.unwrap_or_else(|| "—".to_owned())}
            </td>
            <td class="px-4 py-3" data-testid="task-status">
                {status_label(&task.status)}
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
