//! Pages of listening: the mentions with their chart and trends, one mention,
//! the influencers and the searches.

mod influencers_page;
mod listening_page;
mod mention_page;
mod searches_page;

pub use influencers_page::InfluencersPage;
pub use listening_page::ListeningPage;
pub use mention_page::MentionPage;
pub use searches_page::SearchesPage;

use leptos::prelude::*;

/// The links between listening's pages.
#[component]
fn ListeningNav() -> impl IntoView {
    let link = "text-indigo-700 hover:underline dark:text-indigo-300";
    view! {
        <nav class="flex flex-wrap gap-4 text-sm" aria-label="Listening pages">
            <a href="/listening" class=link>
                "Mentions"
            </a>
            <a href="/listening/influencers" class=link>
                "Influencers"
            </a>
            <a href="/listening/searches" class=link>
                "Searches"
            </a>
        </nav>
    }
}

/// A mention's text with the searched words marked.
#[component]
fn Highlighted(segments: Vec<(String, bool)>) -> impl IntoView {
    segments
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { <mark class="rounded bg-amber-200 px-0.5 text-slate-900">{text}</mark> }
                    .into_any()
            } else {
                view! { <span>{text}</span> }.into_any()
            }
        })
        .collect_view()
}

/// (stored name, label) of the platforms mentions come from.
fn platforms() -> Vec<(String, String)> {
    use crate::contexts::integrations::types::SocialPlatform as P;
    [P::Twitter, P::Instagram, P::Reddit, P::Youtube]
        .iter()
        .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
        .collect()
}

fn platform_label(stored: &str) -> String {
    crate::contexts::integrations::types::SocialPlatform::parse(stored)
        .map(|p| p.label().to_owned())
        .unwrap_or_else(|| stored.to_owned())
}

fn sentiment_class(sentiment: &str) -> &'static str {
    match sentiment {
        "positive" => {
            "rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        }
        "negative" => {
            "rounded bg-rose-100 px-1.5 text-xs text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        }
        _ => "rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700",
    }
}
