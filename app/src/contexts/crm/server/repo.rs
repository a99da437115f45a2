//! The SQL of leads. Every query names the workspace.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::WorkspaceId;

/// The lead who is this person: by their id on the platform, else their email
/// (in any case), else their phone.
pub async fn find(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    platform: Option<&str>,
    platform_user_id: Option<&str>,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM leads
         WHERE workspace_id = $1
           AND ((platform = $2 AND platform_user_id = $3)
                OR lower(email) = lower($4)
                OR phone = $5)
         ORDER BY (platform = $2 AND platform_user_id = $3) DESC NULLS LAST,
                  (lower(email) = lower($4)) DESC NULLS LAST, created_at
         LIMIT 1",
    )
    .bind(workspace)
    .bind(platform)
    .bind(platform_user_id)
    .bind(email)
    .bind(phone)
    .fetch_optional(&mut *tx)
    .await
}

pub struct LeadRow<'a> {
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub source: &'a str,
    pub platform: Option<&'a str>,
    pub platform_user_id: Option<&'a str>,
    pub notes: Option<&'a str>,
}

pub async fn insert(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    l: &LeadRow<'_>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO leads (workspace_id, name, email, phone, source, platform, platform_user_id,
                            notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(workspace)
    .bind(l.name)
    .bind(l.email)
    .bind(l.phone)
    .bind(l.source)
    .bind(l.platform)
    .bind(l.platform_user_id)
    .bind(l.notes)
    .fetch_one(&mut *tx)
    .await
}

/// Fills in what the lead lacks (email, phone, the platform's id).
pub async fn complete(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    id: Uuid,
    l: &LeadRow<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE leads SET email = coalesce(email, $3), phone = coalesce(phone, $4),
                platform = coalesce(platform, $5),
                platform_user_id = coalesce(platform_user_id, $6), updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .bind(l.email)
    .bind(l.phone)
    .bind(l.platform)
    .bind(l.platform_user_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// (name, status, email) of a lead.
pub async fn summary(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<Option<(String, String, Option<String>)>, sqlx::Error> {
    sqlx::query_as("SELECT name, status, email FROM leads WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .fetch_optional(db)
        .await
}
