//! `/activity?person=&action=&from=&to=&page=N`: the workspace activity log, newest
//! first, narrowed by person, action and days (in the viewer's time zone),
//! paginated, and exportable as a CSV of the same entries.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::team::api::list_activity;
use crate::contexts::team::types::{ActivityPage, ActivityQuery};
use crate::ui::feedback::{ErrorPanel, Loading, drop_empty_filters, urlencode};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterBar, FilterSelect, SECONDARY_BUTTON};
use crate::ui::pager::{Pager, page_param};
use crate::ui::time::When;

/// The filters in the address, without empty ones.
fn filter_pairs(q: &ActivityQuery) -> String {
    [("person", &q.person), ("action", &q.action), ("from", &q.from), ("to", &q.to)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn with_query(path: &str, pairs: &str) -> String {
    if pairs.is_empty() { path.to_owned() } else { format!("{path}?{pairs}") }
}

/// "brand_created" → "Brand created".
fn action_label(kind: &str) -> String {
    let words = kind.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[component]
pub fn ActivityLogPage() -> impl IntoView {
    drop_empty_filters("/activity", &["person", "action", "from", "to", "page"]);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        ActivityQuery {
            person: text("person"),
            action: text("action"),
            from: text("from"),
            to: text("to"),
            page: Some(page_param(q.get("page"))),
        }
    };
    let activity = Resource::new(wanted, list_activity);
    view! {
        <Title text="Activity · Aura" />
        <h1 class="text-2xl font-semibold">"Activity"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                let asked = wanted();
                match activity.await {
                    Ok(page) => view! { <Entries page asked /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filters(page: ActivityPage, asked: ActivityQuery) -> impl IntoView {
    let actions =
        page.actions.into_iter().map(|kind| (kind.clone(), action_label(&kind))).collect();
    view! {
        <FilterBar action="/activity" label="Activity filters">
            <FilterSelect
                name="person"
                label="Person"
                any="Everyone"
                choices=page.people
                chosen=asked.person
            />
            <FilterSelect
                name="action"
                label="Action"
                any="Any action"
                choices=actions
                chosen=asked.action
            />
            <label class=FILTER_LABEL>
                "From" <input type="date" name="from" value=asked.from class=FILTER_INPUT />
            </label>
            <label class=FILTER_LABEL>
                "To" <input type="date" name="to" value=asked.to class=FILTER_INPUT />
            </label>
            <button type="submit" class=SECONDARY_BUTTON>
                "Filter"
            </button>
        </FilterBar>
    }
}

#[component]
fn Entries(page: ActivityPage, asked: ActivityQuery) -> impl IntoView {
    let pairs = filter_pairs(&asked);
    let filtered = !pairs.is_empty();
    let export = with_query("/api/team/activity_export", &pairs);
    let list_href = with_query("/activity", &pairs);
    let summary =
        crate::ui::plural(i64::try_from(page.total).unwrap_or(i64::MAX), "entry", "entries");
    let (current, pages) = (page.page, page.pages);
    let entries = page.entries.clone();
    view! {
        <Filters page=page.clone() asked />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="activity-count">
                {summary.clone()}
                {filtered
                    .then_some(
                        if page.total == 1 { " matches the filters" } else { " match the filters" },
                    )}
            </p>
            <a href=export download class=SECONDARY_BUTTON data-testid="export-activity">
                "Export CSV"
            </a>
        </div>
        {if entries.is_empty() {
            let text = if filtered {
                "Nothing matches these filters. Clear one to see more."
            } else {
                "Nothing has happened here yet."
            };
            view! { <p class="text-sm text-slate-600 dark:text-slate-300">{text}</p> }.into_any()
        } else {
            view! {
                <ol
                    class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                    data-testid="activity"
                >
                    {entries
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li class="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                                    <span class="min-w-0 break-words">
                                        <span class="font-medium">
                                            {e.actor.unwrap_or_else(|| "Someone".into())}
                                        </span>
                                        " — "
                                        {e.description}
                                    </span>
                                    <span class="text-slate-600 dark:text-slate-400">
                                        <When at=e.at />
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        <Pager page=current pages href=list_href earlier="Newer" later="Older" summary />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_filters_reach_the_address() {
        let q = ActivityQuery { action: "brand_created".into(), ..ActivityQuery::default() };
        assert_eq!(with_query("/activity", &filter_pairs(&q)), "/activity?action=brand_created");
        assert_eq!(with_query("/activity", &filter_pairs(&ActivityQuery::default())), "/activity");
        assert_eq!(action_label("brand_created"), "Brand created");
    }
}
