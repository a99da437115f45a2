//! How the dashboard writes numbers: "—" for no data, money in the brand's currency,
//! percentages and multiples with one or two decimals.

use super::kpi::Unit;
use crate::kernel::money::{format_money, group_thousands, symbol};

pub const NO_DATA: &str = "—";

/// A KPI's value. Money keeps the currency's minor unit for per-order or
/// per-customer figures (`precise`) and drops it for totals.
pub fn value(
    value: Option<f64>,
    unit: Unit,
    currency: &str,
    decimals: u8,
    precise: bool,
) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return NO_DATA.to_owned();
    };
    match unit {
        Unit::Money => format_money(v, currency, if precise { decimals as usize } else { 0 }),
        Unit::Count => group_thousands(v, 0),
        Unit::Multiple => format!("{v:.2}×"),
        Unit::Percent => format!("{:.2}%", v * 100.0),
    }
}

/// A relative change: "+12.5%", "−3.0%", "—".
pub fn change(change: Option<f64>) -> String {
    match change.filter(|c| c.is_finite()) {
        None => NO_DATA.to_owned(),
        Some(c) if c >= 0.0 => format!("+{:.1}%", c * 100.0),
        Some(c) => format!("−{:.1}%", -c * 100.0),
    }
}

/// An axis label: 950, 12.5k, 3.1M.
pub fn compact(value: f64) -> String {
    let a = value.abs();
    if a >= 1_000_000.0 {
        format!("{:.1}M", value / 1_000_000.0)
    } else if a >= 10_000.0 {
        format!("{:.0}k", value / 1_000.0)
    } else if a >= 1_000.0 {
        format!("{:.1}k", value / 1_000.0)
    } else if a >= 10.0 || a == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// An axis label for an amount: "$12k", "CHF 1.5M".
pub fn compact_money(value: f64, currency: &str) -> String {
    match symbol(currency) {
        Some(s) if value < 0.0 => format!("-{s}{}", compact(-value)),
        Some(s) => format!("{s}{}", compact(value)),
        None => format!("{currency} {}", compact(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_by_unit_and_missing_as_a_dash() {
        assert_eq!(value(Some(12_345.6), Unit::Money, "USD", 2, false), "$12,346");
        assert_eq!(value(Some(80.0), Unit::Money, "USD", 2, true), "$80.00");
        assert_eq!(value(Some(1_500.0), Unit::Count, "USD", 2, false), "1,500");
        assert_eq!(value(Some(3.0), Unit::Multiple, "USD", 2, false), "3.00×");
        assert_eq!(value(Some(0.02), Unit::Percent, "USD", 2, false), "2.00%");
        assert_eq!(value(None, Unit::Money, "USD", 2, false), "—");
        assert_eq!(value(Some(f64::NAN), Unit::Percent, "USD", 2, false), "—");
    }

    #[test]
    fn changes_and_axis_labels() {
        assert_eq!(change(Some(0.125)), "+12.5%");
        assert_eq!(change(Some(-0.03)), "−3.0%");
        assert_eq!(change(None), "—");
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(12_600.0), "13k");
        assert_eq!(compact(1_260.0), "1.3k");
        assert_eq!(compact(3_100_000.0), "3.1M");
        assert_eq!(compact(2.5), "2.50");
        assert_eq!(compact_money(12_600.0, "USD"), "$13k");
        assert_eq!(compact_money(1_500.0, "CHF"), "CHF 1.5k");
    }
}
