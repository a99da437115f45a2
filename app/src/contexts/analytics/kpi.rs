//! The dashboard's KPIs as pure functions over summed daily metrics. A ratio whose
//! denominator is zero or missing is `None` (shown as "—"), never NaN or infinity.
//! docs/kpis.md defines each one for people.

use serde::{Deserialize, Serialize};

/// Sums of a brand's (or all brands') daily metrics over a period. `None` means no
/// source reported the metric in the period, which is not the same as zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Store revenue (Shopify), in the brand's currency.
    pub revenue: Option<f64>,
    /// Revenue the analytics property attributes (GA4 `totalRevenue`).
    pub tracked_revenue: Option<f64>,
    pub orders: Option<f64>,
    pub new_customers: Option<f64>,
    /// Ad spend over every ad channel (Meta, Google Ads).
    pub ad_spend: Option<f64>,
    pub impressions: Option<f64>,
    pub clicks: Option<f64>,
    /// Conversions the ad platforms report.
    pub conversions: Option<f64>,
    pub sessions: Option<f64>,
}

fn ratio(numerator: Option<f64>, denominator: Option<f64>) -> Option<f64> {
    let (n, d) = (numerator?, denominator?);
    (d != 0.0 && n.is_finite() && d.is_finite()).then(|| n / d)
}

/// Average order value: revenue ÷ orders.
pub fn aov(t: &Totals) -> Option<f64> {
    ratio(t.revenue, t.orders)
}

/// Return on ad spend: tracked (attributed) revenue ÷ ad spend.
pub fn roas(t: &Totals) -> Option<f64> {
    ratio(t.tracked_revenue, t.ad_spend)
}

/// Marketing efficiency ratio: all store revenue ÷ all ad spend.
pub fn mer(t: &Totals) -> Option<f64> {
    ratio(t.revenue, t.ad_spend)
}

/// Cost per acquisition: ad spend ÷ ad-platform conversions.
pub fn cpa(t: &Totals) -> Option<f64> {
    ratio(t.ad_spend, t.conversions)
}

/// New-customer acquisition cost: ad spend ÷ new customers.
pub fn new_customer_cac(t: &Totals) -> Option<f64> {
    ratio(t.ad_spend, t.new_customers)
}

/// Click-through rate, as a fraction: clicks ÷ impressions.
pub fn ctr(t: &Totals) -> Option<f64> {
    ratio(t.clicks, t.impressions)
}

/// Store conversion rate, as a fraction: orders ÷ sessions.
pub fn conversion_rate(t: &Totals) -> Option<f64> {
    ratio(t.orders, t.sessions)
}

/// Relative change from `previous` to `current` as a fraction (0.25 = +25 %);
/// `None` when either is missing or `previous` is zero.
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    let (c, p) = (current?, previous?);
    (p != 0.0).then(|| (c - p) / p.abs())
}

/// How a KPI's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// An amount in the brand's currency.
    Money,
    /// A count of things.
    Count,
    /// A multiple, such as 3.2×.
    Multiple,
    /// A fraction shown as a percentage.
    Percent,
}

/// The dashboard's KPIs, in the order the dashboard shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    Revenue,
    Orders,
    Aov,
    AdSpend,
    Roas,
    Mer,
    Cpa,
    NewCustomerCac,
    Ctr,
    ConversionRate,
}

impl Kpi {
    pub const ALL: [Kpi; 10] = [
        Kpi::Revenue,
        Kpi::Orders,
        Kpi::Aov,
        Kpi::AdSpend,
        Kpi::Roas,
        Kpi::Mer,
        Kpi::Cpa,
        Kpi::NewCustomerCac,
        Kpi::Ctr,
        Kpi::ConversionRate,
    ];

    pub fn value(self, t: &Totals) -> Option<f64> {
        match self {
            Kpi::Revenue => t.revenue,
            Kpi::Orders => t.orders,
            Kpi::Aov => aov(t),
            Kpi::AdSpend => t.ad_spend,
            Kpi::Roas => roas(t),
            Kpi::Mer => mer(t),
            Kpi::Cpa => cpa(t),
            Kpi::NewCustomerCac => new_customer_cac(t),
            Kpi::Ctr => ctr(t),
            Kpi::ConversionRate => conversion_rate(t),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kpi::Revenue => "Revenue",
            Kpi::Orders => "Orders",
            Kpi::Aov => "AOV",
            Kpi::AdSpend => "Ad spend",
            Kpi::Roas => "ROAS",
            Kpi::Mer => "MER",
            Kpi::Cpa => "CPA",
            Kpi::NewCustomerCac => "New-customer CAC",
            Kpi::Ctr => "CTR",
            Kpi::ConversionRate => "Conversion rate",
        }
    }

    /// The definition shown in the KPI's help popover (docs/kpis.md says the same).
    pub fn definition(self) -> &'static str {
        match self {
            Kpi::Revenue => {
                "Store revenue from orders (Shopify or imported), in the brand's currency."
            }
            Kpi::Orders => "Number of store orders.",
            Kpi::Aov => "Average order value: revenue ÷ orders.",
            Kpi::AdSpend => "Spend over every ad channel (Meta and Google Ads).",
            Kpi::Roas => "Return on ad spend: revenue attributed by Google Analytics ÷ ad spend.",
            Kpi::Mer => "Marketing efficiency ratio: all store revenue ÷ all ad spend.",
            Kpi::Cpa => {
                "Cost per acquisition: ad spend ÷ conversions reported by the ad platforms."
            }
            Kpi::NewCustomerCac => "New-customer acquisition cost: ad spend ÷ new customers.",
            Kpi::Ctr => "Click-through rate: clicks ÷ impressions.",
            Kpi::ConversionRate => "Store conversion rate: orders ÷ sessions.",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            Kpi::Revenue | Kpi::Aov | Kpi::AdSpend | Kpi::Cpa | Kpi::NewCustomerCac => Unit::Money,
            Kpi::Orders => Unit::Count,
            Kpi::Roas | Kpi::Mer => Unit::Multiple,
            Kpi::Ctr | Kpi::ConversionRate => Unit::Percent,
        }
    }

    /// Whether a rise is good news (a rise in spend or in costs is not).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Kpi::AdSpend | Kpi::Cpa | Kpi::NewCustomerCac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A week worked by hand: 12,000 revenue from 150 orders, 3,000 spend,
    /// 9,000 tracked revenue, 200,000 impressions, 4,000 clicks, 120 conversions,
    /// 60 new customers, 7,500 sessions.
    fn week() -> Totals {
        Totals {
            revenue: Some(12_000.0),
            tracked_revenue: Some(9_000.0),
            orders: Some(150.0),
            new_customers: Some(60.0),
            ad_spend: Some(3_000.0),
            impressions: Some(200_000.0),
            clicks: Some(4_000.0),
            conversions: Some(120.0),
            sessions: Some(7_500.0),
        }
    }

    #[test]
    fn each_kpi_of_a_worked_week() {
        let t = week();
        assert_eq!(aov(&t), Some(80.0)); // 12,000 / 150
        assert_eq!(roas(&t), Some(3.0)); // 9,000 / 3,000
        assert_eq!(mer(&t), Some(4.0)); // 12,000 / 3,000
        assert_eq!(cpa(&t), Some(25.0)); // 3,000 / 120
        assert_eq!(new_customer_cac(&t), Some(50.0)); // 3,000 / 60
        assert_eq!(ctr(&t), Some(0.02)); // 4,000 / 200,000
        assert_eq!(conversion_rate(&t), Some(0.02)); // 150 / 7,500
    }

    #[test]
    fn zero_or_missing_denominators_give_none_not_nan() {
        let no_spend = Totals { ad_spend: Some(0.0), ..week() };
        assert_eq!(roas(&no_spend), None);
        assert_eq!(mer(&no_spend), None);
        let no_ads = Totals { ad_spend: None, conversions: None, ..week() };
        assert_eq!(cpa(&no_ads), None);
        assert_eq!(aov(&Totals::default()), None);
        let zero_spend_zero_conversions =
            Totals { ad_spend: Some(0.0), conversions: Some(0.0), ..week() };
        assert_eq!(cpa(&zero_spend_zero_conversions), None);
        // A zero numerator is a real zero.
        let no_clicks = Totals { clicks: Some(0.0), ..week() };
        assert_eq!(ctr(&no_clicks), Some(0.0));
    }

    #[test]
    fn kpis_read_from_totals_in_dashboard_order() {
        let t = week();
        let values: Vec<_> = Kpi::ALL.iter().map(|k| k.value(&t)).collect();
        assert_eq!(values[0], Some(12_000.0));
        assert_eq!(values[2], Some(80.0));
        assert_eq!(Kpi::Cpa.value(&t), Some(25.0));
        assert!(!Kpi::Cpa.higher_is_better() && Kpi::Roas.higher_is_better());
    }

    #[test]
    fn change_against_a_period() {
        assert_eq!(change(Some(125.0), Some(100.0)), Some(0.25));
        assert_eq!(change(Some(50.0), Some(100.0)), Some(-0.5));
        assert_eq!(change(Some(10.0), Some(0.0)), None);
        assert_eq!(change(None, Some(100.0)), None);
        assert_eq!(
            change(Some(-50.0), Some(-100.0)),
            Some(0.5),
            "relative to the size of the base"
        );
    }
}
