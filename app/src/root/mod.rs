//! The composition root: the one place that names every context. It holds the
//! lists that grow when a context is added —
//!
//! - `collections`: every context's MongoDB collections, created at start-up;
//! - `config`: every context's own settings, loaded from the environment at start-up;
//! - `jobs`: every context's job handlers, registered on the queue's worker;
//! - `demo`: the demo workspace, seeded context by context in order;
//!
//! and (with the router) the route table and the navigation. Below the root, the
//! shared infrastructure (`crate::server`) and the design system (`crate::ui`)
//! import no context; contexts reach each other only through services, types and
//! queue events. docs/architecture.md walks through adding a context.

#[cfg(feature = "ssr")]
pub mod collections;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod jobs;
