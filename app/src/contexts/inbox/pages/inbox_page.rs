//! `/inbox?status=&platform=&kind=&priority=&sentiment=&account=&assignee=&tag=&sla=&page=N`:
//! every conversation of the workspace's accounts, most urgent then most recent
//! first, narrowed by its filters (`sla=risk`: due within the hour or overdue),
//! paginated, each with its SLA deadline.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::inbox::api::get_inbox;
use crate::contexts::inbox::types::{
    ConversationKind, InboxFilter, InboxPage as Page, Priority, Sentiment, Status,
};
use crate::contexts::integrations::types::SocialPlatform;
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, drop_empty_filters, urlencode};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterBar, FilterSelect, SECONDARY_BUTTON};
use crate::ui::pager::{Pager, page_param};
use crate::ui::time::When;

use super::live::{LIST_ID, LiveInbox};

fn pairs(f: &InboxFilter) -> String {
    let values = [
        &f.status,
        &f.platform,
        &f.kind,
        &f.priority,
        &f.sentiment,
        &f.account,
        &f.assignee,
        &f.tag,
        &f.sla,
    ];
    InboxFilter::FIELDS
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|x| (value(*x).to_owned(), label(*x).to_owned())).collect()
}

#[component]
pub fn InboxPage() -> impl IntoView {
    drop_empty_filters("/inbox", &InboxFilter::FIELDS);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        let filter = InboxFilter {
            status: text("status"),
            platform: text("platform"),
            kind: text("kind"),
            priority: text("priority"),
            sentiment: text("sentiment"),
            account: text("account"),
            assignee: text("assignee"),
            tag: text("tag"),
            sla: text("sla"),
        };
        (filter, page_param(q.get("page")))
    };
    let inbox = Resource::new(wanted, |(filter, page)| get_inbox(filter, Some(page)));
    view! {
        <Title text="Inbox · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Inbox"</h1>
            <nav class="flex gap-4 text-sm" aria-label="Inbox pages">
                <a href="/inbox/sla" class="text-indigo-700 hover:underline dark:text-indigo-300">
                    "SLA report"
                </a>
                <a
                    href="/inbox/settings"
                    class="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                    "Inbox settings"
                </a>
            </nav>
        </div>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(page) => view! { <Conversations page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Conversations(page: Page) -> impl IntoView {
    let f = page.filter.clone();
    let query = pairs(&f);
    let filtered = InboxFilter { status: String::new(), ..f.clone() } != InboxFilter::default();
    let href = if query.is_empty() { "/inbox".to_owned() } else { format!("/inbox?{query}") };
    let mut statuses = options(&Status::ALL, Status::as_str, Status::label);
    statuses.retain(|(v, _)| v != "open");
    let platforms = options(&SocialPlatform::ALL, SocialPlatform::as_str, SocialPlatform::label);
    let kinds = options(&ConversationKind::ALL, ConversationKind::as_str, ConversationKind::label);
    let priorities = options(&Priority::ALL, Priority::as_str, Priority::label);
    let sentiments = options(&Sentiment::ALL, Sentiment::as_str, Sentiment::label);
    let accounts = page.accounts.iter().map(|(id, n)| (id.to_string(), n.clone())).collect();
    let mut assignees =
        vec![("me".to_owned(), "Me".to_owned()), ("none".to_owned(), "Nobody yet".to_owned())];
    assignees.extend(page.members.iter().map(|(id, n)| (id.to_string(), n.clone())));
    let summary = crate::ui::plural(page.total, "conversation", "conversations");
    let empty_text = if filtered {
        "No conversation matches these filters. Clear one to see more."
    } else if !page.has_accounts {
        "Nothing here yet. Connect a Facebook Page or an Instagram account under Social accounts: their comments, mentions and messages arrive here."
    } else {
        "Nothing waiting. New comments, mentions and messages arrive here as people write."
    };
    view! {
        <FilterBar action="/inbox" label="Inbox filters">
            <FilterSelect
                name="status"
                label="Status"
                any="Open"
                choices=statuses
                chosen=f.status.clone()
            />
            <FilterSelect
                name="platform"
                label="Platform"
                any="Any platform"
                choices=platforms
                chosen=f.platform.clone()
            />
            <FilterSelect
                name="account"
                label="Account"
                any="Any account"
                choices=accounts
                chosen=f.account.clone()
            />
            <FilterSelect
                name="kind"
                label="Type"
                any="Any type"
                choices=kinds
                chosen=f.kind.clone()
            />
            <FilterSelect
                name="priority"
                label="Priority"
                any="Any priority"
                choices=priorities
                chosen=f.priority.clone()
            />
            <FilterSelect
                name="sentiment"
                label="Sentiment"
                any="Any sentiment"
                choices=sentiments
                chosen=f.sentiment.clone()
            />
            <FilterSelect
                name="assignee"
                label="Assignee"
                any="Anyone"
                choices=assignees
                chosen=f.assignee.clone()
            />
            <FilterSelect
                name="sla"
                label="SLA"
                any="Any deadline"
                choices=vec![("risk".to_owned(), "At risk or overdue".to_owned())]
                chosen=f.sla.clone()
            />
            <label class=FILTER_LABEL>
                "Tag"
                <input
                    type="search"
                    name="tag"
                    value=f.tag.clone()
                    class=FILTER_INPUT
                    placeholder="orders"
                />
            </label>
            <button type="submit" class=SECONDARY_BUTTON>
                "Filter"
            </button>
        </FilterBar>
        <LiveInbox since=chrono::Utc::now().to_rfc3339() />
        <div id=LIST_ID class="space-y-4">
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="inbox-count">
                {summary}
                " · keys: j and k move, Enter opens"
            </p>
            {if page.lines.is_empty() {
                view! {
                    <p class=EMPTY_STATE data-testid="inbox-empty">
                        {empty_text}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul
                        class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                        data-testid="conversations"
                    >
                        {page
                            .lines
                            .into_iter()
                            .map(|c| {
                                let sentiment = c.sentiment.map(|s| s.label()).unwrap_or("");
                                let priority_class = match c.priority {
                                    Priority::Urgent => {
                                        "rounded bg-red-100 px-1.5 text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
                                    }
                                    Priority::High => {
                                        "rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                                    }
                                    _ => "rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700",
                                };
                                view! {
                                    <li
                                        class="space-y-1 px-4 py-3 text-sm"
                                        data-testid="conversation-row"
                                        data-unread=c.unread.to_string()
                                    >
                                        <div class="flex flex-wrap items-center gap-2">
                                            <a
                                                href=format!("/inbox/{}", c.id)
                                                class="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                                                class:font-bold=c.unread
                                            >
                                                {c.participant.clone()}
                                            </a>
                                            {c
                                                .unread
                                                .then(|| {
                                                    view! {
                                                        <span class="rounded-full bg-indigo-600 px-1.5 text-xs text-white">
                                                            "New"
                                                        </span>
                                                    }
                                                })}
                                            <span class="text-slate-600 dark:text-slate-300">
                                                {format!("{} · {}", c.kind.label(), c.account)}
                                            </span>
                                            <span class=priority_class>{c.priority.label()}</span>
                                            {c.sla_due.map(|due| view! { <SlaChip due /> })}
                                            {c
                                                .tags
                                                .iter()
                                                .map(|t| {
                                                    view! {
                                                        <span class="text-xs text-slate-600 dark:text-slate-300">
                                                            {format!("#{t}")}
                                                        </span>
                                                    }
                                                })
                                                .collect_view()}
                                            {(!sentiment.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <span class="text-xs text-slate-600 dark:text-slate-300">
                                                            {sentiment}
                                                        </span>
                                                    }
                                                })}
                                            <span class="ml-auto text-xs text-slate-600 dark:text-slate-300">
                                                {c
                                                    .assignee
                                                    .clone()
                                                    .unwrap_or_else(|| "Unassigned".to_owned())} " · "
                                                <When at=c.last_message_at />
                                            </span>
                                        </div>
                                        <p class="break-words text-slate-700 dark:text-slate-200">
                                            {c.preview.clone()}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <Pager page=page.page pages=page.pages href />
        </div>
    }
}

/// A running SLA's deadline: overdue, due within the hour, or when.
#[component]
fn SlaChip(due: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let left = (due - chrono::Utc::now()).num_minutes();
    let (class, text) = if left < 0 {
        (
            "rounded bg-red-600 px-1.5 text-xs font-medium text-white",
            format!("SLA overdue {}", crate::contexts::inbox::rules::minutes_label(-left)),
        )
    } else if left <= crate::contexts::inbox::rules::AT_RISK_MINUTES {
        (
            "rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100",
            format!("SLA due in {}", crate::contexts::inbox::rules::minutes_label(left.max(1))),
        )
    } else {
        ("rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700", "SLA due".to_owned())
    };
    view! {
        <span class=class data-testid="sla-chip" title=format!("Due {}", due.to_rfc3339())>
            {text}
            {(left > crate::contexts::inbox::rules::AT_RISK_MINUTES)
                .then(|| {
                    view! {
                        " "
                        <When at=due />
                    }
                })}
        </span>
    }
}
