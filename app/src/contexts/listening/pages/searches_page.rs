//! `/listening/searches`: the workspace's searches — brand names, competitors,
//! products, hashtags — on the platforms they run on, when each last ran and
//! why a platform found nothing; add, change, delete, run now.

use leptos::prelude::*;
use leptos_meta::Title;

use super::ListeningNav;
use crate::contexts::listening::api::{
    DeleteListeningQuery, RunListeningNow, SaveListeningQuery, get_listening_queries,
};
use crate::contexts::listening::types::{QueriesPage, QueryKind, QueryView};
use crate::ui::feedback::{Confirm, EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{
    DANGER_BUTTON, FormAlert, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT, field_errors,
    typed_value,
};
use crate::ui::time::When;

#[component]
pub fn SearchesPage() -> impl IntoView {
    let page = Resource::new(|| (), |()| get_listening_queries());
    view! {
        <Title text="Listening searches · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Searches"</h1>
            <ListeningNav />
        </div>
        <p class="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
            "Each search runs every hour on its platforms, from where it stopped, so nothing is read twice. Separate words and \"phrases\" with commas: a post with any of them is a mention."
        </p>
        {done_notice::<SaveListeningQuery>("Search saved; it runs now")}
        {done_notice::<DeleteListeningQuery>("Search deleted")}
        {done_notice::<RunListeningNow>("The searches run now")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Searches page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Searches(page: QueriesPage) -> impl IntoView {
    let run = ServerAction::<RunListeningNow>::new();
    let can_edit = page.can_edit;
    view! {
        {(!page.unconnected.is_empty())
            .then(|| {
                view! {
                    <p class="text-sm text-amber-900 dark:text-amber-200" data-testid="unconnected">
                        {format!(
                            "No account to search as on {}: connect one under Social accounts. Instagram searches hashtags only (single words of the terms); YouTube reads one page of 50 videos an hour.",
                            page.unconnected.join(", "),
                        )}
                    </p>
                }
            })}
        {if page.queries.is_empty() {
            view! {
                <p class=EMPTY_STATE>
                    "No search yet. Add your brand's name to see what people say."
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul class="space-y-2" data-testid="searches">
                    {page
                        .queries
                        .iter()
                        .cloned()
                        .map(|q| {
                            let page = page.clone();
                            view! { <SearchCard q page can_edit /> }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {can_edit
            .then(|| {
                view! {
                    <ActionForm action=run>
                        <button type="submit" class=SECONDARY_BUTTON>
                            "Run the searches now"
                        </button>
                    </ActionForm>
                    <details open=page.queries.is_empty()
                        || rejected_search().is_some_and(|id| id.is_empty())>
                        <summary class="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
                            "New search"
                        </summary>
                        <SearchForm q=None page=page.clone() />
                    </details>
                }
            })}
    }
}

/// The id the last rejected search form named (empty: the new search's form),
/// so that form is shown open with its messages.
fn rejected_search() -> Option<String> {
    let save = ServerAction::<SaveListeningQuery>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    error.get_untracked().and(typed_value("query_id", error))
}

#[component]
fn SearchCard(q: QueryView, page: QueriesPage, can_edit: bool) -> impl IntoView {
    let delete = ServerAction::<DeleteListeningQuery>::new();
    let platforms: Vec<String> = q
        .platforms
        .iter()
        .map(|p| page.platforms.iter().find(|(v, _)| v == p).map_or(p.clone(), |(_, l)| l.clone()))
        .collect();
    let question = format!("Delete the search \"{}\"? The mentions it found stay.", q.name);
    view! {
        <li
            class="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800"
            data-testid="search"
        >
            <p class="font-medium">
                {q.name.clone()}
                <span class="ml-2 rounded bg-slate-100 px-1.5 text-xs font-normal dark:bg-slate-700">
                    {q.kind.label()}
                </span>
                {(!q.active)
                    .then(|| view! { <span class="ml-2 text-xs font-normal">"Paused"</span> })}
            </p>
            <p class="text-slate-600 dark:text-slate-300">
                {format!("{} · on {}", q.terms, platforms.join(", "))} " · "
                {match q.last_run_at {
                    Some(at) => {
                        view! {
                            "last ran "
                            <When at />
                        }
                            .into_any()
                    }
                    None => "not run yet".into_any(),
                }}
            </p>
            {q
                .problems
                .iter()
                .map(|(platform, why)| {
                    view! {
                        <p class="text-amber-900 dark:text-amber-200" data-testid="search-problem">
                            {format!("{platform}: {why}")}
                        </p>
                    }
                })
                .collect_view()}
            {can_edit
                .then(|| {
                    let id = q.id.to_string();
                    view! {
                        <div class="flex flex-wrap items-start gap-2">
                            <details
                                class="grow"
                                open=rejected_search().is_some_and(|sent| sent == id)
                            >
                                <summary class="cursor-pointer text-indigo-700 dark:text-indigo-300">
                                    "Edit"
                                </summary>
                                <SearchForm q=Some(q.clone()) page=page.clone() />
                            </details>
                            <Confirm label="Delete" question>
                                <ActionForm action=delete>
                                    <input type="hidden" name="query_id" value=id />
                                    <button type="submit" class=DANGER_BUTTON>
                                        "Delete search"
                                    </button>
                                </ActionForm>
                            </Confirm>
                        </div>
                    }
                })}
        </li>
    }
}

#[component]
fn SearchForm(q: Option<QueryView>, page: QueriesPage) -> impl IntoView {
    let save = ServerAction::<SaveListeningQuery>::new();
    let id = q.as_ref().map(|q| q.id.to_string()).unwrap_or_default();
    let all_errors = Signal::derive(move || save.value().get().and_then(Result::err));
    let mine = typed_value("query_id", all_errors).is_some_and(|sent| sent == id);
    let error = Signal::derive(move || if mine { all_errors.get() } else { None });
    let typed = move |name: &str| typed_value(&format!("query[{name}]"), error);
    let sent = error.get_untracked().is_some();
    let key = if id.is_empty() { "new".to_owned() } else { id.clone() };
    let name =
        typed("name").unwrap_or_else(|| q.as_ref().map(|q| q.name.clone()).unwrap_or_default());
    let terms =
        typed("terms").unwrap_or_else(|| q.as_ref().map(|q| q.terms.clone()).unwrap_or_default());
    let kind =
        typed("kind").unwrap_or_else(|| q.as_ref().map_or("brand", |q| q.kind.as_str()).to_owned());
    let active = if sent { typed("active").is_some() } else { q.as_ref().is_none_or(|q| q.active) };
    view! {
        <ActionForm action=save attr:class="mt-3 space-y-3" attr:data-testid="search-form">
            <input type="hidden" name="query_id" value=id.clone() />
            <FormAlert error />
            <div>
                <label for=format!("search-name-{key}") class="block text-sm font-medium">
                    "Name"
                </label>
                <input
                    id=format!("search-name-{key}")
                    name="query[name]"
                    value=name
                    class=TEXT_INPUT
                    placeholder="Our brand"
                />
                {field_errors(error, "name")}
            </div>
            <div>
                <label for=format!("search-kind-{key}") class="block text-sm font-medium">
                    "About"
                </label>
                <select id=format!("search-kind-{key}") name="query[kind]" class=TEXT_INPUT>
                    {QueryKind::ALL
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=kind == k.as_str()>
                                    {k.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for=format!("search-terms-{key}") class="block text-sm font-medium">
                    "Words, \"phrases\" and #hashtags (comma-separated)"
                </label>
                <input
                    id=format!("search-terms-{key}")
                    name="query[terms]"
                    value=terms
                    class=TEXT_INPUT
                    placeholder="Northwind Coffee, #northwind"
                />
                {field_errors(error, "terms")}
            </div>
            <fieldset>
                <legend class="text-sm font-medium">"Platforms"</legend>
                {page
                    .platforms
                    .iter()
                    .map(|(value, label)| {
                        let field = format!("platform_{value}");
                        let checked = if sent {
                            typed(&field).is_some()
                        } else {
                            q.as_ref().map_or(value == "twitter", |q| q.platforms.contains(value))
                        };
                        view! {
                            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                <input
                                    type="checkbox"
                                    name=format!("query[{field}]")
                                    checked=checked
                                />
                                {label.clone()}
                            </label>
                        }
                    })
                    .collect_view()}
                {field_errors(error, "platforms")}
            </fieldset>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name="query[active]" checked=active />
                "Active (runs every hour)"
            </label>
            <button type="submit" class=PRIMARY_BUTTON>
                {if id.is_empty() { "Add search" } else { "Save search" }}
            </button>
        </ActionForm>
    }
}
