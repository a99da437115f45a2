//! The profile and user settings (name, avatar, time zone, notifications, layout).

use sqlx::PgPool;

use super::{safe_next, valid_timezone};
use crate::contexts::auth::rules::non_empty as optional;
use crate::contexts::auth::server::repo;
use crate::contexts::auth::types::Profile;
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{UserId, WorkspaceId};

pub async fn profile(pg: &PgPool, user: UserId) -> Result<Profile, AppError> {
    let row = repo::profile(pg, user).await?;
    let notifications = row
        .notification_preferences
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let layout =
        row.dashboard_layout.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    Ok(Profile {
        name: row.name.unwrap_or_default(),
        email: row.email,
        avatar_url: row.avatar_url.unwrap_or_default(),
        timezone: row.timezone.unwrap_or_else(|| "UTC".into()),
        notifications,
        layout,
    })
}

/// Saves the profile form; every problem is reported by field at once.
pub async fn update_profile(
    pg: &PgPool,
    workspace: Option<WorkspaceId>,
    user: UserId,
    input: &Profile,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Enter your name.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    let avatar = input.avatar_url.trim();
    if !avatar.is_empty() && !crate::contexts::auth::rules::is_web_url(avatar) {
        add(&mut errors, "avatar_url", "Use a web address starting with https:// or http://.");
    }
    if !valid_timezone(input.timezone.trim()) {
        add(&mut errors, "timezone", "Choose a time zone, like Europe/Lisbon.");
    }
    if safe_next(Some(&input.layout.landing)) != input.layout.landing {
        add(&mut errors, "landing", "Choose a page of Aura.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let notifications = serde_json::to_value(input.notifications).map_err(AppError::internal)?;
    let layout = serde_json::to_value(&input.layout).map_err(AppError::internal)?;
    let mut tx = pg.begin().await?;
    repo::update_profile(
        &mut tx,
        user,
        name,
        optional(avatar),
        input.timezone.trim(),
        &notifications,
        &layout,
    )
    .await?;
    if let Some(workspace) = workspace {
        repo::log_activity(
            &mut *tx,
            workspace,
            Some(user),
            "profile_updated",
            "Updated their profile",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
