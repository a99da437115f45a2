pub mod accounts;
pub mod backend;
pub mod demo;
pub mod guard;
pub mod password;
pub mod repo;
pub mod service;
pub mod session_store;
