//! Pages of the analytics context.

mod dashboard_page;

pub use dashboard_page::DashboardPage;
