//! The dashboard use case: one brand, or every active brand in one currency, over a
//! preset or custom range, compared with the previous period and last year.

use chrono::{NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};

use super::charts::{self, AMBER, EMERALD, INDIGO, Line, ROSE};
use super::repo;
use crate::contexts::analytics::kpi::Unit;
use crate::contexts::analytics::rules;
use crate::contexts::analytics::types::{
    BrandOption, ChannelRow, Chart, DailyValue, Dashboard, DayRow, ImportReport, MetricPoint,
};
use crate::contexts::analytics::{format, import};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::rules::minor_units;
use crate::contexts::brands::server::service as brands;
use crate::contexts::insights::types::{GENERATE_INSIGHTS, GenerateInsights};
use crate::error::AppError;
use crate::kernel::period::MAX_DAYS;
use crate::kernel::{BrandId, Period, Preset, WorkspaceId};

/// What the dashboard's filter form asks for; everything optional.
#[derive(Debug, Clone, Default)]
pub struct DashboardQuery {
    pub brand: Option<BrandId>,
    pub preset: Option<Preset>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currency: Option<String>,
}

impl DashboardQuery {
    /// The filters as the address gives them: empty means "not chosen", `all` is
    /// every brand, an unknown preset is none; a malformed date is reported on its field.
    pub fn from_form(
        brand: &str,
        preset: &str,
        from: &str,
        to: &str,
        currency: &str,
    ) -> Result<Self, AppError> {
        let date = |field: &str, raw: &str| match raw.trim() {
            "" => Ok(None),
            text => text
                .parse::<NaiveDate>()
                .map(Some)
                .map_err(|_| AppError::invalid(field, "Use a date like 2026-03-31.")),
        };
        Ok(Self {
            brand: match brand.trim() {
                "" | "all" => None,
                id => Some(id.parse().map_err(|_| AppError::NotFound)?),
            },
            preset: Preset::parse(preset.trim()),
            from: date("from", from)?,
            to: date("to", to)?,
            currency: Some(currency.trim().to_uppercase()).filter(|c| !c.is_empty()),
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
        (None, None) => Ok((Some(Preset::Last30Days), Preset::Last30Days.resolve(today))),
    }
}

pub async fn dashboard(
    pg: &PgPool,
    member: &Member,
    query: &DashboardQuery,
) -> Result<Dashboard, AppError> {
    let list = brands::list(pg, member).await?;
    let options: Vec<BrandOption> = list
        .brands
        .iter()
        .filter(|b| b.archived_at.is_none() || Some(b.id) == query.brand)
        .map(|b| BrandOption { id: b.id, name: b.name.clone(), currency: b.currency.clone() })
        .collect();
    let (scope, currency, timezone, ids, others) = match query.brand {
        Some(id) => {
            let brand = list.brands.iter().find(|b| b.id == id).ok_or(AppError::NotFound)?;
            (brand.name.clone(), brand.currency.clone(), brand.timezone.clone(), vec![id], vec![])
        }
        None => {
            let currency = query
                .currency
                .clone()
                .filter(|c| options.iter().any(|b| &b.currency == c))
                .unwrap_or(list.default_currency.clone());
            let active = list.brands.iter().filter(|b| b.archived_at.is_none());
            let (ids, others): (Vec<_>, Vec<_>) = active.partition(|b| b.currency == currency);
            (
                "All brands".to_owned(),
                currency,
                list.default_timezone.clone(),
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
    let current_points = repo::points(pg, workspace, &ids, period).await?;
    let previous_points = repo::points(pg, workspace, &ids, previous).await?;
    let year_points = repo::points(pg, workspace, &ids, last_year).await?;
    let kpis = rules::kpi_values(
        &rules::totals(&current_points, period),
        &rules::totals(&previous_points, previous),
        &rules::totals(&year_points, last_year),
    );
    let days = rules::daily(&current_points, period);
    let channels = rules::channels(&current_points, period);
    let decimals = minor_units(&currency).unwrap_or(2);
    let charts = draw(&days, &channels, &currency, decimals);
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
        kpis,
        has_data: !current_points.is_empty(),
        days,
        channels,
        charts,
        brands: options,
        other_currency_brands: others,
        last_sync_at: repo::last_sync(pg, workspace, &ids).await?,
    })
}

/// Checks a CSV of daily metrics for a brand and, when `commit`, writes its good rows
/// in one transaction (replacing imported values of the same days and types).
/// Rejected rows are reported, never written.
pub async fn import_csv(
    pg: &PgPool,
    member: &Member,
    brand: BrandId,
    text: &str,
    commit: bool,
) -> Result<ImportReport, AppError> {
    let brand = brands::get(pg, member, brand).await?;
    if brand.archived_at.is_some() {
        return Err(AppError::invalid(
            "csv",
            "This brand is archived; restore it to import metrics.",
        ));
    }
    let tz: chrono_tz::Tz = brand.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = Utc::now().with_timezone(&tz).date_naive();
    let parsed = import::parse(text, today).map_err(|message| AppError::invalid("csv", message))?;
    let mut report = ImportReport {
        columns: parsed.columns.iter().map(|m| m.as_str().to_owned()).collect(),
        accepted_rows: parsed.accepted_rows,
        values: parsed.values.len(),
        rejected: parsed.rejected,
        first_day: parsed.first_day,
        last_day: parsed.last_day,
        committed: false,
    };
    if !commit || parsed.values.is_empty() {
        return Ok(report);
    }
    let mut tx = pg.begin().await?;
    repo::upsert(&mut *tx, member.workspace, brand.id, None, &brand.currency, &parsed.values)
        .await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "metrics_imported",
        &format!("Imported {} rows of metrics for {}", report.accepted_rows, brand.name),
    )
    .await?;
    // New data: the brand's insights are worked out again, committed with the import.
    let data = GenerateInsights::new(brand.id).data();
    queue::enqueue(&mut tx, member.workspace, GENERATE_INSIGHTS, &data, None).await?;
    tx.commit().await?;
    report.committed = true;
    Ok(report)
}

/// Stores a brand's values from one source (`connection` `None` = imported), in the
/// caller's transaction; each replaces what was stored for its day and type. For
/// other contexts (a platform sync, the demo seed).
pub async fn store_values(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    brand: BrandId,
    connection: Option<uuid::Uuid>,
    currency: &str,
    values: &[DailyValue],
) -> Result<u64, AppError> {
    Ok(repo::upsert(&mut *tx, workspace, brand, connection, currency, values).await?)
}

/// Forgets every value stored under `connection`, in the caller's transaction (the
/// integrations context drops a connection's demo data before real data arrives).
pub async fn delete_connection_values(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    connection: uuid::Uuid,
) -> Result<u64, AppError> {
    Ok(repo::delete_for_connection(&mut *tx, workspace, connection).await?)
}

/// A brand's daily metric points in `period`, for other contexts' rules (insights).
pub async fn brand_points(
    pg: &PgPool,
    workspace: WorkspaceId,
    brand: BrandId,
    period: Period,
) -> Result<Vec<MetricPoint>, AppError> {
    Ok(repo::points(pg, workspace, &[brand], period).await?)
}

/// "Revenue ranged from $1,200 (Mar 3) to $4,100 (Mar 14)."
fn range_sentence(
    label: &str,
    days: &[DayRow],
    pick: impl Fn(&DayRow) -> Option<f64>,
    show: impl Fn(f64) -> String,
) -> String {
    let known: Vec<(NaiveDate, f64)> =
        days.iter().filter_map(|d| Some((d.date, pick(d)?))).collect();
    let low = known.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = known.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    match (low, high) {
        (Some(low), Some(high)) => format!(
            "{label} ranged from {} ({}) to {} ({}) over {} days with data.",
            show(low.1),
            low.0.format("%b %-d, %Y"),
            show(high.1),
            high.0.format("%b %-d, %Y"),
            known.len()
        ),
        _ => format!("No {} data in this period.", label.to_lowercase()),
    }
}

fn draw(days: &[DayRow], channels: &[ChannelRow], currency: &str, decimals: u8) -> Vec<Chart> {
    let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    let money = |v: f64| format::value(Some(v), Unit::Money, currency, decimals, false);
    let precise = |v: f64| format::value(Some(v), Unit::Money, currency, decimals, true);
    let multiple = |v: f64| format::value(Some(v), Unit::Multiple, currency, decimals, false);
    let count = |v: f64| format::value(Some(v), Unit::Count, currency, decimals, false);
    let column = |pick: fn(&DayRow) -> Option<f64>| days.iter().map(pick).collect::<Vec<_>>();
    let chart = |id: &str, title: &str, svg: String, summary: String| Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        svg,
        summary,
    };
    let title_id = |id: &str| format!("{id}-title");
    let mut out = vec![
        chart(
            "chart-revenue-spend",
            "Revenue vs ad spend",
            charts::lines(
                &dates,
                &[
                    Line { label: "Revenue", color: INDIGO, values: column(|d| d.revenue) },
                    Line { label: "Ad spend", color: AMBER, values: column(|d| d.ad_spend) },
                ],
                &title_id("chart-revenue-spend"),
            ),
            format!(
                "{} {}",
                range_sentence("Revenue", days, |d| d.revenue, money),
                range_sentence("Ad spend", days, |d| d.ad_spend, money)
            ),
        ),
        chart(
            "chart-roas",
            "ROAS by day",
            charts::lines(
                &dates,
                &[Line { label: "ROAS", color: EMERALD, values: column(|d| d.roas) }],
                &title_id("chart-roas"),
            ),
            range_sentence("ROAS", days, |d| d.roas, multiple),
        ),
        chart(
            "chart-cpa",
            "CPA by day",
            charts::lines(
                &dates,
                &[Line { label: "CPA", color: ROSE, values: column(|d| d.cpa) }],
                &title_id("chart-cpa"),
            ),
            range_sentence("CPA", days, |d| d.cpa, precise),
        ),
        chart(
            "chart-conversions",
            "Conversions by day",
            charts::lines(
                &dates,
                &[Line { label: "Conversions", color: INDIGO, values: column(|d| d.conversions) }],
                &title_id("chart-conversions"),
            ),
            range_sentence("Conversions", days, |d| d.conversions, count),
        ),
    ];
    let bars: Vec<(&'static str, f64)> =
        channels.iter().map(|c| (c.source.label(), c.spend.unwrap_or(0.0))).collect();
    let summary = if bars.is_empty() {
        "No ad channel reported spend in this period.".to_owned()
    } else {
        bars.iter()
            .map(|(label, v)| format!("{label}: {}", money(*v)))
            .collect::<Vec<_>>()
            .join("; ")
            + "."
    };
    out.push(chart(
        "chart-channels",
        "Spend by channel",
        charts::bars(&bars, &title_id("chart-channels")),
        summary,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_form_reads_empty_as_unchosen_and_reports_bad_dates() {
        let q = DashboardQuery::from_form("all", "last_7_days", "", "", "eur").unwrap();
        assert_eq!((q.brand, q.preset, q.from), (None, Some(Preset::Last7Days), None));
        assert_eq!(q.currency.as_deref(), Some("EUR"));
        let bad = DashboardQuery::from_form("", "", "31/03/2026", "", "").unwrap_err();
        assert_eq!(bad.field_messages("from"), ["Use a date like 2026-03-31."]);
        assert_eq!(
            DashboardQuery::from_form("nope", "", "", "", "").unwrap_err(),
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
