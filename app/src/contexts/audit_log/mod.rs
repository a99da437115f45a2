//! Audit log: who did what, where and from which address (seed 003 `audit_logs`,
//! MongoDB). Distinct from the user-facing activity log (seed 004 `activity_logs`,
//! PostgreSQL, in the efficiency context).
//!
//! Invariant: entries are append-only and read only within their workspace.

#[cfg(feature = "ssr")]
pub mod server;
