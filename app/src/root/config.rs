//! The settings registry: each context that reads environment variables of its own
//! loads them here, once at start-up, into `AppState::configs`. (The
//! infrastructure's settings, `server::Settings`, are loaded before this.)

use crate::contexts::integrations::server::config::IntegrationSettings;
use crate::server::Configs;
use crate::server::env::{self, EnvError, Vars};

/// Every context's settings from `vars`; the first variable that cannot be used is
/// reported by name.
pub fn load(vars: Vars<'_>) -> Result<Configs, EnvError> {
    Ok(Configs::default().with(IntegrationSettings::from_vars(vars)?))
}

/// Every context's settings from the process environment (after `.env`, which
/// `Settings::load` has read).
pub fn from_process_env() -> Result<Configs, EnvError> {
    load(Vars::new(&env::process_var))
}
