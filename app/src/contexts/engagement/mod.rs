//! Engagement: what published posts earn and how accounts' audiences grow (seed
//! 003 `metrics`, kept as `engagement_metrics`, and `analytics_aggregations`).
//! A daily job per workspace measures each published post through its
//! platform's insights API (daily for 30 days after publishing, then weekly, for
//! a year; Pinterest, which answers 90 days back, for its first 89 days) and each
//! account's followers; a second job rolls the figures up per
//! account and campaign by day, week and month. `/analytics/social` reads the
//! roll-ups (followers, engagement rate, top posts, posts by platform, a period
//! against the one before, CSV), and the best time to post ranks weekday × hour
//! slots by engagement rate once ten posts are measured; the composer suggests
//! the next free one.
//!
//! Invariants: every document carries its workspace and every read filters by
//! it; roll-ups are recomputed whole for the periods a change touches, so a run
//! repeated gives the same documents; pages read roll-ups and each post's
//! latest figures, never the raw time series.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
