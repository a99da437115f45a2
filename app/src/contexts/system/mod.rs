//! System: the health of the services Aura stands on (PostgreSQL and the
//! MongoDB-wire server), served as `/readyz` and on the home page.
//!
//! Invariant: a status says only up or down; the cause stays in the server log.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
