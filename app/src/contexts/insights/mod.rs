//! Insights and audits: rules that turn metrics into insights (seed 001 `insights`),
//! and marketing audits of connected accounts (seed 000: scheduled audits, audit
//! templates in PostgreSQL; audit reports and per-platform audit metrics in MongoDB).
//!
//! Invariant: every audit document carries `workspace_id`, and every query filters on it.

#[cfg(feature = "ssr")]
pub mod server;
