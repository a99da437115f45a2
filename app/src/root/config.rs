//! The settings registry: each context that reads environment variables of its own
//! loads them here, once at start-up, into `AppState::configs`. (The
//! infrastructure's settings, `server::Settings`, are loaded before this.)

use crate::contexts::ai::server::config::AiSettings;
use crate::contexts::content::server::media_store::MediaStore;
use crate::contexts::inbox::server::config::InboxSettings;
use crate::contexts::integrations::server::config::IntegrationSettings;
use crate::server::Configs;
use crate::server::env::{self, EnvError, Vars};

/// Every context's settings from `vars`; the first variable that cannot be used is
/// reported by name.
pub fn load(vars: Vars<'_>) -> Result<Configs, EnvError> {
    Ok(Configs::default()
        .with(IntegrationSettings::from_vars(vars)?)
        .with(AiSettings::from_vars(vars)?)
        .with(MediaStore::from_vars(vars)?)
        .with(InboxSettings::from_vars(vars)?))
}

/// Every context's settings from the process environment (after `.env`, which
/// `Settings::load` has read).
pub fn from_process_env() -> Result<Configs, EnvError> {
    load(Vars::new(&env::process_var))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load_map(vars: &[(&str, &str)]) -> Result<Configs, EnvError> {
        let map: HashMap<&str, &str> = vars.iter().copied().collect();
        let get = |name: &str| map.get(name).map(|v| (*v).to_owned());
        load(Vars::new(&get))
    }

    #[test]
    fn every_contexts_settings_are_loaded_and_bad_ones_named() {
        let configs = load_map(&[("AURA_META_CLIENT_ID", "123")]).unwrap();
        let integrations = configs.get::<IntegrationSettings>().unwrap();
        assert_eq!(integrations.meta.client_id.as_deref(), Some("123"));
        let err = load_map(&[("AURA_GA4_DATA_URL", "nope")]).unwrap_err();
        assert!(err.to_string().starts_with("AURA_GA4_DATA_URL"));
    }
}
