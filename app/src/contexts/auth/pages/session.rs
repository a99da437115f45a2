//! Who is signed in, for the whole app: asked again after every navigation
//! (signing in, up, or switching workspace ends with one) and after logging out.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::contexts::auth::api::{LogOut, get_current_user};
use crate::contexts::auth::types::CurrentUser;
use crate::error::AppError;

/// The signed-in member (if any) and the log-out action, provided to the whole app
/// by [`provide_session`].
#[derive(Clone, Copy)]
pub struct SessionContext {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub log_out: ServerAction<LogOut>,
}

/// Provides the [`SessionContext`]; called once by the page frame.
pub fn provide_session() -> SessionContext {
    let log_out = ServerAction::<LogOut>::new();
    let path = use_location().pathname;
    let user = Resource::new(move || (path.get(), log_out.version().get()), |_| get_current_user());
    let session = SessionContext { user, log_out };
    provide_context(session);
    session
}
