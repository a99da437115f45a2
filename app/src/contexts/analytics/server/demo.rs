//! Eighteen months of made-up but plausible daily metrics for the demo brands:
//! weekly and yearly seasonality, growth, noise, a promotion spike, and (for the
//! first brand) a last week in which CPA doubles, so every dashboard figure and every
//! insight type has something real to show on first run. Deterministic per seed.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgConnection;

use super::service;
use crate::contexts::analytics::types::{DailyValue, MetricType, Source};
use crate::error::AppError;
use crate::kernel::{BrandId, WorkspaceId};

/// The sources the demo generates, each a platform a brand can connect.
pub const PLATFORM_SOURCES: [Source; 4] =
    [Source::Shopify, Source::Meta, Source::GoogleAds, Source::GoogleAnalytics];

/// Stores the generated `rows` of `source` for the brand under `connection`, in the
/// seed's transaction.
pub async fn store(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    brand: BrandId,
    source: Source,
    connection: uuid::Uuid,
    currency: &str,
    rows: &[(Source, DailyValue)],
) -> Result<(), AppError> {
    let values: Vec<DailyValue> =
        rows.iter().filter(|(s, _)| *s == source).map(|(_, v)| *v).collect();
    service::store_values(tx, workspace, brand, Some(connection), currency, &values).await?;
    Ok(())
}

/// How one demo brand behaves.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub seed: u64,
    /// Store sessions on an average day at the start.
    pub sessions: f64,
    pub conversion_rate: f64,
    pub aov: f64,
    pub meta_spend: f64,
    pub meta_cpa: f64,
    pub google_spend: f64,
    pub google_cpa: f64,
    /// Day of the year when the brand sells most.
    pub peak_day: f64,
    pub seasonality: f64,
    /// A promotion: first day, length in days and how much it lifts conversion.
    pub promotion: (NaiveDate, i64, f64),
    /// Ad conversions halve in the last seven days (CPA doubles).
    pub cpa_shock_last_week: bool,
}

/// Black Friday of the latest November that ended before `until`.
pub fn last_black_friday(until: NaiveDate) -> NaiveDate {
    let of_year = |year: i32| {
        let first = NaiveDate::from_ymd_opt(year, 11, 1).unwrap_or(until);
        let to_thursday = (7 + Weekday::Thu.num_days_from_monday() as i64
            - first.weekday().num_days_from_monday() as i64)
            % 7;
        first + Duration::days(to_thursday + 21 + 1)
    };
    let this_year = of_year(until.year());
    if this_year + Duration::days(4) < until { this_year } else { of_year(until.year() - 1) }
}

/// The coffee roaster: peaks before Christmas, runs Black Friday, and its CPA doubles
/// in the last week.
pub fn roasters(until: NaiveDate) -> Profile {
    Profile {
        seed: 1,
        sessions: 1_800.0,
        conversion_rate: 0.026,
        aov: 38.0,
        meta_spend: 260.0,
        meta_cpa: 22.0,
        google_spend: 140.0,
        google_cpa: 35.0,
        peak_day: 350.0,
        seasonality: 0.25,
        promotion: (last_black_friday(until), 4, 1.9),
        cpa_shock_last_week: true,
    }
}

/// The cold brew line: a summer product whose ads barely pay back, running a
/// promotion this very week.
pub fn cold_brew(until: NaiveDate) -> Profile {
    Profile {
        seed: 2,
        sessions: 900.0,
        conversion_rate: 0.022,
        aov: 29.0,
        meta_spend: 240.0,
        meta_cpa: 26.0,
        google_spend: 120.0,
        google_cpa: 30.0,
        peak_day: 195.0,
        seasonality: 0.35,
        promotion: (until - Duration::days(6), 7, 1.8),
        cpa_shock_last_week: false,
    }
}

fn weekday_factor(day: NaiveDate) -> f64 {
    match day.weekday() {
        Weekday::Mon => 0.94,
        Weekday::Tue => 0.9,
        Weekday::Wed => 0.95,
        Weekday::Thu => 1.0,
        Weekday::Fri => 1.04,
        Weekday::Sat => 1.12,
        Weekday::Sun => 1.08,
    }
}

/// Every source's values for the `days` days ending `until`.
pub fn generate(profile: &Profile, until: NaiveDate, days: i64) -> Vec<(Source, DailyValue)> {
    let mut rng = StdRng::seed_from_u64(profile.seed);
    let mut noise = move || 1.0 + rng.gen_range(-0.1..0.1);
    let start = until - Duration::days(days - 1);
    let (promo_start, promo_days, promo_lift) = profile.promotion;
    let mut out = Vec::with_capacity(days as usize * 14);
    for i in 0..days {
        let date = start + Duration::days(i);
        let day_of_year = f64::from(date.ordinal());
        let season = 1.0
            + profile.seasonality
                * (2.0 * std::f64::consts::PI * (day_of_year - profile.peak_day) / 365.0).cos();
        let growth = 1.0 + 0.15 * i as f64 / days as f64;
        let in_promo = date >= promo_start && date < promo_start + Duration::days(promo_days);
        let lift = if in_promo { promo_lift } else { 1.0 };
        let spend_lift = if in_promo { 1.3 } else { 1.0 };
        let shock =
            if profile.cpa_shock_last_week && until - date < Duration::days(7) { 0.5 } else { 1.0 };
        let sessions =
            (profile.sessions * weekday_factor(date) * season * growth * noise()).round();
        let orders = (sessions * profile.conversion_rate * lift * noise()).round();
        let revenue = orders * profile.aov * noise();
        let mut push = |source, metric, value: f64| {
            out.push((source, DailyValue { date, metric, value: (value * 100.0).round() / 100.0 }));
        };
        push(Source::Shopify, MetricType::Revenue, revenue);
        push(Source::Shopify, MetricType::Orders, orders);
        push(Source::Shopify, MetricType::NewCustomers, (orders * 0.42 * noise()).round());
        for (source, base_spend, cpa, cpm, ctr) in [
            (Source::Meta, profile.meta_spend, profile.meta_cpa, 9.0, 0.014),
            (Source::GoogleAds, profile.google_spend, profile.google_cpa, 14.0, 0.035),
        ] {
            let spend = base_spend * season.sqrt() * growth * spend_lift * noise();
            let impressions = (spend / cpm * 1_000.0 * noise()).round();
            push(source, MetricType::AdSpend, spend);
            push(source, MetricType::Impressions, impressions);
            push(source, MetricType::Clicks, (impressions * ctr * noise()).round());
            push(source, MetricType::Conversions, (spend / cpa * lift * shock * noise()).round());
        }
        push(Source::GoogleAnalytics, MetricType::Sessions, sessions);
        push(Source::GoogleAnalytics, MetricType::Revenue, revenue * 0.7 * noise());
        push(Source::GoogleAnalytics, MetricType::Conversions, (orders * 0.8).round());
        push(Source::GoogleAnalytics, MetricType::EngagementRate, 0.6 * noise());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn until() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn black_friday_is_the_day_after_the_fourth_thursday() {
        assert_eq!(last_black_friday(until()), NaiveDate::from_ymd_opt(2025, 11, 28).unwrap());
        let december = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        assert_eq!(last_black_friday(december), NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    }

    #[test]
    fn eighteen_months_of_every_source_deterministically() {
        let rows = generate(&roasters(until()), until(), 548);
        assert_eq!(rows.len(), 548 * 15);
        assert_eq!(rows, generate(&roasters(until()), until(), 548));
        assert!(rows.iter().all(|(_, v)| v.value >= 0.0 && v.value.is_finite()));
        let first = rows.first().map(|(_, v)| v.date);
        assert_eq!(first, Some(until() - Duration::days(547)));
    }

    #[test]
    fn the_last_week_doubles_cpa_for_the_roaster() {
        let rows = generate(&roasters(until()), until(), 60);
        let sum = |metric, from: i64, to: i64| -> f64 {
            rows.iter()
                .filter(|(s, v)| {
                    matches!(s, Source::Meta | Source::GoogleAds)
                        && v.metric == metric
                        && (until() - v.date).num_days() >= from
                        && (until() - v.date).num_days() < to
                })
                .map(|(_, v)| v.value)
                .sum()
        };
        let cpa =
            |from, to| sum(MetricType::AdSpend, from, to) / sum(MetricType::Conversions, from, to);
        let (last_week, before) = (cpa(0, 7), cpa(7, 35));
        assert!(last_week > before * 1.7, "CPA {last_week:.2} vs {before:.2}");
    }
}
