//! The dashboard's charts: plotters SVG (`super::super::charts`) with a sentence
//! that says what each shows.

use chrono::NaiveDate;

use crate::contexts::analytics::format;
use crate::contexts::analytics::kpi::Unit;
use crate::contexts::analytics::server::charts::{self, AMBER, EMERALD, INDIGO, Line, ROSE};
use crate::contexts::analytics::types::{ChannelRow, Chart, DayRow};

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

pub(super) fn draw(
    days: &[DayRow],
    channels: &[ChannelRow],
    currency: &str,
    decimals: u8,
) -> Vec<Chart> {
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
