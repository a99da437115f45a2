//! The page frame: skip link, header with navigation and theme toggle, main area.

use leptos::prelude::*;

use super::ThemeToggle;
use crate::contexts::auth::pages::UserMenu;

#[component]
pub fn AppLayout(children: Children) -> impl IntoView {
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
            "Skip to content"
        </a>
        <header class="border-b border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
            <div class="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
                <a href="/" class="text-lg font-semibold text-indigo-700 dark:text-indigo-300">
                    "Aura"
                </a>
                <nav aria-label="Main" class="flex-1">
                    <ul class="flex gap-4 text-sm">
                        <li>
                            <a href="/" class="hover:underline">
                                "Home"
                            </a>
                        </li>
                    </ul>
                </nav>
                <div class="flex items-center gap-3">
                    <UserMenu />
                    <ThemeToggle />
                </div>
            </div>
        </header>
        <main id="main" class="mx-auto max-w-6xl space-y-8 px-4 py-8">
            {children()}
        </main>
    }
}
