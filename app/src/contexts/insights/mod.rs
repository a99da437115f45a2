//! Insights and audits: rules that turn metrics into insights (seed 001 `insights`),
//! and marketing audits of connected accounts (seed 000: scheduled audits, audit
//! templates in PostgreSQL; audit reports and per-platform audit metrics in MongoDB).
//!
//! Invariants: every audit document carries `workspace_id`, and every query filters on
//! it; a brand has at most one insight of a type for a period.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
