//! When a brand's daily work runs: at its sync hour, in its time zone. Syncs and
//! insights both book their next run with `next_daily_run`.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};

/// The next time it is `hour` o'clock in `tz` after `now`.
pub fn next_run(now: DateTime<Utc>, tz: chrono_tz::Tz, hour: u32) -> DateTime<Utc> {
    let local_today = now.with_timezone(&tz).date_naive();
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    (0..3)
        .filter_map(|days| {
            // A time skipped by a daylight-saving change runs an hour later.
            let local = (local_today + Duration::days(days)).and_time(at);
            tz.from_local_datetime(&local)
                .earliest()
                .or_else(|| tz.from_local_datetime(&(local + Duration::hours(1))).earliest())
        })
        .map(|t| t.with_timezone(&Utc))
        .find(|t| *t > now)
        .unwrap_or(now + Duration::days(1))
}

/// The next run after `now` of a brand in `timezone` (IANA; UTC when unknown) with
/// daily hour `sync_hour` (6 when out of range).
pub fn next_daily_run(timezone: &str, sync_hour: i16, now: DateTime<Utc>) -> DateTime<Utc> {
    let tz: chrono_tz::Tz = timezone.parse().unwrap_or(chrono_tz::UTC);
    next_run(now, tz, u32::try_from(sync_hour).unwrap_or(6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_run_is_the_brands_hour_today_or_tomorrow() {
        let chicago = chrono_tz::America::Chicago;
        // 10:00 UTC is 04:00 in Chicago (CST): 06:00 today is 12:00 UTC.
        let now = Utc.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap();
        assert_eq!(next_run(now, chicago, 6), Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap());
        // At 13:00 UTC it has passed: tomorrow 06:00.
        let later = Utc.with_ymd_and_hms(2026, 1, 10, 13, 0, 0).unwrap();
        assert_eq!(
            next_run(later, chicago, 6),
            Utc.with_ymd_and_hms(2026, 1, 11, 12, 0, 0).unwrap()
        );
        // 02:00 on the spring-forward day does not exist: it runs at 03:00 CDT.
        let spring = Utc.with_ymd_and_hms(2026, 3, 8, 5, 0, 0).unwrap();
        assert_eq!(
            next_run(spring, chicago, 2),
            Utc.with_ymd_and_hms(2026, 3, 8, 8, 0, 0).unwrap()
        );
    }

    #[test]
    fn a_brand_with_an_unknown_zone_runs_on_utc() {
        let now = Utc.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap();
        assert_eq!(
            next_daily_run("Mars/Olympus", 12, now),
            Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap()
        );
    }
}
