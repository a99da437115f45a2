pub mod config;
pub mod demo;
pub mod jobs;
pub mod meta;
pub mod poll;
pub mod repo;
pub mod service;
pub mod sla;
