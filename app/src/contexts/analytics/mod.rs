//! Analytics: daily brand metrics (seed 001 `metrics`, PostgreSQL), KPIs,
//! dashboards and charts (social engagement is the `engagement` context's).
//!
//! Invariant: every metric is scoped to a workspace.

pub mod api;
pub mod format;
pub mod import;
pub mod kpi;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
