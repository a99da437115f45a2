//! `/dev/outbox`: the emails Aura kept, for development without a mail server.
//! Only answers in development, without SMTP, to a browser on the same machine.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::system::api::get_outbox;
use crate::contexts::system::types::OutboxEmail;
use crate::ui::feedback::{ErrorPanel, Loading, datetime};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let outbox = Resource::new(|| (), |_| get_outbox());
    view! {
        <Title text="Outbox (development) · Aura" />
        <h1 class="text-2xl font-semibold">"Outbox"</h1>
        <p class="text-sm text-slate-600 dark:text-slate-300">
            "Development only: with no SMTP server configured, the emails Aura sends are kept here."
        </p>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(emails) if emails.is_empty() => {
                        view! {
                            <p class="text-sm text-slate-500 dark:text-slate-400">
                                "No emails yet."
                            </p>
                        }
                            .into_any()
                    }
                    Ok(emails) => {
                        view! {
                            <ol class="space-y-4" data-testid="outbox">
                                {emails
                                    .into_iter()
                                    .map(|email| view! { <Email email /> })
                                    .collect_view()}
                            </ol>
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
fn Email(email: OutboxEmail) -> impl IntoView {
    let lines = email
        .body
        .lines()
        .map(|line| {
            let line = line.to_owned();
            if line.starts_with("http://") || line.starts_with("https://") {
                let href = line.clone();
                view! {
                    <a href=href class="break-all text-indigo-700 underline dark:text-indigo-300">
                        {line}
                    </a>
                    <br />
                }
                .into_any()
            } else {
                view! {
                    {line}
                    <br />
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <li class="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-700 dark:bg-slate-800">
            <p class="font-medium">{email.subject}</p>
            <p class="text-slate-500 dark:text-slate-400">
                {format!("To {} · {} · {}", email.to, datetime(email.created_at), email.status)}
            </p>
            <p class="whitespace-pre-wrap">{lines}</p>
            {email.error.map(|e| view! { <p class="text-red-700">{e}</p> })}
        </li>
    }
}
