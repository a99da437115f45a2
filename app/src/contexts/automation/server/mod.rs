pub mod queue;
pub mod service;
pub mod workflows;
