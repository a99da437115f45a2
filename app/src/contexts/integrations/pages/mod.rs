//! Pages of the integrations context.

mod integrations_panel;
mod social_accounts_page;
mod social_choice_page;

pub use integrations_panel::IntegrationsPanel;
pub use social_accounts_page::SocialAccountsPage;
pub use social_choice_page::SocialChoicePage;
