//! The dashboard's tables as CSV files: plain numbers (no symbols or grouping),
//! empty cells for no data, named after the scope and the period.

use crate::contexts::analytics::types::{ChannelRow, Dashboard, DayRow};
use crate::error::AppError;

/// The file name and contents of `table` (`days`, the default, or `channels`).
pub fn csv(d: &Dashboard, table: &str) -> Result<(String, String), AppError> {
    let scope: String = d
        .scope
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let (from, to) = (d.period.from, d.period.to);
    match table {
        "" | "days" => Ok((format!("aura-{scope}-{from}-{to}.csv"), days(&d.days))),
        "channels" => Ok((format!("aura-{scope}-channels-{from}-{to}.csv"), channels(&d.channels))),
        _ => Err(AppError::NotFound),
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn days(rows: &[DayRow]) -> String {
    let mut out = String::from("date,revenue,orders,ad_spend,conversions,roas,cpa\n");
    for r in rows {
        let cells = [r.revenue, r.orders, r.ad_spend, r.conversions, r.roas, r.cpa].map(number);
        out.push_str(&format!("{},{}\n", r.date, cells.join(",")));
    }
    out
}

fn channels(rows: &[ChannelRow]) -> String {
    let mut out = String::from("channel,spend,impressions,clicks,ctr,conversions,cpa\n");
    for r in rows {
        let ctr = r.ctr.map(|v| format!("{v:.4}")).unwrap_or_default();
        let cells = [
            number(r.spend),
            number(r.impressions),
            number(r.clicks),
            ctr,
            number(r.conversions),
            number(r.cpa),
        ];
        out.push_str(&format!("{},{}\n", r.source.label(), cells.join(",")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contexts::analytics::types::Source;
    use chrono::NaiveDate;

    #[test]
    fn days_have_plain_numbers_and_empty_cells_for_no_data() {
        let row = DayRow {
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            revenue: Some(1234.5),
            orders: Some(10.0),
            ad_spend: None,
            conversions: None,
            roas: None,
            cpa: None,
        };
        assert_eq!(
            days(&[row]),
            "date,revenue,orders,ad_spend,conversions,roas,cpa\n2026-03-01,1234.50,10.00,,,,\n"
        );
    }

    #[test]
    fn channels_keep_the_rate_precise() {
        let row = ChannelRow {
            source: Source::Meta,
            spend: Some(200.0),
            impressions: Some(10_000.0),
            clicks: Some(150.0),
            conversions: Some(4.0),
            cpa: Some(50.0),
            ctr: Some(0.015),
        };
        assert_eq!(
            channels(&[row]),
            "channel,spend,impressions,clicks,ctr,conversions,cpa\nMeta Ads,200.00,10000.00,150.00,0.0150,4.00,50.00\n"
        );
    }
}
