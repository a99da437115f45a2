//! Pages of the content context: the posts list, the composer, the calendar and
//! the media library.

mod calendar_page;
mod composer_page;
mod media_page;
mod parts;
mod posts_page;

pub use calendar_page::CalendarPage;
pub use composer_page::{ComposerPage, NewPostPage};
pub use media_page::MediaPage;
pub use posts_page::PostsPage;
