//! The composition root: the one place that names every context. It holds the
//! lists that grow when a context is added —
//!
//! - `routes`: the route table (pages render on the server; islands hydrate) and the HTML shell;
//! - `layout`: the page frame and its navigation list;
//! - `home`: Home, where each area adds its "needs attention" card;
//! - `collections`: every context's MongoDB collections, created at start-up;
//! - `config`: every context's own settings, loaded from the environment at start-up;
//! - `jobs`: every context's job handlers, registered on the queue's worker;
//! - `demo`: the demo workspace, seeded context by context in order.
//!
//! Below the root, the shared infrastructure (`crate::server`), the design system
//! (`crate::ui`) and the kernel import no context; contexts reach each other only
//! through services, types and queue events. docs/architecture.md walks through
//! adding a context.

pub mod home;
pub mod layout;
pub mod routes;

#[cfg(feature = "ssr")]
pub mod collections;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod jobs;

pub use layout::AppLayout;
pub use routes::{App, shell};
