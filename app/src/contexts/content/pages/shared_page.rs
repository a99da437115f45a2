//! `/review/:token`: what a client's approval link shows, without signing in —
//! only the posts shared with it, each with its text per account and its
//! pictures, and for a post waiting on them, "Approve" and "Request changes".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::contexts::content::api::{DecideShared, get_shared};
use crate::contexts::content::types::{SharedPost, SharedView};
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading, done_notice};
use crate::ui::form::{
    FormAlert, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT, messages_for, typed_value,
};
use crate::ui::time::When;

#[component]
pub fn SharedPage() -> impl IntoView {
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let key = token.clone();
    let view = Resource::new(move || key.clone(), get_shared);
    view! {
        <Title text="Posts for your approval · Aura" />
        {done_notice::<DecideShared>("Thank you: your decision was sent to the team")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match view.await {
                        Ok(shared) => view! { <Shared shared token /> }.into_any(),
                        Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Shared(shared: SharedView, token: String) -> impl IntoView {
    let heading = format!("Posts from {} for your approval", shared.workspace);
    view! {
        <h1 class="text-2xl font-semibold">{heading}</h1>
        <p class="text-sm text-slate-600 dark:text-slate-300">
            {format!(
                "Hello {}: approve each post, or tell the team what should change. Only the posts shared with you are here.",
                shared.name,
            )}
        </p>
        {match shared.ended {
            Some(ended) => {
                view! {
                    <p class=EMPTY_STATE data-testid="link-ended">
                        {ended}
                    </p>
                }
                    .into_any()
            }
            None => {
                view! {
                    <ul class="space-y-6">
                        {shared
                            .posts
                            .into_iter()
                            .map(|post| view! { <SharedCard post token=token.clone() /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn SharedCard(post: SharedPost, token: String) -> impl IntoView {
    let decide = ServerAction::<DecideShared>::new();
    let id = post.id.to_string();
    let all_errors = Signal::derive(move || decide.value().get().and_then(Result::err));
    // Every card posts to the same function: a rejection is this card's when it
    // names this post.
    let mine = typed_value("post_id", all_errors).is_some_and(|sent| sent == id);
    let error = Signal::derive(move || if mine { all_errors.get() } else { None });
    let comment = typed_value("comment", error).unwrap_or_default();
    let messages = messages_for(error.get_untracked(), "comment");
    let comment_id = format!("comment-{id}");
    view! {
        <li
            class="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
            data-testid="shared-post"
        >
            <div class="flex flex-wrap items-center gap-2 text-sm">
                <span class="rounded bg-amber-100 px-1.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                    {post.state}
                </span>
                {post
                    .scheduled_at
                    .map(|at| {
                        view! {
                            <span class="text-slate-600 dark:text-slate-300">
                                "Goes out " <When at />
                            </span>
                        }
                    })}
            </div>
            {post
                .previews
                .into_iter()
                .map(|(account, text)| {
                    view! {
                        <div>
                            <p class="text-xs font-medium text-slate-500 dark:text-slate-400">
                                {account}
                            </p>
                            <p class="whitespace-pre-wrap">{text}</p>
                        </div>
                    }
                })
                .collect_view()}
            {(!post.images.is_empty())
                .then(|| {
                    view! {
                        <div class="flex flex-wrap gap-2">
                            {post
                                .images
                                .into_iter()
                                .map(|src| {
                                    view! {
                                        <img
                                            src=src
                                            alt="A picture of the post"
                                            class="h-32 w-32 rounded object-cover"
                                        />
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })}
            {post
                .can_decide
                .then(|| {
                    view! {
                        <ActionForm
                            action=decide
                            attr:class="space-y-2"
                            attr:aria-label="Your decision"
                        >
                            <input type="hidden" name="token" value=token.clone() />
                            <input type="hidden" name="post_id" value=id.clone() />
                            <input
                                type="hidden"
                                name="round"
                                value=post.round.unwrap_or(0).to_string()
                            />
                            <FormAlert error />
                            <label for=comment_id.clone() class="block text-sm font-medium">
                                "Comment (needed to ask for changes)"
                            </label>
                            <textarea
                                id=comment_id.clone()
                                name="comment"
                                rows="2"
                                class=TEXT_INPUT
                            >
                                {comment.clone()}
                            </textarea>
                            {messages
                                .iter()
                                .map(|m| {
                                    view! {
                                        <p class="text-sm text-red-700 dark:text-red-300">
                                            {m.clone()}
                                        </p>
                                    }
                                })
                                .collect_view()}
                            <div class="flex gap-2">
                                <button
                                    type="submit"
                                    name="decision"
                                    value="approve"
                                    class=PRIMARY_BUTTON
                                    data-testid="client-approve"
                                >
                                    "Approve"
                                </button>
                                <button
                                    type="submit"
                                    name="decision"
                                    value="request_changes"
                                    class=SECONDARY_BUTTON
                                    data-testid="client-changes"
                                >
                                    "Request changes"
                                </button>
                            </div>
                        </ActionForm>
                    }
                })}
        </li>
    }
}
