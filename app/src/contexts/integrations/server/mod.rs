pub mod client;
pub mod config;
pub mod connectors;
pub mod jobs;
pub mod oauth;
pub mod repo;
pub mod service;
