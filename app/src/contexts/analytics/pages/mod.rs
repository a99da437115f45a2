//! Pages of the analytics context.

mod dashboard_days;
mod dashboard_figures;
mod dashboard_filters;
mod dashboard_page;
mod import_panel;

pub use dashboard_page::DashboardPage;
pub use import_panel::MetricsImport;
