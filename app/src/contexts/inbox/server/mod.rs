pub mod config;
pub mod demo;
pub mod meta;
pub mod repo;
pub mod service;
