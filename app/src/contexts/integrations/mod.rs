//! Integrations: a brand's connections to Shopify, Meta Ads, Google Ads and Google
//! Analytics 4 (seed 001 `integrations`, seed 000 `platform_connections` and
//! `connection_logs`): OAuth, encrypted tokens, connectors that read each platform's
//! reporting API, and the sync job that writes daily metrics.
//!
//! Invariants: tokens are sealed with the keyring bound to their connection and
//! field, and never leave the server; a sync writes all its days or none.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
