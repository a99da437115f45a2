//! What Meta's webhooks need: the app secret that signs each delivery
//! (`AURA_META_CLIENT_SECRET`, the same Meta app that connects the Pages and
//! Instagram accounts) and the verify token typed into the app's webhook
//! settings (`AURA_META_WEBHOOK_VERIFY_TOKEN`). Without them the webhook
//! answers 404: nothing can be checked, so nothing is taken.

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
            meta_app_secret: vars.get("AURA_META_CLIENT_SECRET").map(Secret::new),
            meta_verify_token: vars.get("AURA_META_WEBHOOK_VERIFY_TOKEN").map(Secret::new),
        })
    }
}
