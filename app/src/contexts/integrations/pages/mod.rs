//! Pages of the integrations context.

mod integrations_panel;

pub use integrations_panel::IntegrationsPanel;
