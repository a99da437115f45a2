//! `/calendar?view=month|week&date=YYYY-MM-DD&account=&status=&campaign=`: posts by the day
//! they go out (or went out), in the workspace's time zone, Monday first. Each
//! post that has not gone out has a "Move" form (day and time), so rescheduling
//! works from the keyboard and without JavaScript; with JavaScript it can also be
//! dragged to another day ([`DragToReschedule`]), keeping its time of day.

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::{PRIMARY_BUTTON, StatusBadge, excerpt};
use crate::contexts::content::api::{ReschedulePost, get_calendar};
use crate::contexts::content::rules::calendar_steps;
use crate::contexts::content::types::{Calendar, CalendarEntry, PostStatus};
use crate::ui::feedback::{ErrorPanel, Loading, done_notice, drop_empty_filters, urlencode};
use crate::ui::form::{FILTER_INPUT, FilterBar, FilterSelect, FormAlert, SECONDARY_BUTTON};

const KEYS: [&str; 5] = ["view", "date", "account", "status", "campaign"];

fn href(view: &str, date: NaiveDate, account: &str, status: &str, campaign: &str) -> String {
    let mut pairs = vec![format!("view={view}"), format!("date={date}")];
    for (k, v) in [("account", account), ("status", status), ("campaign", campaign)] {
        if !v.is_empty() {
            pairs.push(format!("{k}={}", urlencode(v)));
        }
    }
    format!("/calendar?{}", pairs.join("&"))
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    drop_empty_filters("/calendar", &KEYS);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        (text("view"), text("date"), text("account"), text("status"), text("campaign"))
    };
    let move_post = ServerAction::<ReschedulePost>::new();
    let calendar = Resource::new(
        move || (wanted(), move_post.version().get()),
        |((view, date, account, status, campaign), _)| {
            get_calendar(view, date, account, status, campaign)
        },
    );
    view! {
        <Title text="Calendar · Aura" />
        {done_notice::<ReschedulePost>("Moved")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match calendar.await {
                    Ok(c) => view! { <Grid calendar=c move_post /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Grid(calendar: Calendar, move_post: ServerAction<ReschedulePost>) -> impl IntoView {
    let week = calendar.view == "week";
    let (previous, next) = calendar_steps(week, calendar.anchor);
    let (account, status, campaign) =
        (calendar.account.clone(), calendar.status.clone(), calendar.campaign.clone());
    let campaigns: Vec<(String, String)> =
        calendar.campaigns.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
    let heading = if week {
        format!("Week of {}", calendar.anchor.format("%-d %B %Y"))
    } else {
        calendar.anchor.format("%B %Y").to_string()
    };
    let other_view = if week { "month" } else { "week" };
    let error = Signal::derive(move || move_post.value().get().and_then(Result::err));
    let accounts = calendar
        .accounts
        .iter()
        .map(|a| (a.id.to_string(), format!("{} · {}", a.platform.label(), a.display_name)))
        .collect();
    let statuses = PostStatus::ALL
        .iter()
        .filter(|s| **s != PostStatus::Archived)
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let mut days = Vec::new();
    let mut day = calendar.first;
    while day <= calendar.last {
        days.push(day);
        day += Duration::days(1);
    }
    let entries = calendar.entries;
    let view_name = calendar.view.clone();
    let (view_field, view_attr) = (view_name.clone(), view_name.clone());
    view! {
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold" data-testid="calendar-heading">
                {heading}
            </h1>
            <nav aria-label="Calendar range" class="flex flex-wrap items-center gap-2 text-sm">
                <a
                    class=SECONDARY_BUTTON
                    href=href(&view_name, previous, &account, &status, &campaign)
                    rel="prev"
                >
                    "← Previous"
                </a>
                <a
                    class=SECONDARY_BUTTON
                    href=href(&view_name, calendar.today, &account, &status, &campaign)
                >
                    "Today"
                </a>
                <a
                    class=SECONDARY_BUTTON
                    href=href(&view_name, next, &account, &status, &campaign)
                    rel="next"
                >
                    "Next →"
                </a>
                <a
                    class=SECONDARY_BUTTON
                    href=href(other_view, calendar.anchor, &account, &status, &campaign)
                    data-testid="switch-view"
                >
                    {if week { "Month view" } else { "Week view" }}
                </a>
                <a class=SECONDARY_BUTTON href="/calendar/times">
                    "Posting times"
                </a>
                {calendar
                    .can_compose
                    .then(|| {
                        view! {
                            <a href="/posts/new" class=PRIMARY_BUTTON>
                                "New post"
                            </a>
                        }
                    })}
            </nav>
        </div>
        <FilterBar action="/calendar" label="Calendar filters">
            <input type="hidden" name="view" value=view_field.clone() />
            <input type="hidden" name="date" value=calendar.anchor.to_string() />
            <FilterSelect
                name="account"
                label="Account"
                any="Every account"
                choices=accounts
                chosen=account.clone()
            />
            <FilterSelect
                name="status"
                label="Status"
                any="Any status"
                choices=statuses
                chosen=status.clone()
            />
            <FilterSelect
                name="campaign"
                label="Campaign"
                any="Any campaign"
                choices=campaigns
                chosen=campaign.clone()
            />
            <button type="submit" class=SECONDARY_BUTTON>
                "Filter"
            </button>
        </FilterBar>
        <p class="text-sm text-slate-600 dark:text-slate-300">
            {format!("Times in {}. ", calendar.timezone)}
            {crate::ui::plural(i64::try_from(entries.len()).unwrap_or(0), "post", "posts")}
            " in this range."
        </p>
        <FormAlert error />
        <DragToReschedule>
            <div class="overflow-x-auto">
                <ol
                    class="grid min-w-[42rem] grid-cols-7 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 dark:border-slate-700 dark:bg-slate-700"
                    data-testid="calendar"
                    data-view=view_attr
                >
                    {days
                        .into_iter()
                        .map(|day| {
                            let outside = !week && day.month() != calendar.anchor.month();
                            let today = day == calendar.today;
                            let posts: Vec<CalendarEntry> = entries
                                .iter()
                                .filter(|e| e.day == day)
                                .cloned()
                                .collect();
                            let min_height = if week { "min-h-64" } else { "min-h-28" };
                            view! {
                                <li
                                    class=format!(
                                        "{min_height} space-y-1 p-1.5 text-xs {}",
                                        if outside {
                                            "bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400"
                                        } else {
                                            "bg-white dark:bg-slate-800"
                                        },
                                    )
                                    data-day=day.to_string()
                                    aria-label=day.format("%A %-d %B").to_string()
                                >
                                    <p class=if today {
                                        "font-semibold text-indigo-700 dark:text-indigo-300"
                                    } else {
                                        "font-medium"
                                    }>
                                        {day
                                            .format(if week { "%a %-d" } else { "%-d" })
                                            .to_string()} {today.then_some(" · today")}
                                    </p>
                                    {posts
                                        .into_iter()
                                        .map(|e| {
                                            view! {
                                                <Entry entry=e move_post can_move=calendar.can_compose />
                                            }
                                        })
                                        .collect_view()}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </div>
        </DragToReschedule>
    }
}

/// Lets a post be dragged onto another day of the calendar: dropping it fills the
/// day into the post's own "Move" form and sends that form, so a drag does what
/// the keyboard's way does, with the same checks and messages. A day shows a ring
/// while a post is over it.
#[island]
fn DragToReschedule(children: Children) -> impl IntoView {
    let dragging = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    let (start, over, leave, drop) = {
        use wasm_bindgen::JsCast;
        const RING: [&str; 3] = ["ring-2", "ring-inset", "ring-indigo-500"];
        fn element(ev: &leptos::ev::DragEvent, selector: &str) -> Option<web_sys::Element> {
            let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
            target.closest(selector).ok().flatten()
        }
        fn ring(day: &web_sys::Element, on: bool) {
            for class in RING {
                let _ = day.class_list().toggle_with_force(class, on);
            }
        }
        let start = move |ev: leptos::ev::DragEvent| {
            let Some(post) = element(&ev, "[data-post][draggable=true]") else { return };
            let id = post.get_attribute("data-post").unwrap_or_default();
            if let Some(transfer) = ev.data_transfer() {
                // Firefox starts a drag only with data set.
                let _ = transfer.set_data("text/plain", &id);
                transfer.set_effect_allowed("move");
            }
            dragging.set(Some(id));
        };
        let over = move |ev: leptos::ev::DragEvent| {
            if let (Some(_), Some(day)) = (dragging.get_untracked(), element(&ev, "[data-day]")) {
                ev.prevent_default();
                ring(&day, true);
            }
        };
        let leave = move |ev: leptos::ev::DragEvent| {
            if let Some(day) = element(&ev, "[data-day]") {
                ring(&day, false);
            }
        };
        let drop = move |ev: leptos::ev::DragEvent| {
            let (Some(id), Some(day)) = (dragging.get_untracked(), element(&ev, "[data-day]"))
            else {
                return;
            };
            ev.prevent_default();
            ring(&day, false);
            dragging.set(None);
            let form = document()
                .query_selector(&format!("[data-post='{id}'] form"))
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
            let field =
                form.as_ref().and_then(|f| f.query_selector("input[name=day]").ok().flatten());
            if let (Some(form), Some(field)) =
                (form, field.and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok()))
            {
                field.set_value(&day.get_attribute("data-day").unwrap_or_default());
                let _ = form.request_submit();
            }
        };
        (start, over, leave, drop)
    };
    #[cfg(not(feature = "hydrate"))]
    let (start, over, leave, drop) = {
        let _ = dragging;
        let none = |_: leptos::ev::DragEvent| {};
        (none, none, none, none)
    };
    view! {
        <div
            class="contents"
            on:dragstart=start
            on:dragover=over
            on:dragleave=leave
            on:drop=drop
            on:dragend=move |_| dragging.set(None)
        >
            {children()}
        </div>
    }
}

#[component]
fn Entry(
    entry: CalendarEntry,
    move_post: ServerAction<ReschedulePost>,
    can_move: bool,
) -> impl IntoView {
    let post = entry.post;
    let movable = can_move && post.status.is_editable() && post.published_at.is_none();
    let platforms = post.targets.iter().map(|t| t.platform.label()).collect::<Vec<_>>().join(", ");
    let id = post.id.to_string();
    view! {
        <div
            class=if movable {
                "cursor-grab space-y-1 rounded border border-slate-200 p-1 dark:border-slate-600"
            } else {
                "space-y-1 rounded border border-slate-200 p-1 dark:border-slate-600"
            }
            data-testid="calendar-post"
            data-post=post.id.to_string()
            draggable=if movable { "true" } else { "false" }
        >
            <a href=format!("/posts/{}", post.id) class="flex items-start gap-1 hover:underline">
                {post
                    .thumbnail_url
                    .clone()
                    .map(|src| {
                        view! {
                            <img
                                src=src
                                alt=""
                                width="32"
                                height="32"
                                loading="lazy"
                                class="h-8 w-8 shrink-0 rounded object-cover"
                            />
                        }
                    })}
                <span class="min-w-0 break-words">
                    <span class="font-medium">{entry.time.clone()}</span>
                    " "
                    {excerpt(&post.text, 40)}
                </span>
            </a>
            <div class="flex flex-wrap items-center gap-1">
                <StatusBadge status=post.status />
                <span class="text-slate-600 dark:text-slate-400">{platforms}</span>
            </div>
            {movable
                .then(|| {
                    view! {
                        <details>
                            <summary class="cursor-pointer text-indigo-700 dark:text-indigo-300">
                                "Move"
                            </summary>
                            <ActionForm action=move_post attr:class="mt-1 space-y-1">
                                <input type="hidden" name="post_id" value=id.clone() />
                                <label class="block">
                                    "Day"
                                    <input
                                        type="date"
                                        name="day"
                                        value=entry.day.to_string()
                                        class=FILTER_INPUT
                                        required=true
                                    />
                                </label>
                                <label class="block">
                                    "Time"
                                    <input
                                        type="time"
                                        name="time"
                                        value=entry.time.clone()
                                        class=FILTER_INPUT
                                        required=true
                                    />
                                </label>
                                <button
                                    type="submit"
                                    class=SECONDARY_BUTTON
                                    data-testid="move-post"
                                >
                                    "Move"
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
        </div>
    }
}
