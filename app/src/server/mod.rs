//! Server-only infrastructure shared by the contexts: settings, application state,
//! the PostgreSQL pool and migrator, and the MongoDB database with its collections.
//! Compiled only with the `ssr` feature; nothing here reaches the WASM bundle.

pub mod crypto;
pub mod db;
pub mod demo;
pub mod mail;
pub mod mongo;
pub mod request;
pub mod secret;
pub mod settings;
pub mod state;
pub mod token;

pub use secret::Secret;
pub use settings::Settings;
pub use state::AppState;
