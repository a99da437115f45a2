mod forgot_password_page;
mod log_in_page;
mod profile_page;
mod reset_password_page;
mod session;
mod sign_up_page;
mod user_menu;
mod workspace_switcher;

pub use forgot_password_page::ForgotPasswordPage;
pub use log_in_page::LogInPage;
pub use profile_page::ProfilePage;
pub use reset_password_page::ResetPasswordPage;
pub use session::{SessionContext, provide_session};
pub use sign_up_page::SignUpPage;
pub use user_menu::UserMenu;
pub use workspace_switcher::WorkspaceSwitcher;
