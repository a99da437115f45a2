pub mod collections;
pub mod service;
