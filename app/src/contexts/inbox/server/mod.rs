pub mod config;
pub mod meta;
pub mod repo;
pub mod service;
