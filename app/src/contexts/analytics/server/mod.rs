pub mod charts;
pub mod demo;
pub mod repo;
pub mod service;
