//! `/inbox/:conversation_id`: one conversation — the thread in order, the post
//! it is about, the same person's other conversations, internal notes — and
//! the forms to answer through the platform, triage it and note something.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::contexts::inbox::api::{
    DecideReply, DeleteSavedReply, DraftReply, NoteConversation, ReplyConversation, SaveSavedReply,
    TriageConversation, get_conversation,
};
use crate::contexts::inbox::types::{ConversationView, Priority, ReplyDraft, Sentiment, Status};
use crate::ui::feedback::{Confirm, ErrorPanel, Loading, done_notice};
use crate::ui::form::{
    DANGER_BUTTON, FormAlert, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT, field_errors,
    messages_for, once_token, typed_value,
};
use crate::ui::time::When;

use super::live::ConversationKeys;

const LABEL: &str = "block text-sm font-medium";

#[component]
pub fn ConversationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("conversation_id").unwrap_or_default();
    let conversation = Resource::new(id, get_conversation);
    view! {
        <Title text="Conversation · Inbox · Aura" />
        <p class="text-sm">
            <a href="/inbox" class="text-indigo-700 hover:underline dark:text-indigo-300">
                "← Inbox"
            </a>
        </p>
        {done_notice::<DraftReply>("Draft ready: read it before you send it")}
        {done_notice::<TriageConversation>("Conversation updated")}
        {done_notice::<NoteConversation>("Note added")}
        {done_notice::<SaveSavedReply>("Saved reply kept")}
        {done_notice::<DeleteSavedReply>("Saved reply deleted")}
        {done_notice::<crate::contexts::inbox::api::MakeLead>("Lead saved")}
        {done_notice::<DecideReply>("Decision recorded")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match conversation.await {
                    Ok(c) => {
                        view! {
                            <Conversation c />
                            <ConversationKeys />
                        }
                            .into_any()
                    }
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Conversation(c: ConversationView) -> impl IntoView {
    let id = c.id.to_string();
    let heading = format!("{} · {}", c.participant, c.kind.label());
    let sentiment = match (c.sentiment, c.sentiment_manual) {
        (Some(s), true) => format!("{} (set by a person)", s.label()),
        (Some(s), false) => s.label().to_owned(),
        (None, _) => "Not scored".to_owned(),
    };
    // A reply a chain holds is not sent yet: the notice says so.
    let held =
        c.messages.last().is_some_and(|m| m.delivery.as_deref() == Some("awaiting_approval"));
    view! {
        {if held {
            done_notice::<ReplyConversation>("Reply sent for approval").into_any()
        } else {
            done_notice::<ReplyConversation>("Reply sent").into_any()
        }}
        <div class="space-y-1">
            <h1 class="text-2xl font-semibold" data-testid="conversation-heading">
                {heading}
            </h1>
            <p class="text-xs text-slate-600 dark:text-slate-300">
                "Keys: r reply, a assign, e resolve"
            </p>
            {c
                .bot_handover
                .clone()
                .map(|why| {
                    view! {
                        <p
                            class="text-sm text-slate-600 dark:text-slate-300"
                            data-testid="bot-handover"
                        >
                            {format!("The chatbot handed this conversation to the team: {why}.")}
                        </p>
                    }
                })}
            <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="conversation-facts">
                {format!(
                    "{} · {} · {} priority · {}",
                    c.account,
                    c.status.label(),
                    c.priority.label(),
                    sentiment,
                )}
                {c
                    .snoozed_until
                    .map(|at| {
                        view! {
                            " · snoozed until "
                            <When at />
                        }
                    })}
            </p>
            {c
                .post
                .clone()
                .map(|(post, text)| {
                    view! {
                        <p class="text-sm">
                            "On your post "
                            <a
                                href=format!("/posts/{post}")
                                class="text-indigo-700 hover:underline dark:text-indigo-300"
                            >
                                {format!("\u{201c}{text}\u{201d}")}
                            </a>
                        </p>
                    }
                })}
        </div>
        <div class="grid gap-6 lg:grid-cols-3">
            <section aria-labelledby="thread-heading" class="space-y-4 lg:col-span-2">
                <h2 id="thread-heading" class="sr-only">
                    "Thread"
                </h2>
                <ol class="space-y-3" data-testid="thread">
                    {c
                        .messages
                        .iter()
                        .map(|m| {
                            let who = if m.inbound {
                                c.participant.clone()
                            } else {
                                m.author.clone().unwrap_or_else(|| "Your team".to_owned())
                            };
                            let box_class = if m.inbound {
                                "mr-12 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800"
                            } else {
                                "ml-12 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950"
                            };
                            let state = match (m.delivery.as_deref(), &m.error) {
                                (Some("failed"), Some(why)) => Some(format!("Not sent: {why}")),
                                (Some("returned"), Some(why)) => Some(format!("Not sent. {why}")),
                                (Some("sending"), _) => Some("Sending…".to_owned()),
                                (Some("awaiting_approval"), _) if m.waiting_on.is_empty() => {
                                    Some("Waiting for approval.".to_owned())
                                }
                                (Some("awaiting_approval"), _) => {
                                    Some(
                                        format!(
                                            "Waiting for approval from {}.",
                                            m.waiting_on.join(", "),
                                        ),
                                    )
                                }
                                _ => None,
                            };
                            let state_class = if m.delivery.as_deref() == Some("awaiting_approval")
                            {
                                "mt-1 text-xs text-amber-800 dark:text-amber-200"
                            } else {
                                "mt-1 text-xs text-red-700 dark:text-red-300"
                            };
                            let decide = m
                                .can_decide
                                .then(|| {
                                    view! { <DecideReply id=id.clone() message=m.id.to_string() /> }
                                });
                            view! {
                                <li
                                    class=box_class
                                    data-testid="message"
                                    data-inbound=m.inbound.to_string()
                                >
                                    <p class="text-xs text-slate-600 dark:text-slate-300">
                                        {who} " · " <When at=m.at />
                                        {m.automatic.then_some(" · automatic")}
                                        {m.drafted_with_ai.then_some(" · drafted with AI")}
                                    </p>
                                    <p class="mt-1 whitespace-pre-wrap break-words">
                                        {m.content.clone()}
                                    </p>
                                    {state
                                        .map(|s| {
                                            view! {
                                                <p class=state_class data-testid="reply-state">
                                                    {s}
                                                </p>
                                            }
                                        })}
                                    {decide}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                {match (&c.no_reply, c.can_update) {
                    (Some(why), _) => {
                        view! {
                            <p
                                class="text-sm text-slate-600 dark:text-slate-300"
                                data-testid="no-reply"
                            >
                                {why.clone()}
                            </p>
                        }
                            .into_any()
                    }
                    (None, true) => {
                        view! { <ReplyForm id=id.clone() draft=c.draft.clone() /> }.into_any()
                    }
                    (None, false) => ().into_any(),
                }}
            </section>
            <aside class="space-y-6">
                <Sla c=c.clone() />
                <Lead c=c.clone() />
                {c.can_update.then(|| view! { <TriageForm c=c.clone() /> })}
                <Notes c=c.clone() />
                <SavedReplies c=c.clone() />
                {(!c.others.is_empty())
                    .then(|| {
                        view! {
                            <section aria-labelledby="others-heading" class="space-y-2 text-sm">
                                <h2 id="others-heading" class="font-semibold">
                                    "Their other conversations"
                                </h2>
                                <ul class="space-y-1">
                                    {c
                                        .others
                                        .iter()
                                        .map(|(other, kind, at)| {
                                            view! {
                                                <li>
                                                    <a
                                                        href=format!("/inbox/{other}")
                                                        class="text-indigo-700 hover:underline dark:text-indigo-300"
                                                    >
                                                        {kind.label()}
                                                    </a>
                                                    " · "
                                                    <When at=*at />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })}
            </aside>
        </div>
    }
}

/// An approver's decision on a reply waiting for them: approve (it is sent
/// after the last level) or ask for changes, with a comment.
#[component]
fn DecideReply(id: String, message: String) -> impl IntoView {
    let decide = ServerAction::<DecideReply>::new();
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    let mine = typed_value("message_id", error).is_none_or(|sent| sent == message);
    let error = Signal::derive(move || if mine { error.get() } else { None });
    let comment = typed_value("comment", error).unwrap_or_default();
    let field = format!("decide-comment-{message}");
    view! {
        <ActionForm action=decide attr:class="mt-2 space-y-2" attr:data-testid="decide-reply">
            <input type="hidden" name="conversation_id" value=id />
            <input type="hidden" name="message_id" value=message.clone() />
            <FormAlert error />
            <label for=field.clone() class=LABEL>
                "Comment (needed to ask for changes)"
            </label>
            <textarea id=field name="comment" rows="2" maxlength="2000" class=TEXT_INPUT>
                {comment}
            </textarea>
            {field_errors(error, "comment")}
            <div class="flex flex-wrap gap-2">
                <button type="submit" name="decision" value="approve" class=PRIMARY_BUTTON>
                    "Approve and send"
                </button>
                <button
                    type="submit"
                    name="decision"
                    value="request_changes"
                    class=SECONDARY_BUTTON
                >
                    "Ask for changes"
                </button>
            </div>
        </ActionForm>
    }
}

#[component]
fn ReplyForm(id: String, draft: Option<ReplyDraft>) -> impl IntoView {
    let reply = ServerAction::<ReplyConversation>::new();
    // "Draft with AI" posts the same form to its own server function.
    let drafting = ServerAction::<DraftReply>::new();
    let error = Signal::derive(move || {
        reply.value().get().and_then(Result::err).or(drafting.value().get().and_then(Result::err))
    });
    let draft_path = <DraftReply as leptos::server_fn::ServerFn>::PATH;
    let messages = messages_for(error.get_untracked(), "reply");
    // What the member typed before a refusal wins over the model's draft.
    let (typed, draft) = match (typed_value("reply", error), draft) {
        (Some(typed), _) => (typed, None),
        (None, Some(draft)) => (draft.text.clone(), Some(draft)),
        (None, None) => (String::new(), None),
    };
    view! {
        <ActionForm action=reply attr:class="space-y-2" attr:data-testid="reply-form">
            <input type="hidden" name="conversation_id" value=id />
            // A new token each time the form is drawn: sent twice, it sends once.
            <input type="hidden" name="reply_token" value=once_token() />
            <FormAlert error />
            <label for="reply" class=LABEL>
                "Reply"
            </label>
            {draft
                .map(|d| {
                    view! {
                        <input type="hidden" name="drafted" value="ai" />
                        <p
                            class="rounded-md bg-indigo-50 px-3 py-2 text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
                            data-testid="ai-draft-note"
                        >
                            {d.note}
                            ". Read it and change what is not right before you send it."
                        </p>
                    }
                })}
            <textarea
                id="reply"
                name="reply"
                rows="4"
                maxlength="2000"
                class=TEXT_INPUT
                aria-invalid=(!messages.is_empty()).to_string()
            >
                {typed}
            </textarea>
            {messages
                .into_iter()
                .map(|m| {
                    view! {
                        <p class="text-sm text-red-700 dark:text-red-300" data-testid="reply-error">
                            {m}
                        </p>
                    }
                })
                .collect_view()}
            <p class="text-xs text-slate-600 dark:text-slate-300">
                "Type /shortcut for a saved reply; {name} becomes their first name. "
                "Draft with AI follows what the box says, if anything."
            </p>
            <div class="flex flex-wrap gap-2">
                <button type="submit" class=PRIMARY_BUTTON>
                    "Send reply"
                </button>
                <button
                    type="submit"
                    formaction=draft_path
                    class=SECONDARY_BUTTON
                    data-testid="ai-draft"
                >
                    "Draft with AI"
                </button>
            </div>
        </ActionForm>
    }
}

#[component]
fn TriageForm(c: ConversationView) -> impl IntoView {
    let triage = ServerAction::<TriageConversation>::new();
    let error = Signal::derive(move || triage.value().get().and_then(Result::err));
    let select = |name: &'static str,
                  label: &'static str,
                  choices: Vec<(String, String)>,
                  chosen: String| {
        let field = format!("conversation[{name}]");
        let id = format!("triage-{name}");
        view! {
            <div>
                <label for=id.clone() class=LABEL>
                    {label}
                </label>
                <select id=id name=field class=TEXT_INPUT>
                    {choices
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == chosen;
                            view! {
                                <option value=value selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let statuses =
        Status::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())).collect();
    let priorities =
        Priority::ALL.iter().map(|p| (p.as_str().to_owned(), p.label().to_owned())).collect();
    let mut assignees = vec![(String::new(), "Nobody".to_owned())];
    assignees.extend(c.members.iter().map(|(id, n)| (id.to_string(), n.clone())));
    let mut sentiments = vec![(String::new(), "As scored".to_owned())];
    sentiments.extend(Sentiment::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())));
    let mut snoozes = match c.snoozed_until {
        Some(_) => vec![
            ("keep".to_owned(), "Keep snoozed".to_owned()),
            (String::new(), "Wake it now".to_owned()),
        ],
        None => vec![(String::new(), "Not snoozed".to_owned())],
    };
    snoozes.extend([
        ("1".to_owned(), "1 hour".to_owned()),
        ("4".to_owned(), "4 hours".to_owned()),
        ("24".to_owned(), "1 day".to_owned()),
        ("168".to_owned(), "1 week".to_owned()),
    ]);
    let chosen_sentiment = if c.sentiment_manual {
        c.sentiment.map(|s| s.as_str().to_owned()).unwrap_or_default()
    } else {
        String::new()
    };
    let tags = typed_value("conversation[tags]", error).unwrap_or_else(|| c.tags.join(", "));
    view! {
        <ActionForm
            action=triage
            attr:class="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
            attr:data-testid="triage-form"
        >
            <h2 class="font-semibold">"Triage"</h2>
            <input type="hidden" name="conversation_id" value=c.id.to_string() />
            <FormAlert error />
            {select("status", "Status", statuses, c.status.as_str().to_owned())}
            {select("priority", "Priority", priorities, c.priority.as_str().to_owned())}
            {select(
                "assignee",
                "Assignee",
                assignees,
                c.assignee.map(|a| a.to_string()).unwrap_or_default(),
            )}
            {select("sentiment", "Sentiment", sentiments, chosen_sentiment)}
            {select(
                "snooze",
                "Snooze",
                snoozes,
                if c.snoozed_until.is_some() { "keep".to_owned() } else { String::new() },
            )}
            <div>
                <label for="triage-tags" class=LABEL>
                    "Tags (comma-separated)"
                </label>
                <input id="triage-tags" name="conversation[tags]" value=tags class=TEXT_INPUT />
            </div>
            <button type="submit" class=SECONDARY_BUTTON>
                "Save"
            </button>
        </ActionForm>
    }
}

#[component]
fn Notes(c: ConversationView) -> impl IntoView {
    let note = ServerAction::<NoteConversation>::new();
    let error = Signal::derive(move || note.value().get().and_then(Result::err));
    let typed = typed_value("note", error).unwrap_or_default();
    view! {
        <section aria-labelledby="notes-heading" class="space-y-2 text-sm">
            <h2 id="notes-heading" class="font-semibold">
                "Internal notes"
            </h2>
            {if c.notes.is_empty() {
                view! {
                    <p class="text-slate-600 dark:text-slate-300">
                        "Only your team sees notes; they never reach the platform."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="space-y-2" data-testid="notes">
                        {c
                            .notes
                            .iter()
                            .map(|n| {
                                view! {
                                    <li class="rounded-md bg-amber-50 p-2 dark:bg-amber-950">
                                        <p class="text-xs text-slate-600 dark:text-slate-300">
                                            {n.author.clone()} " · " <When at=n.at />
                                        </p>
                                        <p class="whitespace-pre-wrap break-words">
                                            {n.body.clone()}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {c
                .can_update
                .then(|| {
                    view! {
                        <ActionForm action=note attr:class="space-y-2" attr:data-testid="note-form">
                            <input type="hidden" name="conversation_id" value=c.id.to_string() />
                            <FormAlert error />
                            <label for="note" class="sr-only">
                                "Note"
                            </label>
                            <textarea
                                id="note"
                                name="note"
                                rows="2"
                                class=TEXT_INPUT
                                placeholder="Add a note for the team"
                            >
                                {typed}
                            </textarea>
                            <button type="submit" class=SECONDARY_BUTTON>
                                "Add note"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// The workspace's saved replies: each shortcut with its text, deleting one
/// (asking first), and the form for a new one.
#[component]
fn SavedReplies(c: ConversationView) -> impl IntoView {
    let save = ServerAction::<SaveSavedReply>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let shortcut = typed_value("shortcut", error).unwrap_or_default();
    let body = typed_value("body", error).unwrap_or_default();
    let shortcut_messages = messages_for(error.get_untracked(), "shortcut");
    let body_messages = messages_for(error.get_untracked(), "body");
    let can_delete = c.can_delete_saved;
    view! {
        <section aria-labelledby="saved-heading" class="space-y-2 text-sm">
            <h2 id="saved-heading" class="font-semibold">
                "Saved replies"
            </h2>
            {if c.saved_replies.is_empty() {
                view! {
                    <p class="text-slate-600 dark:text-slate-300">
                        "None yet. Keep your answers to common questions here and type /shortcut in a reply."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="space-y-2" data-testid="saved-replies">
                        {c
                            .saved_replies
                            .iter()
                            .map(|(id, shortcut, body)| {
                                view! {
                                    <li class="space-y-1">
                                        <p>
                                            <code class="font-medium">{format!("/{shortcut}")}</code>
                                            " "
                                            <span class="text-slate-600 dark:text-slate-300">
                                                {body.clone()}
                                            </span>
                                        </p>
                                        {can_delete
                                            .then(|| {
                                                view! {
                                                    <DeleteSaved id=id.to_string() shortcut=shortcut.clone() />
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
            {c
                .can_update
                .then(|| {
                    view! {
                        <details open=error.get_untracked().is_some()>
                            <summary class="cursor-pointer font-medium">"New saved reply"</summary>
                            <ActionForm
                                action=save
                                attr:class="mt-2 space-y-2"
                                attr:data-testid="saved-form"
                            >
                                <FormAlert error />
                                <label for="saved-shortcut" class=LABEL>
                                    "Shortcut"
                                </label>
                                <input
                                    id="saved-shortcut"
                                    name="shortcut"
                                    value=shortcut
                                    class=TEXT_INPUT
                                    placeholder="hours"
                                    aria-invalid=(!shortcut_messages.is_empty()).to_string()
                                />
                                {shortcut_messages
                                    .into_iter()
                                    .map(|m| {
                                        view! { <p class="text-red-700 dark:text-red-300">{m}</p> }
                                    })
                                    .collect_view()}
                                <label for="saved-body" class=LABEL>
                                    "Its text"
                                </label>
                                <textarea
                                    id="saved-body"
                                    name="body"
                                    rows="3"
                                    class=TEXT_INPUT
                                    placeholder="Hi {name}, we open at 8 every day."
                                    aria-invalid=(!body_messages.is_empty()).to_string()
                                >
                                    {body}
                                </textarea>
                                {body_messages
                                    .into_iter()
                                    .map(|m| {
                                        view! { <p class="text-red-700 dark:text-red-300">{m}</p> }
                                    })
                                    .collect_view()}
                                <button type="submit" class=SECONDARY_BUTTON>
                                    "Keep it"
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
        </section>
    }
}

#[component]
fn DeleteSaved(id: String, shortcut: String) -> impl IntoView {
    let delete = ServerAction::<DeleteSavedReply>::new();
    view! {
        <Confirm label="Delete" question=format!("Delete the saved reply /{shortcut}?")>
            <ActionForm action=delete>
                <input type="hidden" name="reply_id" value=id />
                <button type="submit" class=DANGER_BUTTON>
                    "Yes, delete"
                </button>
            </ActionForm>
        </Confirm>
    }
}

/// The conversation's SLA clocks: each target, when it was due, and whether it
/// was met in time, missed (and stays missed), stopped or still running.
#[component]
fn Sla(c: ConversationView) -> impl IntoView {
    let outcome = match c.sla_outcome.as_deref() {
        Some("hit") => Some("SLA met"),
        Some("missed") => Some("SLA missed"),
        _ => None,
    };
    let now = chrono::Utc::now();
    view! {
        <section aria-labelledby="sla-heading" class="space-y-2 text-sm" data-testid="sla">
            <h2 id="sla-heading" class="font-semibold">
                "SLA"
                {outcome
                    .map(|o| {
                        view! {
                            <span class="ml-2 font-normal" data-testid="sla-outcome">
                                {o}
                            </span>
                        }
                    })}
            </h2>
            {if c.sla.is_empty() {
                view! {
                    <p class="text-slate-600 dark:text-slate-300">
                        "No SLA policy covers this conversation. "
                        <a
                            href="/inbox/settings"
                            class="text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                            "SLA policies"
                        </a>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="space-y-1">
                        {c
                            .sla
                            .iter()
                            .map(|clock| {
                                let (state, class) = match (
                                    clock.met_at,
                                    clock.stopped_at,
                                    clock.breached_at,
                                ) {
                                    (Some(_), _, Some(_)) => {
                                        ("Missed, answered late", "text-red-700 dark:text-red-300")
                                    }
                                    (_, _, Some(_)) => ("Missed", "text-red-700 dark:text-red-300"),
                                    (Some(_), _, None) => {
                                        ("Met", "text-emerald-700 dark:text-emerald-300")
                                    }
                                    (None, Some(_), None) => {
                                        ("Stopped (closed)", "text-slate-600 dark:text-slate-300")
                                    }
                                    (None, None, None) if clock.due_at < now => {
                                        ("Overdue", "text-red-700 dark:text-red-300")
                                    }
                                    (None, None, None) => {
                                        ("Running", "text-amber-800 dark:text-amber-200")
                                    }
                                };
                                view! {
                                    <li data-testid="sla-clock">
                                        <span class="font-medium">{clock.target.label()}</span>
                                        " · "
                                        <span class=class data-testid="sla-state">
                                            {state}
                                        </span>
                                        " · due "
                                        <When at=clock.due_at />
                                        <span class="block text-xs text-slate-600 dark:text-slate-300">
                                            {format!("Policy: {}", clock.policy)}
                                        </span>
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

/// The CRM lead the participant is, or "Make this a lead".
#[component]
fn Lead(c: ConversationView) -> impl IntoView {
    let make = ServerAction::<crate::contexts::inbox::api::MakeLead>::new();
    let error = Signal::derive(move || make.value().get().and_then(Result::err));
    let id = c.id.to_string();
    view! {
        <section aria-labelledby="lead-heading" class="space-y-2 text-sm" data-testid="lead">
            <h2 id="lead-heading" class="font-semibold">
                "Lead"
            </h2>
            {match (c.lead.clone(), c.can_make_lead && c.can_update) {
                (Some(lead), _) => {
                    view! {
                        <p data-testid="lead-link">
                            {format!(
                                "{} · {}{}",
                                lead.name,
                                lead.status,
                                lead.email.map(|e| format!(" · {e}")).unwrap_or_default(),
                            )}
                        </p>
                    }
                        .into_any()
                }
                (None, true) => {
                    let email = typed_value("email", error).unwrap_or_default();
                    let phone = typed_value("phone", error).unwrap_or_default();
                    view! {
                        <ActionForm action=make attr:class="space-y-2">
                            <FormAlert error />
                            <input type="hidden" name="conversation_id" value=id />
                            <label for="lead-email" class=LABEL>
                                "Email (optional)"
                            </label>
                            <input
                                id="lead-email"
                                name="email"
                                type="email"
                                value=email
                                class=TEXT_INPUT
                            />
                            {messages_for(error.get_untracked(), "email")
                                .into_iter()
                                .map(|m| {
                                    view! { <p class="text-red-700 dark:text-red-300">{m}</p> }
                                })
                                .collect_view()}
                            <label for="lead-phone" class=LABEL>
                                "Phone (optional)"
                            </label>
                            <input
                                id="lead-phone"
                                name="phone"
                                type="tel"
                                value=phone
                                class=TEXT_INPUT
                            />
                            {messages_for(error.get_untracked(), "phone")
                                .into_iter()
                                .map(|m| {
                                    view! { <p class="text-red-700 dark:text-red-300">{m}</p> }
                                })
                                .collect_view()}
                            <button type="submit" class=SECONDARY_BUTTON>
                                "Make this a lead"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
                (None, false) => {
                    view! { <p class="text-slate-600 dark:text-slate-300">"Not a lead."</p> }
                        .into_any()
                }
            }}
        </section>
    }
}
