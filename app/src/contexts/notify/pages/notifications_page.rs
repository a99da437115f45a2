//! `/notifications`: what Aura told the member (a post that failed, …), newest
//! first, each linking to where to act, and "Mark all read".

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::notify::api::{MarkNotificationsRead, list_notifications};
use crate::contexts::notify::types::NotificationView;
use crate::ui::feedback::{EMPTY_STATE, ErrorPanel, Loading};
use crate::ui::form::SECONDARY_BUTTON;
use crate::ui::time::When;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let read = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(move || read.version().get(), |_| list_notifications());
    view! {
        <Title text="Notifications · Aura" />
        <h1 class="text-2xl font-semibold">"Notifications"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) => view! { <Items items read /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Items(items: Vec<NotificationView>, read: ServerAction<MarkNotificationsRead>) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <p class=EMPTY_STATE data-testid="no-notifications">
                "Nothing yet. Aura tells you here when something needs you, such as a post that did not go out."
            </p>
        }
            .into_any();
    }
    let unread = items.iter().any(|n| !n.read);
    view! {
        {unread
            .then(|| {
                view! {
                    <ActionForm action=read>
                        <button type="submit" class=SECONDARY_BUTTON data-testid="mark-read">
                            "Mark all read"
                        </button>
                    </ActionForm>
                }
            })}
        <ul
            class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
            data-testid="notifications"
        >
            {items
                .into_iter()
                .map(|n| {
                    view! {
                        <li class="space-y-1 px-4 py-3 text-sm" data-testid="notification">
                            <a
                                href=n.action_url
                                class=if n.read {
                                    "break-words hover:underline"
                                } else {
                                    "break-words font-semibold text-indigo-700 hover:underline dark:text-indigo-300"
                                }
                            >
                                {n.message}
                            </a>
                            <p class="text-xs text-slate-600 dark:text-slate-400">
                                {(!n.read).then_some("New · ")} <When at=n.created_at />
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
        .into_any()
}
