//! The MongoDB collection registry: every context's collections and indexes, which
//! `server::mongo::ensure_collections` creates at start-up. A context with documents
//! adds its `server::collections::specs()` here.

use crate::contexts::{ai, audit_log, engagement, insights, listening, notify};
use crate::server::mongo::CollectionSpec;

/// Every collection Aura keeps in MongoDB, from every context.
pub fn all() -> Vec<CollectionSpec> {
    [
        insights::server::collections::specs(),
        notify::server::collections::specs(),
        engagement::server::collections::specs(),
        listening::server::collections::specs(),
        ai::server::collections::specs(),
        audit_log::server::collections::specs(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_collection_is_listed_once() {
        let specs = super::all();
        let mut names: Vec<&str> = specs.iter().map(|spec| spec.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), specs.len(), "a collection is listed twice");
        assert_eq!(specs.len(), 10, "the ten collections of seeds 000 and 003");
    }
}
