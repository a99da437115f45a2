//! Brands (seed 001 `brands`): what a workspace sells under, each with its own
//! currency (ISO 4217) and time zone (IANA). Figures are shown in the brand's
//! currency and days are counted in its time zone.
//!
//! Invariants: a brand belongs to one workspace; an archived brand keeps its
//! history and can be restored; names are unique among a workspace's active brands.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
