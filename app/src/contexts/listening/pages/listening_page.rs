//! `/listening?q=&sentiment=&platform=&query=&days=&page=N`: the mentions the
//! workspace's searches found — searched by word (every word, in any form,
//! marked in the text), filtered, newest first, paginated — their volume by
//! day and sentiment, and the trends.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{Highlighted, ListeningNav, platform_label, sentiment_class};
use crate::contexts::inbox::types::Sentiment;
use crate::contexts::listening::api::get_mentions;
use crate::contexts::listening::types::{MentionFilter, MentionsPage, TrendLine};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, drop_empty_filters, urlencode};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterBar, FilterSelect, SECONDARY_BUTTON};
use crate::ui::pager::{Pager, page_param};
use crate::ui::time::When;

fn pairs(f: &MentionFilter) -> String {
    let values = [&f.q, &f.sentiment, &f.platform, &f.query, &f.days];
    MentionFilter::FIELDS
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[component]
pub fn ListeningPage() -> impl IntoView {
    drop_empty_filters("/listening", &MentionFilter::FIELDS);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        let filter = MentionFilter {
            q: text("q"),
            sentiment: text("sentiment"),
            platform: text("platform"),
            query: text("query"),
            days: text("days"),
        };
        (filter, page_param(q.get("page")))
    };
    let page = Resource::new(wanted, |(filter, page)| get_mentions(filter, Some(page)));
    view! {
        <Title text="Listening · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Listening"</h1>
            <ListeningNav />
        </div>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Mentions page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Mentions(page: MentionsPage) -> impl IntoView {
    let f = page.filter.clone();
    let query = pairs(&f);
    let href =
        if query.is_empty() { "/listening".to_owned() } else { format!("/listening?{query}") };
    let sentiments =
        Sentiment::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())).collect();
    let platforms = super::platforms();
    let searches = page.queries.iter().map(|(id, n)| (id.to_string(), n.clone())).collect();
    let days = vec![
        ("7".to_owned(), "Last 7 days".to_owned()),
        ("90".to_owned(), "Last 90 days".to_owned()),
    ];
    let (pos, neu, neg) = page.sentiment_counts;
    let summary = format!(
        "{} · {pos} positive, {neu} neutral, {neg} negative",
        crate::ui::plural(page.total as i64, "mention", "mentions")
    );
    let filtered = f != MentionFilter::default();
    view! {
        <FilterBar action="/listening" label="Mention filters">
            <label class=FILTER_LABEL>
                "Words"
                <input
                    type="search"
                    name="q"
                    value=f.q.clone()
                    class=FILTER_INPUT
                    placeholder="cold brew"
                />
            </label>
            <FilterSelect
                name="sentiment"
                label="Sentiment"
                any="Any sentiment"
                choices=sentiments
                chosen=f.sentiment.clone()
            />
            <FilterSelect
                name="platform"
                label="Platform"
                any="Any platform"
                choices=platforms
                chosen=f.platform.clone()
            />
            <FilterSelect
                name="query"
                label="Search"
                any="Every search"
                choices=searches
                chosen=f.query.clone()
            />
            <FilterSelect
                name="days"
                label="Days"
                any="Last 30 days"
                choices=days
                chosen=f.days.clone()
            />
            <button type="submit" class=SECONDARY_BUTTON>
                "Search"
            </button>
        </FilterBar>
        <section aria-labelledby="mentions-chart-title" class="space-y-2">
            <h2 id="mentions-chart-title" class="font-semibold">
                "Mentions per day by sentiment"
            </h2>
            <p class="text-xs text-slate-600 dark:text-slate-300">
                <span style="color:#10b981">"■"</span>
                " Positive "
                <span style="color:#6366f1">"■"</span>
                " Neutral "
                <span style="color:#f43f5e">"■"</span>
                " Negative"
            </p>
            <div inner_html=page.chart_svg.clone()></div>
        </section>
        <div class="grid gap-6 lg:grid-cols-3">
            <section aria-labelledby="mentions-heading" class="space-y-3 lg:col-span-2">
                <h2 id="mentions-heading" class="font-semibold">
                    "Mentions"
                </h2>
                <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="mention-count">
                    {summary}
                </p>
                {if page.unsearchable {
                    view! {
                        <p class=EMPTY_STATE>
                            "Those words are too short or too common to search. Try a name, a product or a hashtag."
                        </p>
                    }
                        .into_any()
                } else if page.lines.is_empty() {
                    let text = if filtered {
                        "No mention matches. Try fewer words, another platform or more days."
                    } else {
                        "No mentions yet. Add a search under Searches: what it finds on the platforms appears here."
                    };
                    view! {
                        <p class=EMPTY_STATE data-testid="mentions-empty">
                            {text}
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul
                            class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                            data-testid="mentions"
                        >
                            {page
                                .lines
                                .into_iter()
                                .map(|m| {
                                    let link = format!("/listening/mentions/{}", urlencode(&m.id));
                                    view! {
                                        <li
                                            class="space-y-1 px-4 py-3 text-sm"
                                            data-testid="mention"
                                        >
                                            <div class="flex flex-wrap items-center gap-2">
                                                <a
                                                    href=link
                                                    class="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                                                >
                                                    {m.author()}
                                                </a>
                                                <span class="text-slate-600 dark:text-slate-300">
                                                    {platform_label(&m.platform)}
                                                </span>
                                                <span class=sentiment_class(
                                                    &m.sentiment,
                                                )>{m.sentiment.clone()}</span>
                                                <span class="ml-auto text-xs text-slate-600 dark:text-slate-300">
                                                    {m.query.clone()} " · " <When at=m.created_at />
                                                </span>
                                            </div>
                                            <p class="break-words">
                                                <Highlighted segments=m.segments />
                                            </p>
                                            <p class="text-xs text-slate-600 dark:text-slate-300">
                                                {format!(
                                                    "Reach {} · engagement {}",
                                                    m.reach,
                                                    m.engagement,
                                                )}
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
            </section>
            <aside class="space-y-2" aria-labelledby="trends-heading">
                <h2 id="trends-heading" class="font-semibold">
                    "Trends this week"
                </h2>
                <p class="text-xs text-slate-600 dark:text-slate-300">
                    "Hashtags and words of the last 7 days against the 7 before."
                </p>
                <Trends trends=page.trends />
            </aside>
        </div>
    }
}

#[component]
fn Trends(trends: Vec<TrendLine>) -> impl IntoView {
    if trends.is_empty() {
        return view! {
            <p class=EMPTY_STATE>
                "No trends yet: they are worked out from the mentions of the last two weeks."
            </p>
        }
        .into_any();
    }
    view! {
        <table class="w-full text-sm" data-testid="trends">
            <thead class="text-left text-xs text-slate-600 dark:text-slate-300">
                <tr>
                    <th scope="col">"Trend"</th>
                    <th scope="col">"Mentions"</th>
                    <th scope="col">"Growth"</th>
                </tr>
            </thead>
            <tbody>
                {trends
                    .into_iter()
                    .map(|t| {
                        let value = if t.kind == "hashtag" {
                            format!("#{}", t.value)
                        } else {
                            t.value.clone()
                        };
                        let href = format!("/listening?q={}", urlencode(&t.value));
                        let growth = match t.growth {
                            Some(g) => format!("{g:+.0}%"),
                            None => "new".to_owned(),
                        };
                        view! {
                            <tr class="border-t border-slate-200 dark:border-slate-700">
                                <td class="py-1">
                                    <a
                                        href=href
                                        class="text-indigo-700 hover:underline dark:text-indigo-300"
                                    >
                                        {value}
                                    </a>
                                </td>
                                <td class="py-1">{t.volume}</td>
                                <td class="py-1">{growth}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
