pub mod charts;
pub mod collections;
pub mod demo;
pub mod repo;
pub mod service;
