//! Pages of the campaigns context: the list and a campaign's page.

mod campaign_form;
mod campaign_page;
mod campaigns_page;

pub use campaign_page::CampaignPage;
pub use campaigns_page::CampaignsPage;
