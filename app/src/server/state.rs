//! `AppState`: what every request handler, server function and SSR render can reach.
//! Provided as Leptos context for server functions and SSR, and as axum state for
//! plain routes. No globals.

use std::any::{Any, TypeId};
use std::collections::HashMap;
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
    /// Each context's own settings, loaded by the composition root at start-up
    /// (`crate::root::config`).
    pub configs: Configs,
}

impl AppState {
    /// The settings of type `T` a context keeps in `configs`.
    pub fn config<T: Any + Send + Sync>(&self) -> Result<Arc<T>, AppError> {
        self.configs.get::<T>().ok_or_else(|| {
            AppError::internal(format!("{} missing from AppState", std::any::type_name::<T>()))
        })
    }

    /// The state with `config` added (or replacing the one of its type).
    pub fn with_config<T: Any + Send + Sync>(mut self, config: T) -> Self {
        self.configs = self.configs.with(config);
        self
    }
}

/// Settings by type: infrastructure holds them without knowing the contexts that
/// define them. One value per type.
#[derive(Clone, Default)]
pub struct Configs(Arc<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl Configs {
    /// These configs plus `config` (replacing one of the same type).
    pub fn with<T: Any + Send + Sync>(mut self, config: T) -> Self {
        Arc::make_mut(&mut self.0).insert(TypeId::of::<T>(), Arc::new(config));
        self
    }

    pub fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        self.0.get(&TypeId::of::<T>()).cloned().and_then(|any| any.downcast::<T>().ok())
    }
}

impl std::fmt::Debug for Configs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Configs({} kinds)", self.0.len())
    }
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
