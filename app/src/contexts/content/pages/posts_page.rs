//! `/posts?status=&account=&tag=&author=&from=&to=&page=N`: every post, newest date
//! first (when it went out, else when it is due, else when it was written),
//! narrowed by its filters, paginated.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::{PRIMARY_BUTTON, StatusBadge, Targets, excerpt};
use crate::contexts::content::api::list_posts;
use crate::contexts::content::types::{PostFilters, PostList, PostStatus};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, drop_empty_filters, urlencode};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterBar, FilterSelect, SECONDARY_BUTTON};
use crate::ui::pager::{Pager, page_param};
use crate::ui::time::When;

fn filter_pairs(f: &PostFilters) -> String {
    [
        ("status", &f.status),
        ("account", &f.account),
        ("tag", &f.tag),
        ("author", &f.author),
        ("campaign", &f.campaign),
        ("from", &f.from),
        ("to", &f.to),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", urlencode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

#[component]
pub fn PostsPage() -> impl IntoView {
    drop_empty_filters("/posts", &PostFilters::KEYS);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        PostFilters {
            status: text("status"),
            account: text("account"),
            tag: text("tag"),
            author: text("author"),
            campaign: text("campaign"),
            from: text("from"),
            to: text("to"),
            page: page_param(q.get("page")),
        }
    };
    let posts = Resource::new(wanted, list_posts);
    view! {
        <Title text="Posts · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Posts"</h1>
            <a href="/calendar" class=SECONDARY_BUTTON>
                "Calendar"
            </a>
        </div>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                let asked = wanted();
                match posts.await {
                    Ok(list) => view! { <Posts list asked /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Posts(list: PostList, asked: PostFilters) -> impl IntoView {
    let pairs = filter_pairs(&asked);
    let filtered = !pairs.is_empty();
    let href = if filtered { format!("/posts?{pairs}") } else { "/posts".to_owned() };
    let statuses =
        PostStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())).collect();
    let accounts = list
        .accounts
        .iter()
        .map(|a| (a.id.to_string(), format!("{} · {}", a.platform.label(), a.display_name)))
        .collect();
    let authors = list.authors.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
    let campaigns =
        list.campaigns.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
    let tags = list.tags.iter().map(|t| (t.clone(), format!("#{t}"))).collect();
    let summary = crate::ui::plural(list.total, "post", "posts");
    let no_accounts = list.accounts.is_empty();
    view! {
        {list
            .can_compose
            .then(|| {
                view! {
                    <div>
                        <a href="/posts/new" class=PRIMARY_BUTTON data-testid="new-post">
                            "New post"
                        </a>
                    </div>
                }
            })}
        <FilterBar action="/posts" label="Post filters">
            <FilterSelect
                name="status"
                label="Status"
                any="Any status"
                choices=statuses
                chosen=asked.status.clone()
            />
            <FilterSelect
                name="account"
                label="Account"
                any="Any account"
                choices=accounts
                chosen=asked.account.clone()
            />
            <FilterSelect
                name="tag"
                label="Tag"
                any="Any tag"
                choices=tags
                chosen=asked.tag.clone()
            />
            <FilterSelect
                name="author"
                label="Author"
                any="Anyone"
                choices=authors
                chosen=asked.author.clone()
            />
            <FilterSelect
                name="campaign"
                label="Campaign"
                any="Any campaign"
                choices=campaigns
                chosen=asked.campaign.clone()
            />
            <label class=FILTER_LABEL>
                "From" <input type="date" name="from" value=asked.from.clone() class=FILTER_INPUT />
            </label>
            <label class=FILTER_LABEL>
                "To" <input type="date" name="to" value=asked.to.clone() class=FILTER_INPUT />
            </label>
            <button type="submit" class=SECONDARY_BUTTON>
                "Filter"
            </button>
        </FilterBar>
        <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="posts-count">
            {summary.clone()}
            {filtered
                .then_some(
                    if list.total == 1 { " matches the filters" } else { " match the filters" },
                )}
            {format!(" · times in {}", list.timezone)}
        </p>
        {if list.posts.is_empty() {
            let text = if filtered {
                "No post matches these filters. Clear one to see more."
            } else if no_accounts {
                "No posts yet. Connect a social account first, then write your first post: one text, sent to every account you choose."
            } else {
                "No posts yet. Write your first one: one text, sent to every account you choose, now or on a schedule."
            };
            view! {
                <p class=EMPTY_STATE data-testid="no-posts">
                    {text}
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul
                    class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                    data-testid="posts"
                >
                    {list
                        .posts
                        .into_iter()
                        .map(|p| {
                            let href = format!("/posts/{}", p.id);
                            let when = p.published_at.or(p.scheduled_at);
                            let when_label = match (p.published_at, p.scheduled_at) {
                                (Some(_), _) => "Published ",
                                (None, Some(_)) => "Due ",
                                _ => "Edited ",
                            };
                            view! {
                                <li class="space-y-2 px-4 py-3 text-sm" data-testid="post-row">
                                    <div class="flex flex-wrap items-center justify-between gap-2">
                                        <a
                                            href=href
                                            class="min-w-0 break-words font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                                        >
                                            {excerpt(&p.text, 90)}
                                        </a>
                                        <StatusBadge status=p.status />
                                    </div>
                                    <Targets targets=p.targets />
                                    <p class="text-xs text-slate-600 dark:text-slate-400">
                                        {when_label} <When at=when.unwrap_or(p.updated_at) />
                                        {p.author.map(|a| format!(" · by {a}"))}
                                        {(!p.tags.is_empty())
                                            .then(|| {
                                                format!(
                                                    " · {}",
                                                    p
                                                        .tags
                                                        .iter()
                                                        .map(|t| format!("#{t}"))
                                                        .collect::<Vec<_>>()
                                                        .join(" "),
                                                )
                                            })}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <Pager page=list.page pages=list.pages href summary />
    }
}
