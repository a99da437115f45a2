pub mod demo;
pub mod repo;
pub mod schedule;
pub mod service;
