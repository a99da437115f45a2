//! Aura: one web application for the marketing operations of small and mid-size
//! businesses. This crate is compiled twice: with `ssr` into the server (everything,
//! including `server/` and each context's `server/`), and with `hydrate` into the
//! browser's WASM bundle (views, wire types and pure rules only).
//!
//! Layout (see docs/architecture.md): `error` is the one wire error type, `kernel`
//! holds shared value types, `ui` the design system and shell, `contexts` one module
//! per bounded context, `server` (ssr only) the infrastructure they share, and
//! `root` the composition root that lists every context's routes, jobs, collections,
//! settings and demo data.

pub mod contexts;
pub mod error;
pub mod kernel;
pub mod root;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

pub use ui::shell::{App, shell};
