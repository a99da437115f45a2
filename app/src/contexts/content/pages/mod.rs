//! Pages of the content context: the posts list, the composer and the calendar.

mod calendar_page;
mod composer_page;
mod parts;
mod posts_page;

pub use calendar_page::CalendarPage;
pub use composer_page::{ComposerPage, NewPostPage};
pub use posts_page::PostsPage;
