//! Campaigns (seed 002 and seed 003 `campaigns`, one table): a name, dates,
//! goals with targets, a budget and what was spent, tags, the audience, its
//! status (draft, active, paused, completed) and UTM parameters; the posts that
//! belong to it; and short links (`/l/<code>`) that count clicks per post,
//! account and day.
//!
//! Invariants: a campaign ends on or after it starts; a link in a campaign's
//! post is tagged with the campaign's UTM parameters (the platform filling the
//! source unless the campaign names one); a short link only ever redirects to the
//! address stored for its code (no open redirect); clicks from known bots are not
//! counted.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
pub mod utm;
