//! Pages of the content context: the posts list, the composer, the calendar and
//! the media library, the posting times, the approvals page.

mod approvals_page;
mod calendar_page;
mod composer_page;
mod live_preview;
mod media_page;
mod parts;
mod posts_page;
mod review_panel;
mod shared_page;
mod times_page;

pub use approvals_page::ApprovalsPage;
pub use calendar_page::CalendarPage;
pub use composer_page::{ComposerPage, NewPostPage};
pub use media_page::MediaPage;
pub use posts_page::PostsPage;
pub use shared_page::SharedPage;
pub use times_page::PostingTimesPage;
