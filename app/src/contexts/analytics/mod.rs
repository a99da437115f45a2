//! Analytics: daily brand metrics (seed 001 `metrics`, PostgreSQL), social engagement
//! metrics as a time series and pre-computed aggregations (seed 003, MongoDB), KPIs,
//! dashboards and charts.
//!
//! Invariant: every metric is scoped to a workspace; Mongo documents carry it in
//! `metadata.workspaceId` (time series) or `workspaceId`.

pub mod api;
pub mod format;
pub mod import;
pub mod kpi;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
