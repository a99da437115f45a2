//! What Meta's webhooks need: the secret of the Meta app that signs each
//! delivery (`AURA_META_APP_SECRET`, else `AURA_META_CLIENT_SECRET`: the app
//! that connects the Pages and Instagram accounts is usually the same) and the
//! verify token typed into the app's webhook settings
//! (`AURA_META_WEBHOOK_VERIFY_TOKEN`). Without them the webhook answers 404:
//! nothing can be checked, so nothing is taken.

use crate::server::Secret;
use crate::server::env::{EnvError, Vars};

#[derive(Debug, Clone, Default)]
pub struct InboxSettings {
    pub meta_app_secret: Option<Secret>,
    pub meta_verify_token: Option<Secret>,
}

impl InboxSettings {
    pub fn from_vars(vars: Vars<'_>) -> Result<Self, EnvError> {
        Ok(Self {
            meta_app_secret: vars
                .get("AURA_META_APP_SECRET")
                .or_else(|| vars.get("AURA_META_CLIENT_SECRET"))
                .map(Secret::new),
            meta_verify_token: vars.get("AURA_META_WEBHOOK_VERIFY_TOKEN").map(Secret::new),
        })
    }
}
