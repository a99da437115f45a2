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

/// `user`'s latest notifications in `workspace`, newest first.
pub async fn latest(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    user: UserId,
    limit: i64,
) -> Result<Vec<crate::contexts::notify::types::NotificationView>, AppError> {
    use futures::TryStreamExt;
    let docs: Vec<bson::Document> = mongo
        .collection::<bson::Document>(NOTIFICATIONS)
        .find(doc! { "workspace_id": workspace.to_string(), "user_id": user.to_string() })
        .sort(doc! { "created_at": -1 })
        .limit(limit)
        .await
        .map_err(AppError::internal)?
        .try_collect()
        .await
        .map_err(AppError::internal)?;
    Ok(docs
        .into_iter()
        .map(|d| crate::contexts::notify::types::NotificationView {
            kind: d.get_str("type").unwrap_or_default().to_owned(),
            message: d.get_str("message").unwrap_or_default().to_owned(),
            // Only the app's own paths are links; anything else is not followed.
            action_url: d
                .get_str("action_url")
                .ok()
                .filter(|u| u.starts_with('/') && !u.starts_with("//"))
                .unwrap_or("/")
                .to_owned(),
            read: d.get_bool("read").unwrap_or(false),
            created_at: d.get_datetime("created_at").map(|t| t.to_chrono()).unwrap_or_default(),
        })
        .collect())
}

/// Marks all of `user`'s notifications in `workspace` read.
pub async fn mark_all_read(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<(), AppError> {
    mongo
        .collection::<bson::Document>(NOTIFICATIONS)
        .update_many(
            doc! { "workspace_id": workspace.to_string(), "user_id": user.to_string(), "read": false },
            doc! { "$set": { "read": true } },
        )
        .await
        .map_err(AppError::internal)?;
    Ok(())
}
