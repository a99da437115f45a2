//! Timestamps as the viewer reads them: in their profile's time zone (or, without
//! one, their first workspace's), with the zone's abbreviation, and its full name
//! on hover. The server learns the zone per request (`ViewerZone`, put into the
//! request by the server crate from the signed-in user); signed out, it is UTC.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The signed-in viewer's time zone, carried in the request's extensions.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewerZone(pub chrono_tz::Tz);

#[cfg(feature = "ssr")]
impl ViewerZone {
    /// The zone of an IANA name ("Europe/Lisbon"); `None` for an unknown name.
    pub fn parse(name: &str) -> Option<Self> {
        name.parse().ok().map(Self)
    }
}

#[cfg(feature = "ssr")]
fn zone() -> chrono_tz::Tz {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ViewerZone>().copied())
        .map_or(chrono_tz::UTC, |ViewerZone(tz)| tz)
}

/// "Mar 1, 2026, 14:05 CET".
#[cfg(feature = "ssr")]
pub fn datetime(at: DateTime<Utc>) -> String {
    format_in(at, zone())
}

#[cfg(feature = "ssr")]
fn format_in(at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    at.with_timezone(&tz).format("%b %-d, %Y, %H:%M %Z").to_string()
}

/// In the browser (no island shows a time yet): UTC.
#[cfg(not(feature = "ssr"))]
pub fn datetime(at: DateTime<Utc>) -> String {
    at.format("%b %-d, %Y, %H:%M UTC").to_string()
}

/// The instant in the viewer's zone as RFC 3339 ("2026-01-15T22:05:00+09:00"), for
/// files people download.
pub fn iso(at: DateTime<Utc>) -> String {
    #[cfg(feature = "ssr")]
    {
        at.with_timezone(&zone()).to_rfc3339()
    }
    #[cfg(not(feature = "ssr"))]
    {
        at.to_rfc3339()
    }
}

/// The viewer's zone's IANA name ("Europe/Lisbon"): for a title, or for days
/// counted in it.
pub fn zone_name() -> String {
    #[cfg(feature = "ssr")]
    {
        zone().name().to_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        "UTC".to_owned()
    }
}

/// A `<time>` element: the moment in the viewer's zone, the zone named on hover,
/// the exact instant in `datetime` for machines.
#[component]
pub fn When(at: DateTime<Utc>) -> impl IntoView {
    view! {
        <time datetime=at.to_rfc3339() title=format!("Time zone: {}", zone_name())>
            {datetime(at)}
        </time>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_read_in_the_zone_with_its_abbreviation() {
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 13, 5, 0).unwrap();
        assert_eq!(format_in(at, chrono_tz::Europe::Paris), "Jan 15, 2026, 14:05 CET");
        assert_eq!(format_in(at, chrono_tz::UTC), "Jan 15, 2026, 13:05 UTC");
        // Without a request (a job, a test): UTC.
        assert_eq!(datetime(at), "Jan 15, 2026, 13:05 UTC");
    }
}
