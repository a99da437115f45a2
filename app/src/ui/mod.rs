//! The design system and the application shell: layout, navigation, feedback, theme.

pub mod feedback;
pub mod form;
pub mod layout;
mod not_found_page;
pub mod shell;
mod theme_toggle;

pub use layout::AppLayout;
pub use not_found_page::NotFoundPage;
pub use theme_toggle::ThemeToggle;
