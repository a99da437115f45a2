//! CSV import of daily metrics, for brands without API access: parsing and per-row
//! validation, pure. The file has a header row `date,<metric>,<metric>,…` with any of
//! the nine metric types as columns, and one row per day; an empty cell is "no value".

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::types::{DailyValue, MetricType, RejectedRow};

/// The largest file accepted, in bytes, and the most rows.
pub const MAX_BYTES: usize = 512 * 1024;
pub const MAX_ROWS: usize = 5_000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub columns: Vec<MetricType>,
    pub values: Vec<DailyValue>,
    /// Rows whose every value is good.
    pub accepted_rows: usize,
    pub rejected: Vec<RejectedRow>,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
}

/// Splits one CSV line into cells; double quotes may wrap a cell and `""` is a quote.
fn cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

fn check_value(metric: MetricType, raw: &str) -> Result<f64, String> {
    let name = metric.as_str();
    let cleaned: String =
        raw.chars().filter(|c| !matches!(c, '$' | '€' | '£' | ' ' | '_')).collect();
    let value: f64 = cleaned
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| format!("{name}: `{raw}` is not a number (use digits and a decimal point, no thousands separators)"))?;
    if value < 0.0 {
        return Err(format!("{name}: {value} is negative"));
    }
    if metric == MetricType::EngagementRate && value > 1.0 {
        return Err(format!("engagement_rate: {value} is above 1 (write 45% as 0.45)"));
    }
    if value >= 1e13 {
        return Err(format!("{name}: {value} is too large"));
    }
    Ok(value)
}

/// Parses the file. `Err` is a problem with the file as a whole (no header, an
/// unknown column, too big); row problems are in `rejected`.
pub fn parse(text: &str, today: NaiveDate) -> Result<Parsed, String> {
    if text.len() > MAX_BYTES {
        return Err(format!("The file is larger than {} KB; split it by date.", MAX_BYTES / 1024));
    }
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(
            "The file is empty. Its first line names the columns: date,revenue,orders,…".into()
        );
    };
    let header = cells(header);
    if header.first().map(|h| h.to_lowercase()) != Some("date".into()) {
        return Err("The first column must be `date`.".into());
    }
    let mut columns = Vec::new();
    for name in &header[1..] {
        let metric = MetricType::parse(&name.to_lowercase()).ok_or_else(|| {
            format!(
                "Unknown column `{name}`. Columns can be: {}.",
                MetricType::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
            )
        })?;
        if columns.contains(&metric) {
            return Err(format!("The column `{name}` appears twice."));
        }
        columns.push(metric);
    }
    if columns.is_empty() {
        return Err("Add at least one metric column after `date`.".into());
    }
    let mut parsed = Parsed { columns: columns.clone(), ..Parsed::default() };
    let mut seen: HashMap<NaiveDate, usize> = HashMap::new();
    for (index, line) in lines {
        let number = index + 1;
        if parsed.accepted_rows + parsed.rejected.len() >= MAX_ROWS {
            return Err(format!("The file has more than {MAX_ROWS} rows; split it by date."));
        }
        let row = cells(line);
        let mut reasons = Vec::new();
        if row.len() != header.len() {
            reasons.push(format!("has {} cells, the header has {}", row.len(), header.len()));
        }
        let date = match NaiveDate::parse_from_str(&row[0], "%Y-%m-%d") {
            Ok(d) if d > today => {
                reasons.push(format!("date {d} is in the future"));
                None
            }
            Ok(d) => match seen.get(&d) {
                Some(first) => {
                    reasons.push(format!("date {d} was already given on line {first}"));
                    None
                }
                None => Some(d),
            },
            Err(_) => {
                reasons.push(format!("date `{}` is not a date like 2026-03-31", row[0]));
                None
            }
        };
        let mut values = Vec::new();
        for (metric, raw) in columns.iter().zip(row.iter().skip(1)) {
            if raw.is_empty() {
                continue;
            }
            match check_value(*metric, raw) {
                Ok(value) => {
                    values.extend(date.map(|date| DailyValue { date, metric: *metric, value }))
                }
                Err(reason) => reasons.push(reason),
            }
        }
        if reasons.is_empty() {
            if let Some(d) = date {
                seen.insert(d, number);
                parsed.first_day = Some(parsed.first_day.map_or(d, |f| f.min(d)));
                parsed.last_day = Some(parsed.last_day.map_or(d, |l| l.max(d)));
            }
            parsed.accepted_rows += 1;
            parsed.values.extend(values);
        } else {
            parsed.rejected.push(RejectedRow {
                line: number,
                text: line.chars().take(200).collect(),
                reasons,
            });
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
    }

    #[test]
    fn good_rows_become_values_and_bad_rows_are_explained() {
        let csv = "date,revenue,orders,ad_spend\n\
                   2026-03-01,1200.50,30,200\n\
                   2026-03-02,\"1,300\",31,\n\
                   2026-03-03,-5,x,10\n\
                   2026-13-01,1,1,1\n\
                   2026-03-01,1,1,1\n\
                   2026-04-02,1,1,1\n\
                   2026-03-04,900,20,150\n";
        let p = parse(csv, today()).unwrap();
        assert_eq!(p.columns, [MetricType::Revenue, MetricType::Orders, MetricType::AdSpend]);
        assert_eq!(p.accepted_rows, 2);
        // Three values on the 1st, three on the 4th.
        assert_eq!(p.values.len(), 6);
        assert_eq!(
            p.values[0],
            DailyValue {
                date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                metric: MetricType::Revenue,
                value: 1200.5
            }
        );
        let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7]);
        assert!(
            p.rejected[0].reasons[0].contains("`1,300` is not a number"),
            "{:?}",
            p.rejected[0]
        );
        assert_eq!(p.rejected[1].reasons.len(), 2, "negative revenue and orders `x`");
        assert!(p.rejected[2].reasons[0].contains("not a date"));
        assert!(p.rejected[3].reasons[0].contains("already given on line 2"));
        assert!(p.rejected[4].reasons[0].contains("in the future"));
        assert_eq!(p.first_day, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(p.last_day, NaiveDate::from_ymd_opt(2026, 3, 4));
    }

    #[test]
    fn the_header_is_checked_before_anything() {
        assert!(parse("", today()).unwrap_err().contains("empty"));
        assert!(parse("day,revenue\n", today()).unwrap_err().contains("first column"));
        assert!(parse("date,profit\n", today()).unwrap_err().contains("Unknown column `profit`"));
        assert!(parse("date,revenue,Revenue\n", today()).unwrap_err().contains("twice"));
        assert!(parse("date\n", today()).unwrap_err().contains("at least one"));
    }

    #[test]
    fn rates_cells_quotes_and_a_byte_order_mark() {
        let csv =
            "\u{feff}Date,engagement_rate,sessions\n2026-03-01,0.45,\"1200\"\n2026-03-02,45,10\n";
        let p = parse(csv, today()).unwrap();
        assert_eq!(p.accepted_rows, 1);
        assert!(p.rejected[0].reasons[0].contains("above 1"));
        assert_eq!(cells(r#"a,"b,c","say ""hi""""#), ["a", "b,c", r#"say "hi""#]);
    }
}
