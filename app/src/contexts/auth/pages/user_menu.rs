//! The header's account area, and the actions every auth form shares so that the
//! header refreshes after any of them.

use leptos::prelude::*;

use crate::contexts::auth::api::{LogIn, LogOut, SignUp, get_current_user};

#[derive(Clone, Copy)]
pub struct AuthActions {
    pub log_in: ServerAction<LogIn>,
    pub log_out: ServerAction<LogOut>,
    pub sign_up: ServerAction<SignUp>,
}

impl AuthActions {
    /// Creates the actions and provides them to the app.
    pub fn provide() -> Self {
        let actions = Self {
            log_in: ServerAction::new(),
            log_out: ServerAction::new(),
            sign_up: ServerAction::new(),
        };
        provide_context(actions);
        actions
    }
}

#[component]
pub fn UserMenu() -> impl IntoView {
    let actions = expect_context::<AuthActions>();
    let user = Resource::new(
        move || {
            (
                actions.log_in.version().get(),
                actions.log_out.version().get(),
                actions.sign_up.version().get(),
            )
        },
        |_| get_current_user(),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(me)) => {
                        view! {
                            <div class="flex items-center gap-3 text-sm">
                                <span data-testid="signed-in-as">
                                    <span class="font-medium">{me.name}</span>
                                    {me.workspace.map(|w| view! {
                                        <span class="text-slate-500 dark:text-slate-400">
                                            " · " {w.name} " (" {w.role.label()} ")"
                                        </span>
                                    })}
                                </span>
                                <ActionForm action=actions.log_out>
                                    <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:hover:bg-slate-700">
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
                                <a href="/login" class="hover:underline">"Log in"</a>
                                <a href="/signup" class="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
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
