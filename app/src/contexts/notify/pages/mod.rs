//! Pages of the notify context.

mod notifications_page;

pub use notifications_page::NotificationsPage;
