//! Server-only infrastructure shared by the contexts: environment variables and
//! settings, application state, the PostgreSQL pool and migrator, the MongoDB
//! connection and collection set-up, encryption, mail, one-time tokens.
//! Compiled only with the `ssr` feature; nothing here reaches the WASM bundle.
//!
//! Invariant: nothing here imports a context. What differs per context (its
//! collections, jobs, settings, demo data) is listed by the composition root,
//! `crate::root`, and handed in.

pub mod crypto;
pub mod csp;
pub mod csv;
pub mod db;
pub mod env;
pub mod flash;
pub mod mail;
pub mod mongo;
pub mod request;
pub mod secret;
pub mod settings;
pub mod state;
pub mod token;

pub use secret::Secret;
pub use settings::{Environment, Settings};
pub use state::{AppState, Configs};
