//! The browser entry point: makes the page's islands interactive. Nothing else
//! lives here.
//!
//! Pages are rendered by the server; `hydrate_islands` starts the reactive system
//! and the island script (from `HydrationScripts`) then hydrates each
//! `<leptos-island>` in the page with its component from the `app` crate.

// Links the `app` crate, whose `#[island]` components this WASM exports.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
