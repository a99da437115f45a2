mod home_page;
mod outbox_page;

pub use home_page::{HomePage, StatusPage};
pub use outbox_page::OutboxPage;
