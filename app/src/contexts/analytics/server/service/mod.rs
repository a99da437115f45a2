//! Use cases of the analytics context: the dashboard (this file: one brand, or
//! every active brand in one currency, over a preset or custom range, compared with
//! the previous period and last year), the CSV import (`import_csv`), what other
//! contexts call to read and write metrics (`metrics`), and the charts' drawing
//! (`draw`).

mod draw;
pub mod export;
mod import_csv;
mod metrics;

use chrono::{NaiveDate, Utc};
use sqlx::PgPool;

pub use self::import_csv::import_csv;
pub use self::metrics::{brand_points, delete_connection_values, rebuild_rollup, store_values};
use super::repo;
use crate::contexts::analytics::rules;
use crate::contexts::analytics::types::{BrandOption, Compare, Dashboard, DashboardFilters};
use crate::contexts::auth::server::guard::Member;
use crate::contexts::brands::rules::minor_units;
use crate::contexts::brands::server::service as brands;
use crate::error::AppError;
use crate::kernel::period::MAX_DAYS;
use crate::kernel::{BrandId, Granularity, Period, Preset};

/// What the dashboard's filter form asks for; everything optional.
#[derive(Debug, Clone, Default)]
pub struct DashboardQuery {
    pub brand: Option<BrandId>,
    pub preset: Option<Preset>,
    /// "Custom range" was chosen, perhaps before any dates were typed.
    pub custom: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currency: Option<String>,
    pub compare: Compare,
    pub granularity: Option<Granularity>,
}

impl DashboardQuery {
    /// The filters as the address gives them: empty means "not chosen", `all` is
    /// every brand, an unknown preset is none; a malformed date is reported on its field.
    pub fn from_form(f: &DashboardFilters) -> Result<Self, AppError> {
        let date = |field: &str, raw: &str| match raw.trim() {
            "" => Ok(None),
            text => match text.parse::<NaiveDate>() {
                Ok(day) if crate::kernel::period::in_range(day) => Ok(Some(day)),
                Ok(_) => {
                    Err(AppError::invalid(field, "Choose a date between the years 2000 and 2100."))
                }
                Err(_) => Err(AppError::invalid(field, "Use a date like 2026-03-31.")),
            },
        };
        Ok(Self {
            brand: match f.brand.trim() {
                "" | "all" => None,
                id => Some(id.parse().map_err(|_| AppError::NotFound)?),
            },
            preset: Preset::parse(f.preset.trim()),
            custom: f.preset.trim() == "custom",
            from: date("from", &f.from)?,
            to: date("to", &f.to)?,
            currency: Some(f.currency.trim().to_uppercase()).filter(|c| !c.is_empty()),
            compare: Compare::parse(f.compare.trim()).unwrap_or_default(),
            granularity: Granularity::parse(f.granularity.trim()),
        })
    }
}

/// The period asked for: the preset when one is chosen, else the custom range when
/// both ends are given (checked), else the last 30 days.
pub fn choose_period(
    query: &DashboardQuery,
    today: NaiveDate,
) -> Result<(Option<Preset>, Period), AppError> {
    if let Some(preset) = query.preset {
        return Ok((Some(preset), preset.resolve(today)));
    }
    match (query.from, query.to) {
        (Some(from), Some(to)) => {
            let period = Period::new(from, to).ok_or_else(|| {
                AppError::invalid("to", "The end date comes before the start date.")
            })?;
            if period.days() > MAX_DAYS {
                return Err(AppError::invalid("from", "Choose a range of at most three years."));
            }
            Ok((None, period))
        }
        (Some(_), None) => Err(AppError::invalid("to", "Choose an end date too.")),
        (None, Some(_)) => Err(AppError::invalid("from", "Choose a start date too.")),
        // "Custom range" before any dates: the last 30 days, to edit.
        (None, None) if query.custom => Ok((None, Preset::Last30Days.resolve(today))),
        (None, None) => Ok((Some(Preset::Last30Days), Preset::Last30Days.resolve(today))),
    }
}

pub async fn dashboard(
    pg: &PgPool,
    member: &Member,
    query: &DashboardQuery,
) -> Result<Dashboard, AppError> {
    let choices = brands::choices(pg, member.workspace).await?;
    dashboard_with(pg, member, query, choices).await
}

/// The dashboard from the workspace's brand choices (`brands::choices`), read
/// already (while the guard read the membership).
pub async fn dashboard_with(
    pg: &PgPool,
    member: &Member,
    query: &DashboardQuery,
    (all, default_currency, default_timezone): (
        Vec<crate::contexts::brands::types::Brand>,
        String,
        String,
    ),
) -> Result<Dashboard, AppError> {
    let options: Vec<BrandOption> = all
        .iter()
        .filter(|b| b.archived_at.is_none() || Some(b.id) == query.brand)
        .map(|b| BrandOption { id: b.id, name: b.name.clone(), currency: b.currency.clone() })
        .collect();
    let (scope, currency, timezone, ids, others) = match query.brand {
        Some(id) => {
            let brand = all.iter().find(|b| b.id == id).ok_or(AppError::NotFound)?;
            (brand.name.clone(), brand.currency.clone(), brand.timezone.clone(), vec![id], vec![])
        }
        None => {
            let currency = query
                .currency
                .clone()
                .filter(|c| options.iter().any(|b| &b.currency == c))
                .unwrap_or(default_currency);
            let active = all.iter().filter(|b| b.archived_at.is_none());
            let (ids, others): (Vec<_>, Vec<_>) = active.partition(|b| b.currency == currency);
            (
                "All brands".to_owned(),
                currency,
                default_timezone,
                ids.iter().map(|b| b.id).collect(),
                others.iter().map(|b| format!("{} ({})", b.name, b.currency)).collect(),
            )
        }
    };
    let tz: chrono_tz::Tz = timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = Utc::now().with_timezone(&tz).date_naive();
    let (preset, period) = choose_period(query, today)?;
    let (previous, last_year) = (period.previous(), period.year_earlier());
    let workspace = member.workspace;
    // One brand reads its own rows; all brands read the workspace's roll-up. The
    // three periods and the sync state are read at once, each on its connection.
    let points = |p: Period| {
        let (ids, currency) = (&ids, &currency);
        async move {
            match query.brand {
                Some(_) => repo::points(pg, workspace, ids, p).await,
                None => repo::rollup_points(pg, workspace, currency, p).await,
            }
        }
    };
    let (current_points, previous_points, year_points, (last_sync_at, sample_data)) = tokio::try_join!(
        points(period),
        points(previous),
        points(last_year),
        repo::last_sync(pg, workspace, &ids)
    )?;
    let kpis = rules::kpi_values(
        &rules::totals(&current_points, period),
        &rules::totals(&previous_points, previous),
        &rules::totals(&year_points, last_year),
    );
    let granularity = query.granularity.unwrap_or_else(|| Granularity::auto(period));
    let days = rules::series(&current_points, period, granularity);
    let channels = rules::channels(&current_points, period);
    let decimals = minor_units(&currency).unwrap_or(2);
    let charts = draw::draw(&days, granularity, &channels, &currency, decimals);
    Ok(Dashboard {
        brand: query.brand,
        scope,
        currency,
        currency_decimals: decimals,
        timezone,
        today,
        preset,
        period,
        previous,
        last_year,
        compare: query.compare,
        granularity,
        kpis,
        has_data: !current_points.is_empty(),
        days,
        channels,
        charts,
        brands: options,
        other_currency_brands: others,
        last_sync_at,
        sample_data,
    })
}

/// Whether any of the workspace's brands has data yet (for Home).
pub async fn has_metrics(
    pg: &PgPool,
    workspace: crate::kernel::WorkspaceId,
) -> Result<bool, AppError> {
    Ok(repo::any_metrics(pg, workspace).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_form_reads_empty_as_unchosen_and_reports_bad_dates() {
        let form = |brand: &str, preset: &str, from: &str, currency: &str| DashboardFilters {
            brand: brand.into(),
            preset: preset.into(),
            from: from.into(),
            currency: currency.into(),
            ..DashboardFilters::default()
        };
        let q = DashboardQuery::from_form(&form("all", "last_7_days", "", "eur")).unwrap();
        assert_eq!((q.brand, q.preset, q.from), (None, Some(Preset::Last7Days), None));
        assert_eq!(q.currency.as_deref(), Some("EUR"));
        assert_eq!((q.compare, q.granularity), (Compare::Previous, None));
        let bad = DashboardQuery::from_form(&form("", "", "31/03/2026", "")).unwrap_err();
        assert_eq!(bad.field_messages("from"), ["Use a date like 2026-03-31."]);
        assert_eq!(
            DashboardQuery::from_form(&form("nope", "", "", "")).unwrap_err(),
            AppError::NotFound
        );
    }

    #[test]
    fn a_preset_wins_then_a_checked_custom_range_then_thirty_days() {
        let today = day(3, 15);
        let q = |preset, from, to| DashboardQuery { preset, from, to, ..DashboardQuery::default() };
        let (p, period) =
            choose_period(&q(Some(Preset::Last7Days), Some(day(1, 1)), None), today).unwrap();
        assert_eq!((p, period.days()), (Some(Preset::Last7Days), 7));
        let (p, period) =
            choose_period(&q(None, Some(day(1, 1)), Some(day(1, 31))), today).unwrap();
        assert_eq!((p, period.days()), (None, 31));
        assert_eq!(choose_period(&q(None, None, None), today).unwrap().1.days(), 30);
        let reversed =
            choose_period(&q(None, Some(day(2, 1)), Some(day(1, 1))), today).unwrap_err();
        assert_eq!(reversed.field_messages("to"), ["The end date comes before the start date."]);
        let half = choose_period(&q(None, Some(day(2, 1)), None), today).unwrap_err();
        assert_eq!(half.field_messages("to"), ["Choose an end date too."]);
        let long = NaiveDate::from_ymd_opt(2020, 1, 1);
        assert!(choose_period(&q(None, long, Some(day(3, 1))), today).is_err());
    }
}
