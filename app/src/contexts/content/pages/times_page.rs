//! `/calendar/times`: each account's posting times of the week, in the
//! workspace's zone. "Add to queue" in the composer gives a post the next of its
//! accounts' times that no other scheduled post holds.

use leptos::prelude::*;
use leptos_meta::Title;

use super::parts::PRIMARY_BUTTON;
use crate::contexts::content::api::{AddPostingTime, RemovePostingTime, get_posting_times};
use crate::contexts::content::types::{AccountTimes, PostingTimes, weekday_name};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{Field, FormAlert, SelectField};

#[component]
pub fn PostingTimesPage() -> impl IntoView {
    let times = Resource::new(|| (), |()| get_posting_times());
    view! {
        <Title text="Posting times · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Posting times"</h1>
            <a
                href="/calendar"
                class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
                "← Calendar"
            </a>
        </div>
        {done_notice::<AddPostingTime>("Posting time added")}
        {done_notice::<RemovePostingTime>("Posting time removed")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match times.await {
                    Ok(times) => view! { <Times times /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Times(times: PostingTimes) -> impl IntoView {
    let add = ServerAction::<AddPostingTime>::new();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let intro = format!(
        "Times in {}. \"Add to queue\" in the composer schedules a post at the next of its accounts' times that no other scheduled post of theirs holds.",
        times.timezone
    );
    if times.accounts.is_empty() {
        return view! {
            <p class="text-sm text-slate-600 dark:text-slate-300">{intro}</p>
            <div class=EMPTY_STATE>
                "No social accounts yet. "
                <a href="/accounts" class="text-indigo-700 underline dark:text-indigo-300">
                    "Connect one"
                </a> ", then give it the times it should post at."
            </div>
        }
        .into_any();
    }
    let accounts: Vec<(String, String)> = times
        .accounts
        .iter()
        .map(|a| (a.account_id.to_string(), format!("{} · {}", a.platform.label(), a.name)))
        .collect();
    let mut days = vec![
        ("daily".to_owned(), "Every day".to_owned()),
        ("weekdays".to_owned(), "Monday to Friday".to_owned()),
        ("weekends".to_owned(), "Saturday and Sunday".to_owned()),
    ];
    days.extend((1..=7).map(|d| (d.to_string(), weekday_name(d).to_owned())));
    let can_edit = times.can_edit;
    view! {
        <p class="text-sm text-slate-600 dark:text-slate-300">{intro}</p>
        {can_edit
            .then(|| {
                view! {
                    <ActionForm
                        action=add
                        attr:class="grid max-w-3xl gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-4 sm:items-end dark:border-slate-700"
                        attr:aria-label="Add a posting time"
                    >
                        <div class="sm:col-span-4">
                            <FormAlert error />
                        </div>
                        <SelectField name="account_id" label="Account" options=accounts error />
                        <SelectField
                            name="days"
                            label="Days"
                            options=days
                            selected="weekdays".to_owned()
                            error
                        />
                        <Field
                            name="time"
                            label="Time"
                            kind="time"
                            value="09:00".to_owned()
                            required=true
                            error
                        />
                        <button type="submit" class=PRIMARY_BUTTON>
                            "Add time"
                        </button>
                    </ActionForm>
                }
            })}
        <div class="space-y-4">
            {times
                .accounts
                .into_iter()
                .map(|account| view! { <AccountRow account can_edit /> })
                .collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn AccountRow(account: AccountTimes, can_edit: bool) -> impl IntoView {
    let heading = format!("{} · {}", account.platform.label(), account.name);
    view! {
        <section class="space-y-2" data-testid="account-times">
            <h2 class="font-medium">{heading}</h2>
            {if account.times.is_empty() {
                view! {
                    <p class="text-sm text-slate-600 dark:text-slate-300">
                        "No posting times yet."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="flex flex-wrap gap-2">
                        {account
                            .times
                            .into_iter()
                            .map(|t| {
                                let label = format!("{} {}", t.day, t.time);
                                let remove_label = format!("Remove {label}");
                                let remove = ServerAction::<RemovePostingTime>::new();
                                view! {
                                    <li class="flex items-center gap-1 rounded-full border border-slate-300 py-0.5 pl-3 pr-1 text-sm dark:border-slate-600">
                                        {label}
                                        {can_edit
                                            .then(|| {
                                                view! {
                                                    <ActionForm action=remove>
                                                        <input type="hidden" name="time_id" value=t.id />
                                                        <button
                                                            type="submit"
                                                            aria-label=remove_label
                                                            class="rounded-full px-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-700"
                                                        >
                                                            "×"
                                                        </button>
                                                    </ActionForm>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
