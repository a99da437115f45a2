//! `/listening/mentions/:mention_id`: one mention — its text, author, reach and
//! sentiment, where it is — and "Send to the inbox".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{ListeningNav, platform_label, sentiment_class};
use crate::contexts::listening::api::{SendMentionToInbox, get_mention};
use crate::contexts::listening::types::MentionView;
use crate::ui::feedback::{ErrorPanel, Loading};
use crate::ui::form::{FormAlert, PRIMARY_BUTTON, messages_for};
use crate::ui::time::When;

#[component]
pub fn MentionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("mention_id").unwrap_or_default();
    let mention = Resource::new(id, get_mention);
    view! {
        <Title text="Mention · Aura" />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <a
                href="/listening"
                class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
                "← Mentions"
            </a>
            <ListeningNav />
        </div>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match mention.await {
                    Ok(m) => view! { <Mention m /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Mention(m: MentionView) -> impl IntoView {
    let send = ServerAction::<SendMentionToInbox>::new();
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    let line = m.line.clone();
    let text: String = line.segments.iter().map(|(t, _)| t.as_str()).collect();
    let followers = line.followers.map_or("unknown".to_owned(), |f| f.to_string());
    view! {
        <article
            class="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
            data-testid="mention-view"
        >
            <h1 class="text-xl font-semibold">
                {format!("{} on {}", line.author(), platform_label(&line.platform))}
            </h1>
            <p class="whitespace-pre-wrap break-words">{text}</p>
            <p class="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
                <span class=sentiment_class(&line.sentiment)>{line.sentiment.clone()}</span>
                <When at=line.created_at />
                {format!(
                    " · {} followers · reach {} · engagement {}",
                    followers,
                    line.reach,
                    line.engagement,
                )}
                {(!m.language.is_empty()).then(|| format!(" · language {}", m.language))}
                {m.is_influencer.then_some(" · influencer")}
                {(!line.query.is_empty())
                    .then(|| format!(" · found by \u{201c}{}\u{201d}", line.query))}
            </p>
            {(!line.url.is_empty())
                .then(|| {
                    view! {
                        <a
                            href=line.url.clone()
                            rel="noopener noreferrer"
                            target="_blank"
                            class="text-sm text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                            "Open it on the platform"
                        </a>
                    }
                })}
            {match (m.conversation.clone(), m.can_send) {
                (Some(c), _) => {
                    view! {
                        <p class="text-sm" data-testid="in-inbox">
                            "In the inbox: "
                            <a
                                href=format!("/inbox/{c}")
                                class="text-indigo-700 hover:underline dark:text-indigo-300"
                            >
                                "open the conversation"
                            </a>
                        </p>
                    }
                        .into_any()
                }
                (None, true) => {
                    view! {
                        <ActionForm action=send>
                            <FormAlert error />
                            {messages_for(error.get_untracked(), "mention")
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <p
                                            class="text-sm text-red-700 dark:text-red-300"
                                            data-testid="send-error"
                                        >
                                            {m}
                                        </p>
                                    }
                                })
                                .collect_view()}
                            <input type="hidden" name="mention_id" value=line.id.clone() />
                            <button type="submit" class=PRIMARY_BUTTON>
                                "Send to the inbox"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
                (None, false) => ().into_any(),
            }}
        </article>
    }
}
