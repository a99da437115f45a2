//! Pure rules of the integrations context: reading the account a person names, and
//! which days a sync asks for.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::types::{AccountHealth, Platform};

/// A token that cannot be refreshed is "expiring" this many days before its end.
pub const EXPIRY_WARNING_DAYS: i64 = 7;

/// Days read on a connection's first sync.
pub const BACKFILL_DAYS: i64 = 90;
/// Days re-read before the last sync: platforms revise recent days (late
/// conversions, refunds), so each sync replaces them.
pub const RESYNC_DAYS: i64 = 3;

/// The account id as stored, from what a person typed; `Err` says what is expected.
///
/// - Shopify: the shop's subdomain (`northwind` from `https://northwind.myshopify.com/`);
/// - Meta: `act_` and the ad account number;
/// - Google Ads: the ten-digit customer id without dashes;
/// - GA4: the numeric property id (`properties/123` is accepted).
pub fn normalize_account(platform: Platform, raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(format!("Enter the {}.", platform.account_label().to_lowercase()));
    }
    match platform {
        Platform::Shopify => {
            let host = raw
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .split('/')
                .next()
                .unwrap_or_default()
                .to_lowercase();
            let shop = host.strip_suffix(".myshopify.com").unwrap_or(&host);
            let valid = !shop.is_empty()
                && shop.len() <= 60
                && shop.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !shop.starts_with('-');
            if valid {
                Ok(shop.to_owned())
            } else {
                Err("Enter the shop's myshopify.com subdomain, like northwind-roasters.".into())
            }
        }
        Platform::Meta => {
            let digits = raw.strip_prefix("act_").unwrap_or(raw);
            if !digits.is_empty()
                && digits.len() <= 20
                && digits.chars().all(|c| c.is_ascii_digit())
            {
                Ok(format!("act_{digits}"))
            } else {
                Err("Enter the ad account ID, like act_1234567890 (Business Settings → Ad accounts).".into())
            }
        }
        Platform::GoogleAds => {
            let digits: String = raw.chars().filter(|c| *c != '-' && *c != ' ').collect();
            if digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit()) {
                Ok(digits)
            } else {
                Err("Enter the 10-digit customer ID, like 123-456-7890 (top right in Google Ads)."
                    .into())
            }
        }
        Platform::GoogleAnalytics => {
            let digits = raw.strip_prefix("properties/").unwrap_or(raw);
            if !digits.is_empty()
                && digits.len() <= 20
                && digits.chars().all(|c| c.is_ascii_digit())
            {
                Ok(digits.to_owned())
            } else {
                Err("Enter the numeric property ID, like 412345678 (Admin → Property details)."
                    .into())
            }
        }
    }
}

/// How an account id is shown (Google Ads with its dashes).
pub fn display_account(platform: Platform, id: &str) -> String {
    match platform {
        Platform::GoogleAds if id.len() == 10 => {
            format!("{}-{}-{}", &id[..3], &id[3..6], &id[6..])
        }
        Platform::Shopify => format!("{id}.myshopify.com"),
        _ => id.to_owned(),
    }
}

/// The days a sync reads, in the brand's calendar: the last `BACKFILL_DAYS` the
/// first time (or when the last sync is older than that), else from `RESYNC_DAYS`
/// before the day of the last sync (in the brand's time zone) through today.
pub fn sync_range(today: NaiveDate, last_sync_day: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    let earliest = today - Duration::days(BACKFILL_DAYS - 1);
    let since = match last_sync_day {
        Some(day) => (day - Duration::days(RESYNC_DAYS)).max(earliest),
        None => earliest,
    };
    (since.min(today), today)
}

/// A social account's health: turned off, ended, ending within
/// [`EXPIRY_WARNING_DAYS`] (only when it has no refresh token: a refreshable token
/// is renewed before use), or connected.
pub fn account_health(
    is_active: bool,
    expires_at: Option<DateTime<Utc>>,
    refreshable: bool,
    now: DateTime<Utc>,
) -> AccountHealth {
    match expires_at {
        _ if !is_active => AccountHealth::Disabled,
        Some(end) if end <= now && !refreshable => AccountHealth::Expired,
        Some(end) if !refreshable && end - now <= Duration::days(EXPIRY_WARNING_DAYS) => {
            AccountHealth::Expiring
        }
        _ => AccountHealth::Connected,
    }
}

/// The "access ends in N days" warning due now for a token that cannot be renewed
/// without a person: 7 a week before it ends, then 1 a day before; each once
/// (`warned`: the last one sent for this token). None for a token that renews,
/// has ended, or has no end.
pub fn expiry_warning(
    expires_at: Option<DateTime<Utc>>,
    renewable: bool,
    warned: Option<i16>,
    now: DateTime<Utc>,
) -> Option<i16> {
    let end = expires_at.filter(|end| !renewable && *end > now)?;
    let left = end - now;
    if left <= Duration::days(1) {
        (warned != Some(1)).then_some(1)
    } else if left <= Duration::days(EXPIRY_WARNING_DAYS) {
        warned.is_none().then_some(7)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_that_cannot_renew_warns_a_week_and_a_day_before_once_each() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z").unwrap().to_utc();
        let at = |hours| Some(now + Duration::hours(hours));
        assert_eq!(expiry_warning(at(24 * 8), false, None, now), None, "more than a week left");
        assert_eq!(expiry_warning(at(24 * 7), false, None, now), Some(7));
        assert_eq!(expiry_warning(at(24 * 3), false, Some(7), now), None, "said already");
        assert_eq!(expiry_warning(at(24), false, Some(7), now), Some(1));
        assert_eq!(expiry_warning(at(5), false, Some(1), now), None, "said already");
        // Connected with a day left: the one-day warning, not both.
        assert_eq!(expiry_warning(at(20), false, None, now), Some(1));
        assert_eq!(expiry_warning(at(-1), false, None, now), None, "ended: the page says so");
        assert_eq!(expiry_warning(at(24), true, None, now), None, "it renews by itself");
        assert_eq!(expiry_warning(None, false, None, now), None);
    }

    #[test]
    fn an_account_warns_a_week_before_a_token_it_cannot_refresh_ends() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z").unwrap().to_utc();
        let days = |n| Some(now + Duration::days(n));
        assert_eq!(account_health(true, None, false, now), AccountHealth::Connected);
        assert_eq!(account_health(true, days(8), false, now), AccountHealth::Connected);
        assert_eq!(account_health(true, days(7), false, now), AccountHealth::Expiring);
        assert_eq!(account_health(true, days(0), false, now), AccountHealth::Expired);
        // A refresh token renews it: no warning, even past the end.
        assert_eq!(account_health(true, days(-1), true, now), AccountHealth::Connected);
        assert_eq!(account_health(false, days(30), false, now), AccountHealth::Disabled);
    }

    #[test]
    fn accounts_are_read_the_ways_people_copy_them() {
        let shop = |s| normalize_account(Platform::Shopify, s);
        assert_eq!(
            shop("https://Northwind-Roasters.myshopify.com/admin").unwrap(),
            "northwind-roasters"
        );
        assert_eq!(shop("northwind").unwrap(), "northwind");
        assert!(shop("north wind").is_err());
        assert!(shop("evil.example/x").is_err());
        assert_eq!(normalize_account(Platform::Meta, "1234567890").unwrap(), "act_1234567890");
        assert_eq!(normalize_account(Platform::Meta, "act_42").unwrap(), "act_42");
        assert!(normalize_account(Platform::Meta, "act_x").is_err());
        assert_eq!(normalize_account(Platform::GoogleAds, "123-456-7890").unwrap(), "1234567890");
        assert!(normalize_account(Platform::GoogleAds, "123-456").is_err());
        assert_eq!(
            normalize_account(Platform::GoogleAnalytics, "properties/412345678").unwrap(),
            "412345678"
        );
        let empty = normalize_account(Platform::GoogleAnalytics, "  ").unwrap_err();
        assert_eq!(empty, "Enter the property id.");
        assert_eq!(display_account(Platform::GoogleAds, "1234567890"), "123-456-7890");
    }

    #[test]
    fn the_first_sync_backfills_later_ones_reread_recent_days() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let today = day(22);
        let (since, until) = sync_range(today, None);
        assert_eq!((until - since).num_days(), BACKFILL_DAYS - 1);
        assert_eq!(until, today);
        // Last synced on the 20th: the 17th through today again.
        assert_eq!(sync_range(today, Some(day(20))), (day(17), today));
        // A sync a year ago reads no more than the backfill.
        let old = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        assert_eq!(sync_range(today, Some(old)).0, today - Duration::days(BACKFILL_DAYS - 1));
    }
}
