//! The header's account area: signed in, an account menu (who, where, their
//! profile, the theme, logging out) behind their avatar, so the header fits one
//! line on a phone; signed out, the theme and the links to log in and sign up.

use leptos::prelude::*;

use super::SessionContext;
use crate::ui::ThemeToggle;

#[component]
pub fn UserMenu() -> impl IntoView {
    let Some(session) = use_context::<SessionContext>() else {
        return ().into_any();
    };
    let log_out = session.log_out;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(Some(me)) => {
                        let initial = me
                            .name
                            .chars()
                            .next()
                            .unwrap_or('?')
                            .to_uppercase()
                            .to_string();
                        let place = me
                            .workspace
                            .map(|w| format!("{} ({})", w.name, w.role.label()))
                            .unwrap_or_default();
                        view! {
                            <details class="relative" data-testid="user-menu">
                                <summary
                                    class="flex cursor-pointer list-none items-center gap-2 rounded-md px-1 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-700"
                                    data-testid="signed-in-as"
                                >
                                    {match me.avatar_url {
                                        Some(src) => {
                                            view! {
                                                <img
                                                    src=src
                                                    alt=""
                                                    class="h-7 w-7 shrink-0 rounded-full object-cover"
                                                />
                                            }
                                                .into_any()
                                        }
                                        None => {
                                            view! {
                                                <span
                                                    aria-hidden="true"
                                                    class="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-indigo-100 font-medium text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100"
                                                >
                                                    {initial}
                                                </span>
                                            }
                                                .into_any()
                                        }
                                    }}
                                    <span class="min-w-0">
                                        <span
                                            aria-hidden="true"
                                            class="hidden max-w-[12rem] truncate font-medium sm:inline"
                                        >
                                            {me.name.clone()}
                                        </span>
                                        <span class="sr-only">
                                            {format!("{} · {place} · account menu", me.name)}
                                        </span>
                                    </span>
                                    <span aria-hidden="true" class="text-xs">
                                        "▾"
                                    </span>
                                </summary>
                                <div class="absolute right-0 z-40 mt-2 w-64 space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800">
                                    <div class="min-w-0">
                                        <p class="break-words font-medium">{me.name}</p>
                                        <p class="break-words text-slate-600 dark:text-slate-300">
                                            {place}
                                        </p>
                                    </div>
                                    <a href="/settings/profile" class="block hover:underline">
                                        "Your profile"
                                    </a>
                                    <ThemeToggle />
                                    <ActionForm action=log_out>
                                        <button
                                            type="submit"
                                            class=crate::ui::form::SECONDARY_BUTTON
                                        >
                                            "Log out"
                                        </button>
                                    </ActionForm>
                                </div>
                            </details>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <div class="flex items-center gap-3 text-sm">
                                <ThemeToggle />
                                <a href="/login" class="hover:underline">
                                    "Log in"
                                </a>
                                <a
                                    href="/signup"
                                    class="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700"
                                >
                                    "Sign up"
                                </a>
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}
