//! The header's account area: who is signed in, a link to their profile and
//! logging out; or the links to log in and sign up.

use leptos::prelude::*;

use super::SessionContext;

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
                        view! {
                            <div class="flex items-center gap-3 text-sm">
                                {me
                                    .avatar_url
                                    .map(|src| {
                                        view! {
                                            <img
                                                src=src
                                                alt=""
                                                class="h-7 w-7 rounded-full object-cover"
                                            />
                                        }
                                    })}
                                <a
                                    href="/settings/profile"
                                    data-testid="signed-in-as"
                                    class="hover:underline"
                                >
                                    <span class="font-medium">{me.name}</span>
                                    {me
                                        .workspace
                                        .map(|w| {
                                            view! {
                                                <span class="hidden text-slate-500 sm:inline dark:text-slate-400">
                                                    " · " {w.name} " (" {w.role.label()} ")"
                                                </span>
                                            }
                                        })}
                                </a> <ActionForm action=log_out>
                                    <button type="submit" class=crate::ui::form::SECONDARY_BUTTON>
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
    .into_any()
}
