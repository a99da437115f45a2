//! Use cases of the brands context. Each takes the `Member` the guard checked.

use sqlx::PgPool;

use super::repo::{self, BrandFields};
pub use super::schedule::next_daily_run;
use crate::contexts::auth::server::accounts::{
    lock_plan, log_activity, workspace as workspace_row,
};
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::rules::{domain_problem, minor_units};
use crate::contexts::brands::types::{BRANDS_PER_PAGE, Brand, BrandList};
use crate::contexts::insights::types::{GENERATE_INSIGHTS, GenerateInsights};
use crate::contexts::team::types::Plan;
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Action, BrandId, Permission, Resource, WorkspaceId};
use crate::ui::pager::page_count;

/// What the brand form sends.
#[derive(Debug, Clone, Default)]
pub struct BrandForm {
    pub name: String,
    pub domain: String,
    pub currency: String,
    pub timezone: String,
    /// The hour (0–23, in the brand's time zone) of its daily sync and insights;
    /// empty means the default, 6.
    pub sync_hour: String,
}

/// The default hour of a brand's daily sync.
pub const DEFAULT_SYNC_HOUR: i16 = 6;

/// The form's sync hour, `None` when it is not an hour of the day.
pub fn sync_hour(raw: &str) -> Option<i16> {
    match raw.trim() {
        "" => Some(DEFAULT_SYNC_HOUR),
        hour => hour.parse::<i16>().ok().filter(|h| (0..=23).contains(h)),
    }
}

/// Every problem with the form at once, by field (the name's uniqueness aside).
pub fn validate(form: &BrandForm) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Name the brand.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    if let Some(problem) = domain_problem(&form.domain) {
        add(&mut errors, "domain", problem);
    }
    if minor_units(form.currency.trim()).is_none() {
        add(&mut errors, "currency", "Choose an ISO 4217 currency, like USD or EUR.");
    }
    if form.timezone.trim().parse::<chrono_tz::Tz>().is_err() {
        add(&mut errors, "timezone", "Choose an IANA time zone, like America/Chicago.");
    }
    if sync_hour(&form.sync_hour).is_none() {
        add(&mut errors, "sync_hour", "Choose an hour from 0 to 23.");
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

fn fields(form: &BrandForm) -> BrandFields<'_> {
    BrandFields {
        name: form.name.trim(),
        domain: Some(form.domain.trim()).filter(|d| !d.is_empty()),
        currency: form.currency.trim(),
        timezone: form.timezone.trim(),
        sync_hour: sync_hour(&form.sync_hour).unwrap_or(DEFAULT_SYNC_HOUR),
    }
}

const NAME_TAKEN: &str = "Another active brand already has this name.";

/// Whether the plan has room for one more active brand. Run inside the writing
/// transaction: it locks the workspace's row, so parallel creates take turns and
/// the count each sees includes the brands committed before it.
async fn check_room(tx: &mut sqlx::PgConnection, workspace: WorkspaceId) -> Result<(), AppError> {
    let plan = lock_plan(&mut *tx, workspace)
        .await?
        .and_then(|plan| Plan::parse(&plan))
        .unwrap_or(Plan::Free);
    if let Some(max) = plan.limits().max_brands
        && repo::count_active(&mut *tx, workspace).await? >= i64::from(max)
    {
        return Err(AppError::invalid(
            "name",
            format!(
                "The {} plan includes {max} active brands. Archive one or change the plan.",
                plan.label()
            ),
        ));
    }
    Ok(())
}

/// Every brand of the workspace (for the other contexts' brand choices).
pub async fn list(pg: &PgPool, member: &Member) -> Result<BrandList, AppError> {
    let brands = repo::list(pg, member.workspace).await?;
    let total = i64::try_from(brands.len()).unwrap_or(i64::MAX);
    list_of(pg, member, brands, total, 1, 1).await
}

/// Every brand of the workspace and the workspace's default currency and time zone:
/// what a page that picks a brand needs (the dashboard), read at once.
/// Reads only the workspace's own rows; the caller checks who may see them.
pub async fn choices(
    pg: &PgPool,
    workspace: WorkspaceId,
) -> Result<(Vec<Brand>, String, String), AppError> {
    let (brands, workspace) =
        tokio::try_join!(repo::list(pg, workspace), workspace_row(pg, workspace))?;
    let workspace = workspace.ok_or(AppError::NotFound)?;
    Ok((brands, workspace.currency, workspace.timezone))
}

/// Page `page` of the workspace's brands, [`BRANDS_PER_PAGE`] a page (a page past
/// the last shows the last).
pub async fn page(pg: &PgPool, member: &Member, page: u32) -> Result<BrandList, AppError> {
    let total = repo::count_all(pg, member.workspace).await?;
    let pages = page_count(total, BRANDS_PER_PAGE);
    let page = page.clamp(1, pages);
    let per_page = i64::from(BRANDS_PER_PAGE);
    let brands =
        repo::list_page(pg, member.workspace, per_page, i64::from(page - 1) * per_page).await?;
    list_of(pg, member, brands, total, page, pages).await
}

async fn list_of(
    pg: &PgPool,
    member: &Member,
    brands: Vec<Brand>,
    total: i64,
    page: u32,
    pages: u32,
) -> Result<BrandList, AppError> {
    let workspace = workspace_row(pg, member.workspace).await?.ok_or(AppError::NotFound)?;
    let plan = Plan::parse(&workspace.plan).unwrap_or(Plan::Free);
    Ok(BrandList {
        brands,
        active: repo::count_active(pg, member.workspace).await?,
        total,
        page,
        pages,
        can_create: member.can(Permission::new(Resource::Brands, Action::Create)),
        can_edit: member.can(Permission::new(Resource::Brands, Action::Update)),
        can_archive: member.can(Permission::new(Resource::Brands, Action::Delete)),
        default_currency: workspace.currency,
        default_timezone: workspace.timezone,
        max_brands: plan.limits().max_brands,
    })
}

pub async fn get(pg: &PgPool, member: &Member, brand: BrandId) -> Result<Brand, AppError> {
    repo::find(pg, member.workspace, brand).await?.ok_or(AppError::NotFound)
}

/// A brand of `workspace`, for the workspace's background jobs (no member acts).
/// Takes the pool or the caller's transaction (`&mut *tx`).
pub async fn find_for_job(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<Option<Brand>, AppError> {
    Ok(repo::find(db, workspace, brand).await?)
}

pub async fn create(pg: &PgPool, member: &Member, form: &BrandForm) -> Result<BrandId, AppError> {
    validate(form)?;
    if repo::name_taken(pg, member.workspace, form.name.trim(), None).await? {
        return Err(AppError::invalid("name", NAME_TAKEN));
    }
    let fields = fields(form);
    let mut tx = pg.begin().await?;
    check_room(&mut tx, member.workspace).await?;
    let id = repo::insert(&mut *tx, member.workspace, member.user, &fields).await?;
    let description = format!("Created the brand {}", form.name.trim());
    log_activity(&mut *tx, member.workspace, Some(member.user), "brand_created", &description)
        .await?;
    // Its insights are worked out daily from now on, booked with the brand itself.
    let first = next_daily_run(fields.timezone, fields.sync_hour, chrono::Utc::now());
    let data = GenerateInsights::new(id).data();
    queue::enqueue_unique(&mut tx, member.workspace, GENERATE_INSIGHTS, &data, Some(first)).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(
    pg: &PgPool,
    member: &Member,
    brand: BrandId,
    form: &BrandForm,
) -> Result<(), AppError> {
    validate(form)?;
    if repo::name_taken(pg, member.workspace, form.name.trim(), Some(brand)).await? {
        return Err(AppError::invalid("name", NAME_TAKEN));
    }
    let before = repo::find(pg, member.workspace, brand).await?.ok_or(AppError::NotFound)?;
    let mut tx = pg.begin().await?;
    if !repo::update(&mut *tx, member.workspace, brand, &fields(form)).await? {
        return Err(AppError::NotFound);
    }
    // The all-brands figures group brands by currency.
    if before.currency != form.currency.trim() {
        crate::contexts::analytics::server::service::rebuild_rollup(&mut tx, member.workspace)
            .await?;
    }
    let description = format!("Updated the brand {}", form.name.trim());
    log_activity(&mut *tx, member.workspace, Some(member.user), "brand_updated", &description)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Archives or restores a brand. Restoring counts against the plan's brands and
/// needs the name to be free among active brands.
pub async fn set_archived(
    pg: &PgPool,
    member: &Member,
    brand: BrandId,
    archived: bool,
) -> Result<(), AppError> {
    let current = repo::find(pg, member.workspace, brand).await?.ok_or(AppError::NotFound)?;
    let restoring = !archived && current.archived_at.is_some();
    if restoring && repo::name_taken(pg, member.workspace, &current.name, Some(brand)).await? {
        return Err(AppError::invalid("name", NAME_TAKEN));
    }
    let mut tx = pg.begin().await?;
    if restoring {
        check_room(&mut tx, member.workspace).await?;
    }
    repo::set_archived(&mut *tx, member.workspace, brand, archived).await?;
    // The all-brands figures count active brands only.
    crate::contexts::analytics::server::service::rebuild_rollup(&mut tx, member.workspace).await?;
    let (kind, verb) =
        if archived { ("brand_archived", "Archived") } else { ("brand_restored", "Restored") };
    let description = format!("{verb} the brand {}", current.name);
    log_activity(&mut *tx, member.workspace, Some(member.user), kind, &description).await?;
    tx.commit().await?;
    Ok(())
}

/// How many brands the workspace has, archived ones included (for Home).
pub async fn count(pg: &PgPool, workspace: WorkspaceId) -> Result<i64, AppError> {
    Ok(repo::count_all(pg, workspace).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> BrandForm {
        BrandForm {
            name: "Northwind Roasters".into(),
            domain: "roasters.northwind.example".into(),
            currency: "USD".into(),
            timezone: "America/Chicago".into(),
            sync_hour: "7".into(),
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert_eq!(validate(&form()), Ok(()));
    }

    #[test]
    fn the_sync_hour_is_an_hour_of_the_day_defaulting_to_six() {
        assert_eq!(sync_hour(""), Some(6));
        assert_eq!(sync_hour(" 0 "), Some(0));
        assert_eq!(sync_hour("23"), Some(23));
        assert_eq!(sync_hour("24"), None);
        assert_eq!(sync_hour("-1"), None);
        assert_eq!(sync_hour("noon"), None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = BrandForm {
            name: " ".into(),
            domain: "https://x".into(),
            currency: "DOLLARS".into(),
            timezone: "Mars/Olympus".into(),
            sync_hour: "24".into(),
        };
        let err = validate(&bad).unwrap_err();
        for field in ["name", "domain", "currency", "timezone", "sync_hour"] {
            assert!(!err.field_messages(field).is_empty(), "{field}");
        }
    }
}
