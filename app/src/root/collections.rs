//! The MongoDB collection registry: every context's collections and indexes, which
//! `server::mongo::ensure_collections` creates at start-up. A context with documents
//! adds its `server::collections::specs()` here.

use crate::contexts::{ai, analytics, audit_log, insights, listening, notify};
use crate::server::mongo::CollectionSpec;

/// Every collection Aura keeps in MongoDB, from every context.
pub fn all() -> Vec<CollectionSpec> {
    [
        insights::server::collections::specs(),
        notify::server::collections::specs(),
        analytics::server::collections::specs(),
        listening::server::collections::specs(),
        ai::server::collections::specs(),
        audit_log::server::collections::specs(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
