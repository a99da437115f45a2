//! Use cases of the auth context. Each owns its transaction. One file per
//! sub-area: signing up, signing in and out (and who is signed in), passwords
//! (change and reset by emailed link), the sessions list, the profile; everything
//! is re-exported here, so callers name `service::log_in` etc.

mod passwords;
mod profile;
mod sessions;
mod sign_in;
mod sign_up;

pub use passwords::{
    RESET_LINK_MINUTES, change_password, request_password_reset, reset_link_is_open, reset_password,
};
pub use profile::{profile, update_profile};
pub use sessions::{end_other_sessions, end_session, list_sessions};
pub use sign_in::{
    auth_session, current_user, current_workspace_id, end_if_too_old, log_in, log_out, safe_next,
    start_session, switch_workspace,
};
pub use sign_up::{SignUp, sign_up, validate};

pub fn valid_timezone(tz: &str) -> bool {
    !tz.is_empty()
        && tz.len() <= 64
        && tz.chars().all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
}
