//! Writing in-app notifications (seed 000 `notifications`).

use chrono::Utc;
use mongodb::bson::{self, doc};

use super::collections::NOTIFICATIONS;
use crate::error::AppError;
use crate::kernel::{UserId, WorkspaceId};

/// Tells `user` in `workspace` something, with where to act on it.
pub async fn notify(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    user: UserId,
    kind: &str,
    message: &str,
    action_url: &str,
) -> Result<(), AppError> {
    let now = bson::DateTime::from_chrono(Utc::now());
    mongo
        .collection::<bson::Document>(NOTIFICATIONS)
        .insert_one(doc! {
            "workspace_id": workspace.to_string(),
            "user_id": user.to_string(),
            "type": kind,
            "message": message,
            "read": false,
            "created_at": now,
            "action_url": action_url,
        })
        .await
        .map_err(AppError::internal)?;
    Ok(())
}

/// How many of `user`'s notifications in `workspace` are unread.
pub async fn unread(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<u64, AppError> {
    mongo
        .collection::<bson::Document>(NOTIFICATIONS)
        .count_documents(doc! {
            "workspace_id": workspace.to_string(),
            "user_id": user.to_string(),
            "read": false,
        })
        .await
        .map_err(AppError::internal)
}
