//! Permission overrides: one permission granted beyond a member's role, and taken
//! back.

use sqlx::PgPool;
use uuid::Uuid;

use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::team::server::repo;
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Action, Permission, Resource, Role, UserId};

/// Grants `user` one permission beyond their role, optionally with conditions (a
/// JSON object). Nobody grants what they do not hold themselves.
pub async fn grant(
    pg: &PgPool,
    member: &Member,
    user: UserId,
    resource: &str,
    action: &str,
    conditions: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let resource = Resource::parse(resource);
    if resource.is_none() {
        add(&mut errors, "resource", "Choose what the permission is about.");
    }
    let action = Action::parse(action);
    if action.is_none() {
        add(&mut errors, "action", "Choose create, read, update or delete.");
    }
    let conditions = conditions.trim();
    let parsed = if conditions.is_empty() {
        None
    } else {
        match serde_json::from_str::<serde_json::Value>(conditions) {
            Ok(value @ serde_json::Value::Object(_)) => Some(value),
            _ => {
                add(
                    &mut errors,
                    "conditions",
                    r#"Write conditions as a JSON object, like {"brand_ids": ["…"]}, or leave empty."#,
                );
                None
            }
        }
    };
    let (Some(resource), Some(action)) = (resource, action) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let permission = Permission::new(resource, action);
    if !member.can(permission) {
        return Err(AppError::invalid("resource", "You can only grant permissions you hold."));
    }
    let target = repo::member(pg, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let target_role = Role::parse(&target.role).unwrap_or(Role::Viewer);
    if !member.role.at_least(target_role) {
        return Err(AppError::Forbidden);
    }
    let mut tx = pg.begin().await?;
    repo::upsert_override(&mut *tx, member.workspace, user, permission, parsed.as_ref()).await?;
    let who = target.name.unwrap_or(target.email);
    let description =
        format!("Granted {who} {} on {}", permission.action.as_str(), permission.resource.as_str());
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "permission_granted",
        &description,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn revoke(pg: &PgPool, member: &Member, user: UserId, id: Uuid) -> Result<(), AppError> {
    let target = repo::member(pg, member.workspace, user).await?.ok_or(AppError::NotFound)?;
    let target_role = Role::parse(&target.role).unwrap_or(Role::Viewer);
    if !member.role.at_least(target_role) {
        return Err(AppError::Forbidden);
    }
    let mut tx = pg.begin().await?;
    let (resource, action) = repo::delete_override(&mut *tx, member.workspace, user, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let who = target.name.unwrap_or(target.email);
    let description = format!("Revoked {who}'s extra {action} on {resource}");
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "permission_revoked",
        &description,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
