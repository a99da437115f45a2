pub mod backend;
pub mod guard;
pub mod password;
pub mod repo;
pub mod service;
pub mod session_store;
