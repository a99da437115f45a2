//! Per-member permission overrides (seed 003 `user_permissions`): read by the guard
//! on every request, granted and revoked by the team context through
//! `super::super::accounts`.

use sqlx::PgExecutor;
use uuid::Uuid;

use crate::kernel::{Action, Permission, Resource, Role, UserId, WorkspaceId};

/// The member's permission overrides, with their conditions when they have any.
/// Rows naming a resource or action this version does not know are skipped.
pub async fn overrides(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<(Permission, Option<serde_json::Value>)>, sqlx::Error> {
    let rows: Vec<(String, String, Option<serde_json::Value>)> = sqlx::query_as(
        "SELECT resource, action, conditions FROM user_permissions
         WHERE workspace_id = $1 AND user_id = $2",
    )
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(resource, action, conditions)| {
            let permission = Permission::new(Resource::parse(&resource)?, Action::parse(&action)?);
            Some((permission, conditions.filter(|c| !c.is_null())))
        })
        .collect())
}

/// A permission override with its conditions, when it has any.
pub type Override = (Permission, Option<serde_json::Value>);

/// One row of [`role_and_overrides`]: the role, with one override when there are any.
#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    resource: Option<String>,
    action: Option<String>,
    conditions: Option<serde_json::Value>,
}

/// A member's role and overrides in one statement (the guard's read, made before
/// every server function): `None` when the user is not a member.
pub async fn role_and_overrides(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<(Role, Vec<Override>)>, sqlx::Error> {
    let rows: Vec<RoleRow> = sqlx::query_as(
        "SELECT m.role, p.resource, p.action, p.conditions
         FROM memberships m
         LEFT JOIN user_permissions p
           ON p.workspace_id = m.workspace_id AND p.user_id = m.user_id
         WHERE m.workspace_id = $1 AND m.user_id = $2",
    )
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await?;
    let Some(role) = rows.first().and_then(|row| Role::parse(&row.role)) else {
        return Ok(None);
    };
    let overrides = rows
        .into_iter()
        .filter_map(|row| {
            let permission =
                Permission::new(Resource::parse(&row.resource?)?, Action::parse(&row.action?)?);
            Some((permission, row.conditions.filter(|c| !c.is_null())))
        })
        .collect();
    Ok(Some((role, overrides)))
}

#[derive(Debug, sqlx::FromRow)]
pub struct OverrideRow {
    pub id: Uuid,
    pub resource: String,
    pub action: String,
    pub conditions: Option<serde_json::Value>,
}

/// The member's overrides as rows, for the member page.
pub async fn override_rows(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<OverrideRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, resource, action, conditions FROM user_permissions
         WHERE workspace_id = $1 AND user_id = $2 ORDER BY resource, action",
    )
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await
}

/// Adds a grant, or replaces the conditions of the same grant.
pub async fn upsert_override(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    permission: Permission,
    conditions: Option<&serde_json::Value>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_permissions (workspace_id, user_id, resource, action, conditions)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, user_id, resource, action) DO UPDATE SET conditions = $5",
    )
    .bind(workspace)
    .bind(user)
    .bind(permission.resource.as_str())
    .bind(permission.action.as_str())
    .bind(conditions)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_override(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    id: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "DELETE FROM user_permissions WHERE workspace_id = $1 AND user_id = $2 AND id = $3
         RETURNING resource, action",
    )
    .bind(workspace)
    .bind(user)
    .bind(id)
    .fetch_optional(db)
    .await
}
