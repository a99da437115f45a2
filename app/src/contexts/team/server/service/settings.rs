//! Workspace settings: plan and limits, branding, time zone and currency.

use sqlx::PgPool;

use super::perm;
use crate::contexts::auth::rules::is_web_url;
use crate::contexts::auth::rules::non_empty as optional;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::auth::server::service::valid_timezone;
use crate::contexts::team::rules::valid_color;
use crate::contexts::team::server::repo;
use crate::contexts::team::types::{Branding, Plan, WorkspaceSettings};
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Action, Resource};

pub async fn settings(pg: &PgPool, member: &Member) -> Result<WorkspaceSettings, AppError> {
    let row = repo::workspace(pg, member.workspace).await?.ok_or(AppError::NotFound)?;
    let plan = Plan::parse(&row.plan).unwrap_or(Plan::Free);
    let members = repo::count_members(pg, member.workspace).await?;
    Ok(WorkspaceSettings {
        name: row.name,
        slug: row.slug,
        industry: row.industry.unwrap_or_default(),
        website: row.website.unwrap_or_default(),
        logo_url: row.logo_url.unwrap_or_default(),
        timezone: row.timezone,
        currency: row.currency,
        plan,
        subscription_status: row.subscription_status,
        limits: plan.limits(),
        branding: serde_json::from_value(row.branding).unwrap_or_default(),
        members: u32::try_from(members).unwrap_or(u32::MAX),
        can_edit: member.can(perm(Resource::Workspace, Action::Update)),
    })
}

/// What the settings form sends.
#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    pub name: String,
    pub industry: String,
    pub website: String,
    pub logo_url: String,
    pub timezone: String,
    pub currency: String,
    pub primary_color: String,
    pub email_footer: String,
}

/// Puts the workspace `slug` on `plan` (the operator's `server set-plan`; members
/// cannot change their own plan). `NotFound` when no workspace has that slug.
pub async fn set_plan(pg: &PgPool, slug: &str, plan: Plan) -> Result<(), AppError> {
    let limits = serde_json::to_value(plan.limits()).map_err(AppError::internal)?;
    if repo::set_plan(pg, slug, plan.as_str(), &limits).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Saves the settings. The plan is not among them: it is set by the operator
/// (`set_plan`), since it sets the limits.
pub async fn update_settings(
    pg: &PgPool,
    member: &Member,
    form: &SettingsForm,
) -> Result<(), AppError> {
    repo::workspace(pg, member.workspace).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Enter the workspace's name.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    if form.industry.trim().chars().count() > 100 {
        add(&mut errors, "industry", "Use at most 100 characters.");
    }
    // workspaces.website is varchar(255); logo_url is text (is_web_url caps it).
    if let Some(problem) = crate::contexts::auth::rules::too_long(&form.website, 255) {
        add(&mut errors, "website", problem);
    }
    for (field, value) in [("website", &form.website), ("logo_url", &form.logo_url)] {
        let value = value.trim();
        if !value.is_empty() && !is_web_url(value) && !errors.contains_key(field) {
            add(&mut errors, field, "Use a web address starting with https:// or http://.");
        }
    }
    if !valid_timezone(form.timezone.trim()) {
        add(&mut errors, "timezone", "Choose a time zone, like Europe/Lisbon.");
    }
    let currency = form.currency.trim();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        add(&mut errors, "currency", "Choose a currency, like USD or EUR.");
    }
    let color = form.primary_color.trim().to_lowercase();
    if !valid_color(&color) {
        add(&mut errors, "primary_color", "Use a colour like #4f46e5.");
    }
    if form.email_footer.trim().chars().count() > 300 {
        add(&mut errors, "email_footer", "Use at most 300 characters.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let branding =
        Branding { primary_color: color, email_footer: form.email_footer.trim().to_owned() };
    let update = repo::WorkspaceUpdate {
        name,
        industry: optional(&form.industry),
        website: optional(&form.website),
        logo_url: optional(&form.logo_url),
        timezone: form.timezone.trim(),
        currency,
        branding: serde_json::to_value(&branding).map_err(AppError::internal)?,
    };
    let mut tx = pg.begin().await?;
    repo::update_workspace(&mut *tx, member.workspace, &update).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "settings_updated",
        "Updated the workspace settings",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
