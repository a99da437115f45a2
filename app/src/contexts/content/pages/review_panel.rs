//! A post's approval on its page: where it stands, the decision form for an
//! approver it waits on, the history of decisions, and the internal comments.
//! Members who may not read approvals see nothing of it.

use leptos::prelude::*;

use crate::contexts::approvals::types::Vote;
use crate::contexts::content::api::{
    CommentPost, DecidePost, SharePost, UnsharePost, get_post_review,
};
use crate::contexts::content::types::PostReview;
use crate::ui::feedback::{Confirm, done_notice};
use crate::ui::form::{
    DANGER_BUTTON, FormAlert, PRIMARY_BUTTON, SECONDARY_BUTTON, TEXT_INPUT, message_lines,
    messages_for, typed_value,
};
use crate::ui::time::When;

#[component]
pub fn ReviewPanel(post_id: String) -> impl IntoView {
    let review = Resource::new(move || post_id.clone(), get_post_review);
    view! {
        {done_notice::<DecidePost>("Decision recorded")}
        {done_notice::<CommentPost>("Comment added")}
        {done_notice::<SharePost>("Approval link sent")}
        {done_notice::<UnsharePost>("No longer shared with that client")}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match review.await {
                    Ok(review) => view! { <Review review /> }.into_any(),
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(review: PostReview) -> impl IntoView {
    let id = review.post_id.to_string();
    let history = review.history.clone();
    view! {
        <section aria-labelledby="review-heading" class="space-y-3" data-testid="review">
            <h2 id="review-heading" class="text-lg font-semibold">
                "Approval and comments"
            </h2>
            {review
                .state
                .clone()
                .map(|s| {
                    view! {
                        <p
                            class="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                            data-testid="approval-state"
                        >
                            {s}
                        </p>
                    }
                })}
            {review
                .can_decide
                .then(|| view! { <DecideForm id=id.clone() round=review.round.unwrap_or(0) /> })}
            {(!review.shared_with.is_empty())
                .then(|| {
                    let can_unshare = review.can_share;
                    view! {
                        <div class="text-sm" data-testid="shared-with">
                            <p>"Shared for approval with:"</p>
                            <ul class="mt-1 space-y-1">
                                {review
                                    .shared_with
                                    .iter()
                                    .map(|(link, who)| {
                                        view! {
                                            <SharedWith
                                                id=id.clone()
                                                link=link.to_string()
                                                who=who.clone()
                                                can_unshare
                                            />
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
            {review.can_share.then(|| view! { <ShareForm id=id.clone() /> })}
            {(!history.is_empty())
                .then(|| {
                    view! {
                        <ol class="space-y-1 text-sm" data-testid="approval-history">
                            {history
                                .into_iter()
                                .map(|e| {
                                    let what = if e.status == Vote::Pending {
                                        format!("Level {} · {} · waiting", e.level, e.approver)
                                    } else {
                                        format!(
                                            "Level {} · {} · {}",
                                            e.level,
                                            e.approver,
                                            e.status.label(),
                                        )
                                    };
                                    view! {
                                        <li>
                                            <span class="text-slate-500 dark:text-slate-400">
                                                {format!("Round {} · ", e.round)}
                                            </span>
                                            {what}
                                            {e
                                                .decided_at
                                                .map(|at| {
                                                    view! {
                                                        " · "
                                                        <When at />
                                                    }
                                                })}
                                            {e
                                                .comment
                                                .map(|c| {
                                                    view! {
                                                        <blockquote class="ml-4 border-l-2 border-slate-300 pl-2 dark:border-slate-600">
                                                            {c}
                                                        </blockquote>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
            <Comments review id />
        </section>
    }
}

#[component]
fn DecideForm(id: String, round: i32) -> impl IntoView {
    let decide = ServerAction::<DecidePost>::new();
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    let comment = typed_value("comment", error).unwrap_or_default();
    let messages = messages_for(error.get_untracked(), "comment");
    view! {
        <ActionForm
            action=decide
            attr:class="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
            attr:aria-label="Your decision"
            attr:data-testid="decide-form"
        >
            <input type="hidden" name="post_id" value=id />
            <input type="hidden" name="round" value=round.to_string() />
            <FormAlert error />
            <label for="decide-comment" class="block text-sm font-medium">
                "Comment (needed to reject or ask for changes)"
            </label>
            <textarea
                id="decide-comment"
                name="comment"
                rows="2"
                class=TEXT_INPUT
                aria-invalid=(!messages.is_empty()).to_string()
            >
                {comment}
            </textarea>
            {message_lines(messages)}
            <div class="flex flex-wrap gap-2">
                <button
                    type="submit"
                    name="decision"
                    value="approve"
                    class=PRIMARY_BUTTON
                    data-testid="decide-approve"
                >
                    "Approve"
                </button>
                <button
                    type="submit"
                    name="decision"
                    value="request_changes"
                    class=SECONDARY_BUTTON
                    data-testid="decide-changes"
                >
                    "Request changes"
                </button>
                <button
                    type="submit"
                    name="decision"
                    value="reject"
                    class=SECONDARY_BUTTON
                    data-testid="decide-reject"
                >
                    "Reject"
                </button>
            </div>
        </ActionForm>
    }
}

/// Sends a client a link to approve the post (no account needed).
/// One client the post is shared with, and the button that stops sharing it
/// with them (asking first).
#[component]
fn SharedWith(id: String, link: String, who: String, can_unshare: bool) -> impl IntoView {
    let unshare = ServerAction::<UnsharePost>::new();
    let error = Signal::derive(move || unshare.value().get().and_then(Result::err));
    let gone = move || unshare.value().get().is_some_and(|r| r.is_ok());
    let question = format!(
        "Stop sharing this post with {who}? Their link stops showing it (and stops working if it shares nothing else)."
    );
    view! {
        <li class="flex flex-wrap items-center gap-2" class:hidden=gone>
            <span>{who}</span>
            {can_unshare
                .then(|| {
                    view! {
                        <Confirm label="Stop sharing" question>
                            <ActionForm action=unshare attr:data-testid="unshare-form">
                                <input type="hidden" name="post_id" value=id />
                                <input type="hidden" name="link_id" value=link />
                                <button type="submit" class=DANGER_BUTTON>
                                    "Yes, stop sharing"
                                </button>
                            </ActionForm>
                        </Confirm>
                    }
                })}
            <FormAlert error />
        </li>
    }
}

#[component]
fn ShareForm(id: String) -> impl IntoView {
    let share = ServerAction::<SharePost>::new();
    let error = Signal::derive(move || share.value().get().and_then(Result::err));
    let email = typed_value("email", error).unwrap_or_default();
    let name = typed_value("name", error).unwrap_or_default();
    let email_messages = messages_for(error.get_untracked(), "email");
    // Open again when it comes back with a problem.
    let open = error.get_untracked().is_some();
    view! {
        <details
            class="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
            open=open
        >
            <summary class="cursor-pointer font-medium">"Ask a client to approve"</summary>
            <ActionForm
                action=share
                attr:class="mt-2 grid gap-2 sm:grid-cols-3 sm:items-end"
                attr:data-testid="share-form"
                attr:novalidate=true
            >
                <input type="hidden" name="post_id" value=id />
                <div class="sm:col-span-3">
                    <FormAlert error />
                    <p class="text-slate-600 dark:text-slate-300">
                        "They get a link by email that shows only the posts shared with them (not your comments) and works for 30 days, or until a newer link is sent to them."
                    </p>
                </div>
                <div>
                    <label for="share-email" class="block font-medium">
                        "Client's email"
                    </label>
                    <input
                        id="share-email"
                        name="email"
                        type="email"
                        value=email
                        class=TEXT_INPUT
                        aria-invalid=(!email_messages.is_empty()).to_string()
                    />
                    {email_messages
                        .into_iter()
                        .map(|m| view! { <p class="text-red-700 dark:text-red-300">{m}</p> })
                        .collect_view()}
                </div>
                <div>
                    <label for="share-name" class="block font-medium">
                        "Their name (optional)"
                    </label>
                    <input id="share-name" name="name" value=name class=TEXT_INPUT />
                </div>
                <button type="submit" class=SECONDARY_BUTTON>
                    "Send approval link"
                </button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Comments(review: PostReview, id: String) -> impl IntoView {
    let add = ServerAction::<CommentPost>::new();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let body = typed_value("body", error).unwrap_or_default();
    let messages = messages_for(error.get_untracked(), "body");
    view! {
        <div class="space-y-2">
            <h3 class="font-medium">"Comments"</h3>
            {if review.comments.is_empty() {
                view! {
                    <p class="text-sm text-slate-600 dark:text-slate-300">
                        "No comments yet. Comments stay inside the team."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="space-y-2 text-sm" data-testid="comments">
                        {review
                            .comments
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li class="rounded-md bg-slate-50 p-2 dark:bg-slate-800">
                                        <p class="text-xs text-slate-500 dark:text-slate-400">
                                            {c.author} " · " <When at=c.created_at />
                                        </p>
                                        <p class="whitespace-pre-wrap">{c.body}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {review
                .can_comment
                .then(|| {
                    view! {
                        <ActionForm
                            action=add
                            attr:class="space-y-2"
                            attr:aria-label="Add a comment"
                        >
                            <input type="hidden" name="post_id" value=id.clone() />
                            <label for="comment-body" class="sr-only">
                                "Comment"
                            </label>
                            <textarea
                                id="comment-body"
                                name="body"
                                rows="2"
                                class=TEXT_INPUT
                                placeholder="Add a comment; @name tells a teammate"
                                aria-invalid=(!messages.is_empty()).to_string()
                            >
                                {body.clone()}
                            </textarea>
                            {messages
                                .clone()
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <p class="text-sm text-red-700 dark:text-red-300">{m}</p>
                                    }
                                })
                                .collect_view()}
                            <button type="submit" class=SECONDARY_BUTTON>
                                "Comment"
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
    }
}
