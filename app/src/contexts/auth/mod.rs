//! Accounts and access: users, sessions, sign-up and sign-in, workspaces and
//! memberships with roles, permission overrides, invitations, user settings and the
//! activity log (seeds 000, 002, 003 and 004).
//!
//! Invariants: an email belongs to one user whatever its case; passwords are stored
//! only as argon2id hashes; a workspace always keeps at least one owner; every read
//! or write is checked against `kernel::can` plus the member's overrides.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
