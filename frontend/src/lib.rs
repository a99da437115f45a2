//! The browser entry point: hydrates the server-rendered page. Nothing else lives here.
//!
//! `hydrate_lazy` (not `hydrate_body`): every route is lazy, so hydration waits for
//! the current page's WASM chunk, which the server already asked the browser to
//! preload.

// The app's view type is deep; the async hydration future's layout needs more room.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
