//! Content (seed 003 `posts`, `platform_posts`, `post_media`): posts written once
//! and sent to many social accounts, each target with its own overrides, checked
//! against the platform's rules (`rules.rs`, one table); the posts list and the
//! calendar.
//!
//! Invariants: a post belongs to one workspace and its targets to accounts of the
//! same workspace (composite foreign keys); only drafts are deleted (anything
//! scheduled or sent is archived, keeping its history); a published post is not
//! edited or moved; a scheduled post has a time; times are typed and shown in
//! the workspace's time zone.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
