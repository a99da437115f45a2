pub mod collections;
pub mod demo;
pub mod jobs;
pub mod repo;
pub mod search_terms;
pub mod service;
