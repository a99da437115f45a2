//! Approvals (seed 003 `workflows` of type APPROVAL and `approvals`): approval
//! chains and the engine that walks a subject through them.
//!
//! A chain is ordered levels, each satisfied by "any one of" or "all of" its
//! approvers (named members, or everyone holding at least a role), and it covers
//! some accounts or all of them. A subject (today a post; replies and emails plug
//! in the same way) is submitted at a version; each level's approvals are created
//! when the level before is satisfied; a rejection or a request for changes ends
//! the round. The rules are pure (`rules.rs`); the subject's owner decides what
//! an outcome means for it (content schedules an approved post).
//!
//! Invariants: an author never approves their own subject; a round approves one
//! version, and a different version needs a new round from level 1; decided rows
//! are never rewritten (they are the history).

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
