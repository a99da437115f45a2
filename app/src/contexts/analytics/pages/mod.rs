//! Pages of the analytics context.

mod dashboard_page;
mod import_panel;

pub use dashboard_page::DashboardPage;
pub use import_panel::MetricsImport;
