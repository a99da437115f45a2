//! The team around a workspace: its settings (name, logo, time zone, currency,
//! plan and limits, branding), its members and their roles, invitations, per-member
//! permission overrides and the activity log (seeds 002, 003 and 004).
//!
//! Invariants: a workspace keeps at least one owner; nobody grants a role above
//! their own or changes a member who outranks them; an invitation link works once,
//! before it expires, for the email it was sent to.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
