//! The dashboard's charts: plotters SVG (`super::super::charts`) with a sentence
//! that says what each shows.

use chrono::NaiveDate;
use plotters::style::RGBColor;

use crate::contexts::analytics::format;
use crate::contexts::analytics::kpi::Unit;
use crate::contexts::analytics::server::charts::{
    self, AMBER, Axes, EMERALD, INDIGO, Line, ROSE, hex,
};
use crate::contexts::analytics::types::{ChannelRow, Chart, DayRow};
use crate::kernel::Granularity;

/// "days", "weeks" or "months" with data.
fn unit_name(granularity: Granularity) -> &'static str {
    match granularity {
        Granularity::Day => "days",
        Granularity::Week => "weeks",
        Granularity::Month => "months",
    }
}

/// How a point's date reads: the day, the week's first day, or the month.
fn point_name(granularity: Granularity, day: NaiveDate) -> String {
    match granularity {
        Granularity::Day => day.format("%b %-d, %Y").to_string(),
        Granularity::Week => format!("week of {}", day.format("%b %-d, %Y")),
        Granularity::Month => day.format("%B %Y").to_string(),
    }
}

/// "Revenue ranged from $1,200 (Mar 3) to $4,100 (Mar 14) over 12 days with data."
fn range_sentence(
    label: &str,
    days: &[DayRow],
    granularity: Granularity,
    pick: impl Fn(&DayRow) -> Option<f64>,
    show: impl Fn(f64) -> String,
) -> String {
    let known: Vec<(NaiveDate, f64)> =
        days.iter().filter_map(|d| Some((d.date, pick(d)?))).collect();
    let low = known.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = known.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    match (low, high) {
        (Some(low), Some(high)) => format!(
            "{label} ranged from {} ({}) to {} ({}) over {} {} with data.",
            show(low.1),
            point_name(granularity, low.0),
            show(high.1),
            point_name(granularity, high.0),
            known.len(),
            unit_name(granularity),
        ),
        _ => format!("No {} data in this period.", in_sentence(label)),
    }
}

/// A label inside a sentence: words in lower case, acronyms (ROAS, CPA) kept.
fn in_sentence(label: &str) -> String {
    if label.chars().all(|c| c.is_ascii_uppercase()) {
        label.to_owned()
    } else {
        label.to_lowercase()
    }
}

fn legend(lines: &[Line]) -> Vec<(String, String)> {
    if lines.len() < 2 {
        return Vec::new();
    }
    lines.iter().map(|l| (l.label.to_owned(), hex(l.color))).collect()
}

pub(super) fn draw(
    days: &[DayRow],
    granularity: Granularity,
    channels: &[ChannelRow],
    currency: &str,
    decimals: u8,
) -> Vec<Chart> {
    let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    let money = |v: f64| format::value(Some(v), Unit::Money, currency, decimals, false);
    let precise = |v: f64| format::value(Some(v), Unit::Money, currency, decimals, true);
    let multiple = |v: f64| format::value(Some(v), Unit::Multiple, currency, decimals, false);
    let count = |v: f64| format::value(Some(v), Unit::Count, currency, decimals, false);
    let x = |d: NaiveDate| match granularity {
        Granularity::Month => d.format("%b %Y").to_string(),
        _ => d.format("%b %-d").to_string(),
    };
    let money_axis = |v: f64| format::compact_money(v, currency);
    let multiple_axis = |v: f64| format!("{v:.1}×");
    let count_axis = |v: f64| format::compact(v);
    let column = |pick: fn(&DayRow) -> Option<f64>| days.iter().map(pick).collect::<Vec<_>>();
    let per = match granularity {
        Granularity::Day => "by day",
        Granularity::Week => "by week",
        Granularity::Month => "by month",
    };
    let chart = |id: &str, title: String, y: &dyn Fn(f64) -> String, series: Vec<Line>, summary| {
        let axes = Axes { x: &x, y };
        Chart {
            id: id.to_owned(),
            title,
            svg: charts::lines(&dates, &series, &axes, &format!("{id}-title")),
            summary,
            legend: legend(&series),
        }
    };
    let one = |label, color: RGBColor, pick| vec![Line { label, color, values: column(pick) }];
    let mut out = vec![
        chart(
            "chart-revenue-spend",
            format!("Revenue vs ad spend ({currency}, {per})"),
            &money_axis,
            vec![
                Line { label: "Revenue", color: INDIGO, values: column(|d| d.revenue) },
                Line { label: "Ad spend", color: AMBER, values: column(|d| d.ad_spend) },
            ],
            format!(
                "{} {}",
                range_sentence("Revenue", days, granularity, |d| d.revenue, money),
                range_sentence("Ad spend", days, granularity, |d| d.ad_spend, money)
            ),
        ),
        chart(
            "chart-roas",
            format!("ROAS {per}"),
            &multiple_axis,
            one("ROAS", EMERALD, |d| d.roas),
            range_sentence("ROAS", days, granularity, |d| d.roas, multiple),
        ),
        chart(
            "chart-cpa",
            format!("CPA {per} ({currency})"),
            &money_axis,
            one("CPA", ROSE, |d| d.cpa),
            range_sentence("CPA", days, granularity, |d| d.cpa, precise),
        ),
        chart(
            "chart-conversions",
            format!("Conversions {per}"),
            &count_axis,
            one("Conversions", INDIGO, |d| d.conversions),
            range_sentence("Conversions", days, granularity, |d| d.conversions, count),
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
    out.push(Chart {
        id: "chart-channels".to_owned(),
        title: format!("Spend by channel ({currency})"),
        svg: charts::bars(&bars, &money_axis, "chart-channels-title"),
        summary,
        legend: Vec::new(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(d: u32, roas: Option<f64>) -> DayRow {
        DayRow {
            date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            revenue: None,
            orders: None,
            ad_spend: None,
            conversions: None,
            roas,
            cpa: None,
        }
    }

    #[test]
    fn sentences_keep_acronyms_and_name_the_granularity() {
        let rows = [row(2, Some(2.0)), row(9, Some(3.5))];
        let show = |v: f64| format!("{v:.1}×");
        assert_eq!(
            range_sentence("ROAS", &rows, Granularity::Week, |d| d.roas, show),
            "ROAS ranged from 2.0× (week of Mar 2, 2026) to 3.5× (week of Mar 9, 2026) over 2 weeks with data."
        );
        assert_eq!(
            range_sentence("ROAS", &[row(2, None)], Granularity::Day, |d| d.roas, show),
            "No ROAS data in this period."
        );
        assert_eq!(
            range_sentence("Ad spend", &[], Granularity::Day, |d| d.cpa, show),
            "No ad spend data in this period."
        );
    }

    #[test]
    fn the_money_charts_name_the_currency_and_only_multi_line_charts_have_a_legend() {
        let charts = draw(&[row(1, Some(2.0))], Granularity::Day, &[], "EUR", 2);
        assert_eq!(charts[0].title, "Revenue vs ad spend (EUR, by day)");
        assert_eq!(charts[0].legend.len(), 2);
        assert!(charts[1].legend.is_empty());
        assert_eq!(charts[2].title, "CPA by day (EUR)");
    }
}
