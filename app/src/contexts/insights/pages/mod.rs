//! Pages of the insights context.

mod insights_page;

pub use insights_page::InsightsPage;
