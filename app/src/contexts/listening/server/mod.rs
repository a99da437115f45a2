pub mod collections;
pub mod repo;
pub mod search_terms;
