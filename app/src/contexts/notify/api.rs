//! Server functions of the notify context: a member's own notifications in the
//! current workspace (no permission beyond membership: they are the reader's).

use leptos::prelude::*;

use super::types::NotificationView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn me()
-> Result<(crate::server::AppState, crate::contexts::auth::server::guard::Member), AppError> {
    use crate::contexts::auth::server::guard::{member_of, signed_in};
    use crate::contexts::auth::server::service::current_workspace_id;
    let (state, auth, user) = signed_in().await?;
    let workspace = current_workspace_id(&auth).await.ok_or(AppError::NotFound)?;
    let member = member_of(&state.pg, workspace, user.id).await?;
    Ok((state, member))
}

/// The member's latest 50 notifications, newest first.
#[server(prefix = "/api", endpoint = "notifications/list")]
pub async fn list_notifications() -> Result<Vec<NotificationView>, AppError> {
    let (state, member) = me().await?;
    super::server::service::latest(&state.mongo, member.workspace, member.user, 50).await
}

/// Marks every notification of the member read.
#[server(prefix = "/api", endpoint = "notifications/read_all")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let (state, member) = me().await?;
    super::server::service::mark_all_read(&state.mongo, member.workspace, member.user).await
}
