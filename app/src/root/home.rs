//! Home (`/`): for a signed-in member, what needs their attention in the current
//! workspace — a getting-started checklist while the workspace is new, then one
//! card per area with something waiting (insights unread, sources needing a
//! reconnect, failed jobs). Signed out, the public landing page.
//!
//! Home is part of the composition root because it reads every area: each area
//! adds its card here (its own count function, behind the member's permission).

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::contexts::system::pages::HomePage as Landing;
use crate::error::AppError;
use crate::ui::feedback::{ErrorPanel, Loading};

/// One step of getting started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    pub done: bool,
    pub href: String,
    pub action: String,
}

/// One area's "needs attention" card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub title: String,
    pub count: i64,
    pub text: String,
    pub href: String,
    pub action: String,
}

/// What Home shows a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    pub name: String,
    pub workspace: String,
    /// Empty once every step is done.
    pub steps: Vec<Step>,
    pub cards: Vec<Card>,
}

/// Home for the signed-in member; `None` when signed out (the landing page shows).
#[server(prefix = "/api", endpoint = "home")]
pub async fn get_home() -> Result<Option<HomeView>, AppError> {
    use crate::contexts::auth::server::guard::{member_of, signed_in};
    use crate::contexts::auth::server::service::current_workspace_id;
    let Ok((state, auth, user)) = signed_in().await else { return Ok(None) };
    let Some(workspace) = current_workspace_id(&auth).await else {
        return Err(AppError::NotFound);
    };
    let member = member_of(&state.pg, workspace, user.id).await?;
    let name = user.name.clone().unwrap_or_else(|| user.email.clone());
    let workspace_name = crate::contexts::auth::server::accounts::workspace(&state.pg, workspace)
        .await?
        .map(|w| w.name)
        .unwrap_or_default();
    let (steps, cards) = attention::gather(&state.pg, &state.mongo, &member).await?;
    Ok(Some(HomeView { name, workspace: workspace_name, steps, cards }))
}

/// The navigation's counts: (link, number waiting) for each area with something
/// waiting for the member (unread insights). Empty signed out.
#[server(prefix = "/api", endpoint = "home/badges")]
pub async fn get_nav_badges() -> Result<Vec<(String, i64)>, AppError> {
    use crate::contexts::auth::server::guard::{member_of, signed_in};
    use crate::contexts::auth::server::service::current_workspace_id;
    use crate::kernel::{Action, Permission, Resource};
    let Ok((state, auth, user)) = signed_in().await else { return Ok(Vec::new()) };
    let Some(workspace) = current_workspace_id(&auth).await else { return Ok(Vec::new()) };
    let member = member_of(&state.pg, workspace, user.id).await?;
    let mut badges = Vec::new();
    if member.can(Permission::new(Resource::Insights, Action::Read)) {
        let unread =
            crate::contexts::insights::server::service::unread(&state.pg, workspace, user.id)
                .await?;
        if unread > 0 {
            badges.push(("/insights".to_owned(), unread));
        }
    }
    if member.can(Permission::new(Resource::Approvals, Action::Read)) {
        let waiting = crate::contexts::approvals::server::service::count_waiting(
            &state.pg, workspace, user.id,
        )
        .await?;
        if waiting > 0 {
            badges.push(("/approvals".to_owned(), waiting));
        }
    }
    if member.can(Permission::new(Resource::Inbox, Action::Read)) {
        let unread = crate::contexts::inbox::server::service::unread(&state.pg, &member).await?;
        if unread > 0 {
            badges.push(("/inbox".to_owned(), unread));
        }
    }
    let unread =
        crate::contexts::notify::server::service::unread(&state.mongo, workspace, user.id).await;
    // Notifications live in MongoDB: without it the other badges still show.
    if let Ok(unread) = unread.map(|n| i64::try_from(n).unwrap_or(i64::MAX))
        && unread > 0
    {
        badges.push(("/notifications".to_owned(), unread));
    }
    Ok(badges)
}

#[cfg(feature = "ssr")]
mod attention {
    use sqlx::PgPool;

    use super::{Card, Step};
    use crate::contexts::auth::server::guard::Member;
    use crate::contexts::{
        analytics, approvals, automation, brands, campaigns, content, inbox, insights,
        integrations, team,
    };
    use crate::error::AppError;
    use crate::kernel::{Action, Permission, Resource};
    use crate::ui::plural;

    /// The checklist (while any step is open) and the cards with something waiting,
    /// each only for what the member may open.
    pub async fn gather(
        pg: &PgPool,
        mongo: &mongodb::Database,
        member: &Member,
    ) -> Result<(Vec<Step>, Vec<Card>), AppError> {
        let ws = member.workspace;
        let may = |resource, action| member.can(Permission::new(resource, action));
        let brand_count = brands::server::service::count(pg, ws).await?;
        let has_data = analytics::server::service::has_metrics(pg, ws).await?;
        let (connected, broken) = integrations::server::service::health_counts(pg, ws).await?;
        let (members, invited) = team::server::service::seats_taken(pg, ws).await?;
        let step = |label: &str, done: bool, href: &str, action: &str| Step {
            label: label.to_owned(),
            done,
            href: href.to_owned(),
            action: action.to_owned(),
        };
        let mut steps = vec![
            step("Add your first brand", brand_count > 0, "/brands", "Add a brand"),
            step(
                "Connect a data source or import a CSV",
                connected > 0 || has_data,
                "/brands",
                "Open your brands",
            ),
        ];
        if may(Resource::Members, Action::Create) {
            steps.push(step(
                "Invite a teammate",
                members > 1 || invited > 0,
                "/members",
                "Invite someone",
            ));
        }
        if steps.iter().all(|s| s.done) {
            steps.clear();
        }

        let mut cards = Vec::new();
        if may(Resource::Insights, Action::Read) {
            let unread = insights::server::service::unread(pg, ws, member.user).await?;
            if unread > 0 {
                cards.push(Card {
                    title: "Insights".into(),
                    count: unread,
                    text: format!("{} to read", plural(unread, "insight", "insights")),
                    href: "/insights?status=unread".into(),
                    action: "Read them".into(),
                });
            }
        }
        if broken > 0 && may(Resource::Integrations, Action::Read) {
            cards.push(Card {
                title: "Integrations".into(),
                count: broken,
                text: format!(
                    "{} need{} attention (access ending or ended, or a problem on the platform)",
                    plural(broken, "data source or account", "data sources and accounts"),
                    if broken == 1 { "s" } else { "" }
                ),
                href: "/integrations".into(),
                action: "Open integration health".into(),
            });
        }
        if may(Resource::Approvals, Action::Read) {
            let waiting = approvals::server::service::count_waiting(pg, ws, member.user).await?;
            if waiting > 0 {
                cards.push(Card {
                    title: "Approvals".into(),
                    count: waiting,
                    text: format!("{} waiting for your approval", plural(waiting, "post", "posts")),
                    href: "/approvals".into(),
                    action: "Review them".into(),
                });
            }
        }
        if may(Resource::Approvals, Action::Read) {
            let (waiting, oldest) = inbox::server::approval::waiting_for_me(pg, member).await?;
            if let Some(oldest) = oldest {
                cards.push(Card {
                    title: "Reply approvals".into(),
                    count: waiting,
                    text: format!(
                        "{} from the inbox waiting for your approval",
                        plural(waiting, "reply", "replies")
                    ),
                    href: format!("/inbox/{oldest}"),
                    action: "Review the oldest".into(),
                });
            }
        }
        if may(Resource::Inbox, Action::Read) {
            let unread = inbox::server::service::unread(pg, member).await?;
            if unread > 0 {
                cards.push(Card {
                    title: "Inbox".into(),
                    count: unread,
                    text: format!(
                        "{} with something new, yours or nobody's yet",
                        plural(unread, "open conversation", "open conversations")
                    ),
                    href: "/inbox".into(),
                    action: "Open the inbox".into(),
                });
            }
            let late = inbox::server::service::overdue(pg, member).await?;
            if late > 0 {
                cards.push(Card {
                    title: "SLA".into(),
                    count: late,
                    text: format!(
                        "{} past or within an hour of its SLA, yours or nobody's yet",
                        plural(late, "conversation", "conversations")
                    ),
                    href: "/inbox?sla=risk".into(),
                    action: "Answer them".into(),
                });
            }
        }
        if may(Resource::Listening, Action::Read) {
            // Mentions live in MongoDB: without it the other cards still show.
            let negative =
                crate::contexts::listening::server::service::negative_this_week(mongo, ws).await;
            if let Ok(negative) = negative
                && negative > 0
            {
                cards.push(Card {
                    title: "Listening".into(),
                    count: negative,
                    text: format!(
                        "{} in the last 7 days",
                        plural(negative, "negative mention", "negative mentions")
                    ),
                    href: "/listening?sentiment=negative&days=7".into(),
                    action: "Read them".into(),
                });
            }
        }
        if may(Resource::Campaigns, Action::Read) {
            let ending = campaigns::server::service::ending_soon(pg, ws).await?;
            if ending > 0 {
                cards.push(Card {
                    title: "Campaigns".into(),
                    count: ending,
                    text: format!(
                        "{} ending within seven days: check their goals",
                        plural(ending, "active campaign", "active campaigns")
                    ),
                    href: "/campaigns?status=active".into(),
                    action: "Open campaigns".into(),
                });
            }
        }
        if may(Resource::Posts, Action::Read) {
            let (failed, due) = content::server::service::attention(pg, ws).await?;
            if failed > 0 {
                cards.push(Card {
                    title: "Failed posts".into(),
                    count: failed,
                    text: format!(
                        "{} did not go out; each says why and can be fixed",
                        plural(failed, "post", "posts")
                    ),
                    href: "/posts?status=failed".into(),
                    action: "See what failed".into(),
                });
            }
            if due > 0 {
                cards.push(Card {
                    title: "Coming up".into(),
                    count: due,
                    text: format!(
                        "{} scheduled for the next seven days",
                        plural(due, "post", "posts")
                    ),
                    href: "/calendar?view=week".into(),
                    action: "Open the calendar".into(),
                });
            }
        }
        if may(Resource::Jobs, Action::Read) {
            let failed = automation::server::queue::count_failed(pg, ws).await?;
            if failed > 0 {
                cards.push(Card {
                    title: "Background jobs".into(),
                    count: failed,
                    text: format!("{} failed and can be retried", plural(failed, "job", "jobs")),
                    href: "/jobs".into(),
                    action: "Open the jobs".into(),
                });
            }
        }
        Ok((steps, cards))
    }
}

/// `/`: Home when signed in, the landing page when not.
#[component]
pub fn Home() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Some(view)) => view! { <MemberHome view /> }.into_any(),
                    Ok(None) => view! { <Landing /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberHome(view: HomeView) -> impl IntoView {
    let HomeView { name, workspace, steps, cards } = view;
    let calm = steps.is_empty() && cards.is_empty();
    view! {
        <Title text="Home · Aura" />
        <section class="space-y-1">
            <h1 class="text-2xl font-semibold">{format!("Hello, {name}")}</h1>
            <p class="text-slate-600 dark:text-slate-300">
                {format!("What needs your attention in {workspace}.")}
            </p>
        </section>
        {(!steps.is_empty()).then(|| view! { <GettingStarted steps /> })}
        {(!cards.is_empty())
            .then(|| {
                view! {
                    <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="attention">
                        {cards
                            .into_iter()
                            .map(|card| view! { <AttentionCard card /> })
                            .collect_view()}
                    </ul>
                }
            })}
        {calm
            .then(|| {
                view! {
                    <p class=crate::ui::feedback::EMPTY_STATE data-testid="all-clear">
                        "Nothing needs your attention right now. The "
                        <a href="/dashboard" class="text-indigo-700 underline dark:text-indigo-300">
                            "dashboard"
                        </a>
                        " has your brands' numbers."
                    </p>
                }
            })}
    }
}

#[component]
fn GettingStarted(steps: Vec<Step>) -> impl IntoView {
    let done = steps.iter().filter(|s| s.done).count();
    let total = steps.len();
    view! {
        <section
            aria-labelledby="start-heading"
            class="space-y-3 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
            data-testid="getting-started"
        >
            <h2 id="start-heading" class="text-lg font-semibold">
                "Get started"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                {format!("{done} of {total} done")}
            </p>
            <ol class="space-y-2">
                {steps
                    .into_iter()
                    .map(|step| {
                        let mark = if step.done { "✓" } else { "○" };
                        let state = if step.done { "done" } else { "to do" };
                        view! {
                            <li class="flex flex-wrap items-center justify-between gap-2">
                                <span>
                                    <span aria-hidden="true" class="mr-2">
                                        {mark}
                                    </span>
                                    {step.label}
                                    <span class="sr-only">{format!(" ({state})")}</span>
                                </span>
                                {(!step.done)
                                    .then(|| {
                                        view! {
                                            <a
                                                href=step.href
                                                class="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
                                            >
                                                {step.action}
                                            </a>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn AttentionCard(card: Card) -> impl IntoView {
    view! {
        <li class="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800">
            <h2 class="font-semibold">{card.title}</h2>
            <p class="text-3xl font-semibold tabular-nums">{card.count}</p>
            <p class="text-sm text-slate-600 dark:text-slate-300">{card.text}</p>
            <a
                href=card.href
                class="text-sm font-medium text-indigo-700 underline dark:text-indigo-300"
            >
                {card.action}
            </a>
        </li>
    }
}
