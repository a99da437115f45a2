//! Pages of the integrations context.

mod health_page;
mod integrations_panel;
mod social_accounts_page;
mod social_choice_page;

pub use health_page::IntegrationHealthPage;
pub use integrations_panel::IntegrationsPanel;
pub use social_accounts_page::SocialAccountsPage;
pub use social_choice_page::SocialChoicePage;
