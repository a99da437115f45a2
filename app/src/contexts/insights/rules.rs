//! The insight rules: pure functions from a brand's daily metrics to findings.
//!
//! Windows, ending `as_of` (the brand's yesterday): "recent" is the last 7 days,
//! "baseline" the 28 days before them; the budget rule looks at the last 14 days per
//! channel. Thresholds come from the workspace (docs/insights.md).

use chrono::{Duration, NaiveDate};
use serde_json::json;

use super::types::{InsightType, Priority, Thresholds};
use crate::contexts::analytics::kpi;
use crate::contexts::analytics::rules::{channels, totals};
use crate::contexts::analytics::types::MetricPoint;
use crate::kernel::Period;

/// What a rule found, ready to be stored as an insight.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: InsightType,
    pub priority: Priority,
    pub title: String,
    pub description: String,
    pub action_items: Vec<String>,
    pub related_data: serde_json::Value,
    /// The period the finding is about (the recent window).
    pub period: Period,
    /// The dashboard chart that shows it and the range to show.
    pub chart: &'static str,
    pub chart_period: Period,
}

/// The windows the rules compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Windows {
    pub recent: Period,
    pub baseline: Period,
    pub budget: Period,
}

impl Windows {
    pub fn ending(as_of: NaiveDate) -> Self {
        let recent = Period { from: as_of - Duration::days(6), to: as_of };
        let baseline = Period { from: as_of - Duration::days(34), to: as_of - Duration::days(7) };
        let budget = Period { from: as_of - Duration::days(13), to: as_of };
        Self { recent, baseline, budget }
    }

    /// Everything the rules read.
    pub fn span(&self) -> Period {
        Period { from: self.baseline.from, to: self.recent.to }
    }
}

fn dates(p: Period) -> String {
    if p.from.format("%Y").to_string() == p.to.format("%Y").to_string() {
        format!("{} – {}", p.from.format("%b %-d"), p.to.format("%b %-d, %Y"))
    } else {
        format!("{} – {}", p.from.format("%b %-d, %Y"), p.to.format("%b %-d, %Y"))
    }
}

fn pct(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// Every finding for one brand. `money` writes an amount in the brand's currency.
pub fn evaluate(
    points: &[MetricPoint],
    as_of: NaiveDate,
    th: &Thresholds,
    money: &dyn Fn(f64) -> String,
) -> Vec<Finding> {
    let w = Windows::ending(as_of);
    let recent = totals(points, w.recent);
    let base = totals(points, w.baseline);
    let per_day = |v: Option<f64>, p: Period| v.map(|v| v / p.days() as f64);
    let finding =
        |kind, priority, title: String, description: String, actions: Vec<String>, data, chart| {
            Finding {
                kind,
                priority,
                title,
                description,
                action_items: actions,
                related_data: data,
                period: w.recent,
                chart,
                chart_period: w.span(),
            }
        };
    let mut out = Vec::new();
    let spend = recent.ad_spend.unwrap_or(0.0);
    let enough_spend = spend >= th.min_spend;

    // High CPA.
    if let (Some(now), Some(before)) = (kpi::cpa(&recent), kpi::cpa(&base))
        && enough_spend
        && base.conversions.unwrap_or(0.0) >= th.min_conversions
        && now >= before * (1.0 + th.cpa_increase)
    {
        let rise = now / before - 1.0;
        out.push(finding(
            InsightType::HighCpa,
            if now >= before * 2.0 { Priority::High } else { Priority::Medium },
            format!("CPA rose {} to {}", pct(rise), money(now)),
            format!(
                "In the last 7 days ({}) each conversion cost {}, against {} over the 28 days before. Spend was {} for {:.0} conversions.",
                dates(w.recent), money(now), money(before), money(spend), recent.conversions.unwrap_or(0.0)
            ),
            vec![
                "Open the ad channels table to see which channel's CPA rose.".to_owned(),
                format!("Pause or lower bids on ad sets converting above {}.", money(before * (1.0 + th.cpa_increase))),
                "Check that conversion tracking still fires: a broken pixel or tag looks like this.".to_owned(),
            ],
            json!({ "cpa": now, "baseline_cpa": before, "spend": spend, "conversions": recent.conversions }),
            "chart-cpa",
        ));
    }

    // Low ROAS.
    if let Some(roas) = kpi::roas(&recent)
        && enough_spend
        && roas < th.roas_floor
    {
        out.push(finding(
            InsightType::LowRoas,
            if roas < 1.0 { Priority::High } else { Priority::Medium },
            format!("ROAS is {roas:.2}×, below {:.2}×", th.roas_floor),
            format!(
                "In the last 7 days ({}) ads cost {} and brought {} of tracked revenue: each {} of spend returned {}.",
                dates(w.recent), money(spend), money(recent.tracked_revenue.unwrap_or(0.0)), money(1.0), money(roas)
            ),
            vec![
                "Cut spend on the channel with the highest CPA first.".to_owned(),
                "Check margins: below your break-even ROAS every sale loses money.".to_owned(),
                "Review audiences and creatives that have run longest; fatigue lowers returns.".to_owned(),
            ],
            json!({ "roas": roas, "floor": th.roas_floor, "spend": spend, "tracked_revenue": recent.tracked_revenue }),
            "chart-roas",
        ));
    }

    // Conversion drop.
    if let (Some(now), Some(before)) =
        (per_day(recent.conversions, w.recent), per_day(base.conversions, w.baseline))
        && base.conversions.unwrap_or(0.0) >= th.min_conversions
        && before > 0.0
        && now <= before * (1.0 - th.conversion_drop)
    {
        let drop = 1.0 - now / before;
        out.push(finding(
            InsightType::ConversionDrop,
            if drop >= 0.5 { Priority::High } else { Priority::Medium },
            format!("Conversions fell {} to {now:.1} a day", pct(drop)),
            format!(
                "In the last 7 days ({}) the ad platforms reported {now:.1} conversions a day, against {before:.1} over the 28 days before.",
                dates(w.recent)
            ),
            vec![
                "Check the store's checkout and the ad platforms' conversion tracking.".to_owned(),
                "Look for paused campaigns, exhausted budgets or rejected ads.".to_owned(),
                "Compare with the same week last year on the dashboard for seasonality.".to_owned(),
            ],
            json!({ "per_day": now, "baseline_per_day": before, "drop": drop }),
            "chart-conversions",
        ));
    }

    // High performer.
    if let (Some(now), Some(before)) =
        (per_day(recent.revenue, w.recent), per_day(base.revenue, w.baseline))
        && before > 0.0
        && now >= before * (1.0 + th.revenue_growth)
    {
        let growth = now / before - 1.0;
        out.push(finding(
            InsightType::HighPerformer,
            Priority::Low,
            format!("Revenue up {} to {} a day", pct(growth), money(now)),
            format!(
                "In the last 7 days ({}) the store took {} a day, against {} over the 28 days before.",
                dates(w.recent), money(now), money(before)
            ),
            vec![
                "Find what drove it (a promotion, a channel, a product) and plan to repeat it.".to_owned(),
                "Consider more budget on the channel with the lowest CPA while demand is high.".to_owned(),
                "Check stock of the best sellers.".to_owned(),
            ],
            json!({ "revenue_per_day": now, "baseline_per_day": before, "growth": growth }),
            "chart-revenue-spend",
        ));
    }

    // Budget recommendation: the cheapest and the dearest channel by CPA.
    let judged: Vec<_> = channels(points, w.budget)
        .into_iter()
        .filter(|c| {
            c.spend.unwrap_or(0.0) >= th.min_spend
                && c.conversions.unwrap_or(0.0) >= th.min_conversions
        })
        .filter_map(|c| Some((c.source, c.cpa?, c.spend.unwrap_or(0.0))))
        .collect();
    let best = judged.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let worst = judged.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    if let (Some(best), Some(worst)) = (best, worst)
        && best.0 != worst.0
        && best.1 <= worst.1 * (1.0 - th.channel_cpa_gap)
    {
        let daily_move = worst.2 / w.budget.days() as f64 * 0.15;
        out.push(Finding {
            period: w.budget,
            chart_period: w.budget,
            ..finding(
                InsightType::BudgetRecommendation,
                Priority::Medium,
                format!("Shift budget from {} to {}", worst.0.label(), best.0.label()),
                format!(
                    "Over the last 14 days ({}) {} cost {} per conversion and {} cost {} ({} more).",
                    dates(w.budget), best.0.label(), money(best.1), worst.0.label(), money(worst.1), pct(worst.1 / best.1 - 1.0)
                ),
                vec![
                    format!("Move about 15% of the {} budget ({} a day) to {}.", worst.0.label(), money(daily_move), best.0.label()),
                    "Watch both channels' CPA for a week before moving more.".to_owned(),
                    format!("Keep {} campaigns that convert below {}.", worst.0.label(), money(best.1)),
                ],
                json!({
                    "from_channel": worst.0.as_str(), "from_cpa": worst.1,
                    "to_channel": best.0.as_str(), "to_cpa": best.1, "daily_move": daily_move
                }),
                "chart-channels",
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contexts::analytics::types::{MetricType, Source};

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
    }

    fn usd(v: f64) -> String {
        format!("${v:.2}")
    }

    /// Constant daily values over the 35 days, with the last 7 days overridden.
    fn days(source: Source, metric: MetricType, baseline: f64, recent: f64) -> Vec<MetricPoint> {
        Windows::ending(as_of())
            .span()
            .each_day()
            .map(|date| MetricPoint {
                date,
                source,
                metric,
                value: if Windows::ending(as_of()).recent.contains(date) {
                    recent
                } else {
                    baseline
                },
            })
            .collect()
    }

    fn kinds(findings: &[Finding]) -> Vec<InsightType> {
        findings.iter().map(|f| f.kind).collect()
    }

    /// A steady brand: $1,000 revenue, $100 spend (Meta), 5 conversions, $400
    /// tracked revenue a day (ROAS 4, CPA $20). Nothing to say.
    fn steady() -> Vec<MetricPoint> {
        [
            days(Source::Shopify, MetricType::Revenue, 1_000.0, 1_000.0),
            days(Source::Meta, MetricType::AdSpend, 100.0, 100.0),
            days(Source::Meta, MetricType::Conversions, 5.0, 5.0),
            days(Source::GoogleAnalytics, MetricType::Revenue, 400.0, 400.0),
        ]
        .concat()
    }

    #[test]
    fn a_steady_brand_has_no_findings() {
        assert!(evaluate(&steady(), as_of(), &Thresholds::default(), &usd).is_empty());
    }

    #[test]
    fn cpa_doubling_is_a_high_priority_high_cpa_and_a_conversion_drop() {
        // Conversions halve (5 → 2.5 a day) at the same spend: CPA $20 → $40 (+100%).
        let mut points = steady();
        points.retain(|p| p.metric != MetricType::Conversions);
        points.extend(days(Source::Meta, MetricType::Conversions, 5.0, 2.5));
        let found = evaluate(&points, as_of(), &Thresholds::default(), &usd);
        assert_eq!(kinds(&found), [InsightType::HighCpa, InsightType::ConversionDrop]);
        let cpa = &found[0];
        assert_eq!(cpa.priority, Priority::High);
        assert_eq!(cpa.title, "CPA rose 100% to $40.00");
        assert_eq!(
            cpa.period,
            Period { from: NaiveDate::from_ymd_opt(2026, 3, 25).unwrap(), to: as_of() }
        );
        assert_eq!(cpa.chart, "chart-cpa");
        assert_eq!(found[1].priority, Priority::High, "a 50% drop");
        assert_eq!(found[1].title, "Conversions fell 50% to 2.5 a day");
    }

    #[test]
    fn a_forty_percent_cpa_rise_stays_below_the_default_threshold_but_not_a_lower_one() {
        // 5 → 3.57 conversions a day: CPA $20 → $28 (+40%).
        let mut points = steady();
        points.retain(|p| p.metric != MetricType::Conversions);
        points.extend(days(Source::Meta, MetricType::Conversions, 5.0, 100.0 / 28.0));
        assert!(
            !kinds(&evaluate(&points, as_of(), &Thresholds::default(), &usd))
                .contains(&InsightType::HighCpa)
        );
        let strict = Thresholds { cpa_increase: 0.3, ..Thresholds::default() };
        let found = evaluate(&points, as_of(), &strict, &usd);
        let cpa = found.iter().find(|f| f.kind == InsightType::HighCpa).unwrap();
        assert_eq!(cpa.priority, Priority::Medium);
    }

    #[test]
    fn low_roas_below_the_floor_and_high_priority_below_one() {
        // Tracked revenue $150 a day on $100 spend: ROAS 1.5 < 2.
        let mut points = steady();
        points.retain(|p| p.source != Source::GoogleAnalytics);
        points.extend(days(Source::GoogleAnalytics, MetricType::Revenue, 400.0, 150.0));
        let found = evaluate(&points, as_of(), &Thresholds::default(), &usd);
        assert_eq!(kinds(&found), [InsightType::LowRoas]);
        assert_eq!(found[0].priority, Priority::Medium);
        assert_eq!(found[0].title, "ROAS is 1.50×, below 2.00×");
        points.retain(|p| p.source != Source::GoogleAnalytics);
        points.extend(days(Source::GoogleAnalytics, MetricType::Revenue, 400.0, 80.0));
        assert_eq!(
            evaluate(&points, as_of(), &Thresholds::default(), &usd)[0].priority,
            Priority::High
        );
    }

    #[test]
    fn small_spend_is_not_judged() {
        // $10 a day ($70 a week) is under the $100 minimum: no ROAS or CPA finding.
        let points = [
            days(Source::Meta, MetricType::AdSpend, 10.0, 10.0),
            days(Source::Meta, MetricType::Conversions, 1.0, 0.2),
            days(Source::GoogleAnalytics, MetricType::Revenue, 1.0, 1.0),
        ]
        .concat();
        let found = kinds(&evaluate(&points, as_of(), &Thresholds::default(), &usd));
        assert!(!found.contains(&InsightType::LowRoas) && !found.contains(&InsightType::HighCpa));
    }

    #[test]
    fn revenue_growth_is_a_low_priority_high_performer() {
        // $1,000 → $1,300 a day: +30% ≥ 25%.
        let mut points = steady();
        points.retain(|p| p.source != Source::Shopify);
        points.extend(days(Source::Shopify, MetricType::Revenue, 1_000.0, 1_300.0));
        let found = evaluate(&points, as_of(), &Thresholds::default(), &usd);
        assert_eq!(kinds(&found), [InsightType::HighPerformer]);
        assert_eq!(found[0].title, "Revenue up 30% to $1300.00 a day");
        assert_eq!(found[0].priority, Priority::Low);
    }

    #[test]
    fn a_much_cheaper_channel_gets_a_budget_recommendation() {
        // Meta: $100 for 5 a day (CPA $20). Google Ads: $100 for 2 a day (CPA $50):
        // Meta is 60% cheaper, beyond the 30% gap.
        let mut points = steady();
        points.extend(days(Source::GoogleAds, MetricType::AdSpend, 100.0, 100.0));
        points.extend(days(Source::GoogleAds, MetricType::Conversions, 2.0, 2.0));
        points.retain(|p| p.source != Source::GoogleAnalytics);
        points.extend(days(Source::GoogleAnalytics, MetricType::Revenue, 800.0, 800.0));
        let found = evaluate(&points, as_of(), &Thresholds::default(), &usd);
        assert_eq!(kinds(&found), [InsightType::BudgetRecommendation]);
        let f = &found[0];
        assert_eq!(f.title, "Shift budget from Google Ads to Meta Ads");
        assert_eq!(f.period.days(), 14);
        // 15% of Google Ads' $100 a day.
        assert_eq!(
            f.action_items[0],
            "Move about 15% of the Google Ads budget ($15.00 a day) to Meta Ads."
        );
    }
}
