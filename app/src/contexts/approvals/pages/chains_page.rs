//! `/approvals/chains`: the workspace's approval chains — who approves at each
//! level, which accounts and campaigns each covers — and the form to make or
//! change one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::approvals::api::{DeleteChain, SaveChain, get_chains};
use crate::contexts::approvals::rules::MAX_LEVELS;
use crate::contexts::approvals::types::{ChainSubject, ChainView, ChainsPage, Mode};
use crate::ui::feedback::{Confirm, EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{
    DANGER_BUTTON, FormAlert, PRIMARY_BUTTON, TEXT_INPUT, message_lines, messages_for, typed_value,
};

#[component]
pub fn ChainsPage() -> impl IntoView {
    let page = Resource::new(|| (), |()| get_chains());
    view! {
        <Title text="Approval chains · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Approval chains"</h1>
            <a
                href="/approvals"
                class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
                "← Approvals"
            </a>
        </div>
        <p class="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
            "A post to an account a chain covers goes to its first level when it is scheduled, and on to the next level when that one approves. After the last level it is scheduled. Editing what it says sends it back to level 1; moving it does not. Nobody approves their own post. When several chains cover a post, the one naming its campaign comes first, then one naming its accounts, then one covering all. A chain for inbox replies holds a reply from the accounts it covers until its last level approves, then sends it; its first level's approvers send their own replies directly."
        </p>
        {done_notice::<SaveChain>("Chain saved")}
        {done_notice::<DeleteChain>("Chain deleted")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Chains page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Chains(page: ChainsPage) -> impl IntoView {
    let can_edit = page.can_edit;
    let empty = page.chains.is_empty();
    let chains = page
        .chains
        .iter()
        .cloned()
        .map(|chain| {
            let page = page.clone();
            view! { <ChainCard chain page can_edit /> }
        })
        .collect_view();
    view! {
        {empty
            .then(|| {
                view! {
                    <p class=EMPTY_STATE data-testid="no-chains">
                        "No approval chains yet: posts are scheduled as soon as their author schedules them."
                    </p>
                }
            })}
        <ul class="space-y-4">{chains}</ul>
        {can_edit
            .then(|| {
                view! {
                    <details
                        class="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
                        open=empty
                    >
                        <summary class="cursor-pointer font-medium">"New chain"</summary>
                        <ChainForm chain=None page=page.clone() />
                    </details>
                }
            })}
    }
}

#[component]
fn ChainCard(chain: ChainView, page: ChainsPage, can_edit: bool) -> impl IntoView {
    let delete = ServerAction::<DeleteChain>::new();
    let question =
        format!("Delete \"{}\"? Posts waiting in it finish at the level they are at.", chain.name);
    let state = if chain.active { "Active" } else { "Paused" };
    view! {
        <li
            class="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
            data-testid="chain"
        >
            <div class="flex flex-wrap items-center gap-2">
                <h2 class="font-semibold">{chain.name.clone()}</h2>
                <span class="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700">{state}</span>
                <span class="text-sm text-slate-600 dark:text-slate-300">
                    {chain.covers.clone()}
                </span>
            </div>
            {chain
                .description
                .clone()
                .map(|d| view! { <p class="text-sm text-slate-600 dark:text-slate-300">{d}</p> })}
            <ol class="list-inside list-decimal text-sm">
                {chain.level_labels.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
            </ol>
            {can_edit
                .then(|| {
                    let id = chain.id.to_string();
                    view! {
                        <div class="flex flex-wrap items-start gap-2">
                            <details class="grow">
                                <summary class="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
                                    "Edit"
                                </summary>
                                <ChainForm chain=Some(chain.clone()) page />
                            </details>
                            <Confirm label="Delete" question>
                                <ActionForm action=delete>
                                    <input type="hidden" name="chain_id" value=id />
                                    <button type="submit" class=DANGER_BUTTON>
                                        "Delete chain"
                                    </button>
                                </ActionForm>
                            </Confirm>
                        </div>
                    }
                })}
        </li>
    }
}

/// The form for a new chain (`chain` None) or an existing one: its name, the
/// accounts and campaigns it covers, and up to five levels.
#[component]
fn ChainForm(chain: Option<ChainView>, page: ChainsPage) -> impl IntoView {
    let save = ServerAction::<SaveChain>::new();
    let id = chain.as_ref().map(|c| c.id.to_string()).unwrap_or_default();
    let all_errors = Signal::derive(move || save.value().get().and_then(Result::err));
    // Every chain's form posts to the same function: a rejection is this form's
    // when it names this chain.
    let mine = typed_value("chain_id", all_errors).is_some_and(|sent| sent == id);
    let error = Signal::derive(move || if mine { all_errors.get() } else { None });
    let typed = move |name: &str| typed_value(&format!("chain[{name}]"), error);
    let ticked = move |name: &str, saved: bool| {
        if error.get_untracked().is_some() { typed(name).is_some_and(|v| v == "on") } else { saved }
    };
    let config = chain.as_ref().map(|c| c.config.clone()).unwrap_or_default();
    let name =
        typed("name").unwrap_or_else(|| chain.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let description = typed("description")
        .unwrap_or_else(|| chain.as_ref().and_then(|c| c.description.clone()).unwrap_or_default());
    let active = ticked("active", chain.as_ref().is_none_or(|c| c.active));
    let replies =
        typed("subject").map_or(config.subject == ChainSubject::Replies, |v| v == "replies");
    let key = if id.is_empty() { "new".to_owned() } else { id.clone() };
    let shown_levels = (config.levels.len() + 1).clamp(2, MAX_LEVELS);
    let roles = [
        ("", "No role"),
        ("manager", "Managers and above"),
        ("admin", "Admins and above"),
        ("owner", "Owners"),
    ];
    let level_messages = messages_for(error.get_untracked(), "levels");
    let name_messages = messages_for(error.get_untracked(), "name");
    view! {
        <ActionForm action=save attr:class="mt-3 space-y-4" attr:data-testid="chain-form">
            <input type="hidden" name="chain_id" value=id.clone() />
            <FormAlert error />
            <div>
                <label for=format!("chain-name-{key}") class="block text-sm font-medium">
                    "Name"
                </label>
                <input
                    id=format!("chain-name-{key}")
                    name="chain[name]"
                    value=name
                    class=TEXT_INPUT
                    placeholder="Client sign-off"
                    aria-invalid=(!name_messages.is_empty()).to_string()
                />
                {message_lines(name_messages)}
            </div>
            <div>
                <label for=format!("chain-description-{key}") class="block text-sm font-medium">
                    "Description (optional)"
                </label>
                <input
                    id=format!("chain-description-{key}")
                    name="chain[description]"
                    value=description
                    class=TEXT_INPUT
                />
            </div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name="chain[active]" checked=active />
                "Active (what it covers needs it now)"
            </label>
            <fieldset class="space-y-1">
                <legend class="text-sm font-medium">"It approves"</legend>
                <label class="mr-4 inline-flex items-center gap-2 text-sm">
                    <input type="radio" name="chain[subject]" value="posts" checked=!replies />
                    "Posts, before they are scheduled"
                </label>
                <label class="inline-flex items-center gap-2 text-sm">
                    <input type="radio" name="chain[subject]" value="replies" checked=replies />
                    "Inbox replies, before they are sent (campaigns do not apply)"
                </label>
            </fieldset>
            <fieldset class="space-y-1">
                <legend class="text-sm font-medium">"Accounts it covers (none ticked: all)"</legend>
                {page
                    .accounts
                    .iter()
                    .map(|(account, label)| {
                        let field = format!("account.{account}");
                        let checked = ticked(&field, config.accounts.contains(account));
                        view! {
                            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                <input
                                    type="checkbox"
                                    name=format!("chain[{field}]")
                                    checked=checked
                                />
                                {label.clone()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {(!page.campaigns.is_empty())
                .then(|| {
                    view! {
                        <fieldset class="space-y-1">
                            <legend class="text-sm font-medium">
                                "Campaigns whose posts it covers (none ticked: any post)"
                            </legend>
                            {page
                                .campaigns
                                .iter()
                                .map(|(campaign, label)| {
                                    let field = format!("campaign.{campaign}");
                                    let checked = ticked(
                                        &field,
                                        config.campaigns.contains(campaign),
                                    );
                                    view! {
                                        <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                            <input
                                                type="checkbox"
                                                name=format!("chain[{field}]")
                                                checked=checked
                                            />
                                            {label.clone()}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })}
            {level_messages
                .into_iter()
                .map(|m| {
                    view! {
                        <p
                            class="text-sm text-red-700 dark:text-red-300"
                            data-testid="levels-error"
                        >
                            {m}
                        </p>
                    }
                })
                .collect_view()}
            {(1..=shown_levels)
                .map(|n| {
                    let saved = config.levels.get(n - 1).cloned().unwrap_or_default();
                    let mode = typed(&format!("level{n}.mode"))
                        .unwrap_or_else(|| saved.mode.as_str().to_owned());
                    let role = typed(&format!("level{n}.role"))
                        .unwrap_or_else(|| {
                            saved.role.map(|r| r.as_str().to_owned()).unwrap_or_default()
                        });
                    let mode_id = format!("chain-{key}-level{n}-mode");
                    let role_id = format!("chain-{key}-level{n}-role");
                    view! {
                        <fieldset
                            class="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
                            data-testid="chain-level"
                        >
                            <legend class="px-1 text-sm font-medium">
                                {format!("Level {n}")}
                                {(n > config.levels.len().max(1)).then_some(" (optional)")}
                            </legend>
                            <div class="flex flex-wrap gap-3">
                                <div>
                                    <label for=mode_id.clone() class="block text-sm">
                                        "Needs"
                                    </label>
                                    <select
                                        id=mode_id
                                        name=format!("chain[level{n}.mode]")
                                        class=TEXT_INPUT
                                    >
                                        <option value="any" selected=mode == Mode::Any.as_str()>
                                            "Any one of them"
                                        </option>
                                        <option value="all" selected=mode == Mode::All.as_str()>
                                            "All of them"
                                        </option>
                                    </select>
                                </div>
                                <div>
                                    <label for=role_id.clone() class="block text-sm">
                                        "Role"
                                    </label>
                                    <select
                                        id=role_id
                                        name=format!("chain[level{n}.role]")
                                        class=TEXT_INPUT
                                    >
                                        {roles
                                            .iter()
                                            .map(|(value, label)| {
                                                view! {
                                                    <option value=*value selected=role == *value>
                                                        {*label}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="flex flex-wrap gap-x-4 gap-y-1">
                                {page
                                    .members
                                    .iter()
                                    .map(|(user, name, member_role)| {
                                        let field = format!("level{n}.member.{user}");
                                        let checked = ticked(&field, saved.members.contains(user));
                                        let label = format!("{name} ({})", member_role.label());
                                        view! {
                                            <label class="inline-flex items-center gap-2 text-sm">
                                                <input
                                                    type="checkbox"
                                                    name=format!("chain[{field}]")
                                                    checked=checked
                                                />
                                                {label}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </fieldset>
                    }
                })
                .collect_view()}
            <button type="submit" class=PRIMARY_BUTTON>
                {if id.is_empty() { "Create chain" } else { "Save chain" }}
            </button>
        </ActionForm>
    }
}
