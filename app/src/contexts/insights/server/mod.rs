pub mod collections;
pub mod jobs;
pub mod repo;
pub mod service;
