pub mod charts;
pub mod collections;
pub mod demo;
pub mod repo;
pub mod rollup;
pub mod service;
