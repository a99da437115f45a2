//! `/posts/new` and `/posts/:post_id`: the composer. One text for every chosen
//! account, each account's own overrides (text, title, board, subreddit, privacy,
//! first comment, link) in its options, tags and the time in the workspace's zone;
//! "Save draft" keeps it as it is, "Schedule" checks every target against its
//! platform's rules first and names the problem on the target it concerns. A saved
//! post shows, per target, what will be sent, its length against the limit, and
//! the platform's advice.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::live_preview::{
    COMPOSER_FORM, LivePreview, PreviewAccount, PreviewCampaign, PreviewCard, PreviewState,
};
use super::parts::{PRIMARY_BUTTON, StatusBadge, Targets};
use super::review_panel::ReviewPanel;
use crate::contexts::content::api::{
    ArchivePost, DeletePost, DuplicatePost, RetryTarget, SavePost, get_composer,
};
use crate::contexts::content::rules::{self, MediaCount};
use crate::contexts::content::types::{Composer, MediaKind, PostSummary, TargetOverrides};
use crate::contexts::integrations::types::{AccountHealth, SocialAccount, SocialPlatform};
use crate::error::AppError;
use crate::ui::feedback::{Confirm, EMPTY_STATE, ErrorPanel, Loading};
use crate::ui::form::{
    FormAlert, SECONDARY_BUTTON, TEXT_INPUT, messages_for, typed_checked, typed_value,
};

const LABEL: &str = "block text-sm font-medium";

#[component]
pub fn NewPostPage() -> impl IntoView {
    view! { <ComposerView post_id=String::new() /> }
}

#[component]
pub fn ComposerPage() -> impl IntoView {
    let params = use_params_map();
    let post_id = params.read_untracked().get("post_id").unwrap_or_default();
    view! { <ComposerView post_id /> }
}

#[component]
fn ComposerView(post_id: String) -> impl IntoView {
    let save = ServerAction::<SavePost>::new();
    let composer = Resource::new(move || post_id.clone(), get_composer);
    view! {
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match composer.await {
                    Ok(c) => view! { <Form composer=c save /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Form(composer: Composer, save: ServerAction<SavePost>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let post = composer.post.clone();
    let editable = post.as_ref().is_none_or(|p| p.status.is_editable());
    let title = if post.is_some() { "Edit post" } else { "New post" };
    let id = post.as_ref().map(|p| p.id.to_string()).unwrap_or_default();
    let text = typed_value("post[text]", error)
        .unwrap_or_else(|| post.as_ref().map(|p| p.text.clone()).unwrap_or_default());
    let tags = typed_value("post[tags]", error)
        .unwrap_or_else(|| post.as_ref().map(|p| p.tags.join(", ")).unwrap_or_default());
    let when = typed_value("post[when]", error).unwrap_or(composer.scheduled_local.clone());
    let campaign = typed_value("post[campaign]", error).unwrap_or_else(|| {
        post.as_ref().and_then(|p| p.campaign_id).map(|c| c.to_string()).unwrap_or_default()
    });
    let shorten = typed_checked("post[shorten]", error)
        .unwrap_or_else(|| post.as_ref().is_some_and(|p| p.shorten_links));
    let field_error = move |name: &str| messages_for(error.get_untracked(), name);
    let no_accounts = composer.accounts.is_empty();
    let ai_prompt = typed_value("post[ai_prompt]", error).unwrap_or_default();
    let ai_ready = composer.ai_setup.is_none();
    let choices: Vec<(SocialAccount, Option<TargetOverrides>)> = composer
        .accounts
        .iter()
        .map(|a| {
            let target = post
                .as_ref()
                .and_then(|p| p.targets.iter().find(|t| t.account_id == a.id))
                .map(|t| t.overrides.clone());
            (a.clone(), target)
        })
        .collect();
    let preview_accounts: Vec<PreviewAccount> = composer
        .accounts
        .iter()
        .map(|a| PreviewAccount {
            id: a.id.to_string(),
            platform: a.platform,
            name: a.display_name.clone(),
        })
        .collect();
    let preview_kinds: Vec<(String, MediaKind)> =
        composer.library.iter().map(|m| (m.id.to_string(), m.kind)).collect();
    // As last saved: each chosen account with its overrides and its files.
    let saved_kind =
        |id: &crate::kernel::MediaId| composer.library.iter().find(|m| m.id == *id).map(|m| m.kind);
    let preview_campaigns: Vec<PreviewCampaign> = composer
        .campaigns
        .iter()
        .map(|c| PreviewCampaign { id: c.id.to_string(), name: c.name.clone(), utm: c.utm.clone() })
        .collect();
    let preview_initial = PreviewState {
        text: text.clone(),
        campaign: campaign.clone(),
        shorten,
        chosen: choices
            .iter()
            .filter_map(|(a, target)| {
                let target = target.clone()?;
                let files = target.media.as_ref().unwrap_or(&composer.media);
                let media = MediaCount::of(files.iter().filter_map(saved_kind));
                Some((a.id.to_string(), target, media))
            })
            .collect(),
    };
    view! {
        <Title text=format!("{title} · Aura") />
        <div class="flex flex-wrap items-center justify-between gap-2">
            <h1 class="text-2xl font-semibold">{title}</h1>
            <a href="/posts" class="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
                "All posts"
            </a>
        </div>
        {post.clone().map(|p| view! { <Status post=p /> })}
        // An approver decides first: the post's approval comes before its editor.
        {post.clone().map(|p| view! { <ReviewPanel post_id=p.id.to_string() /> })}
        {if editable {
            view! {
                <ActionForm
                    action=save
                    attr:id=COMPOSER_FORM
                    attr:class="space-y-6"
                    attr:novalidate=true
                >
                    // Enter in a field saves a draft: the form's first button is the default.
                    <button
                        type="submit"
                        name="post[intent]"
                        value="draft"
                        class="sr-only"
                        tabindex="-1"
                        aria-hidden="true"
                    >
                        "Save draft"
                    </button>
                    <input type="hidden" name="post_id" value=id.clone() />
                    <div>
                        <label for="post-text" class=LABEL>
                            "Text"
                        </label>
                        <textarea
                            id="post-text"
                            name="post[text]"
                            rows="6"
                            class=TEXT_INPUT
                            aria-describedby="post-text-hint"
                        >
                            {text}
                        </textarea>
                        <p
                            id="post-text-hint"
                            class="mt-1 text-xs text-slate-600 dark:text-slate-400"
                        >
                            "Sent to every account you choose, unless an account's options give it its own text. #hashtags and @mentions are kept with the post."
                        </p>
                        <FieldMessages messages=field_error("text") />
                    </div>
                    <AiDraft
                        setup=composer.ai_setup.clone()
                        prompt=ai_prompt.clone()
                        messages=field_error("ai_prompt")
                    />
                    <fieldset class="space-y-3">
                        <legend class=LABEL>"Accounts"</legend>
                        {if no_accounts {
                            view! {
                                <p class=EMPTY_STATE data-testid="no-accounts">
                                    "No social accounts yet. An administrator connects them on the Accounts page; you can save a draft meanwhile."
                                </p>
                            }
                                .into_any()
                        } else {
                            choices
                                .clone()
                                .into_iter()
                                .map(|(account, target)| {
                                    view! {
                                        <AccountChoice
                                            account
                                            target
                                            error
                                            ai_ready
                                            post_media=composer.media.clone()
                                        />
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                        <FieldMessages messages=field_error("targets") />
                    </fieldset>
                    <MediaPicker
                        library=composer.library.clone()
                        chosen=composer.media.clone()
                        error
                    />
                    <div class="grid gap-4 sm:grid-cols-2">
                        <div>
                            <label for="post-tags" class=LABEL>
                                "Tags"
                            </label>
                            <input
                                id="post-tags"
                                name="post[tags]"
                                value=tags
                                class=TEXT_INPUT
                                placeholder="launch, holiday"
                            />
                            <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">
                                "Separated by commas; for finding posts later."
                            </p>
                            <FieldMessages messages=field_error("tags") />
                        </div>
                        <div>
                            <label for="post-when" class=LABEL>
                                {format!("When ({})", composer.timezone)}
                            </label>
                            <input
                                id="post-when"
                                type="datetime-local"
                                name="post[when]"
                                value=when
                                class=TEXT_INPUT
                            />
                            <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">
                                "Or \"Add to queue\": the accounts' next free "
                                <a href="/calendar/times" class="underline">
                                    "posting time"
                                </a> "."
                            </p>
                            <FieldMessages messages=field_error("when") />
                            {composer
                                .best_times
                                .iter()
                                .map(|line| {
                                    view! {
                                        <p
                                            class="mt-1 text-xs text-slate-600 dark:text-slate-400"
                                            data-testid="best-time-hint"
                                        >
                                            {line.clone()}
                                        </p>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <div>
                            <label for="post-campaign" class=LABEL>
                                "Campaign"
                            </label>
                            <select id="post-campaign" name="post[campaign]" class=TEXT_INPUT>
                                <option value="">"No campaign"</option>
                                {composer
                                    .campaigns
                                    .iter()
                                    .map(|choice| {
                                        let value = choice.id.to_string();
                                        let selected = value == campaign;
                                        view! {
                                            <option value=value selected=selected>
                                                {choice.name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">
                                "Its links get the campaign's UTM parameters as they go out: the preview shows each final address."
                            </p>
                            <FieldMessages messages=field_error("campaign") />
                        </div>
                        <div class="flex items-center gap-2 self-center">
                            <input
                                id="post-shorten"
                                type="checkbox"
                                name="post[shorten]"
                                checked=shorten
                                class="h-4 w-4"
                            />
                            <label for="post-shorten" class="text-sm">
                                "Send links as short links that count clicks"
                            </label>
                        </div>
                    </div>
                    <LivePreview
                        accounts=preview_accounts
                        campaigns=preview_campaigns
                        kinds=preview_kinds
                        initial=preview_initial
                    />
                    <FormAlert error />
                    {composer
                        .approval_notes
                        .iter()
                        .map(|n| {
                            view! {
                                <p
                                    class="text-sm text-slate-600 dark:text-slate-300"
                                    data-testid="approval-note"
                                >
                                    {n.clone()}
                                </p>
                            }
                        })
                        .collect_view()}
                    <div class="flex flex-wrap gap-2">
                        <button
                            type="submit"
                            name="post[intent]"
                            value="schedule"
                            class=PRIMARY_BUTTON
                            data-testid="schedule"
                        >
                            "Schedule"
                        </button>
                        <button
                            type="submit"
                            name="post[intent]"
                            value="publish_now"
                            class=SECONDARY_BUTTON
                            data-testid="publish-now"
                        >
                            "Publish now"
                        </button>
                        <button
                            type="submit"
                            name="post[intent]"
                            value="queue"
                            class=SECONDARY_BUTTON
                            data-testid="add-to-queue"
                        >
                            "Add to queue"
                        </button>
                        <button
                            type="submit"
                            name="post[intent]"
                            value="draft"
                            class=SECONDARY_BUTTON
                            data-testid="save-draft"
                        >
                            "Save draft"
                        </button>
                    </div>
                </ActionForm>
            }
                .into_any()
        } else {
            view! {
                <p class=EMPTY_STATE>
                    "This post has gone out, so it cannot be edited. Duplicate it to post it again."
                </p>
            }
                .into_any()
        }}
        {(!composer.notes.is_empty())
            .then(|| {
                view! {
                    <ul
                        class="space-y-1 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                        data-testid="schedule-notes"
                    >
                        {composer
                            .notes
                            .iter()
                            .map(|n| view! { <li>{n.clone()}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
        {composer
            .post
            .map(|p| {
                view! {
                    <Delivery post=p.clone() />
                    {(!editable).then(|| view! { <Previews post=p.clone() /> })}
                    <Actions post=p can_delete=composer.can_delete />
                }
            })}
    }
}

/// "Draft with AI": what the post is about, and the button; or what to set.
#[component]
fn AiDraft(setup: Option<String>, prompt: String, messages: Vec<String>) -> impl IntoView {
    view! {
        <div
            class="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
            data-testid="ai-draft"
        >
            <label for="post-ai" class=LABEL>
                "Draft with AI"
            </label>
            {match setup {
                Some(message) => {
                    view! {
                        <p
                            class="text-sm text-slate-600 dark:text-slate-400"
                            data-testid="ai-setup"
                        >
                            {message}
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <div class="flex flex-wrap gap-2">
                            <input
                                id="post-ai"
                                name="post[ai_prompt]"
                                value=prompt
                                class=format!("{TEXT_INPUT} sm:flex-1")
                                placeholder="What is the post about?"
                            />
                            <button
                                type="submit"
                                name="post[intent]"
                                value="ai_draft"
                                class=SECONDARY_BUTTON
                                data-testid="ai-draft-button"
                            >
                                "Draft with AI"
                            </button>
                        </div>
                        <p class="text-xs text-slate-600 dark:text-slate-400">
                            "Replaces the text above and saves the post as a draft, to read and change before it goes out. The same request within a day is answered from the cache."
                        </p>
                    }
                        .into_any()
                }
            }}
            <FieldMessages messages />
        </div>
    }
}

#[component]
fn FieldMessages(messages: Vec<String>) -> impl IntoView {
    messages
        .into_iter()
        .map(|m| {
            view! {
                <p class="mt-1 text-sm text-red-700 dark:text-red-300" role="alert">
                    {m}
                </p>
            }
        })
        .collect_view()
}

fn health_note(account: &SocialAccount) -> Option<&'static str> {
    match account.health {
        AccountHealth::Connected => None,
        AccountHealth::Expiring => Some("its connection ends soon"),
        AccountHealth::Expired => Some("needs reconnecting"),
        AccountHealth::Disabled => Some("turned off"),
    }
}

/// One account: a checkbox, its options (only those its platform takes) and the
/// problems scheduling found on it.
#[component]
fn AccountChoice(
    account: SocialAccount,
    target: Option<TargetOverrides>,
    error: Signal<Option<AppError>>,
    ai_ready: bool,
    /// The post's files as saved, in its order (a target names them by number).
    post_media: Vec<crate::kernel::MediaId>,
) -> impl IntoView {
    let id = account.id;
    let name = |field: &str| format!("post[{field}.{id}]");
    let value = move |field: &str, stored: Option<String>| {
        typed_value(&format!("post[{field}.{id}]"), error).unwrap_or(stored.unwrap_or_default())
    };
    let chosen = typed_checked(&name("on"), error).unwrap_or(target.is_some());
    let o = target.unwrap_or_default();
    // The target's files as their numbers in the post's order ("2, 1").
    let files = o.media.as_ref().map(|ids| {
        ids.iter()
            .filter_map(|m| post_media.iter().position(|p| p == m).map(|p| (p + 1).to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let platform = account.platform;
    let r = rules::rules_for(platform);
    let problems = messages_for(error.get_untracked(), &format!("target.{id}"));
    let open = !problems.is_empty();
    let label = format!("{} · {}", platform.label(), account.display_name);
    let note = health_note(&account);
    let input_id = |field: &str| format!("{field}-{id}");
    view! {
        <div
            class="rounded-lg border border-slate-200 p-3 dark:border-slate-700"
            data-testid="account-choice"
            data-platform=platform.as_str()
        >
            <label class="flex items-center gap-2 text-sm">
                <input
                    type="checkbox"
                    name=name("on")
                    value="on"
                    checked=chosen
                    class="h-4 w-4 rounded border-slate-300"
                />
                <span class="font-medium">{label.clone()}</span>
                <span class="text-slate-600 dark:text-slate-400">
                    {format!("@{}", account.username)}
                </span>
                {note
                    .map(|n| {
                        view! {
                            <span class="text-xs text-amber-800 dark:text-amber-200">
                                {format!("({n})")}
                            </span>
                        }
                    })}
            </label>
            <FieldMessages messages=problems />
            <details class="mt-2" open=open>
                <summary class="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
                    {format!("Options for {}", platform.label())}
                </summary>
                <div class="mt-2 grid gap-3 sm:grid-cols-2">
                    <div class="sm:col-span-2">
                        <label for=input_id("text") class=LABEL>
                            {if platform == SocialPlatform::Youtube {
                                "Description (instead of the text)"
                            } else {
                                "Own text (instead of the text above)"
                            }}
                        </label>
                        <textarea id=input_id("text") name=name("text") rows="3" class=TEXT_INPUT>
                            {value("text", o.text.clone())}
                        </textarea>
                        <p class="mt-1 text-xs text-slate-600 dark:text-slate-400">
                            {format!("Up to {} characters on {}.", r.text_max, platform.label())}
                        </p>
                        {ai_ready
                            .then(|| {
                                view! {
                                    <button
                                        type="submit"
                                        name="post[intent]"
                                        value=format!("rewrite.{id}")
                                        class=format!("mt-2 {SECONDARY_BUTTON}")
                                        data-testid="ai-rewrite"
                                    >
                                        {format!(
                                            "Rewrite the text for {} with AI",
                                            platform.label(),
                                        )}
                                    </button>
                                }
                            })}
                    </div>
                    {r
                        .title_max
                        .map(|max| {
                            view! {
                                <OptionInput
                                    id=input_id("title")
                                    name=name("title")
                                    label=if r.title_required {
                                        format!("Title (required, up to {max})")
                                    } else {
                                        format!("Title (up to {max})")
                                    }
                                    value=value("title", o.title.clone())
                                />
                            }
                        })}
                    {r
                        .needs_board
                        .then(|| {
                            view! {
                                <OptionInput
                                    id=input_id("board")
                                    name=name("board")
                                    label="Board".to_owned()
                                    value=value("board", o.board.clone())
                                    choices=account.boards.clone()
                                />
                            }
                        })}
                    {r
                        .needs_subreddit
                        .then(|| {
                            view! {
                                <OptionInput
                                    id=input_id("subreddit")
                                    name=name("subreddit")
                                    label="Subreddit".to_owned()
                                    value=value("subreddit", o.subreddit.clone())
                                    placeholder="r/coffee"
                                />
                            }
                        })}
                    {r
                        .needs_privacy
                        .then(|| {
                            let chosen = value("privacy", o.privacy.clone());
                            view! {
                                <div>
                                    <label for=input_id("privacy") class=LABEL>
                                        "Who can see it"
                                    </label>
                                    <select
                                        id=input_id("privacy")
                                        name=name("privacy")
                                        class=TEXT_INPUT
                                    >
                                        <option value="" selected=chosen.is_empty()>
                                            "Choose…"
                                        </option>
                                        {rules::privacy_choices(platform)
                                            .iter()
                                            .map(|(v, l)| {
                                                view! {
                                                    <option value=*v selected=chosen == *v>
                                                        {*l}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                            }
                        })}
                    {r
                        .first_comment
                        .then(|| {
                            view! {
                                <OptionInput
                                    id=input_id("comment")
                                    name=name("comment")
                                    label="First comment".to_owned()
                                    value=value("comment", o.first_comment.clone())
                                />
                            }
                        })}
                    <div>
                        <label for=input_id("link") class=LABEL>
                            "Link"
                        </label>
                        <input
                            id=input_id("link")
                            type="url"
                            name=name("link")
                            value=value("link", o.link.clone())
                            class=TEXT_INPUT
                            placeholder="https://"
                        />
                    </div>
                    <div>
                        <label for=input_id("files") class=LABEL>
                            "Files for this account"
                        </label>
                        <input
                            id=input_id("files")
                            name=name("files")
                            value=value("files", files)
                            class=TEXT_INPUT
                            placeholder="all, in the post's order"
                            inputmode="numeric"
                            aria-describedby=input_id("files-hint")
                        />
                        <p
                            id=input_id("files-hint")
                            class="mt-1 text-xs text-slate-600 dark:text-slate-400"
                        >
                            "The numbers of the post's files, in the order to send them: \"2, 1\" sends the second first and leaves the others out."
                        </p>
                    </div>
                </div>
            </details>
        </div>
    }
}

/// One of a target's text options: its label and input.
#[component]
fn OptionInput(
    id: String,
    name: String,
    label: String,
    value: String,
    #[prop(optional)] placeholder: &'static str,
    /// Offered while typing (a Pinterest account's boards).
    #[prop(optional)]
    choices: Vec<String>,
) -> impl IntoView {
    let list = format!("{id}-choices");
    let offered = (!choices.is_empty()).then(|| {
        view! {
            <datalist id=list
                .clone()>
                {choices.into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
            </datalist>
        }
    });
    let list = offered.is_some().then_some(list);
    view! {
        <div>
            <label for=id.clone() class=LABEL>
                {label}
            </label>
            <input id=id name=name value=value class=TEXT_INPUT placeholder=placeholder list=list />
            {offered}
        </div>
    }
}

#[component]
fn Status(post: PostSummary) -> impl IntoView {
    view! {
        <div class="flex flex-wrap items-center gap-2 text-sm" data-testid="post-header">
            <StatusBadge status=post.status />
            {post
                .author
                .map(|a| {
                    view! {
                        <span class="text-slate-600 dark:text-slate-400">{format!("by {a}")}</span>
                    }
                })}
            {post
                .ai_note
                .map(|n| {
                    view! {
                        <span
                            class="rounded bg-violet-100 px-1.5 text-xs text-violet-900 dark:bg-violet-900 dark:text-violet-100"
                            data-testid="ai-note"
                        >
                            {n}
                        </span>
                    }
                })}
            <Targets targets=post.targets />
        </div>
    }
}

/// How each target went: its link on the platform, or the platform's words and
/// a retry.
#[component]
fn Delivery(post: PostSummary) -> impl IntoView {
    use crate::contexts::content::types::PublishStatus;
    let started = post
        .targets
        .iter()
        .any(|t| t.publish_status != PublishStatus::Pending || t.error.is_some());
    if !started {
        return ().into_any();
    }
    let retry = ServerAction::<RetryTarget>::new();
    let error = Signal::derive(move || retry.value().get().and_then(Result::err));
    let id = post.id.to_string();
    view! {
        <section aria-labelledby="delivery-heading" class="space-y-3">
            <h2 id="delivery-heading" class="text-lg font-semibold">
                "Publishing"
            </h2>
            <FormAlert error />
            <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800">
                {post
                    .targets
                    .into_iter()
                    .map(|t| {
                        let label = t.platform.label();
                        let state = match t.publish_status {
                            PublishStatus::Published => "Published".to_owned(),
                            PublishStatus::Publishing => "Publishing…".to_owned(),
                            PublishStatus::Failed if t.unconfirmed => "Unconfirmed".to_owned(),
                            PublishStatus::Failed => "Failed".to_owned(),
                            PublishStatus::Pending if t.error.is_some() => {
                                "Waiting to try again".to_owned()
                            }
                            PublishStatus::Pending => "Waiting".to_owned(),
                        };
                        let failed = t.publish_status == PublishStatus::Failed;
                        let (post_id, account_id) = (id.clone(), t.account_id.to_string());
                        view! {
                            <li
                                class="space-y-1 px-4 py-3"
                                data-testid="delivery"
                                data-platform=t.platform.as_str()
                            >
                                <p class="flex flex-wrap items-center justify-between gap-2">
                                    <span class="font-medium">
                                        {format!("{label} · {}", t.account_name)}
                                    </span>
                                    <span data-testid="delivery-state">{state}</span>
                                </p>
                                {t
                                    .permalink
                                    .clone()
                                    .map(|href| {
                                        view! {
                                            <a
                                                href=href
                                                class="text-indigo-700 hover:underline dark:text-indigo-300"
                                                data-testid="permalink"
                                                rel="noopener noreferrer"
                                                target="_blank"
                                            >
                                                {format!("View on {label}")}
                                            </a>
                                        }
                                    })}
                                {t
                                    .error
                                    .clone()
                                    .map(|e| {
                                        view! {
                                            <p
                                                class="text-red-700 dark:text-red-300"
                                                data-testid="delivery-error"
                                            >
                                                {e}
                                            </p>
                                        }
                                    })}
                                {t
                                    .first_comment_error
                                    .clone()
                                    .map(|e| {
                                        view! {
                                            <p class="text-amber-800 dark:text-amber-200">
                                                {format!(
                                                    "The post is out, but its first comment is not: {e}",
                                                )}
                                            </p>
                                        }
                                    })}
                                {failed
                                    .then(|| {
                                        view! {
                                            <ActionForm action=retry>
                                                <input type="hidden" name="post_id" value=post_id.clone() />
                                                <input
                                                    type="hidden"
                                                    name="account_id"
                                                    value=account_id.clone()
                                                />
                                                <button
                                                    type="submit"
                                                    class=SECONDARY_BUTTON
                                                    data-testid="retry"
                                                >
                                                    {if t.unconfirmed {
                                                        "I checked: it is not there. Send it again"
                                                    } else {
                                                        "Retry"
                                                    }}
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
        .into_any()
}

/// Per target: the text that will be sent, its length against the limit, and
/// what the platform would refuse or advises.
#[component]
fn Previews(post: PostSummary) -> impl IntoView {
    if post.targets.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="preview-heading" class="space-y-3">
            <h2 id="preview-heading" class="text-lg font-semibold">
                "Preview"
            </h2>
            <ul class="grid gap-3 sm:grid-cols-2">
                {post
                    .targets
                    .iter()
                    .map(|t| {
                        view! {
                            <PreviewCard
                                platform=t.platform
                                name=t.account_name.clone()
                                text=post.text.clone()
                                overrides=t.overrides.clone()
                                media=MediaCount::default()
                            />
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn Actions(post: PostSummary, can_delete: bool) -> impl IntoView {
    let duplicate = ServerAction::<DuplicatePost>::new();
    let archive = ServerAction::<ArchivePost>::new();
    let delete = ServerAction::<DeletePost>::new();
    let id = post.id.to_string();
    let (id2, id3) = (id.clone(), id.clone());
    let archived = post.status == crate::contexts::content::types::PostStatus::Archived;
    let error = Signal::derive(move || {
        archive
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
    });
    view! {
        <section aria-label="Post actions" class="flex flex-wrap items-start gap-2">
            <ActionForm action=duplicate>
                <input type="hidden" name="post_id" value=id.clone() />
                <button type="submit" class=SECONDARY_BUTTON data-testid="duplicate">
                    "Duplicate"
                </button>
            </ActionForm>
            <ActionForm action=archive>
                <input type="hidden" name="post_id" value=id2 />
                <input type="hidden" name="archive" value=(!archived).to_string() />
                <button type="submit" class=SECONDARY_BUTTON>
                    {if archived { "Restore" } else { "Archive" }}
                </button>
            </ActionForm>
            {can_delete
                .then(|| {
                    view! {
                        <Confirm
                            label="Delete draft"
                            question="Delete this draft? This cannot be undone.".to_owned()
                        >
                            <ActionForm action=delete>
                                <input type="hidden" name="post_id" value=id3.clone() />
                                <button
                                    type="submit"
                                    class=crate::ui::form::DANGER_BUTTON
                                    data-testid="confirm-delete"
                                >
                                    "Delete"
                                </button>
                            </ActionForm>
                        </Confirm>
                    }
                })}
            <FormAlert error />
        </section>
    }
}

/// The post's media: files of the library, ticked, in the order of their numbers.
#[component]
fn MediaPicker(
    library: Vec<crate::contexts::content::types::MediaAsset>,
    chosen: Vec<crate::kernel::MediaId>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <fieldset class="space-y-2">
            <legend class=LABEL>"Media"</legend>
            {if library.is_empty() {
                view! {
                    <p class=EMPTY_STATE data-testid="no-media">
                        "No files in the media library yet. Upload images and videos on the "
                        <a href="/media" class="underline">
                            "Media"
                        </a>
                        " page, then pick them here."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="text-xs text-slate-600 dark:text-slate-400">
                        "Tick the files this post carries; the numbers set their order (1 first)."
                    </p>
                    <ul class="grid gap-2 sm:grid-cols-2" data-testid="media-picker">
                        {library
                            .into_iter()
                            .map(|item| {
                                let id = item.id.to_string();
                                let position = chosen.iter().position(|c| *c == item.id);
                                let on = format!("post[media.{id}]");
                                let order = format!("post[order.{id}]");
                                let checked = typed_checked(&on, error)
                                    .unwrap_or(position.is_some());
                                let number = typed_value(&order, error)
                                    .unwrap_or_else(|| {
                                        position.map(|p| (p + 1).to_string()).unwrap_or_default()
                                    });
                                let (box_id, order_id) = (
                                    format!("media-{id}"),
                                    format!("order-{id}"),
                                );
                                let label = format!("{} · {}", item.kind.label(), item.filename);
                                view! {
                                    <li
                                        class="flex items-center gap-3 rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700"
                                        data-testid="media-choice"
                                    >
                                        <input
                                            type="checkbox"
                                            id=box_id.clone()
                                            name=on
                                            value="on"
                                            checked=checked
                                        />
                                        {item
                                            .thumbnail_url
                                            .clone()
                                            .map(|src| {
                                                view! {
                                                    <img
                                                        src=src
                                                        alt=""
                                                        loading="lazy"
                                                        class="h-12 w-12 rounded object-cover"
                                                    />
                                                }
                                            })}
                                        <label for=box_id class="min-w-0 flex-1 break-words">
                                            {label}
                                        </label>
                                        <label for=order_id.clone() class="sr-only">
                                            {format!("Order of {}", item.filename)}
                                        </label>
                                        <input
                                            id=order_id
                                            name=order
                                            value=number
                                            inputmode="numeric"
                                            size="2"
                                            class="w-12 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
                                        />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </fieldset>
    }
}
