//! Workspaces (seed 002 `companies` + seed 003 `workspaces`): the tenant. Created at
//! sign-up; its settings are edited by the team context through
//! `super::super::accounts`.

use sqlx::PgExecutor;

use crate::kernel::WorkspaceId;

/// The fields of a new workspace.
pub struct NewWorkspace<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub industry: Option<&'a str>,
    pub website: Option<&'a str>,
    pub timezone: &'a str,
    pub currency: &'a str,
}

pub async fn insert_workspace(
    db: impl PgExecutor<'_>,
    new: &NewWorkspace<'_>,
) -> Result<WorkspaceId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO workspaces (name, slug, industry, website, timezone, currency)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.name)
    .bind(new.slug)
    .bind(new.industry)
    .bind(new.website)
    .bind(new.timezone)
    .bind(new.currency)
    .fetch_one(db)
    .await
}

pub async fn slug_taken(db: impl PgExecutor<'_>, slug: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM workspaces WHERE slug = $1)")
        .bind(slug)
        .fetch_one(db)
        .await
}

/// A workspace's plan as a whole: the demo starts on a paid plan.
pub struct WorkspacePlan<'a> {
    pub plan: &'a str,
    pub subscription_status: &'a str,
    pub limits: serde_json::Value,
    pub branding: serde_json::Value,
}

/// Inserts a workspace already on `plan`.
pub async fn insert_workspace_on_plan(
    db: impl PgExecutor<'_>,
    new: &NewWorkspace<'_>,
    plan: &WorkspacePlan<'_>,
) -> Result<WorkspaceId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO workspaces (name, slug, industry, website, timezone, currency, plan,
                                 subscription_status, limits, branding)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(new.name)
    .bind(new.slug)
    .bind(new.industry)
    .bind(new.website)
    .bind(new.timezone)
    .bind(new.currency)
    .bind(plan.plan)
    .bind(plan.subscription_status)
    .bind(&plan.limits)
    .bind(&plan.branding)
    .fetch_one(db)
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct WorkspaceRow {
    pub name: String,
    pub slug: String,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub logo_url: Option<String>,
    pub timezone: String,
    pub currency: String,
    pub plan: String,
    pub subscription_status: String,
    pub branding: serde_json::Value,
}

pub async fn workspace(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Option<WorkspaceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, slug, industry, website, logo_url, timezone, currency::text AS currency,
                plan, subscription_status, branding
         FROM workspaces WHERE id = $1",
    )
    .bind(workspace)
    .fetch_optional(db)
    .await
}

pub struct WorkspaceUpdate<'a> {
    pub name: &'a str,
    pub industry: Option<&'a str>,
    pub website: Option<&'a str>,
    pub logo_url: Option<&'a str>,
    pub timezone: &'a str,
    pub currency: &'a str,
    pub branding: serde_json::Value,
}

pub async fn update_workspace(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    update: &WorkspaceUpdate<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE workspaces SET name = $2, industry = $3, website = $4, logo_url = $5,
                timezone = $6, currency = $7, branding = $8
         WHERE id = $1",
    )
    .bind(workspace)
    .bind(update.name)
    .bind(update.industry)
    .bind(update.website)
    .bind(update.logo_url)
    .bind(update.timezone)
    .bind(update.currency)
    .bind(&update.branding)
    .execute(db)
    .await?;
    Ok(())
}

/// Puts the workspace on `plan` with its `limits` (the operator's command, not a
/// member's form). `false` when there is no workspace with that slug.
pub async fn set_plan(
    db: impl PgExecutor<'_>,
    slug: &str,
    plan: &str,
    limits: &serde_json::Value,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE workspaces SET plan = $2, limits = $3 WHERE slug = $1")
        .bind(slug)
        .bind(plan)
        .bind(limits)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The workspace's plan, its row locked until the caller's transaction ends: a
/// limit checked under this lock cannot be passed by a parallel request (each
/// waits for the one before to insert or give up).
pub async fn lock_plan(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT plan FROM workspaces WHERE id = $1 FOR UPDATE")
        .bind(workspace)
        .fetch_optional(db)
        .await
}

/// One key of the workspace's `settings` document; `None` when it is not set. Other
/// contexts keep their own key there (insights: `insight_thresholds`).
pub async fn workspace_setting(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    key: &str,
) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let stored: Option<Option<serde_json::Value>> =
        sqlx::query_scalar("SELECT settings -> $2 FROM workspaces WHERE id = $1")
            .bind(workspace)
            .bind(key)
            .fetch_optional(db)
            .await?;
    Ok(stored.flatten())
}

/// Sets one key of the workspace's `settings` document, leaving the others.
pub async fn set_workspace_setting(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    key: &str,
    value: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE workspaces SET settings = jsonb_set(settings, ARRAY[$2::text], $3),
                               updated_at = now()
         WHERE id = $1",
    )
    .bind(workspace)
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}
