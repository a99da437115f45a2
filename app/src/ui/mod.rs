//! The design system: feedback, form pieces, paging links, theme toggle, the 404 page. It imports
//! no context; the page frame that composes contexts is `root::layout`.

pub mod feedback;
pub mod form;
mod not_found_page;
pub mod pager;
mod theme_toggle;

pub use not_found_page::NotFoundPage;
pub use theme_toggle::ThemeToggle;
