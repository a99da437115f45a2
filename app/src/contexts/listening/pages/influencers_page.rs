//! `/listening/influencers?list=`: the authors of the last 30 days' mentions,
//! ranked by reach × engagement, with their engagement rate and an
//! authenticity score (and what it rests on, or what is missing); saving one
//! to a list, and one list at a time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{ListeningNav, platform_label};
use crate::contexts::listening::api::{SaveInfluencer, get_influencers};
use crate::contexts::listening::types::{InfluencerLine, InfluencersPage as Page};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{FILTER_INPUT, FormAlert, SECONDARY_BUTTON, messages_for, typed_value};
use crate::ui::time::When;

#[component]
pub fn InfluencersPage() -> impl IntoView {
    let query = use_query_map();
    let list = move || query.read().get("list").unwrap_or_default();
    let page = Resource::new(list, get_influencers);
    view! {
        <Title text="Influencers · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Influencers"</h1>
            <ListeningNav />
        </div>
        {done_notice::<SaveInfluencer>("Saved to the list")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Influencers page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Influencers(page: Page) -> impl IntoView {
    let link = "text-indigo-700 hover:underline dark:text-indigo-300";
    let can_edit = page.can_edit;
    view! {
        <p class="text-sm text-slate-600 dark:text-slate-300">
            "Authors of the last 30 days' mentions, ranked by reach × engagement. Authenticity compares engagement with followers (very low suggests bought or idle followers) and looks at the account's age; where a platform does not say, the note says so."
            {page
                .last_analyzed
                .map(|at| {
                    view! {
                        " Worked out "
                        <When at />
                        "."
                    }
                })}
        </p>
        <nav class="flex flex-wrap gap-3 text-sm" aria-label="Influencer lists">
            <a
                href="/listening/influencers"
                class=link
                aria-current=page.list.is_empty().then_some("page")
            >
                "Everyone"
            </a>
            {page
                .lists
                .iter()
                .map(|l| {
                    let current = (*l == page.list).then_some("page");
                    view! {
                        <a
                            href=format!(
                                "/listening/influencers?list={}",
                                crate::ui::feedback::urlencode(l),
                            )
                            class=link
                            aria-current=current
                        >
                            {l.clone()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {if page.lines.is_empty() {
            view! {
                <p class=EMPTY_STATE>
                    "Nobody yet: influencers are worked out from the mentions your searches find."
                </p>
            }
                .into_any()
        } else {
            view! {
                <ol class="space-y-2" data-testid="influencers">
                    {page
                        .lines
                        .into_iter()
                        .map(|line| view! { <Influencer line can_edit /> })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
    }
}

#[component]
fn Influencer(line: InfluencerLine, can_edit: bool) -> impl IntoView {
    let save = ServerAction::<SaveInfluencer>::new();
    let all_errors = Signal::derive(move || save.value().get().and_then(Result::err));
    // Every row's form posts to the same function: a rejection is this row's
    // when it names this author.
    let username = line.username.clone();
    let mine = typed_value("username", all_errors).is_some_and(|sent| sent == username);
    let error = Signal::derive(move || if mine { all_errors.get() } else { None });
    let typed = typed_value("list", error).unwrap_or_default();
    let followers =
        line.followers.map_or("Followers unknown".to_owned(), |f| format!("{f} followers"));
    let rate = line.engagement_rate.map_or("—".to_owned(), |r| format!("{r:.2}%"));
    let authenticity = line.authenticity.map_or("not scored".to_owned(), |a| format!("{a}/100"));
    let field = format!("list-{}-{}", line.platform, line.username);
    let field_for = field.clone();
    view! {
        <li
            class="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800"
            data-testid="influencer"
        >
            <p class="font-medium">
                {format!(
                    "{} (@{}) · {}",
                    line.display_name,
                    line.username,
                    platform_label(&line.platform),
                )}
            </p>
            <p class="text-slate-600 dark:text-slate-300">
                {format!(
                    "{followers} · {} mentions · reach {} · engagement {} · rate {rate} · authenticity {authenticity}",
                    line.mentions,
                    line.reach,
                    line.engagement,
                )}
            </p>
            <ul class="list-inside list-disc text-xs text-slate-600 dark:text-slate-300">
                {line.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
            {(!line.lists.is_empty())
                .then(|| {
                    view! { <p class="text-xs">{format!("Lists: {}", line.lists.join(", "))}</p> }
                })}
            {can_edit
                .then(|| {
                    view! {
                        <ActionForm action=save attr:class="flex flex-wrap items-end gap-2">
                            <FormAlert error />
                            <input type="hidden" name="platform" value=line.platform.clone() />
                            <input type="hidden" name="username" value=line.username.clone() />
                            <label for=field_for class="text-xs">
                                "Save to list"
                                <input
                                    id=field
                                    name="list"
                                    value=typed
                                    class=FILTER_INPUT
                                    placeholder="Holiday campaign"
                                />
                            </label>
                            <button type="submit" class=SECONDARY_BUTTON>
                                "Save"
                            </button>
                            {messages_for(error.get_untracked(), "list")
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <p class="w-full text-xs text-red-700 dark:text-red-300">
                                            {m}
                                        </p>
                                    }
                                })
                                .collect_view()}
                        </ActionForm>
                    }
                })}
        </li>
    }
}
