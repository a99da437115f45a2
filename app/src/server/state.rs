//! `AppState`: what every request handler, server function and SSR render can reach.
//! Provided as Leptos context for server functions and SSR, and as axum state for
//! plain routes. No globals.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sqlx::PgPool;

use super::Settings;
use super::crypto::Keyring;
use crate::error::AppError;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub pg: PgPool,
    pub mongo: mongodb::Database,
    pub leptos_options: LeptosOptions,
    /// Seals and opens platform tokens (`crypto.rs`).
    pub keyring: Keyring,
    /// The one HTTP client for platform APIs (connection pool, timeouts).
    pub http: reqwest::Client,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state of the current request, from Leptos context.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}
