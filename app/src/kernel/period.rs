//! Date ranges of whole days: the dashboard's presets, the previous period of the same
//! length and the same dates a year earlier. "Today" is always a day in the brand's
//! (or workspace's) time zone, worked out by the caller.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest range a dashboard shows, in days (three years and a leap day).
pub const MAX_DAYS: i64 = 3 * 366;

/// Whether `day` is within the years any period may cover (2000 to 2100). Dates
/// far outside would overflow the date arithmetic of previous periods and years
/// earlier; a form refuses them instead.
pub fn in_range(day: NaiveDate) -> bool {
    (2000..=2100).contains(&day.year())
}

/// Both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// `None` when `to` comes before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then_some(Self { from, to })
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts
    /// (at the calendar's very start, the earliest day: arithmetic never panics).
    pub fn previous(&self) -> Self {
        let before = |d: NaiveDate, n: i64| {
            d.checked_sub_signed(Duration::days(n)).unwrap_or(NaiveDate::MIN)
        };
        let to = before(self.from, 1);
        Self { from: before(to, self.days() - 1), to }
    }

    /// The same dates one year earlier (29 February becomes 28 February).
    pub fn year_earlier(&self) -> Self {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        Self { from: back(self.from), to: back(self.to) }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Every day of the period, in order.
    pub fn each_day(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let from = self.from;
        (0..self.days()).map(move |i| from + Duration::days(i))
    }
}

/// The ranges people pick most. Today, this week, month to date and year to date
/// include today, whose figures are still coming in (the dashboard says so); the
/// others end yesterday. Weeks start on Monday (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    Today,
    Yesterday,
    Last7Days,
    Last30Days,
    Last90Days,
    ThisWeek,
    LastWeek,
    MonthToDate,
    LastMonth,
    YearToDate,
    Last12Months,
}

impl Preset {
    pub const ALL: [Preset; 11] = [
        Preset::Today,
        Preset::Yesterday,
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::Last90Days,
        Preset::ThisWeek,
        Preset::LastWeek,
        Preset::MonthToDate,
        Preset::LastMonth,
        Preset::YearToDate,
        Preset::Last12Months,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Yesterday => "yesterday",
            Preset::Last7Days => "last_7_days",
            Preset::Last30Days => "last_30_days",
            Preset::Last90Days => "last_90_days",
            Preset::ThisWeek => "this_week",
            Preset::LastWeek => "last_week",
            Preset::MonthToDate => "month_to_date",
            Preset::LastMonth => "last_month",
            Preset::YearToDate => "year_to_date",
            Preset::Last12Months => "last_12_months",
        }
    }

    pub fn parse(value: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Today => "Today",
            Preset::Yesterday => "Yesterday",
            Preset::Last7Days => "Last 7 days",
            Preset::Last30Days => "Last 30 days",
            Preset::Last90Days => "Last 90 days",
            Preset::ThisWeek => "This week",
            Preset::LastWeek => "Last week",
            Preset::MonthToDate => "Month to date",
            Preset::LastMonth => "Last month",
            Preset::YearToDate => "Year to date",
            Preset::Last12Months => "Last 12 months",
        }
    }

    /// The range this preset means when it is `today`.
    pub fn resolve(self, today: NaiveDate) -> Period {
        let yesterday = today - Duration::days(1);
        let last_days = |n: i64| Period { from: today - Duration::days(n), to: yesterday };
        let first_of_month = today.with_day(1).unwrap_or(today);
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        match self {
            Preset::Today => Period { from: today, to: today },
            Preset::Yesterday => Period { from: yesterday, to: yesterday },
            Preset::Last7Days => last_days(7),
            Preset::Last30Days => last_days(30),
            Preset::Last90Days => last_days(90),
            Preset::ThisWeek => Period { from: monday, to: today },
            Preset::LastWeek => {
                Period { from: monday - Duration::days(7), to: monday - Duration::days(1) }
            }
            Preset::MonthToDate => Period { from: first_of_month, to: today },
            Preset::LastMonth => {
                let to = first_of_month - Duration::days(1);
                Period { from: to.with_day(1).unwrap_or(to), to }
            }
            Preset::YearToDate => {
                Period { from: today.with_ordinal(1).unwrap_or(first_of_month), to: today }
            }
            Preset::Last12Months => Period {
                from: today.checked_sub_months(Months::new(12)).unwrap_or(today),
                to: yesterday,
            },
        }
    }
}

/// How many days one point of a chart or one row of a table covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    pub const ALL: [Granularity; 3] = [Granularity::Day, Granularity::Week, Granularity::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }

    pub fn parse(value: &str) -> Option<Granularity> {
        Granularity::ALL.into_iter().find(|g| g.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Granularity::Day => "By day",
            Granularity::Week => "By week",
            Granularity::Month => "By month",
        }
    }

    /// What a range of this many days reads best in: days up to two months, weeks
    /// up to half a year, months beyond.
    pub fn auto(period: Period) -> Granularity {
        match period.days() {
            ..=62 => Granularity::Day,
            63..=190 => Granularity::Week,
            _ => Granularity::Month,
        }
    }

    /// The first day of the day's bucket: the day, its week's Monday or its
    /// month's first day.
    pub fn bucket(self, day: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => day,
            Granularity::Week => {
                day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
            }
            Granularity::Month => day.with_day(1).unwrap_or(day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn presets_end_yesterday_except_month_to_date() {
        let today = day(2026, 3, 15);
        assert_eq!(
            Preset::Last7Days.resolve(today),
            Period { from: day(2026, 3, 8), to: day(2026, 3, 14) }
        );
        assert_eq!(Preset::Last7Days.resolve(today).days(), 7);
        assert_eq!(Preset::Last30Days.resolve(today).days(), 30);
        assert_eq!(
            Preset::MonthToDate.resolve(today),
            Period { from: day(2026, 3, 1), to: day(2026, 3, 15) }
        );
        assert_eq!(
            Preset::LastMonth.resolve(today),
            Period { from: day(2026, 2, 1), to: day(2026, 2, 28) }
        );
        assert_eq!(
            Preset::Last12Months.resolve(today),
            Period { from: day(2025, 3, 15), to: day(2026, 3, 14) }
        );
        // January's "last month" is the previous year's December.
        assert_eq!(
            Preset::LastMonth.resolve(day(2026, 1, 10)),
            Period { from: day(2025, 12, 1), to: day(2025, 12, 31) }
        );
    }

    #[test]
    fn the_calendar_presets_follow_weeks_months_and_years() {
        // Wednesday 15 April 2026.
        let today = day(2026, 4, 15);
        assert_eq!(Preset::Today.resolve(today), Period { from: today, to: today });
        assert_eq!(Preset::Yesterday.resolve(today).from, day(2026, 4, 14));
        assert_eq!(Preset::ThisWeek.resolve(today), Period { from: day(2026, 4, 13), to: today });
        assert_eq!(
            Preset::LastWeek.resolve(today),
            Period { from: day(2026, 4, 6), to: day(2026, 4, 12) }
        );
        assert_eq!(Preset::YearToDate.resolve(today), Period { from: day(2026, 1, 1), to: today });
        // On a Monday "this week" is the one day.
        assert_eq!(Preset::ThisWeek.resolve(day(2026, 4, 13)).days(), 1);
        for preset in Preset::ALL {
            assert_eq!(Preset::parse(preset.as_str()), Some(preset));
        }
    }

    #[test]
    fn granularity_follows_the_length_and_buckets_by_monday_and_first_of_month() {
        let span = |days: i64| Period {
            from: day(2026, 1, 1),
            to: day(2026, 1, 1) + Duration::days(days - 1),
        };
        assert_eq!(Granularity::auto(span(30)), Granularity::Day);
        assert_eq!(Granularity::auto(span(62)), Granularity::Day);
        assert_eq!(Granularity::auto(span(90)), Granularity::Week);
        assert_eq!(Granularity::auto(span(365)), Granularity::Month);
        assert_eq!(Granularity::Week.bucket(day(2026, 4, 19)), day(2026, 4, 13));
        assert_eq!(Granularity::Month.bucket(day(2026, 4, 19)), day(2026, 4, 1));
        assert_eq!(Granularity::Day.bucket(day(2026, 4, 19)), day(2026, 4, 19));
    }

    #[test]
    fn previous_period_has_the_same_length_and_ends_the_day_before() {
        let march = Period::new(day(2026, 3, 1), day(2026, 3, 31)).unwrap();
        assert_eq!(march.previous(), Period { from: day(2026, 1, 29), to: day(2026, 2, 28) });
        assert_eq!(march.previous().days(), 31);
        let one_day = Period::new(day(2026, 3, 1), day(2026, 3, 1)).unwrap();
        assert_eq!(one_day.previous(), Period { from: day(2026, 2, 28), to: day(2026, 2, 28) });
    }

    #[test]
    fn a_year_earlier_keeps_the_dates_and_handles_the_leap_day() {
        let p = Period::new(day(2028, 2, 1), day(2028, 2, 29)).unwrap();
        assert_eq!(p.year_earlier(), Period { from: day(2027, 2, 1), to: day(2027, 2, 28) });
    }

    #[test]
    fn extreme_dates_are_out_of_range_and_never_panic() {
        assert!(in_range(day(2026, 3, 1)));
        assert!(!in_range(NaiveDate::MIN) && !in_range(day(1999, 12, 31)));
        assert!(!in_range(NaiveDate::MAX) && !in_range(day(2101, 1, 1)));
        let earliest = Period::new(NaiveDate::MIN, NaiveDate::MIN).unwrap();
        assert_eq!(earliest.previous().to, NaiveDate::MIN);
        let _ = earliest.year_earlier();
    }

    #[test]
    fn reversed_ranges_are_refused_and_days_iterate_in_order() {
        assert_eq!(Period::new(day(2026, 3, 2), day(2026, 3, 1)), None);
        let p = Period::new(day(2026, 2, 27), day(2026, 3, 1)).unwrap();
        let days: Vec<_> = p.each_day().collect();
        assert_eq!(days, vec![day(2026, 2, 27), day(2026, 2, 28), day(2026, 3, 1)]);
        assert!(p.contains(day(2026, 2, 28)) && !p.contains(day(2026, 3, 2)));
        assert_eq!(Preset::parse("last_90_days"), Some(Preset::Last90Days));
        assert_eq!(Preset::parse("forever"), None);
    }
}
