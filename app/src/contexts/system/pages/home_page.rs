//! The public landing page (what Aura is), and `/status`: whether the services
//! behind Aura answer.

use leptos::prelude::*;

use crate::contexts::system::api::get_service_status;
use crate::contexts::system::types::{Health, ServiceStatus};
use crate::error::AppError;

const AREAS: [(&str, &str); 5] = [
    (
        "Marketing audits",
        "Scores and recommendations for Google Analytics, Facebook Ads and Google Ads accounts, on a schedule.",
    ),
    (
        "Brand analytics",
        "Shopify, Meta and Google Ads metrics per brand, with insights such as high CPA or low ROAS.",
    ),
    (
        "Business automation",
        "Leads pipeline, review requests, referral codes, content, campaigns and workflows.",
    ),
    (
        "Social media",
        "Posts for nine platforms, approvals, a calendar, a unified inbox and listening.",
    ),
    ("Workflow efficiency", "Efficiency score, time saved, quick wins and tool usage."),
];

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="space-y-3">
            <h1 class="text-3xl font-semibold tracking-tight">"Welcome to Aura"</h1>
            <p class="max-w-2xl text-slate-600 dark:text-slate-300">
                "Marketing operations for small and mid-size businesses: audits, brand analytics, "
                "automation, social media and workflow efficiency in one place."
            </p>
            <p class="flex gap-3">
                <a
                    href="/signup"
                    class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
                >
                    "Create an account"
                </a>
                <a
                    href="/login"
                    class="rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-700"
                >
                    "Log in"
                </a>
            </p>
        </section>
        <section aria-labelledby="areas-heading" class="space-y-4">
            <h2 id="areas-heading" class="text-xl font-semibold">
                "What Aura brings together"
            </h2>
            <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {AREAS
                    .into_iter()
                    .map(|(name, summary)| {
                        view! {
                            <li class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800">
                                <h3 class="font-medium">{name}</h3>
                                <p class="mt-1 text-sm text-slate-600 dark:text-slate-300">
                                    {summary}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// `/status`: the health of PostgreSQL and MongoDB, with a button to ask again.
#[component]
pub fn StatusPage() -> impl IntoView {
    view! {
        <leptos_meta::Title text="Status · Aura" />
        <h1 class="text-2xl font-semibold">"Status"</h1>
        <ServiceStatusCard />
    }
}

/// The health of PostgreSQL and MongoDB, with a button to ask again.
#[component]
fn ServiceStatusCard() -> impl IntoView {
    let status = Resource::new(|| (), |_| get_service_status());
    view! {
        <section
            aria-labelledby="status-heading"
            class="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
        >
            <div class="flex items-center justify-between gap-4">
                <h2 id="status-heading" class="text-lg font-semibold">
                    "Services"
                </h2>
                // The page is drawn on the server: asking again is loading it again.
                <form method="get" action="/status">
                    <button
                        type="submit"
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:hover:bg-slate-700"
                    >
                        "Check again"
                    </button>
                </form>
            </div>
            <Suspense fallback=|| {
                view! {
                    <p role="status" class="mt-3 text-sm text-slate-500 dark:text-slate-400">
                        "Checking services…"
                    </p>
                }
            }>{move || Suspend::new(async move { status_list(status.await) })}</Suspense>
        </section>
    }
}

fn status_list(result: Result<ServiceStatus, AppError>) -> AnyView {
    match result {
        Ok(status) => view! {
            <dl
                class="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm"
                data-testid="service-status"
            >
                <HealthRow name="PostgreSQL" health=status.postgres />
                <HealthRow name="MongoDB" health=status.mongodb />
            </dl>
        }
        .into_any(),
        Err(err) => view! {
            <p role="alert" class="mt-3 text-sm text-red-700 dark:text-red-400">
                {err.to_string()}
            </p>
        }
        .into_any(),
    }
}

#[component]
fn HealthRow(name: &'static str, health: Health) -> impl IntoView {
    let badge = match health {
        Health::Up => "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200",
        Health::Down => "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200",
    };
    view! {
        <dt class="text-slate-600 dark:text-slate-300">{name}</dt>
        <dd>
            <span class=format!("rounded px-2 py-0.5 font-medium {badge}")>{health.label()}</span>
        </dd>
    }
}
