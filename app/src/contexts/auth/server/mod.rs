pub mod backend;
pub mod password;
pub mod repo;
pub mod session_store;
