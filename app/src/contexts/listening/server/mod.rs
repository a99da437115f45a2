pub mod collections;
pub mod search_terms;
