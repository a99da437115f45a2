//! Social listening: mentions of the workspace's brands and keywords, trends and
//! influencers (seed 003, MongoDB).
//!
//! Mention search works on any MongoDB-wire server: instead of a `$text` index, each
//! mention stores `terms`, the normalized and stemmed words of its `content` and
//! `author.name` (`server::search_terms`), under a multikey index; a search matches
//! mentions whose `terms` contain every term of the query.
//!
//! Invariant: every document carries `workspaceId`, and every query filters on it.

#[cfg(feature = "ssr")]
pub mod server;
