//! `/inbox/settings`: how the workspace works its inbox — SLA policies, the
//! business hours they may count in, priority rules, round-robin assignment
//! and the chatbot (managers change them), each member's own availability, and
//! the accounts read by polling.

use leptos::prelude::*;
use leptos_meta::Title;

use super::chatbot_section::{ChatbotSection, chatbot_notices};
use crate::contexts::inbox::api::{
    AddPriorityRule, DeletePriorityRule, DeleteSlaPolicy, ReadInboxNow, SaveBusinessHours,
    SaveRoundRobin, SaveSlaPolicy, SetAvailability, get_inbox_settings,
};
use crate::contexts::inbox::rules::{SlaPolicy, SlaTarget, minutes_label};
use crate::contexts::inbox::types::{ConversationKind, InboxSettingsView, Priority, Sentiment};
use crate::ui::feedback::{Confirm, EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{
    CARD, DANGER_BUTTON, FormAlert, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT, field_errors,
    typed_value,
};
use crate::ui::time::When;

const DAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

#[component]
pub fn InboxSettingsPage() -> impl IntoView {
    let page = Resource::new(|| (), |()| get_inbox_settings());
    view! {
        <Title text="Inbox settings · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">"Inbox settings"</h1>
            <nav class="flex gap-4 text-sm" aria-label="Inbox pages">
                <a href="/inbox" class="text-indigo-700 hover:underline dark:text-indigo-300">
                    "← Inbox"
                </a>
                <a href="/inbox/sla" class="text-indigo-700 hover:underline dark:text-indigo-300">
                    "SLA report"
                </a>
            </nav>
        </div>
        {done_notice::<SaveBusinessHours>("Business hours saved")}
        {done_notice::<SaveSlaPolicy>("Policy saved")}
        {done_notice::<DeleteSlaPolicy>("Policy deleted")}
        {done_notice::<AddPriorityRule>("Rule added")}
        {done_notice::<DeletePriorityRule>("Rule deleted")}
        {done_notice::<SaveRoundRobin>("Round robin saved")}
        {done_notice::<SetAvailability>("Availability saved")}
        {done_notice::<ReadInboxNow>("Reading the accounts now; new messages land in the inbox")}
        {chatbot_notices()}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Settings page /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(page: InboxSettingsView) -> impl IntoView {
    let manage = page.can_manage;
    let me_available =
        page.agents.iter().find(|(u, ..)| *u == page.me).is_some_and(|(_, _, on)| *on);
    let mine = page.agents.iter().any(|(u, ..)| *u == page.me);
    let availability = ServerAction::<SetAvailability>::new();
    view! {
        {mine
            .then(|| {
                view! {
                    <section class=CARD data-testid="availability">
                        <h2 class="font-semibold">"Your availability"</h2>
                        <p class="text-sm text-slate-600 dark:text-slate-300">
                            {if me_available {
                                "You take new conversations when round robin hands them out."
                            } else {
                                "You take no new conversations from round robin."
                            }}
                        </p>
                        <ActionForm action=availability>
                            <input
                                type="hidden"
                                name="available"
                                value=if me_available { "no" } else { "yes" }
                            />
                            <button type="submit" class=SECONDARY_BUTTON>
                                {if me_available {
                                    "Stop taking new conversations"
                                } else {
                                    "Take new conversations"
                                }}
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
        <Policies page=page.clone() manage />
        <Hours page=page.clone() manage />
        <Rules page=page.clone() manage />
        <RoundRobin page=page.clone() manage />
        <ChatbotSection chatbot=page.chatbot.clone() manage />
        <Polled page />
    }
}

/// The accounts the inbox reads by polling, when each was last read and why a
/// read failed, with "Read now".
#[component]
fn Polled(page: InboxSettingsView) -> impl IntoView {
    let read = ServerAction::<ReadInboxNow>::new();
    let error = Signal::derive(move || read.value().get().and_then(Result::err));
    let empty = page.polled.is_empty();
    view! {
        <section class=CARD aria-labelledby="polled-heading" data-testid="polled-accounts">
            <h2 id="polled-heading" class="font-semibold">
                "Accounts read every few minutes"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Facebook and Instagram send their comments and messages as they happen. "
                "X mentions, YouTube comments and Reddit replies and messages are read every five minutes."
            </p>
            {if empty {
                view! {
                    <p class=EMPTY_STATE>
                        "No X, YouTube or Reddit account is connected. Connect one under "
                        <a href="/accounts" class="text-indigo-700 underline dark:text-indigo-300">
                            "Social accounts"
                        </a> " and its messages arrive here."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-200 text-sm dark:divide-slate-700">
                        {page
                            .polled
                            .iter()
                            .map(|a| {
                                let read_at = a.read_at;
                                view! {
                                    <li class="py-2" data-testid="polled-account">
                                        <p>
                                            <span class="font-medium">{a.name.clone()}</span>
                                            " · "
                                            {a.platform.label()}
                                            " · "
                                            {match a.heard {
                                                1 => "1 message brought in".to_owned(),
                                                n => format!("{n} messages brought in"),
                                            }}
                                        </p>
                                        <p class="text-xs text-slate-600 dark:text-slate-300">
                                            {match read_at {
                                                Some(at) => {
                                                    view! {
                                                        "Last read "
                                                        <When at />
                                                    }
                                                        .into_any()
                                                }
                                                None => "Not read yet".into_any(),
                                            }}
                                        </p>
                                        {a
                                            .error
                                            .clone()
                                            .map(|e| {
                                                view! {
                                                    <p
                                                        class="text-xs text-red-700 dark:text-red-300"
                                                        data-testid="polled-error"
                                                    >
                                                        {e}
                                                    </p>
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
            {(page.can_read_now && !empty)
                .then(|| {
                    view! {
                        <ActionForm action=read>
                            <FormAlert error />
                            <button type="submit" class=SECONDARY_BUTTON>
                                "Read now"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// The id the last rejected policy form named (empty: the new policy's form),
/// so that form is shown open with its messages.
fn rejected_policy() -> Option<String> {
    let save = ServerAction::<SaveSlaPolicy>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    error.get_untracked().and(typed_value("policy_id", error))
}

fn policy_summary(p: &SlaPolicy) -> String {
    let covers = match (p.priorities.is_empty(), p.kinds.is_empty()) {
        (true, true) => "Every conversation".to_owned(),
        _ => {
            let priorities: Vec<&str> = p.priorities.iter().map(|x| x.label()).collect();
            let kinds: Vec<&str> = p.kinds.iter().map(|x| x.label()).collect();
            let mut parts = Vec::new();
            if !priorities.is_empty() {
                parts.push(format!("{} priority", priorities.join(" or ")));
            }
            if !kinds.is_empty() {
                parts.push(kinds.join(" or ").to_lowercase());
            }
            format!("Conversations of {}", parts.join(", "))
        }
    };
    let targets: Vec<String> = SlaTarget::ALL
        .iter()
        .filter_map(|t| p.minutes(*t).map(|m| format!("{} within {}", t.label(), minutes_label(m))))
        .collect();
    let hours = if p.business_hours { " (business hours)" } else { " (around the clock)" };
    format!("{covers}: {}{hours}", targets.join(", "))
}

#[component]
fn Policies(page: InboxSettingsView, manage: bool) -> impl IntoView {
    let empty = page.policies.is_empty();
    view! {
        <section class=CARD data-testid="sla-policies">
            <h2 class="font-semibold">"SLA policies"</h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "A person's message starts the clock: the first response until the team has answered once, then the next response; resolution runs until the conversation is resolved. A late clock is recorded as a breach once, and whoever has the conversation is told. When several policies cover a conversation, the one naming both its priority and its type applies, then one naming either."
            </p>
            {empty
                .then(|| {
                    view! {
                        <p class=EMPTY_STATE>
                            "No SLA policy yet: conversations have no deadlines."
                        </p>
                    }
                })}
            <ul class="space-y-2">
                {page
                    .policies
                    .iter()
                    .cloned()
                    .map(|policy| view! { <PolicyCard policy manage /> })
                    .collect_view()}
            </ul>
            {manage
                .then(|| {
                    view! {
                        <details open=empty || rejected_policy().is_some_and(|id| id.is_empty())>
                            <summary class="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
                                "New policy"
                            </summary>
                            <PolicyForm policy=None />
                        </details>
                    }
                })}
        </section>
    }
}

#[component]
fn PolicyCard(policy: SlaPolicy, manage: bool) -> impl IntoView {
    let delete = ServerAction::<DeleteSlaPolicy>::new();
    let question = format!(
        "Delete the policy \"{}\"? Running clocks keep their deadlines, and the report keeps its name.",
        policy.name
    );
    let summary = policy_summary(&policy);
    view! {
        <li
            class="rounded-md border border-slate-200 p-3 dark:border-slate-700"
            data-testid="sla-policy"
        >
            <p class="font-medium">{policy.name.clone()}</p>
            <p class="text-sm text-slate-600 dark:text-slate-300">{summary}</p>
            {manage
                .then(|| {
                    let id = policy.id.to_string();
                    view! {
                        <div class="mt-2 flex flex-wrap items-start gap-2">
                            <details
                                class="grow"
                                open=rejected_policy().is_some_and(|sent| sent == id)
                            >
                                <summary class="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
                                    "Edit"
                                </summary>
                                <PolicyForm policy=Some(policy.clone()) />
                            </details>
                            <Confirm label="Delete" question>
                                <ActionForm action=delete>
                                    <input type="hidden" name="policy_id" value=id />
                                    <button type="submit" class=DANGER_BUTTON>
                                        "Delete policy"
                                    </button>
                                </ActionForm>
                            </Confirm>
                        </div>
                    }
                })}
        </li>
    }
}

/// A new policy's form (`policy` None) or an existing one's.
#[component]
fn PolicyForm(policy: Option<SlaPolicy>) -> impl IntoView {
    let save = ServerAction::<SaveSlaPolicy>::new();
    let id = policy.as_ref().map(|p| p.id.to_string()).unwrap_or_default();
    let all_errors = Signal::derive(move || save.value().get().and_then(Result::err));
    let mine = typed_value("policy_id", all_errors).is_some_and(|sent| sent == id);
    let error = Signal::derive(move || if mine { all_errors.get() } else { None });
    let typed = move |name: &str| typed_value(&format!("policy[{name}]"), error);
    let ticked = move |name: &str, saved: bool| {
        if error.get_untracked().is_some() { typed(name).is_some_and(|v| v == "on") } else { saved }
    };
    let key = if id.is_empty() { "new".to_owned() } else { id.clone() };
    let name = typed("name")
        .unwrap_or_else(|| policy.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let business = ticked("business_hours", policy.as_ref().is_some_and(|p| p.business_hours));
    let target_fields = SlaTarget::ALL
        .iter()
        .map(|target| {
            let minutes = policy.as_ref().and_then(|p| p.minutes(*target));
            let field = target.as_str();
            let hours = typed(&format!("{field}_h"))
                .unwrap_or_else(|| minutes.map(|m| (m / 60).to_string()).unwrap_or_default());
            let mins = typed(&format!("{field}_m"))
                .unwrap_or_else(|| minutes.map(|m| (m % 60).to_string()).unwrap_or_default());
            let h_id = format!("policy-{key}-{field}-h");
            let m_id = format!("policy-{key}-{field}-m");
            view! {
                <fieldset class="space-y-1">
                    <legend class="text-sm font-medium">{target.label()}</legend>
                    <div class="flex items-end gap-2">
                        <div>
                            <label for=h_id.clone() class="block text-xs">
                                "Hours"
                            </label>
                            <input
                                id=h_id
                                name=format!("policy[{field}_h]")
                                value=hours
                                inputmode="numeric"
                                class=TEXT_INPUT
                                size="4"
                            />
                        </div>
                        <div>
                            <label for=m_id.clone() class="block text-xs">
                                "Minutes"
                            </label>
                            <input
                                id=m_id
                                name=format!("policy[{field}_m]")
                                value=mins
                                inputmode="numeric"
                                class=TEXT_INPUT
                                size="3"
                            />
                        </div>
                    </div>
                    {field_errors(error, field)}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:class="mt-3 space-y-3" attr:data-testid="sla-policy-form">
            <input type="hidden" name="policy_id" value=id.clone() />
            <FormAlert error />
            <div>
                <label for=format!("policy-name-{key}") class="block text-sm font-medium">
                    "Name"
                </label>
                <input
                    id=format!("policy-name-{key}")
                    name="policy[name]"
                    value=name
                    class=TEXT_INPUT
                    placeholder="Standard"
                />
                {field_errors(error, "name")}
            </div>
            <fieldset>
                <legend class="text-sm font-medium">
                    "Priorities it covers (none ticked: any)"
                </legend>
                {Priority::ALL
                    .iter()
                    .map(|p| {
                        let field = format!("priority_{}", p.as_str());
                        let checked = ticked(
                            &field,
                            policy.as_ref().is_some_and(|x| x.priorities.contains(p)),
                        );
                        view! {
                            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                <input
                                    type="checkbox"
                                    name=format!("policy[{field}]")
                                    checked=checked
                                />
                                {p.label()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset>
                <legend class="text-sm font-medium">"Types it covers (none ticked: any)"</legend>
                {ConversationKind::ALL
                    .iter()
                    .map(|k| {
                        let field = format!("kind_{}", k.as_str());
                        let checked = ticked(
                            &field,
                            policy.as_ref().is_some_and(|x| x.kinds.contains(k)),
                        );
                        view! {
                            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                <input
                                    type="checkbox"
                                    name=format!("policy[{field}]")
                                    checked=checked
                                />
                                {k.label()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="flex flex-wrap gap-6">{target_fields}</div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name="policy[business_hours]" checked=business />
                "Count only business hours"
            </label>
            <button type="submit" class=PRIMARY_BUTTON>
                {if id.is_empty() { "Create policy" } else { "Save policy" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn Hours(page: InboxSettingsView, manage: bool) -> impl IntoView {
    let save = ServerAction::<SaveBusinessHours>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let typed = move |name: &str| typed_value(&format!("hours[{name}]"), error);
    let sent = error.get_untracked().is_some();
    let summary = {
        let days: Vec<&str> =
            DAYS.iter().zip(page.business_days).filter(|(_, on)| *on).map(|(d, _)| *d).collect();
        format!("{}, {}–{} ({})", days.join(", "), page.opens_at, page.closes_at, page.timezone)
    };
    view! {
        <section class=CARD data-testid="business-hours">
            <h2 class="font-semibold">"Business hours"</h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "A policy that counts only business hours stops its clock outside them: with Monday to Friday 9–17, a message on Friday at 16:30 with a one-hour target is due on Monday at 9:30. The time zone is the workspace's."
            </p>
            <p class="text-sm" data-testid="hours-summary">
                {summary}
            </p>
            {manage
                .then(|| {
                    let opens = typed("opens").unwrap_or(page.opens_at.clone());
                    let closes = typed("closes").unwrap_or(page.closes_at.clone());
                    view! {
                        <ActionForm action=save attr:class="space-y-3">
                            <FormAlert error />
                            <fieldset>
                                <legend class="text-sm font-medium">"Working days"</legend>
                                {DAYS
                                    .iter()
                                    .enumerate()
                                    .map(|(i, day)| {
                                        let field = format!("day{}", i + 1);
                                        let checked = if sent {
                                            typed(&field).is_some_and(|v| v == "on")
                                        } else {
                                            page.business_days[i]
                                        };
                                        view! {
                                            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                                <input
                                                    type="checkbox"
                                                    name=format!("hours[{field}]")
                                                    checked=checked
                                                />
                                                {*day}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                                {field_errors(error, "days")}
                            </fieldset>
                            <div class="flex flex-wrap gap-4">
                                <div>
                                    <label for="hours-opens" class="block text-sm font-medium">
                                        "Opens"
                                    </label>
                                    <input
                                        id="hours-opens"
                                        type="time"
                                        name="hours[opens]"
                                        value=opens
                                        class=TEXT_INPUT
                                    />
                                    {field_errors(error, "opens")}
                                </div>
                                <div>
                                    <label for="hours-closes" class="block text-sm font-medium">
                                        "Closes"
                                    </label>
                                    <input
                                        id="hours-closes"
                                        type="time"
                                        name="hours[closes]"
                                        value=closes
                                        class=TEXT_INPUT
                                    />
                                    {field_errors(error, "closes")}
                                </div>
                            </div>
                            <button type="submit" class=PRIMARY_BUTTON>
                                "Save hours"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

#[component]
fn Rules(page: InboxSettingsView, manage: bool) -> impl IntoView {
    let add = ServerAction::<AddPriorityRule>::new();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let typed = move |name: &str| typed_value(&format!("rule[{name}]"), error);
    let empty = page.rules.is_empty();
    view! {
        <section class=CARD data-testid="priority-rules">
            <h2 class="font-semibold">"Priority rules"</h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Each message from a person is checked against these rules; the conversation rises to the highest priority matched (never lowered). Words match at the start of a word, in any case. A priority a person set stays as they set it."
            </p>
            {empty
                .then(|| {
                    view! {
                        <p class=EMPTY_STATE>"No rules: priorities stay as people set them."</p>
                    }
                })}
            <ol class="list-inside list-decimal space-y-1 text-sm">
                {page
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(i, rule)| {
                        let delete = ServerAction::<DeletePriorityRule>::new();
                        let text = rule.describe();
                        view! {
                            <li data-testid="priority-rule">
                                {text.clone()}
                                {manage
                                    .then(|| {
                                        view! {
                                            <span class="ml-2 inline-block align-middle">
                                                <Confirm
                                                    label="Delete"
                                                    question=format!("Delete the rule \"{text}\"?")
                                                >
                                                    <ActionForm action=delete>
                                                        <input type="hidden" name="index" value=i.to_string() />
                                                        <button type="submit" class=DANGER_BUTTON>
                                                            "Delete rule"
                                                        </button>
                                                    </ActionForm>
                                                </Confirm>
                                            </span>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {manage
                .then(|| {
                    let sentiment = typed("sentiment").unwrap_or_default();
                    let priority = typed("priority").unwrap_or_else(|| "high".to_owned());
                    view! {
                        <details open=error.get_untracked().is_some()>
                            <summary class="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
                                "New rule"
                            </summary>
                            <ActionForm
                                action=add
                                attr:class="mt-3 space-y-3"
                                attr:data-testid="rule-form"
                            >
                                <FormAlert error />
                                <div>
                                    <label for="rule-keywords" class="block text-sm font-medium">
                                        "Words or phrases (comma-separated; empty: any text)"
                                    </label>
                                    <input
                                        id="rule-keywords"
                                        name="rule[keywords]"
                                        value=typed("keywords").unwrap_or_default()
                                        class=TEXT_INPUT
                                        placeholder="refund, cancel, broken"
                                    />
                                    {field_errors(error, "keywords")}
                                </div>
                                <div class="flex flex-wrap gap-4">
                                    <div>
                                        <label
                                            for="rule-sentiment"
                                            class="block text-sm font-medium"
                                        >
                                            "Sentiment"
                                        </label>
                                        <select
                                            id="rule-sentiment"
                                            name="rule[sentiment]"
                                            class=TEXT_INPUT
                                        >
                                            <option value="" selected=sentiment.is_empty()>
                                                "Any"
                                            </option>
                                            {Sentiment::ALL
                                                .iter()
                                                .map(|s| {
                                                    view! {
                                                        <option value=s.as_str() selected=sentiment == s.as_str()>
                                                            {s.label()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <div>
                                        <label
                                            for="rule-followers"
                                            class="block text-sm font-medium"
                                        >
                                            "At least this many followers"
                                        </label>
                                        <input
                                            id="rule-followers"
                                            name="rule[followers]"
                                            inputmode="numeric"
                                            value=typed("followers").unwrap_or_default()
                                            class=TEXT_INPUT
                                        />
                                        {field_errors(error, "followers")}
                                    </div>
                                    <div>
                                        <label
                                            for="rule-priority"
                                            class="block text-sm font-medium"
                                        >
                                            "Sets priority to"
                                        </label>
                                        <select
                                            id="rule-priority"
                                            name="rule[priority]"
                                            class=TEXT_INPUT
                                        >
                                            {Priority::ALL
                                                .iter()
                                                .map(|p| {
                                                    view! {
                                                        <option value=p.as_str() selected=priority == p.as_str()>
                                                            {p.label()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                </div>
                                <fieldset>
                                    <legend class="text-sm font-medium">
                                        "Only for (none ticked: every type)"
                                    </legend>
                                    {ConversationKind::ALL
                                        .iter()
                                        .map(|k| {
                                            let field = format!("kind_{}", k.as_str());
                                            let checked = typed(&field).is_some_and(|v| v == "on");
                                            view! {
                                                <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                                    <input
                                                        type="checkbox"
                                                        name=format!("rule[{field}]")
                                                        checked=checked
                                                    />
                                                    {k.label()}
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                                <button type="submit" class=PRIMARY_BUTTON>
                                    "Add rule"
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
        </section>
    }
}

#[component]
fn RoundRobin(page: InboxSettingsView, manage: bool) -> impl IntoView {
    let save = ServerAction::<SaveRoundRobin>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let typed = move |name: &str| typed_value(&format!("round_robin[{name}]"), error);
    let sent = error.get_untracked().is_some();
    let ticked = move |name: &str, saved: bool| {
        if sent { typed(name).is_some_and(|v| v == "on") } else { saved }
    };
    let state = if page.round_robin {
        format!(
            "On: each new conversation goes to the available member who waited longest for one, skipping anyone with {} or more open.",
            page.cap
        )
    } else {
        "Off: new conversations wait unassigned until someone takes them.".to_owned()
    };
    view! {
        <section class=CARD data-testid="round-robin">
            <h2 class="font-semibold">"Round-robin assignment"</h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">{state}</p>
            {manage
                .then(|| {
                    let cap = typed("cap").unwrap_or_else(|| page.cap.to_string());
                    view! {
                        <ActionForm action=save attr:class="space-y-3">
                            <FormAlert error />
                            <label class="flex items-center gap-2 text-sm">
                                <input
                                    type="checkbox"
                                    name="round_robin[on]"
                                    checked=ticked("on", page.round_robin)
                                />
                                "Hand out new conversations by round robin"
                            </label>
                            <div>
                                <label for="round-robin-cap" class="block text-sm font-medium">
                                    "Most open conversations per person"
                                </label>
                                <input
                                    id="round-robin-cap"
                                    name="round_robin[cap]"
                                    value=cap
                                    inputmode="numeric"
                                    class=TEXT_INPUT
                                    size="5"
                                />
                                {field_errors(error, "cap")}
                            </div>
                            <fieldset>
                                <legend class="text-sm font-medium">"Who takes part"</legend>
                                {page
                                    .agents
                                    .iter()
                                    .map(|(user, name, available)| {
                                        let field = format!("agent_{user}");
                                        view! {
                                            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                                                <input
                                                    type="checkbox"
                                                    name=format!("round_robin[{field}]")
                                                    checked=ticked(&field, *available)
                                                />
                                                {name.clone()}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <button type="submit" class=PRIMARY_BUTTON>
                                "Save round robin"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}
