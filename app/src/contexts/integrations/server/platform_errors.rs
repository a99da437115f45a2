//! What a platform's error answer means, read the way each platform documents it
//! (docs/integrations.md, "Errors", names the source of every rule here):
//!
//! - **reconnect** (`SyncError::Reauthorize`): the access is gone; only the person
//!   can grant it again;
//! - **rate limit or quota** (`SyncError::RateLimited`): wait as long as the platform
//!   says (its headers, its error details, or its documented reset time), then the
//!   queue runs the sync again;
//! - **temporary** (`SyncError::Transient`): try again with backoff;
//! - **the platform refused** (`SyncError::Platform`): a person must act on the
//!   platform; the platform's own words, with its codes, go to the connection, and
//!   the daily sync keeps trying, so a problem fixed on the platform's side heals by
//!   itself.
//!
//! Meta reports rate limits and expired tokens with HTTP 400, so the body decides,
//! never the status alone.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::Deserialize;
use serde_json::Value;

use super::error::{SyncError, platform_message};
use crate::contexts::integrations::types::Platform;

/// How long to wait when Meta throttles without saying for how long in its usage
/// headers: its limits are counted over a rolling hour.
const META_DEFAULT_WAIT: Duration = Duration::from_secs(15 * 60);
/// How long to wait for a quota that names no reset time.
const QUOTA_DEFAULT_WAIT: Duration = Duration::from_secs(5 * 60);
/// GA4's concurrent-requests quota frees as soon as requests finish.
const CONCURRENCY_WAIT: Duration = Duration::from_secs(10);
/// A quota counted per hour is back within the hour (GA4's quotas page).
const HOUR: Duration = Duration::from_secs(60 * 60);

/// The meaning of a platform's error answer (any status but 2xx).
pub fn classify(
    platform: Platform,
    status: StatusCode,
    headers: &HeaderMap,
    body: &str,
    now: DateTime<Utc>,
) -> SyncError {
    match platform {
        Platform::Meta => meta(status, headers, body),
        Platform::GoogleAds | Platform::GoogleAnalytics => {
            google(platform, status, headers, body, now)
        }
        Platform::Shopify => shopify(status, headers, body, now),
    }
}

// --- Meta ---------------------------------------------------------------------

#[derive(Deserialize)]
struct MetaEnvelope {
    error: MetaError,
}

#[derive(Deserialize, Default)]
struct MetaError {
    message: Option<String>,
    code: Option<i64>,
    error_subcode: Option<i64>,
    error_user_msg: Option<String>,
    is_transient: Option<bool>,
    fbtrace_id: Option<String>,
}

/// One entry of `X-Business-Use-Case-Usage` (every field optional; only the wait
/// is read).
#[derive(Deserialize)]
struct BusinessUseCase {
    estimated_time_to_regain_access: Option<f64>,
}

#[derive(Deserialize)]
struct AdAccountUsage {
    reset_time_duration: Option<f64>,
}

fn meta(status: StatusCode, headers: &HeaderMap, body: &str) -> SyncError {
    let label = Platform::Meta.label();
    let error = serde_json::from_str::<MetaEnvelope>(body).map(|e| e.error).unwrap_or_default();
    let words = error
        .error_user_msg
        .clone()
        .or_else(|| error.message.clone())
        .map(|m| shorten(&m))
        .unwrap_or_else(|| format!("HTTP {status}"));
    let code = error.code.unwrap_or_default();
    let trace = error.fbtrace_id.as_deref().map(|t| format!(", trace {t}")).unwrap_or_default();
    match (code, error.error_subcode) {
        // Rate limits: app (4), user (17), Page (32), custom (613), application
        // limit (341), business use cases (80000–80014).
        (4 | 17 | 32 | 341 | 613 | 80_000..=80_014, _) => {
            let wait = meta_wait(headers).unwrap_or(META_DEFAULT_WAIT);
            SyncError::RateLimited {
                message: format!(
                    "{label} is limiting Aura's calls ({words}, code {code}); the sync will try again in {}.",
                    in_words(wait)
                ),
                retry_in: wait,
            }
        }
        // A Page role is missing: signing in again does not help.
        (190, Some(492)) => SyncError::Platform(format!(
            "{label} says the person who connected has no role on this Page any more (code 190/492{trace}). Give them a role on the Page in Meta Business Suite."
        )),
        (190 | 102, subcode) => {
            let reason = match subcode {
                Some(458) => "Aura's app was removed from the account",
                Some(459 | 464) => {
                    "the Facebook account needs attention: log in at facebook.com first"
                }
                Some(460) => "the password was changed",
                Some(463) => "the access expired",
                Some(467) => "the access token is no longer valid",
                _ => "the access is no longer valid",
            };
            let subcode = subcode.map(|s| format!("/{s}")).unwrap_or_default();
            SyncError::Reauthorize(format!(
                "{label} no longer accepts Aura's access: {reason} (code {code}{subcode}: {words}). Reconnect to grant access again."
            ))
        }
        (10 | 200..=299, _) => SyncError::Reauthorize(format!(
            "{label} has not granted Aura a permission it needs ({words}, code {code}). Reconnect and allow it."
        )),
        (1 | 2, _) => SyncError::Transient(format!(
            "{label} is having trouble ({words}); the sync will try again."
        )),
        _ if status == StatusCode::UNAUTHORIZED => SyncError::Reauthorize(format!(
            "{label} no longer accepts Aura's access ({words}). Reconnect to grant access again."
        )),
        _ if error.is_transient == Some(true) || status.is_server_error() => SyncError::Transient(
            format!("{label} is having trouble ({words}); the sync will try again."),
        ),
        _ => SyncError::Platform(format!(
            "{label} refused the request: {words} (code {code}{}{trace}).",
            error.error_subcode.map(|s| format!("/{s}")).unwrap_or_default()
        )),
    }
}

/// The longest wait Meta's usage headers name: `X-Business-Use-Case-Usage`'s
/// `estimated_time_to_regain_access` (minutes) and `X-Ad-Account-Usage`'s
/// `reset_time_duration` (seconds).
fn meta_wait(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let business = text("x-business-use-case-usage")
        .and_then(|v| serde_json::from_str::<HashMap<String, Vec<BusinessUseCase>>>(v).ok())
        .into_iter()
        .flat_map(|map| map.into_values().flatten())
        .filter_map(|entry| entry.estimated_time_to_regain_access)
        .map(|minutes| seconds(minutes * 60.0));
    let account = text("x-ad-account-usage")
        .and_then(|v| serde_json::from_str::<AdAccountUsage>(v).ok())
        .and_then(|usage| usage.reset_time_duration)
        .map(seconds);
    business.chain(account).flatten().filter(|wait| !wait.is_zero()).max()
}

// --- Google (GA4 and Google Ads) ---------------------------------------------------

#[derive(Deserialize)]
struct GoogleEnvelope {
    error: GoogleError,
}

#[derive(Deserialize, Default)]
struct GoogleError {
    message: Option<String>,
    status: Option<String>,
    #[serde(default)]
    details: Vec<Value>,
}

/// One error of a `GoogleAdsFailure` detail.
struct AdsError {
    /// Like `quotaError`.
    kind: String,
    /// Like `RESOURCE_EXHAUSTED`.
    code: String,
    message: String,
    /// Like `ad_group[0].name`.
    field: Option<String>,
    retry_delay: Option<Duration>,
}

fn google(
    platform: Platform,
    status: StatusCode,
    headers: &HeaderMap,
    body: &str,
    now: DateTime<Utc>,
) -> SyncError {
    let label = platform.label();
    // searchStream answers an array; its first element carries the error.
    let error = serde_json::from_str::<GoogleEnvelope>(body)
        .map(|e| e.error)
        .or_else(|_| {
            serde_json::from_str::<Vec<GoogleEnvelope>>(body).map(|mut list| {
                if list.is_empty() { GoogleError::default() } else { list.remove(0).error }
            })
        })
        .unwrap_or_default();
    let (ads, request_id) = ads_failure(&error.details);
    let grpc = error.status.clone().unwrap_or_default();
    let words = ads
        .first()
        .map(|e| e.message.clone())
        .or_else(|| error.message.clone())
        .map(|m| shorten(&m))
        .unwrap_or_else(|| format!("HTTP {status}"));
    let detail = describe_ads(&ads, request_id.as_deref());

    if let Some(first) = ads.first() {
        match (first.kind.as_str(), first.code.as_str()) {
            ("authenticationError", _) => {
                return SyncError::Reauthorize(format!(
                    "{label} does not accept the Google account Aura connected with: {words}{detail}. Reconnect (with an account that can use Google Ads)."
                ));
            }
            ("quotaError", code) => {
                let wait = first.retry_delay.unwrap_or(match code {
                    "RESOURCE_TEMPORARILY_EXHAUSTED" => Duration::from_secs(60),
                    _ => QUOTA_DEFAULT_WAIT,
                });
                return SyncError::RateLimited {
                    message: format!(
                        "{label} quota is used up ({code}{detail}); the sync will try again in {}.",
                        in_words(wait)
                    ),
                    retry_in: wait,
                };
            }
            ("internalError", _) => {
                return SyncError::Transient(format!(
                    "{label} is having trouble ({words}{detail}); the sync will try again."
                ));
            }
            _ => {}
        }
    }
    if grpc == "RESOURCE_EXHAUSTED" || status == StatusCode::TOO_MANY_REQUESTS {
        let (bucket, wait) = ga4_bucket(&words, now);
        let wait = retry_after(headers, now).map_or(wait, |header| header.max(wait));
        return SyncError::RateLimited {
            message: format!(
                "{label} quota is used up ({bucket}: {words}); the sync will try again in {}.",
                in_words(wait)
            ),
            retry_in: wait,
        };
    }
    if grpc == "UNAUTHENTICATED" || status == StatusCode::UNAUTHORIZED {
        return SyncError::Reauthorize(format!(
            "{label} no longer accepts Aura's access ({words}). Reconnect to grant access again."
        ));
    }
    if status.is_server_error()
        || matches!(
            grpc.as_str(),
            "UNAVAILABLE" | "INTERNAL" | "DEADLINE_EXCEEDED" | "ABORTED" | "UNKNOWN"
        )
    {
        return SyncError::Transient(format!(
            "{label} is having trouble ({words}); the sync will try again."
        ));
    }
    let grpc = if grpc.is_empty() { status.to_string() } else { grpc };
    SyncError::Platform(format!("{label} refused the request: {words} ({grpc}{detail})."))
}

/// The errors and request id of a `GoogleAdsFailure` in `details` (its `@type`
/// ends in `.errors.GoogleAdsFailure`, whatever the API version).
fn ads_failure(details: &[Value]) -> (Vec<AdsError>, Option<String>) {
    let Some(failure) = details.iter().find(|d| {
        d.get("@type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.ends_with(".errors.GoogleAdsFailure"))
    }) else {
        return (Vec::new(), None);
    };
    let errors = failure
        .get("errors")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|e| {
                    let (kind, code) = e
                        .get("errorCode")
                        .and_then(Value::as_object)
                        .and_then(|m| m.iter().next())
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                        .unwrap_or_default();
                    let field = e
                        .pointer("/location/fieldPathElements")
                        .and_then(Value::as_array)
                        .map(|path| {
                            path.iter()
                                .map(|p| {
                                    let name =
                                        p.get("fieldName").and_then(Value::as_str).unwrap_or("?");
                                    match p.get("index").and_then(Value::as_i64) {
                                        Some(i) => format!("{name}[{i}]"),
                                        None => name.to_owned(),
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join(".")
                        });
                    let retry_delay = e
                        .pointer("/details/quotaErrorDetails/retryDelay")
                        .and_then(Value::as_str)
                        .and_then(proto_duration);
                    AdsError {
                        kind,
                        code,
                        message: e
                            .get("message")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                        field: field.filter(|f| !f.is_empty()),
                        retry_delay,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let request_id = failure.get("requestId").and_then(Value::as_str).map(String::from);
    (errors, request_id)
}

/// `; queryError BAD_FIELD at ad_group.name; request id …` for the person and support.
fn describe_ads(errors: &[AdsError], request_id: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(e) = errors.first() {
        out.push_str(&format!("; {} {}", e.kind, e.code));
        if let Some(field) = &e.field {
            out.push_str(&format!(" at {field}"));
        }
    }
    if let Some(id) = request_id {
        out.push_str(&format!("; request id {id}"));
    }
    out
}

/// A protobuf JSON duration: `"40591s"`, `"1.5s"`.
fn proto_duration(text: &str) -> Option<Duration> {
    text.strip_suffix('s')?.parse::<f64>().ok().and_then(seconds)
}

/// Which GA4 quota ran out, by its message, and when it is back: a day's tokens at
/// midnight Pacific time, an hour's within the hour, concurrent requests in seconds.
fn ga4_bucket(message: &str, now: DateTime<Utc>) -> (&'static str, Duration) {
    let m = message.to_ascii_lowercase();
    if m.contains("per day") {
        ("tokens per day", until_pacific_midnight(now))
    } else if m.contains("concurrent") {
        ("concurrent requests", CONCURRENCY_WAIT)
    } else if m.contains("thresholded") {
        ("potentially thresholded requests per hour", HOUR)
    } else if m.contains("for a project per hour") || m.contains("per project") {
        ("tokens per project per hour", HOUR)
    } else if m.contains("per hour") {
        ("tokens per hour", HOUR)
    } else {
        ("quota", QUOTA_DEFAULT_WAIT)
    }
}

/// Time until the next midnight in America/Los_Angeles (GA4's daily quotas reset
/// "at midnight PST").
fn until_pacific_midnight(now: DateTime<Utc>) -> Duration {
    let pacific = chrono_tz::America::Los_Angeles;
    let tomorrow = now.with_timezone(&pacific).date_naive().succ_opt();
    let midnight = tomorrow
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|at| pacific.from_local_datetime(&at).earliest());
    midnight.and_then(|at| (at.with_timezone(&Utc) - now).to_std().ok()).unwrap_or(HOUR)
}

// --- Shopify ------------------------------------------------------------------------

fn shopify(status: StatusCode, headers: &HeaderMap, body: &str, now: DateTime<Utc>) -> SyncError {
    let label = Platform::Shopify.label();
    let words = platform_message(body).unwrap_or_else(|| format!("HTTP {status}"));
    match status.as_u16() {
        429 => {
            let wait = retry_after(headers, now).unwrap_or(Duration::from_secs(2));
            SyncError::RateLimited {
                message: format!(
                    "{label} is limiting Aura's calls ({words}); the sync will try again in {}.",
                    in_words(wait)
                ),
                retry_in: wait,
            }
        }
        401 => SyncError::Reauthorize(format!(
            "{label} no longer accepts Aura's access token ({words}). Reconnect to grant access again."
        )),
        403 => SyncError::Reauthorize(format!(
            "{label} has not granted Aura the access it needs ({words}). Reconnect and approve the requested access."
        )),
        402 => SyncError::Platform(format!(
            "{label} has frozen the shop until its bill is paid ({words}); syncing resumes by itself after that."
        )),
        423 => SyncError::Platform(format!(
            "{label} has locked the shop ({words}); contact Shopify support. Syncing resumes by itself once it is unlocked."
        )),
        code if code >= 500 => SyncError::Transient(format!(
            "{label} is having trouble ({status}); the sync will try again."
        )),
        _ => SyncError::Platform(format!("{label} refused the request ({status}): {words}")),
    }
}

// --- shared -------------------------------------------------------------------------

/// `Retry-After` as the platforms send it: whole seconds (RFC 9110), decimal seconds
/// (Shopify's `2.0`), or an HTTP date (a date already past: no wait).
pub fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return seconds(secs);
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at: DateTime<Utc> = at.into();
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// A non-negative, finite number of seconds as a duration, at most a week.
fn seconds(value: f64) -> Option<Duration> {
    (value.is_finite() && value >= 0.0).then(|| Duration::from_secs_f64(value.min(7.0 * 86_400.0)))
}

/// "40 seconds", "12 minutes", "3 hours" (rounded up).
pub fn in_words(wait: Duration) -> String {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    match secs {
        0..=1 => "a second".to_owned(),
        2..=119 => format!("{secs} seconds"),
        120..=7199 => format!("{} minutes", secs.div_ceil(60)),
        _ => format!("{} hours", secs.div_ceil(3600)),
    }
}

fn shorten(message: &str) -> String {
    message.trim().chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn retry_after_takes_whole_and_decimal_seconds_and_dates() {
        let now = at("2026-12-01T10:00:00Z");
        let mut headers = HeaderMap::new();
        for (value, expected) in [("7", 7.0), ("2.0", 2.0), ("0.5", 0.5)] {
            headers.insert(RETRY_AFTER, value.parse().unwrap());
            assert_eq!(
                retry_after(&headers, now),
                Some(Duration::from_secs_f64(expected)),
                "{value}"
            );
        }
        headers.insert(RETRY_AFTER, "Tue, 01 Dec 2026 10:00:30 GMT".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert(RETRY_AFTER, "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO), "a date past: now");
        for bad in ["soon", "-3", "NaN"] {
            headers.insert(RETRY_AFTER, bad.parse().unwrap());
            assert_eq!(retry_after(&headers, now), None, "{bad}");
        }
    }

    #[test]
    fn ga4_daily_quota_waits_for_midnight_in_california() {
        // 10:00 UTC on 1 December is 02:00 PST: midnight is 22 hours away.
        let now = at("2026-12-01T10:00:00Z");
        let (bucket, wait) = ga4_bucket(
            "Exhausted property tokens per day. These quota tokens will return in under 24 hours.",
            now,
        );
        assert_eq!((bucket, wait), ("tokens per day", Duration::from_secs(22 * 3600)));
        assert_eq!(ga4_bucket("Exhausted concurrent requests quota.", now).1, CONCURRENCY_WAIT);
        assert_eq!(ga4_bucket("Exhausted property tokens for a project per hour.", now).1, HOUR);
        assert_eq!(ga4_bucket("Exhausted property tokens per hour.", now).0, "tokens per hour");
    }

    #[test]
    fn waits_read_as_people_say_them() {
        assert_eq!(in_words(Duration::from_secs(2)), "2 seconds");
        assert_eq!(in_words(Duration::from_secs(19 * 60)), "19 minutes");
        assert_eq!(in_words(Duration::from_secs(40_591)), "12 hours");
        assert_eq!(proto_duration("40591s"), Some(Duration::from_secs(40_591)));
        assert_eq!(proto_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(proto_duration("soon"), None);
    }
}
