pub mod demo;
pub mod jobs;
pub mod media;
pub mod media_repo;
pub mod media_store;
pub mod repo;
pub mod service;
