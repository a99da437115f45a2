//! `/analytics/social`: what the workspace's posts earned, for one account or
//! all, over a period next to the one before it: followers, engagement and its
//! rate, posts by platform, top posts, the best time to post (one account), two
//! charts drawn on the server and a CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::engagement::api::get_social_report;
use crate::contexts::engagement::types::{BestTime, Figures, SocialReport};
use crate::kernel::Preset;
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, urlencode};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterBar, FilterSelect, SECONDARY_BUTTON};
use crate::ui::time::When;

const CARD: &str =
    "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800";

#[component]
pub fn SocialAnalyticsPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (get("account"), get("preset"), get("from"), get("to"))
    };
    let report = Resource::new(asked, |(account, preset, from, to)| {
        get_social_report(account, preset, from, to)
    });
    view! {
        <Title text="Social analytics · Aura" />
        <h1 class="text-2xl font-semibold">"Social analytics"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.2}%", r * 100.0))
}

/// "+12% vs previous period", or nothing to compare with.
fn change(now: f64, before: f64) -> String {
    if before == 0.0 {
        return if now == 0.0 { "no change".to_owned() } else { "new this period".to_owned() };
    }
    let pct = (now - before) / before.abs() * 100.0;
    format!("{}{pct:.0}% vs previous period", if pct >= 0.0 { "+" } else { "" })
}

#[component]
fn Kpi(
    label: &'static str,
    value: String,
    compared: String,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <section class=CARD>
            <h2 class="text-sm font-medium text-slate-600 dark:text-slate-300">{label}</h2>
            <p class="text-2xl font-semibold" data-testid=test_id>
                {value}
            </p>
            <p class="text-xs text-slate-500 dark:text-slate-400">{compared}</p>
        </section>
    }
}

fn kpis(now: Figures, before: Figures) -> impl IntoView {
    let rate_change = match (now.rate, before.rate) {
        (Some(a), Some(b)) => {
            format!("{:+.2} points vs previous period", (a - b) * 100.0)
        }
        _ => "nothing to compare".to_owned(),
    };
    view! {
        <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            <Kpi
                label="Followers"
                value=now.followers.map_or_else(|| "—".to_owned(), |f| f.to_string())
                compared=format!("{:+} this period", now.follower_growth)
                test_id="kpi-followers"
            />
            <Kpi
                label="Posts measured"
                value=now.posts.to_string()
                compared=change(now.posts as f64, before.posts as f64)
                test_id="kpi-posts"
            />
            <Kpi
                label="Engagement"
                value=now.engagement.to_string()
                compared=change(now.engagement as f64, before.engagement as f64)
                test_id="kpi-engagement"
            />
            <Kpi
                label="Impressions"
                value=now.impressions.to_string()
                compared=change(now.impressions as f64, before.impressions as f64)
                test_id="kpi-impressions"
            />
            <Kpi
                label="Engagement rate"
                value=percent(now.rate)
                compared=rate_change
                test_id="kpi-rate"
            />
        </div>
    }
}

#[component]
fn Report(report: SocialReport) -> impl IntoView {
    let mut presets: Vec<(String, String)> =
        Preset::ALL.iter().map(|p| (p.as_str().to_owned(), p.label().to_owned())).collect();
    presets.push(("custom".to_owned(), "Custom range (dates below)".to_owned()));
    let accounts: Vec<(String, String)> =
        report.accounts.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
    let account = report.account.map(|a| a.to_string()).unwrap_or_default();
    let mut pairs = vec![("preset", report.preset.clone())];
    if !account.is_empty() {
        pairs.push(("account", account.clone()));
    }
    if report.preset == "custom" {
        pairs.push(("from", report.from.to_string()));
        pairs.push(("to", report.to.to_string()));
    }
    let export = format!(
        "/api/engagement/export?{}",
        pairs.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&")
    );
    let range = format!(
        "{} – {} (previous: {} – {})",
        report.from.format("%b %-d, %Y"),
        report.to.format("%b %-d, %Y"),
        report.previous_from.format("%b %-d, %Y"),
        report.previous_to.format("%b %-d, %Y"),
    );
    view! {
        <FilterBar action="/analytics/social" label="Social analytics filters">
            <FilterSelect
                name="account"
                label="Account"
                any="All accounts"
                choices=accounts
                chosen=account
            />
            <FilterSelect
                name="preset"
                label="Period"
                choices=presets
                chosen=report.preset.clone()
            />
            <label class=FILTER_LABEL>
                "From"
                <input type="date" name="from" value=report.from.to_string() class=FILTER_INPUT />
            </label>
            <label class=FILTER_LABEL>
                "To" <input type="date" name="to" value=report.to.to_string() class=FILTER_INPUT />
            </label>
            <button type="submit" class=SECONDARY_BUTTON>
                "Show"
            </button>
        </FilterBar>
        <div class="flex flex-wrap items-center justify-between gap-2">
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="social-range">
                {range}
                {report.sample_data.then_some(" · Includes sample data from the demo accounts")}
            </p>
            <a href=export download class=SECONDARY_BUTTON data-testid="export-social">
                "Export CSV"
            </a>
        </div>
        {(!report.measured_any)
            .then(|| {
                view! {
                    <p class=EMPTY_STATE data-testid="no-figures">
                        "Nothing measured yet. Aura reads each published post's figures from its platform every day for a month, then weekly; connect an account and publish to see them here."
                    </p>
                }
            })}
        {kpis(report.current, report.previous)}
        <div class="grid gap-4 lg:grid-cols-2">
            <section class=CARD aria-labelledby="followers-chart-title">
                <h2 id="followers-chart-title" class="font-semibold">
                    "Followers"
                </h2>
                <div inner_html=report.followers_svg.clone()></div>
            </section>
            <section class=CARD aria-labelledby="engagement-chart-title">
                <h2 id="engagement-chart-title" class="font-semibold">
                    "Engagement per day"
                </h2>
                <div inner_html=report.engagement_svg.clone()></div>
            </section>
        </div>
        {report.best_time.clone().map(|best| view! { <BestTimePanel best /> })}
        <section class=CARD aria-labelledby="by-platform">
            <h2 id="by-platform" class="font-semibold">
                "Posts by platform"
            </h2>
            {if report.by_platform.is_empty() {
                view! {
                    <p class="text-sm text-slate-600 dark:text-slate-300">
                        "No measured posts in this period."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <table class="mt-2 w-full text-left text-sm" data-testid="by-platform">
                        <thead>
                            <tr class="text-slate-500 dark:text-slate-400">
                                <th scope="col" class="py-1">
                                    "Platform"
                                </th>
                                <th scope="col">"Posts"</th>
                                <th scope="col">"Engagement"</th>
                                <th scope="col">"Impressions"</th>
                                <th scope="col">"Rate"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {report
                                .by_platform
                                .iter()
                                .map(|row| {
                                    view! {
                                        <tr class="border-t border-slate-100 dark:border-slate-700">
                                            <th scope="row" class="py-1 font-medium">
                                                {row.platform.clone()}
                                            </th>
                                            <td>{row.posts}</td>
                                            <td>{row.engagement}</td>
                                            <td>{row.impressions}</td>
                                            <td>{percent(row.rate)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
        <section class=CARD aria-labelledby="top-posts">
            <h2 id="top-posts" class="font-semibold">
                "Top posts"
            </h2>
            {if report.top_posts.is_empty() {
                view! {
                    <p class="text-sm text-slate-600 dark:text-slate-300">
                        "No measured posts in this period."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ol
                        class="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-700"
                        data-testid="top-posts"
                    >
                        {report
                            .top_posts
                            .iter()
                            .map(|p| {
                                let href = format!("/posts/{}", p.post_id);
                                let seen = p
                                    .exposure
                                    .map(|e| format!(" · {e} impressions or views"))
                                    .unwrap_or_default();
                                view! {
                                    <li class="flex flex-wrap items-baseline gap-2 py-2">
                                        <a
                                            href=href
                                            class="min-w-0 flex-1 text-indigo-700 hover:underline dark:text-indigo-300"
                                        >
                                            {if p.text.is_empty() {
                                                "(no text)".to_owned()
                                            } else {
                                                p.text.clone()
                                            }}
                                        </a>
                                        <span class="text-slate-600 dark:text-slate-300">
                                            {format!("{} · {}", p.platform, p.account)} " · "
                                            <When at=p.published_at />
                                        </span>
                                        <span class="font-medium" data-testid="top-post-engagement">
                                            {format!(
                                                "{} engagements{seen} · {}",
                                                p.engagement,
                                                percent(p.rate),
                                            )}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
pub fn BestTimePanel(best: BestTime) -> impl IntoView {
    view! {
        <section class=CARD aria-labelledby="best-time" data-testid="best-time">
            <h2 id="best-time" class="font-semibold">
                {format!("Best time to post · {}", best.account)}
            </h2>
            {if best.slots.is_empty() {
                view! {
                    <p class="text-sm text-slate-600 dark:text-slate-300">
                        {format!(
                            "{} of {} measured posts (last 90 days) needed to suggest a time.",
                            best.measured,
                            best.needed,
                        )}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="text-sm text-slate-600 dark:text-slate-300">
                        {format!(
                            "From {} measured posts of the last 90 days, by average engagement rate ({}).",
                            best.measured,
                            best.timezone,
                        )}
                    </p>
                    <ol class="mt-2 list-decimal pl-5 text-sm" data-testid="best-slots">
                        {best
                            .slots
                            .iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        {format!(
                                            "{} · {} · {}",
                                            s.label,
                                            percent(Some(s.rate)),
                                            crate::ui::plural(
                                                i64::try_from(s.posts).unwrap_or(0),
                                                "post",
                                                "posts",
                                            ),
                                        )}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    {best
                        .next_free
                        .map(|at| {
                            view! {
                                <p class="mt-2 text-sm" data-testid="next-free">
                                    "Next free best time: "
                                    <When at />
                                </p>
                            }
                        })}
                }
                    .into_any()
            }}
        </section>
    }
}
