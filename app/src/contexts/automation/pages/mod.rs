//! Pages of the automation context.

mod jobs_page;

pub use jobs_page::JobsPage;
