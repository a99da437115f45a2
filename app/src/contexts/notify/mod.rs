//! Notifications: in-app notifications (seed 000 `notifications`, MongoDB) and email.
//!
//! Invariant: a notification belongs to one user in one workspace; reads filter on both.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
