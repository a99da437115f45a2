mod log_in_page;
mod sign_up_page;
mod user_menu;

pub use log_in_page::LogInPage;
pub use sign_up_page::SignUpPage;
pub use user_menu::UserMenu;
