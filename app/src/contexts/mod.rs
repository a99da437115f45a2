//! One module per bounded context (docs/architecture.md). Each has the same rooms:
//! `mod.rs` (what it owns), `types.rs` (wire types), `rules.rs` (pure logic),
//! `api.rs` (server functions), `pages/` (views), and under `ssr` a `server/` with
//! `service.rs`, `repo.rs`, `jobs.rs` and, where it keeps MongoDB data,
//! `collections.rs`. A context grows rooms as it needs them.

pub mod ai;
pub mod analytics;
pub mod approvals;
pub mod audit_log;
pub mod auth;
pub mod automation;
pub mod brands;
pub mod campaigns;
pub mod content;
pub mod crm;
pub mod engagement;
pub mod inbox;
pub mod insights;
pub mod integrations;
pub mod listening;
pub mod notify;
pub mod system;
pub mod team;
