//! The composer's preview: each chosen account's post as it will go out, its
//! length against the platform's limit and the platform's problems. The server
//! renders it from the saved post; in the browser the [`LivePreview`] island
//! reads the composer's form as the person types, ticks accounts or picks files,
//! and redraws it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::contexts::campaigns::types::Utm;
use crate::contexts::campaigns::utm;
use crate::contexts::content::rules::{self, MediaCount};
use crate::contexts::content::types::{MediaKind, TargetOverrides};
use crate::contexts::integrations::types::SocialPlatform;

/// The composer form's id, which the island reads.
pub const COMPOSER_FORM: &str = "composer";

/// An account the post may go to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewAccount {
    pub id: String,
    pub platform: SocialPlatform,
    pub name: String,
}

/// A campaign the post may join, and the parameters its links get.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewCampaign {
    pub id: String,
    pub name: String,
    pub utm: Utm,
}

/// What the preview shows: the post's text, the chosen accounts (by id) with
/// their overrides and the files each sends, by kind, and the campaign chosen
/// (its id, or empty) with whether links go out as short links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PreviewState {
    pub text: String,
    pub chosen: Vec<(String, TargetOverrides, MediaCount)>,
    pub campaign: String,
    pub shorten: bool,
}

/// The campaign a card tags its links for, and whether they go out short.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTags {
    pub campaign: PreviewCampaign,
    pub shorten: bool,
}

/// One account's card.
#[component]
pub fn PreviewCard(
    platform: SocialPlatform,
    name: String,
    text: String,
    overrides: TargetOverrides,
    media: MediaCount,
    /// The campaign whose parameters its links get, if any.
    #[prop(default = None)]
    tags: Option<LinkTags>,
) -> impl IntoView {
    let draft = rules::draft_of(&text, &overrides, media);
    let links =
        tags.map(|tags| final_links(platform, &draft, &overrides, &tags)).unwrap_or_default();
    let length = rules::text_length(platform, draft.text);
    let limit = rules::rules_for(platform).text_max;
    let problems = rules::check_target(platform, &draft);
    let (title, body) = (draft.title.to_owned(), draft.text.to_owned());
    let length_class = if length > limit {
        "text-xs text-red-700 dark:text-red-300"
    } else {
        "text-xs text-slate-600 dark:text-slate-400"
    };
    view! {
        <li
            class="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800"
            data-testid="preview"
            data-platform=platform.as_str()
        >
            <p class="font-medium">{format!("{} · {name}", platform.label())}</p>
            {(!title.is_empty()).then(|| view! { <p class="font-semibold">{title}</p> })}
            <p class="whitespace-pre-wrap break-words">{body}</p>
            <p class=length_class data-testid="preview-length">
                {format!("{length} / {limit} characters")}
            </p>
            {problems
                .into_iter()
                .map(|p| {
                    let class = if p.blocking {
                        "text-xs text-red-700 dark:text-red-300"
                    } else {
                        "text-xs text-amber-800 dark:text-amber-200"
                    };
                    view! {
                        <p class=class data-testid="preview-problem">
                            {p.message}
                        </p>
                    }
                })
                .collect_view()}
            {(!links.is_empty())
                .then(|| {
                    view! {
                        <div class="space-y-1 text-xs" data-testid="preview-links">
                            <p class="font-medium">"Links as they go out"</p>
                            <ul class="space-y-1">
                                {links
                                    .into_iter()
                                    .map(|link| {
                                        view! {
                                            <li class="break-all text-slate-600 dark:text-slate-300">
                                                <code data-testid="preview-link">{link}</code>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
        </li>
    }
}

/// Each web link the target sends (in its text, its own link and its first
/// comment), with the campaign's parameters for `platform` as it goes out.
fn final_links(
    platform: SocialPlatform,
    draft: &rules::TargetDraft<'_>,
    overrides: &TargetOverrides,
    tags: &LinkTags,
) -> Vec<String> {
    let params = utm::utm_for(&tags.campaign.utm, &tags.campaign.name, platform.as_str());
    let mut sources = vec![draft.text, draft.first_comment];
    sources.extend(overrides.link.as_deref());
    let mut links: Vec<String> = Vec::new();
    for source in sources {
        for range in utm::links_in(source) {
            let tagged = utm::tag_url(&source[range], &params);
            let shown =
                if tags.shorten { format!("Short link (/l/…) to {tagged}") } else { tagged };
            if !links.contains(&shown) {
                links.push(shown);
            }
        }
    }
    links
}

/// The preview of the post being written, redrawn from the form as it changes.
/// `kinds` names each library file's kind (the form sends only ids).
#[island]
pub fn LivePreview(
    accounts: Vec<PreviewAccount>,
    kinds: Vec<(String, MediaKind)>,
    campaigns: Vec<PreviewCampaign>,
    initial: PreviewState,
) -> impl IntoView {
    let state = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let (ids, kinds) =
            (accounts.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), kinds.clone());
        let read = move || -> Option<PreviewState> {
            let form = document()
                .get_element_by_id(COMPOSER_FORM)?
                .dyn_into::<web_sys::HtmlFormElement>()
                .ok()?;
            let data = web_sys::FormData::new_with_form(&form).ok()?;
            let field = |name: String| {
                data.get(&name).as_string().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
            };
            // The picked files in the post's order: by their numbers, unnumbered
            // last in the library's order.
            let mut picked: Vec<(u32, usize, MediaKind)> = kinds
                .iter()
                .enumerate()
                .filter(|(_, (id, _))| data.has(&format!("post[media.{id}]")))
                .map(|(at, (id, kind))| {
                    let order = field(format!("post[order.{id}]"))
                        .and_then(|o| o.parse().ok())
                        .unwrap_or(u32::MAX);
                    (order, at, *kind)
                })
                .collect();
            picked.sort_by_key(|(order, at, _)| (*order, *at));
            let picked: Vec<MediaKind> = picked.into_iter().map(|(_, _, k)| k).collect();
            let chosen = ids
                .iter()
                .filter(|id| data.has(&format!("post[on.{id}]")))
                .map(|id| {
                    let per = |f: &str| field(format!("post[{f}.{id}]"));
                    let overrides = TargetOverrides {
                        text: per("text"),
                        title: per("title"),
                        board: per("board"),
                        subreddit: per("subreddit"),
                        privacy: per("privacy"),
                        first_comment: per("comment"),
                        link: per("link"),
                        media: None,
                    };
                    let own = per("files").unwrap_or_default();
                    let media = match rules::file_positions(&own, picked.len()) {
                        Ok(Some(positions)) => MediaCount::of(positions.iter().map(|p| picked[*p])),
                        _ => MediaCount::of(picked.iter().copied()),
                    };
                    (id.clone(), overrides, media)
                })
                .collect();
            let text = data.get("post[text]").as_string().unwrap_or_default();
            let campaign = field("post[campaign]".to_owned()).unwrap_or_default();
            let shorten = data.has("post[shorten]");
            Some(PreviewState { text, chosen, campaign, shorten })
        };
        let refresh = move || {
            if let Some(now) = read() {
                state.set(now);
            }
        };
        // The form may hold what the server did not know (a rejected form's
        // typing): read it once live.
        let (on_input, on_change) = (refresh.clone(), refresh.clone());
        Effect::new(move |_| refresh());
        let typed = window_event_listener(leptos::ev::input, move |_| on_input());
        let changed = window_event_listener(leptos::ev::change, move |_| on_change());
        on_cleanup(move || {
            typed.remove();
            changed.remove();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = &kinds;
    view! {
        <section aria-labelledby="preview-heading" class="space-y-3">
            <h2 id="preview-heading" class="text-lg font-semibold">
                "Preview"
            </h2>
            {move || {
                let now = state.get();
                let tags = campaigns
                    .iter()
                    .find(|c| c.id == now.campaign)
                    .map(|c| LinkTags {
                        campaign: c.clone(),
                        shorten: now.shorten,
                    });
                if now.chosen.is_empty() {
                    return view! {
                        <p class="text-sm text-slate-600 dark:text-slate-400">
                            "Choose an account to see the post as it will go out there."
                        </p>
                    }
                        .into_any();
                }
                view! {
                    <ul class="grid gap-3 sm:grid-cols-2">
                        {now
                            .chosen
                            .into_iter()
                            .filter_map(|(id, overrides, media)| {
                                let account = accounts.iter().find(|a| a.id == id)?;
                                Some(
                                    view! {
                                        <PreviewCard
                                            platform=account.platform
                                            name=account.name.clone()
                                            text=now.text.clone()
                                            overrides
                                            media
                                            tags=tags.clone()
                                        />
                                    },
                                )
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
