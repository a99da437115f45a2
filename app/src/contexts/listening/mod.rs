//! Social listening (seed 003 `mentions`, `trends`, `influencers` in MongoDB;
//! `listening_queries` in PostgreSQL): the workspace's searches run hourly on
//! the platforms' search APIs (X recent search, Reddit search, YouTube search,
//! Instagram hashtag search), each from where it stopped (a cursor kept per
//! platform); the
//! mentions found, searched by word with highlighting and filtered by
//! sentiment, platform, search and days, charted by day and sentiment;
//! trends (hashtags and terms of the last seven days against the seven
//! before) and influencers (authors ranked by reach × engagement, with an
//! authenticity score and what it rests on); a mention sent to the inbox, an
//! influencer saved to a list.
//!
//! Mention search works on any MongoDB-wire server: instead of a `$text` index, each
//! mention stores `terms`, the normalized and stemmed words of its `content` and
//! `author.name` (`server::search_terms`), under a multikey index; a search matches
//! mentions whose `terms` contain every term of the query.
//!
//! Invariant: every document carries `workspaceId`, and every query filters on it.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
