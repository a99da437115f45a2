//! The design system: feedback, form pieces, paging links, timestamps, theme toggle, the 404 page. It imports
//! no context; the page frame that composes contexts is `root::layout`.

pub mod feedback;
pub mod form;
mod not_found_page;
pub mod pager;
mod theme_toggle;
pub mod time;

pub use not_found_page::NotFoundPage;
pub use theme_toggle::ThemeToggle;

/// "1 brand", "3 brands": a count with the word that agrees with it.
pub fn plural(count: i64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
