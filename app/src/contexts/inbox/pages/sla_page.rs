//! `/inbox/sla?from=&to=`: SLA hits and misses for the clocks started in a
//! range of days, per policy, platform and member, with first-response times
//! (median and 90th percentile), and the same as CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::contexts::inbox::api::get_sla_report;
use crate::contexts::inbox::types::{SlaLine, SlaReport};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, urlencode};
use crate::ui::form::{FILTER_INPUT, FILTER_LABEL, FilterBar, SECONDARY_BUTTON};

#[component]
pub fn SlaReportPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        (q.get("from").unwrap_or_default(), q.get("to").unwrap_or_default())
    };
    let report = Resource::new(wanted, |(from, to)| get_sla_report(from, to));
    view! {
        <Title text="SLA report · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"SLA report"</h1>
            <nav class="flex gap-4 text-sm" aria-label="Inbox pages">
                <a href="/inbox" class="text-indigo-700 hover:underline dark:text-indigo-300">
                    "← Inbox"
                </a>
                <a
                    href="/inbox/settings"
                    class="text-indigo-700 hover:underline dark:text-indigo-300"
                >
                    "SLA policies"
                </a>
            </nav>
        </div>
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

/// Seconds as "42 min" or "3.5 h".
fn duration(secs: Option<f64>) -> String {
    match secs {
        None => "—".to_owned(),
        Some(s) if s < 3600.0 => format!("{:.0} min", s / 60.0),
        Some(s) => format!("{:.1} h", s / 3600.0),
    }
}

#[component]
fn Report(report: SlaReport) -> impl IntoView {
    let from = report.from.format("%Y-%m-%d").to_string();
    let to = report.to.format("%Y-%m-%d").to_string();
    let csv = format!("/api/inbox/sla/export?from={}&to={}", urlencode(&from), urlencode(&to));
    let about = format!(
        "Clocks started {from} to {to} ({}). A clock is met when answered (or resolved) in time, missed once it runs late — a late answer does not undo it — and running until then. First-response times are clock time from the person's message to the team's first answer.",
        report.timezone,
    );
    let total = report.all.hit + report.all.missed + report.all.running;
    let rate = report
        .all
        .hit_rate()
        .map(|r| format!("{r:.0}% met in time"))
        .unwrap_or_else(|| "Nothing decided yet".to_owned());
    view! {
        <FilterBar action="/inbox/sla" label="Report range">
            <label class=FILTER_LABEL>
                "From" <input type="date" name="from" value=from.clone() class=FILTER_INPUT />
            </label>
            <label class=FILTER_LABEL>
                "To" <input type="date" name="to" value=to.clone() class=FILTER_INPUT />
            </label>
            <button type="submit" class=SECONDARY_BUTTON>
                "Show"
            </button>
        </FilterBar>
        <p class="text-sm text-slate-600 dark:text-slate-300">{about}</p>
        {if total == 0 {
            view! {
                <p class=EMPTY_STATE data-testid="sla-empty">
                    "No SLA clock started in these days. Clocks start when a message arrives in a conversation an SLA policy covers."
                </p>
            }
                .into_any()
        } else {
            view! {
                <div class="flex flex-wrap gap-4" data-testid="sla-totals">
                    <Figure label="Met in time" value=report.all.hit.to_string() />
                    <Figure label="Missed" value=report.all.missed.to_string() />
                    <Figure label="Running" value=report.all.running.to_string() />
                    <Figure label="Hit rate" value=rate />
                    <Figure
                        label="First response, median"
                        value=duration(report.all.frt_median_secs)
                    />
                    <Figure
                        label="First response, 90th percentile"
                        value=duration(report.all.frt_p90_secs)
                    />
                </div>
                <a href=csv class=SECONDARY_BUTTON download="sla-report.csv">
                    "Download CSV"
                </a>
                <Table title="By policy" first="Policy" lines=report.policies />
                <Table title="By platform" first="Platform" lines=report.platforms />
                <Table title="By member" first="Member" lines=report.members />
            }
                .into_any()
        }}
    }
}

#[component]
fn Figure(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-700 dark:bg-slate-800">
            <p class="text-xs text-slate-600 dark:text-slate-300">{label}</p>
            <p class="text-lg font-semibold">{value}</p>
        </div>
    }
}

#[component]
fn Table(title: &'static str, first: &'static str, lines: Vec<SlaLine>) -> impl IntoView {
    view! {
        <section class="space-y-2">
            <h2 class="font-semibold">{title}</h2>
            <div class="overflow-x-auto">
                <table
                    class="min-w-full text-sm"
                    data-testid=format!("sla-{}", first.to_lowercase())
                >
                    <thead class="text-left text-slate-600 dark:text-slate-300">
                        <tr>
                            <th scope="col" class="py-1 pr-4">
                                {first}
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "Met"
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "Missed"
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "Running"
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "Hit rate"
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "First responses"
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "Median"
                            </th>
                            <th scope="col" class="py-1 pr-4">
                                "90th percentile"
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .map(|l| {
                                let rate = l
                                    .hit_rate()
                                    .map(|r| format!("{r:.0}%"))
                                    .unwrap_or_else(|| "—".to_owned());
                                view! {
                                    <tr class="border-t border-slate-200 dark:border-slate-700">
                                        <th scope="row" class="py-1 pr-4 text-left font-medium">
                                            {l.label}
                                        </th>
                                        <td class="py-1 pr-4">{l.hit}</td>
                                        <td class="py-1 pr-4">{l.missed}</td>
                                        <td class="py-1 pr-4">{l.running}</td>
                                        <td class="py-1 pr-4">{rate}</td>
                                        <td class="py-1 pr-4">{l.first_responses}</td>
                                        <td class="py-1 pr-4">{duration(l.frt_median_secs)}</td>
                                        <td class="py-1 pr-4">{duration(l.frt_p90_secs)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
