mod repo;
pub mod service;
