pub mod queue;
pub mod service;
