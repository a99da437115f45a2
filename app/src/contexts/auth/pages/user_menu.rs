//! The header's account area. It asks who is signed in again after every
//! navigation (signing in or up ends with one) and after logging out.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::contexts::auth::api::{LogOut, get_current_user};

#[component]
pub fn UserMenu() -> impl IntoView {
    let log_out = ServerAction::<LogOut>::new();
    let path = use_location().pathname;
    let user = Resource::new(move || (path.get(), log_out.version().get()), |_| get_current_user());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(me)) => {
                        view! {
                            <div class="flex items-center gap-3 text-sm">
                                <span data-testid="signed-in-as">
                                    <span class="font-medium">{me.name}</span>
                                    {me
                                        .workspace
                                        .map(|w| {
                                            view! {
                                                <span class="text-slate-500 dark:text-slate-400">
                                                    " · " {w.name} " (" {w.role.label()} ")"
                                                </span>
                                            }
                                        })}
                                </span>
                                <ActionForm action=log_out>
                                    <button
                                        type="submit"
                                        class="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:hover:bg-slate-700"
                                    >
                                        "Log out"
                                    </button>
                                </ActionForm>
                            </div>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <div class="flex items-center gap-3 text-sm">
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
}
