//! Pure aggregation of daily metric points into the dashboard's totals, days and
//! channels. Store revenue is Shopify's or imported; GA4's revenue is "tracked"
//! revenue and feeds ROAS only; CPA divides by the ad platforms' conversions only.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::kpi::{self, Kpi, Totals};
use super::types::{ChannelRow, DayRow, KpiValue, MetricPoint, MetricType, Source};
use crate::kernel::{Granularity, Period};

fn add(slot: &mut Option<f64>, value: f64) {
    *slot = Some(slot.unwrap_or(0.0) + value);
}

fn accumulate(t: &mut Totals, p: &MetricPoint) {
    let slot = match (p.metric, p.source) {
        (MetricType::Revenue, Source::GoogleAnalytics) => &mut t.tracked_revenue,
        (MetricType::Revenue, _) => &mut t.revenue,
        (MetricType::Orders, _) => &mut t.orders,
        (MetricType::NewCustomers, _) => &mut t.new_customers,
        (MetricType::AdSpend, _) => &mut t.ad_spend,
        (MetricType::Impressions, _) => &mut t.impressions,
        (MetricType::Clicks, _) => &mut t.clicks,
        // GA4's conversions are the store's goals, not the ad platforms': kept, not
        // added to the conversions CPA divides by.
        (MetricType::Conversions, Source::GoogleAnalytics) => return,
        (MetricType::Conversions, _) => &mut t.conversions,
        (MetricType::Sessions, _) => &mut t.sessions,
        // A rate does not add up over days; the dashboard does not total it.
        (MetricType::EngagementRate, _) => return,
    };
    add(slot, p.value);
}

/// The sums of the points that fall in `period`.
pub fn totals(points: &[MetricPoint], period: Period) -> Totals {
    let mut t = Totals::default();
    for p in points.iter().filter(|p| period.contains(p.date)) {
        accumulate(&mut t, p);
    }
    t
}

/// Every KPI with its change against the previous period and last year.
pub fn kpi_values(current: &Totals, previous: &Totals, last_year: &Totals) -> Vec<KpiValue> {
    Kpi::ALL
        .into_iter()
        .map(|k| {
            let (value, prev, year) = (k.value(current), k.value(previous), k.value(last_year));
            KpiValue {
                kpi: k,
                value,
                previous: prev,
                last_year: year,
                vs_previous: kpi::change(value, prev),
                vs_last_year: kpi::change(value, year),
            }
        })
        .collect()
}

/// One row per bucket of the period (a day, or the days of a week or month from its
/// first day in the period), buckets without data included (all "—"). A row's
/// `date` is the bucket's first day within the period.
pub fn series(points: &[MetricPoint], period: Period, granularity: Granularity) -> Vec<DayRow> {
    let mut by_bucket: BTreeMap<NaiveDate, Totals> = BTreeMap::new();
    let bucket = |day: NaiveDate| granularity.bucket(day).max(period.from);
    for p in points.iter().filter(|p| period.contains(p.date)) {
        accumulate(by_bucket.entry(bucket(p.date)).or_default(), p);
    }
    let mut starts: Vec<NaiveDate> = period.each_day().map(bucket).collect();
    starts.dedup();
    starts
        .into_iter()
        .map(|date| {
            let t = by_bucket.get(&date).copied().unwrap_or_default();
            DayRow {
                date,
                revenue: t.revenue,
                orders: t.orders,
                ad_spend: t.ad_spend,
                conversions: t.conversions,
                roas: kpi::roas(&t),
                cpa: kpi::cpa(&t),
            }
        })
        .collect()
}

/// One row per day of the period, days without data included (all "—").
pub fn daily(points: &[MetricPoint], period: Period) -> Vec<DayRow> {
    series(points, period, Granularity::Day)
}

/// The ad channels that reported anything in the period, highest spend first.
pub fn channels(points: &[MetricPoint], period: Period) -> Vec<ChannelRow> {
    let mut by_source: BTreeMap<Source, Totals> = BTreeMap::new();
    let ad_metric = |m: MetricType| {
        matches!(
            m,
            MetricType::AdSpend
                | MetricType::Impressions
                | MetricType::Clicks
                | MetricType::Conversions
        )
    };
    for p in points.iter().filter(|p| period.contains(p.date) && ad_metric(p.metric)) {
        accumulate(by_source.entry(p.source).or_default(), p);
    }
    let mut rows: Vec<ChannelRow> = by_source
        .into_iter()
        .filter(|(_, t)| t.ad_spend.or(t.impressions).or(t.clicks).or(t.conversions).is_some())
        .map(|(source, t)| ChannelRow {
            source,
            spend: t.ad_spend,
            impressions: t.impressions,
            clicks: t.clicks,
            conversions: t.conversions,
            cpa: kpi::cpa(&t),
            ctr: kpi::ctr(&t),
        })
        .collect();
    rows.sort_by(|a, b| b.spend.unwrap_or(0.0).total_cmp(&a.spend.unwrap_or(0.0)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn point(d: u32, source: Source, metric: MetricType, value: f64) -> MetricPoint {
        MetricPoint { date: day(d), source, metric, value }
    }

    /// Two days: Shopify 1,000 + 500 revenue from 10 + 5 orders; GA4 tracks 600 on the
    /// 1st; Meta spends 200 for 4 conversions on the 1st, Google Ads 100 for 1 on the 2nd.
    fn points() -> Vec<MetricPoint> {
        vec![
            point(1, Source::Shopify, MetricType::Revenue, 1_000.0),
            point(2, Source::Shopify, MetricType::Revenue, 500.0),
            point(1, Source::Shopify, MetricType::Orders, 10.0),
            point(2, Source::Shopify, MetricType::Orders, 5.0),
            point(1, Source::GoogleAnalytics, MetricType::Revenue, 600.0),
            point(1, Source::GoogleAnalytics, MetricType::EngagementRate, 0.61),
            point(1, Source::GoogleAnalytics, MetricType::Conversions, 9.0),
            point(1, Source::Meta, MetricType::AdSpend, 200.0),
            point(1, Source::Meta, MetricType::Conversions, 4.0),
            point(1, Source::Meta, MetricType::Impressions, 10_000.0),
            point(1, Source::Meta, MetricType::Clicks, 150.0),
            point(2, Source::GoogleAds, MetricType::AdSpend, 100.0),
            point(2, Source::GoogleAds, MetricType::Conversions, 1.0),
            // Outside the period: never counted.
            point(9, Source::Shopify, MetricType::Revenue, 99_999.0),
        ]
    }

    fn period() -> Period {
        Period::new(day(1), day(3)).unwrap()
    }

    #[test]
    fn totals_split_store_and_tracked_revenue_and_skip_rates() {
        let t = totals(&points(), period());
        assert_eq!(t.revenue, Some(1_500.0));
        assert_eq!(t.tracked_revenue, Some(600.0));
        assert_eq!(t.orders, Some(15.0));
        assert_eq!(t.ad_spend, Some(300.0));
        assert_eq!(t.conversions, Some(5.0));
        assert_eq!(t.sessions, None, "no source reported sessions");
        assert_eq!(kpi::mer(&t), Some(5.0)); // 1,500 / 300
        assert_eq!(kpi::roas(&t), Some(2.0)); // 600 / 300
        assert_eq!(kpi::cpa(&t), Some(60.0)); // 300 / 5
    }

    #[test]
    fn days_without_data_are_rows_of_dashes() {
        let rows = daily(&points(), period());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].roas, Some(3.0)); // 600 / 200
        assert_eq!(rows[0].cpa, Some(50.0)); // 200 / 4
        assert_eq!(rows[1].roas, None, "no tracked revenue on the 2nd");
        assert_eq!(rows[1].cpa, Some(100.0));
        assert_eq!(
            rows[2],
            DayRow {
                date: day(3),
                revenue: None,
                orders: None,
                ad_spend: None,
                conversions: None,
                roas: None,
                cpa: None,
            }
        );
    }

    #[test]
    fn weeks_start_on_monday_and_months_sum_the_period() {
        // March 1st 2026 is a Sunday: the first week is that one day, the next starts
        // on Monday the 2nd.
        let weeks = series(&points(), period(), Granularity::Week);
        assert_eq!(weeks.iter().map(|r| r.date).collect::<Vec<_>>(), [day(1), day(2)]);
        assert_eq!(weeks[0].revenue, Some(1_000.0));
        assert_eq!(weeks[1].revenue, Some(500.0));
        let months = series(&points(), period(), Granularity::Month);
        assert_eq!(months.len(), 1);
        assert_eq!((months[0].date, months[0].revenue), (day(1), Some(1_500.0)));
        assert_eq!(months[0].cpa, Some(60.0)); // 300 / 5 over the whole month
    }

    #[test]
    fn channels_are_ad_sources_by_spend() {
        let rows = channels(&points(), period());
        assert_eq!(
            rows.iter().map(|r| r.source).collect::<Vec<_>>(),
            [Source::Meta, Source::GoogleAds]
        );
        assert_eq!(rows[0].cpa, Some(50.0));
        assert_eq!(rows[0].ctr, Some(0.015)); // 150 / 10,000
        assert_eq!(rows[1].ctr, None);
    }

    #[test]
    fn kpi_changes_against_both_periods() {
        let now = Totals { revenue: Some(150.0), ..Totals::default() };
        let before = Totals { revenue: Some(100.0), ..Totals::default() };
        let values = kpi_values(&now, &before, &Totals::default());
        let revenue = &values[0];
        assert_eq!(revenue.vs_previous, Some(0.5));
        assert_eq!(revenue.vs_last_year, None, "no data a year ago");
    }
}
