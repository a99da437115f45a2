//! The page for any path Aura does not know, served with status 404.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found · Aura" />
        <section class="space-y-3">
            <h1 class="text-2xl font-semibold">"Page not found"</h1>
            <p class="text-slate-600 dark:text-slate-300">
                "There is nothing at this address. It may have moved, or the link may be mistyped."
            </p>
            <a href="/" class="text-indigo-700 underline dark:text-indigo-300">
                "Go to the home page"
            </a>
        </section>
    }
}
