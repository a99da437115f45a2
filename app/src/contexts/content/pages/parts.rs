//! Pieces the content pages share: status badges and a post's targets.

use leptos::prelude::*;

use crate::contexts::content::types::{PostStatus, PublishStatus, TargetView};

pub use crate::ui::form::PRIMARY_BUTTON;

fn status_class(status: PostStatus) -> &'static str {
    match status {
        PostStatus::Published => {
            "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
        }
        PostStatus::Scheduled | PostStatus::Approved => {
            "bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100"
        }
        PostStatus::Failed => "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
        PostStatus::PendingApproval | PostStatus::Publishing => {
            "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"
        }
        PostStatus::Draft | PostStatus::Archived => {
            "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
        }
    }
}

#[component]
pub fn StatusBadge(status: PostStatus) -> impl IntoView {
    view! {
        <span
            class=format!("rounded px-1.5 py-0.5 text-xs font-medium {}", status_class(status))
            data-testid="post-status"
        >
            {status.label()}
        </span>
    }
}

/// Each target as "Platform · account" with how it went, and its error.
#[component]
pub fn Targets(targets: Vec<TargetView>) -> impl IntoView {
    if targets.is_empty() {
        return view! { <p class="text-xs text-slate-600 dark:text-slate-400">"No accounts chosen yet"</p> }
        .into_any();
    }
    view! {
        <ul class="flex flex-wrap gap-1.5" data-testid="post-targets">
            {targets
                .into_iter()
                .map(|t| {
                    let (mark, class) = match t.publish_status {
                        PublishStatus::Published => {
                            ("✓", "border-emerald-300 dark:border-emerald-700")
                        }
                        PublishStatus::Failed => ("✕", "border-red-300 dark:border-red-700"),
                        PublishStatus::Publishing => {
                            ("…", "border-amber-300 dark:border-amber-700")
                        }
                        PublishStatus::Pending => ("", "border-slate-300 dark:border-slate-600"),
                    };
                    let title = t.error.clone().unwrap_or_default();
                    view! {
                        <li
                            class=format!("rounded border px-1.5 py-0.5 text-xs {class}")
                            title=title
                        >
                            {format!("{} · {}", t.platform.label(), t.account_name)}
                            {(!mark.is_empty()).then(|| format!(" {mark}"))}
                            {t
                                .error
                                .map(|e| {
                                    view! {
                                        <span class="block text-red-700 dark:text-red-300">
                                            {e}
                                        </span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The first line of a post's text, shortened for lists and the calendar.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= max {
        if line.is_empty() { "(no text)".to_owned() } else { line.to_owned() }
    } else {
        format!("{}…", line.chars().take(max.saturating_sub(1)).collect::<String>().trim_end())
    }
}
