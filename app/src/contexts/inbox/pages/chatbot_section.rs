//! The chatbot on `/inbox/settings`: on or off, what it answers (direct
//! messages, comments), its answers by keyword, the words that hand a thread
//! to a person and what it says then, and the away message outside business
//! hours. Managers change it; everyone who reads the inbox sees it.

use leptos::prelude::*;

use crate::contexts::inbox::api::{AddBotAnswer, DeleteBotAnswer, SaveChatbot};
use crate::contexts::inbox::types::{ChatbotView, ConversationKind};
use crate::ui::feedback::{Confirm, EMPTY_STATE, done_notice};
use crate::ui::form::{
    CARD, DANGER_BUTTON, FormAlert, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT, field_errors,
    typed_checked, typed_value,
};

/// The notices of the chatbot's forms.
pub fn chatbot_notices() -> impl IntoView {
    view! {
        {done_notice::<SaveChatbot>("Chatbot saved")}
        {done_notice::<AddBotAnswer>("Answer added")}
        {done_notice::<DeleteBotAnswer>("Answer deleted")}
    }
}

#[component]
pub fn ChatbotSection(chatbot: ChatbotView, manage: bool) -> impl IntoView {
    let ChatbotView { on, bot } = chatbot;
    let state = if on {
        "On: it answers the messages it knows and hands the rest to the team."
    } else {
        "Off: every message waits for a person."
    };
    let answers = bot.answers.clone();
    view! {
        <section class=CARD aria-labelledby="chatbot-heading" data-testid="chatbot">
            <h2 id="chatbot-heading" class="font-semibold">
                "Chatbot"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Answers common questions by keyword, says an away message outside business hours, "
                "and hands the conversation to the team when asked or when it has no answer. "
                "Its replies are marked automatic in the thread; once a person answers, the thread is the team's."
            </p>
            <p class="text-sm font-medium" data-testid="chatbot-state">
                {state}
            </p>
            {if answers.is_empty() {
                view! {
                    <p class=EMPTY_STATE>
                        "No answers yet. Add one for a question people ask often, such as opening hours."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="space-y-2 text-sm" data-testid="bot-answers">
                        {answers
                            .into_iter()
                            .enumerate()
                            .map(|(i, a)| {
                                let words = a.keywords.join(", ");
                                view! {
                                    <li data-testid="bot-answer">
                                        <span class="font-medium">{format!("\"{words}\"")}</span>
                                        " → "
                                        {a.reply.clone()}
                                        {manage.then(|| view! { <DeleteAnswer index=i words /> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {manage
                .then(|| {
                    view! {
                        <AnswerForm />
                        <SettingsForm on bot=bot.clone() />
                    }
                })}
        </section>
    }
}

#[component]
fn DeleteAnswer(index: usize, words: String) -> impl IntoView {
    let delete = ServerAction::<DeleteBotAnswer>::new();
    view! {
        <span class="ml-2 inline-block align-middle">
            <Confirm label="Delete" question=format!("Delete the answer to \"{words}\"?")>
                <ActionForm action=delete>
                    <input type="hidden" name="index" value=index.to_string() />
                    <button type="submit" class=DANGER_BUTTON>
                        "Delete answer"
                    </button>
                </ActionForm>
            </Confirm>
        </span>
    }
}

#[component]
fn AnswerForm() -> impl IntoView {
    let add = ServerAction::<AddBotAnswer>::new();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let typed = move |name: &str| typed_value(&format!("answer[{name}]"), error);
    let rejected = error.get_untracked().is_some();
    view! {
        <details class="text-sm" open=rejected>
            <summary class="cursor-pointer font-medium">"New answer"</summary>
            <ActionForm action=add attr:class="mt-2 space-y-2" attr:data-testid="bot-answer-form">
                <FormAlert error />
                <label for="bot-keywords" class="block text-sm font-medium">
                    "When a message says"
                </label>
                <input
                    id="bot-keywords"
                    name="answer[keywords]"
                    class=TEXT_INPUT
                    placeholder="hours, open, closing"
                    value=typed("keywords").unwrap_or_default()
                />
                <p class="text-xs text-slate-600 dark:text-slate-300">
                    "Words or phrases, separated by commas; each matches at the start of a word, in any case."
                </p>
                {field_errors(error, "keywords")}
                <label for="bot-reply" class="block text-sm font-medium">
                    "Answer"
                </label>
                <textarea
                    id="bot-reply"
                    name="answer[reply]"
                    rows="3"
                    maxlength="2000"
                    class=TEXT_INPUT
                >
                    {typed("reply").unwrap_or_default()}
                </textarea>
                <p class="text-xs text-slate-600 dark:text-slate-300">
                    "{name} becomes the person's first name."
                </p>
                {field_errors(error, "reply")}
                <button type="submit" class=SECONDARY_BUTTON>
                    "Add answer"
                </button>
            </ActionForm>
        </details>
    }
}

#[component]
fn SettingsForm(on: bool, bot: crate::contexts::inbox::chatbot::Chatbot) -> impl IntoView {
    let save = ServerAction::<SaveChatbot>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let typed = move |name: &str| typed_value(&format!("chatbot[{name}]"), error);
    let checked = move |name: &str, stored: bool| {
        typed_checked(&format!("chatbot[{name}]"), error).unwrap_or(stored)
    };
    let kinds = bot.kinds.clone();
    let kind_box = move |kind: ConversationKind, label: &'static str| {
        let name = kind.as_str();
        view! {
            <label class="mr-4 inline-flex items-center gap-2 text-sm">
                <input
                    type="checkbox"
                    name=format!("chatbot[{name}]")
                    checked=checked(name, kinds.contains(&kind))
                />
                {label}
            </label>
        }
    };
    view! {
        <ActionForm action=save attr:class="space-y-3" attr:data-testid="chatbot-form">
            <FormAlert error />
            <label class="inline-flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" name="chatbot[on]" checked=checked("on", on) />
                "The chatbot answers"
            </label>
            <fieldset>
                <legend class="text-sm font-medium">"It answers"</legend>
                {kind_box(ConversationKind::Dm, "Direct messages")}
                {kind_box(ConversationKind::Comment, "Comments")}
                {field_errors(error, "dm")}
            </fieldset>
            <div>
                <label for="bot-handover-words" class="block text-sm font-medium">
                    "Hand to a person when a message says"
                </label>
                <input
                    id="bot-handover-words"
                    name="chatbot[handover_words]"
                    class=TEXT_INPUT
                    value=typed("handover_words").unwrap_or_else(|| bot.handover_words.join(", "))
                />
            </div>
            <div>
                <label for="bot-handover-reply" class="block text-sm font-medium">
                    "Then say"
                </label>
                <textarea
                    id="bot-handover-reply"
                    name="chatbot[handover_reply]"
                    rows="2"
                    maxlength="2000"
                    class=TEXT_INPUT
                >
                    {typed("handover_reply").unwrap_or(bot.handover_reply.clone())}
                </textarea>
                {field_errors(error, "handover_reply")}
            </div>
            <div>
                <label for="bot-away" class="block text-sm font-medium">
                    "Away message outside business hours"
                </label>
                <textarea
                    id="bot-away"
                    name="chatbot[away]"
                    rows="2"
                    maxlength="2000"
                    class=TEXT_INPUT
                >
                    {typed("away").unwrap_or(bot.away.clone())}
                </textarea>
                <p class="text-xs text-slate-600 dark:text-slate-300">
                    "Said once in 12 hours per conversation when no answer fits; empty: none."
                </p>
                {field_errors(error, "away")}
            </div>
            <button type="submit" class=PRIMARY_BUTTON>
                "Save chatbot"
            </button>
        </ActionForm>
    }
}
