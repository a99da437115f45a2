//! AI drafting: the content-generation provider and its cache (seed 003 `ai_cache`,
//! MongoDB, entries expire 24 hours after creation).
//!
//! Invariant: a cache entry is only ever served to the workspace that created it.

#[cfg(feature = "ssr")]
pub mod server;
