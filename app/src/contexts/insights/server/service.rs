//! Use cases of the insights context: work out a brand's insights, list them, mark
//! them read, adjust the thresholds.

use chrono::{Duration, NaiveTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::repo::{self, Filter};
use crate::contexts::analytics::format;
use crate::contexts::analytics::kpi::Unit;
use crate::contexts::analytics::server::service as analytics;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::rules::minor_units;
use crate::contexts::brands::server::service as brands;
use crate::contexts::insights::rules::{Windows, evaluate};
use crate::contexts::insights::types::{
    GENERATE_INSIGHTS, GenerateInsights, InsightList, InsightView, Priority, Thresholds,
};
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Action, BrandId, Permission, Resource, WorkspaceId};

/// Insights stay on the list for two weeks after the period they describe.
const LIFETIME_DAYS: i64 = 14;
const PAGE_SIZE: i64 = 20;

/// Runs every rule over the brand's metrics up to its yesterday and stores what is
/// new. Returns how many insights were added (0 when all were already known).
pub async fn generate(
    pg: &PgPool,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<usize, AppError> {
    let Some(brand) = brands::find_for_job(pg, workspace, brand).await? else {
        return Err(AppError::NotFound);
    };
    if brand.archived_at.is_some() {
        return Ok(0);
    }
    let tz: chrono_tz::Tz = brand.timezone.parse().unwrap_or(chrono_tz::UTC);
    let as_of = Utc::now().with_timezone(&tz).date_naive() - Duration::days(1);
    let windows = Windows::ending(as_of);
    let points = analytics::brand_points(pg, workspace, brand.id, windows.span()).await?;
    let thresholds = thresholds(pg, workspace).await?;
    let decimals = minor_units(&brand.currency).unwrap_or(2);
    let money = |v: f64| format::value(Some(v), Unit::Money, &brand.currency, decimals, true);
    let findings = evaluate(&points, as_of, &thresholds, &money);
    let mut added = 0;
    for finding in &findings {
        let expires =
            (finding.period.to + Duration::days(LIFETIME_DAYS)).and_time(NaiveTime::MIN).and_utc();
        if repo::insert(pg, workspace, brand.id, finding, expires).await? {
            added += 1;
        }
    }
    Ok(added)
}

/// The key of the workspace's settings that holds the insight thresholds.
const THRESHOLDS_KEY: &str = "insight_thresholds";

/// The workspace's thresholds (the defaults until someone saves them).
pub async fn thresholds(pg: &PgPool, workspace: WorkspaceId) -> Result<Thresholds, AppError> {
    let stored = accounts::workspace_setting(pg, workspace, THRESHOLDS_KEY).await?;
    Ok(stored.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default())
}

/// Asks for the brand's insights to be worked out now, with the caller's transaction.
pub async fn enqueue_now(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    brand: BrandId,
) -> Result<(), AppError> {
    let data = GenerateInsights::new(brand).data();
    queue::enqueue(tx, workspace, GENERATE_INSIGHTS, &data, None).await?;
    Ok(())
}

/// Works out every active brand's insights now (they are also worked out after each
/// sync and daily). Returns how many brands were queued.
pub async fn refresh_all(pg: &PgPool, member: &Member) -> Result<u32, AppError> {
    let active: Vec<BrandId> = brands::list(pg, member)
        .await?
        .brands
        .into_iter()
        .filter(|brand| brand.archived_at.is_none())
        .map(|brand| brand.id)
        .collect();
    let mut tx = pg.begin().await?;
    for &brand in &active {
        enqueue_now(&mut tx, member.workspace, brand).await?;
    }
    tx.commit().await?;
    Ok(u32::try_from(active.len()).unwrap_or(u32::MAX))
}

fn view(row: repo::InsightRow) -> Option<InsightView> {
    let data = &row.related_data;
    let text = |key: &str| data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let chart_href = match (text("chart"), text("chart_from"), text("chart_to")) {
        (Some(chart), Some(from), Some(to)) => {
            Some(format!("/dashboard?brand={}&from={from}&to={to}#{chart}", row.brand_id))
        }
        _ => None,
    };
    Some(InsightView {
        insight_type: row.kind()?,
        priority: Priority::parse(&row.priority)?,
        action_items: serde_json::from_value(row.action_items.clone()).unwrap_or_default(),
        id: row.id,
        brand_id: row.brand_id,
        brand_name: row.brand_name,
        title: row.title,
        description: row.description,
        is_read: row.is_read,
        dismissed: row.dismissed,
        created_at: row.created_at,
        expires_at: row.expires_at,
        period_start: row.period_start,
        period_end: row.period_end,
        chart_href,
    })
}

pub async fn list(
    pg: &PgPool,
    member: &Member,
    filter: &Filter,
    page: u32,
) -> Result<InsightList, AppError> {
    let filter = &repo::Filter { reader: Some(member.user), ..filter.clone() };
    let (total, unread) = repo::count(pg, member.workspace, filter).await?;
    let pages = u32::try_from((total + PAGE_SIZE - 1) / PAGE_SIZE).unwrap_or(1).max(1);
    let page = page.clamp(1, pages);
    let rows = repo::list(pg, member.workspace, filter, PAGE_SIZE, i64::from(page - 1) * PAGE_SIZE)
        .await?;
    let brand_list = brands::list(pg, member).await?;
    Ok(InsightList {
        insights: rows.into_iter().filter_map(view).collect(),
        total,
        unread,
        has_data: crate::contexts::analytics::server::service::has_metrics(pg, member.workspace)
            .await?,
        working: crate::contexts::automation::server::queue::count_active(
            pg,
            member.workspace,
            crate::contexts::insights::types::GENERATE_INSIGHTS,
        )
        .await?
            > 0,
        page,
        pages,
        brands: brand_list.brands.into_iter().map(|b| (b.id, b.name)).collect(),
        can_update: member.can(Permission::new(Resource::Insights, Action::Update)),
        thresholds: thresholds(pg, member.workspace).await?,
    })
}

/// Marks an insight read, unread or dismissed for the member alone.
pub async fn set_read_state(
    pg: &PgPool,
    member: &Member,
    id: Uuid,
    state: repo::ReadState,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    if !repo::set_read_state(&mut tx, member.workspace, member.user, id, state).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// The thresholds form as typed: fractions as percentages (`50` = 50 %).
#[derive(Debug, Clone, Default)]
pub struct ThresholdsForm {
    pub cpa_increase: String,
    pub roas_floor: String,
    pub conversion_drop: String,
    pub revenue_growth: String,
    pub channel_cpa_gap: String,
    pub min_spend: String,
    pub min_conversions: String,
}

impl ThresholdsForm {
    /// The thresholds, or every field that is not a number.
    pub fn parse(&self) -> Result<Thresholds, AppError> {
        let mut errors = FieldErrors::new();
        let mut number = |field: &str, raw: &str, scale: f64| match raw.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v / scale,
            _ => {
                add(&mut errors, field, "Enter a number.");
                f64::NAN
            }
        };
        let thresholds = Thresholds {
            cpa_increase: number("cpa_increase", &self.cpa_increase, 100.0),
            roas_floor: number("roas_floor", &self.roas_floor, 1.0),
            conversion_drop: number("conversion_drop", &self.conversion_drop, 100.0),
            revenue_growth: number("revenue_growth", &self.revenue_growth, 100.0),
            channel_cpa_gap: number("channel_cpa_gap", &self.channel_cpa_gap, 100.0),
            min_spend: number("min_spend", &self.min_spend, 1.0),
            min_conversions: number("min_conversions", &self.min_conversions, 1.0),
        };
        if errors.is_empty() { Ok(thresholds) } else { Err(AppError::Invalid(errors)) }
    }
}

/// Every out-of-range threshold at once, by field.
pub fn validate(t: &Thresholds) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let mut check = |field: &str, value: f64, low: f64, high: f64, message: &str| {
        if !value.is_finite() || value < low || value > high {
            add(&mut errors, field, message);
        }
    };
    check("cpa_increase", t.cpa_increase, 0.05, 10.0, "Use a rise between 5% and 1000%.");
    check("roas_floor", t.roas_floor, 0.1, 100.0, "Use a ROAS between 0.1 and 100.");
    check("conversion_drop", t.conversion_drop, 0.05, 0.95, "Use a drop between 5% and 95%.");
    check("revenue_growth", t.revenue_growth, 0.05, 10.0, "Use a rise between 5% and 1000%.");
    check("channel_cpa_gap", t.channel_cpa_gap, 0.05, 0.95, "Use a gap between 5% and 95%.");
    check("min_spend", t.min_spend, 0.0, 1e9, "Use an amount of zero or more.");
    check("min_conversions", t.min_conversions, 0.0, 1e9, "Use a number of zero or more.");
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

pub async fn save_thresholds(pg: &PgPool, member: &Member, t: &Thresholds) -> Result<(), AppError> {
    validate(t)?;
    let value = serde_json::to_value(t).map_err(AppError::internal)?;
    accounts::set_workspace_setting(pg, member.workspace, THRESHOLDS_KEY, &value).await?;
    accounts::log_activity(
        pg,
        member.workspace,
        Some(member.user),
        "insight_thresholds_changed",
        "Insight thresholds changed",
    )
    .await?;
    Ok(())
}

/// How many insights wait unread for `reader` (for Home and the navigation).
pub async fn unread(
    pg: &PgPool,
    workspace: WorkspaceId,
    reader: crate::kernel::UserId,
) -> Result<i64, AppError> {
    Ok(repo::count_unread(pg, workspace, reader).await?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::contexts::analytics::server::demo;
    use crate::contexts::analytics::types::MetricPoint;
    use crate::contexts::insights::rules::evaluate;
    use crate::contexts::insights::types::{InsightType, Thresholds};

    /// The demo data promises every insight type on first run.
    #[test]
    fn the_demo_brands_show_every_insight_type() {
        let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let mut found = Vec::new();
        for profile in [demo::roasters(until), demo::cold_brew(until)] {
            let points: Vec<MetricPoint> = demo::generate(&profile, until, 60)
                .into_iter()
                .map(|(source, v)| MetricPoint {
                    date: v.date,
                    source,
                    metric: v.metric,
                    value: v.value,
                })
                .collect();
            let usd = |v: f64| format!("${v:.2}");
            found.extend(
                evaluate(&points, until, &Thresholds::default(), &usd).into_iter().map(|f| f.kind),
            );
        }
        for kind in InsightType::ALL {
            assert!(found.contains(&kind), "{kind:?} missing from {found:?}");
        }
    }
}
