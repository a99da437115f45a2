//! Pages of the engagement context: social analytics, and the best-time panel
//! the composer shows too.

mod social_page;

pub use social_page::{BestTimePanel, SocialAnalyticsPage};
