pub mod collections;
pub mod config;
pub mod service;
