//! The inbox's rules, pure: sentiment from a VADER compound score, and the SLA
//! clock, which may count only the workspace's business hours in its time zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use super::types::Sentiment;

/// VADER's thresholds: a compound score of 0.05 or more reads positive, −0.05
/// or less negative, anything between neutral.
pub const POSITIVE_FROM: f64 = 0.05;
pub const NEGATIVE_FROM: f64 = -0.05;

/// The label of a compound score (−1…1).
pub fn sentiment_of(compound: f64) -> Sentiment {
    if compound >= POSITIVE_FROM {
        Sentiment::Positive
    } else if compound <= NEGATIVE_FROM {
        Sentiment::Negative
    } else {
        Sentiment::Neutral
    }
}

/// A conversation's sentiment: the label of the mean score of what the other
/// person wrote (`None` before they wrote anything scored).
pub fn conversation_sentiment(inbound_scores: &[f64]) -> Option<Sentiment> {
    if inbound_scores.is_empty() {
        return None;
    }
    Some(sentiment_of(inbound_scores.iter().sum::<f64>() / inbound_scores.len() as f64))
}

/// When a workspace is at work: the days (Monday first) and the hours of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    pub days: [bool; 7],
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl BusinessHours {
    /// Monday to Friday, 9:00 to 17:00.
    pub fn weekdays_nine_to_five() -> Self {
        Self {
            days: [true, true, true, true, true, false, false],
            open: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            close: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
        }
    }
}

/// The instant a local wall-clock time names in `tz`: the earlier of two in an
/// hour that repeats; in an hour that is skipped, the first instant after it.
fn instant<Tz: TimeZone>(tz: &Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    if let Some(at) = tz.from_local_datetime(&local).earliest() {
        return at.with_timezone(&Utc);
    }
    // Skipped by a change to daylight saving time: try each minute after it.
    (1..=180)
        .find_map(|m| tz.from_local_datetime(&(local + Duration::minutes(m))).earliest())
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

/// When an SLA of `minutes` that starts at `start` falls due. Without business
/// hours it is plain clock time; with them only time inside the hours of the
/// working days counts, in `tz` (so a message on Friday at 16:30 with a
/// one-hour SLA and hours Monday–Friday 9–17 is due on Monday at 9:30). A
/// change to or from daylight saving time counts as the hours actually pass.
pub fn due_at<Tz: TimeZone>(
    start: DateTime<Utc>,
    minutes: i64,
    hours: Option<&BusinessHours>,
    tz: &Tz,
) -> DateTime<Utc> {
    let Some(hours) = hours.filter(|h| h.days.iter().any(|d| *d) && h.open < h.close) else {
        return start + Duration::minutes(minutes);
    };
    let mut left = Duration::minutes(minutes.max(0));
    let mut day = start.with_timezone(tz).date_naive();
    // A working day in at most a week; an SLA of years is not one anyone sets.
    for _ in 0..(366 * 5) {
        if hours.days[day.weekday().num_days_from_monday() as usize] {
            let open = instant(tz, day, hours.open).max(start);
            let close = instant(tz, day, hours.close);
            if open < close {
                let span = close - open;
                if left <= span {
                    return open + left;
                }
                left -= span;
            }
        }
        day = day.succ_opt().unwrap_or(day);
    }
    start + Duration::minutes(minutes)
}

/// Whether `shortcut` may name a saved reply: lowercase letters, digits and
/// dashes, starting with a letter or digit, up to 40.
pub fn valid_shortcut(shortcut: &str) -> bool {
    let mut chars = shortcut.chars();
    shortcut.len() <= 40
        && chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A reply as it goes out: each `/shortcut` (a word of its own) becomes that
/// saved reply's text, and `{name}` the person's first name (their whole name
/// when it has no space; "there" when unknown). An unknown shortcut is an
/// error naming it, so nothing half-expanded is sent.
pub fn expand(text: &str, saved: &[(String, String)], person: &str) -> Result<String, String> {
    let first = person.split_whitespace().next().filter(|n| !n.is_empty()).unwrap_or("there");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('/') {
        let starts_word = if at == 0 {
            out.is_empty() || out.ends_with(char::is_whitespace)
        } else {
            rest[..at].ends_with(char::is_whitespace)
        };
        let word_len = rest[at + 1..]
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len() - at - 1);
        let word = &rest[at + 1..at + 1 + word_len];
        let ends_word = rest[at + 1 + word_len..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || ".,!?;:".contains(c));
        out.push_str(&rest[..at]);
        if starts_word && ends_word && valid_shortcut(word) {
            match saved.iter().find(|(s, _)| s == word) {
                Some((_, body)) => out.push_str(body),
                None => return Err(format!("There is no saved reply \"/{word}\".")),
            }
        } else {
            out.push('/');
            out.push_str(word);
        }
        rest = &rest[at + 1 + word_len..];
    }
    out.push_str(rest);
    Ok(out.replace("{name}", first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Chicago;

    fn chicago(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Chicago.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn saved_replies_expand_by_shortcut_with_the_persons_first_name() {
        let saved = vec![
            ("hours".to_owned(), "Hi {name}, we open at 8 every day.".to_owned()),
            ("thanks".to_owned(), "Thank you, {name}!".to_owned()),
        ];
        assert_eq!(
            expand("/hours", &saved, "Ana Brooks").unwrap(),
            "Hi Ana, we open at 8 every day."
        );
        assert_eq!(
            expand("/thanks See you soon.", &saved, "").unwrap(),
            "Thank you, there! See you soon."
        );
        // Links and words with slashes stay as they are.
        assert_eq!(
            expand("See https://northwind.example/hours and 1/2 price", &saved, "Leo").unwrap(),
            "See https://northwind.example/hours and 1/2 price"
        );
        assert_eq!(
            expand("/refund", &saved, "Leo").unwrap_err(),
            "There is no saved reply \"/refund\"."
        );
        assert!(valid_shortcut("opening-hours") && valid_shortcut("24h"));
        assert!(!valid_shortcut("-x") && !valid_shortcut("Hours") && !valid_shortcut(""));
    }

    #[test]
    fn vader_thresholds_split_positive_neutral_and_negative() {
        assert_eq!(sentiment_of(0.05), Sentiment::Positive);
        assert_eq!(sentiment_of(0.0499), Sentiment::Neutral);
        assert_eq!(sentiment_of(-0.0499), Sentiment::Neutral);
        assert_eq!(sentiment_of(-0.05), Sentiment::Negative);
        assert_eq!(conversation_sentiment(&[]), None);
        assert_eq!(conversation_sentiment(&[0.8, -0.6, -0.1]), Some(Sentiment::Neutral));
        assert_eq!(conversation_sentiment(&[0.2, -0.6]), Some(Sentiment::Negative));
    }

    #[test]
    fn friday_afternoon_with_a_one_hour_sla_is_due_monday_morning() {
        let hours = BusinessHours::weekdays_nine_to_five();
        // Friday, March 6, 2026, 16:30 in Chicago.
        let due = due_at(chicago(2026, 3, 6, 16, 30), 60, Some(&hours), &Chicago);
        assert_eq!(due, chicago(2026, 3, 9, 9, 30));
        // Without business hours it is an hour of clock time.
        let plain = due_at(chicago(2026, 3, 6, 16, 30), 60, None, &Chicago);
        assert_eq!(plain, chicago(2026, 3, 6, 17, 30));
        // Before opening, the clock starts at 9:00; at the weekend, on Monday.
        assert_eq!(
            due_at(chicago(2026, 3, 4, 7, 0), 30, Some(&hours), &Chicago),
            chicago(2026, 3, 4, 9, 30)
        );
        assert_eq!(
            due_at(chicago(2026, 3, 7, 12, 0), 90, Some(&hours), &Chicago),
            chicago(2026, 3, 9, 10, 30)
        );
        // Two working days of eight hours and one more: Tuesday 10:00 → Thursday 11:00.
        assert_eq!(
            due_at(chicago(2026, 3, 3, 10, 0), 17 * 60, Some(&hours), &Chicago),
            chicago(2026, 3, 5, 11, 0)
        );
    }

    #[test]
    fn the_clock_keeps_local_business_hours_across_daylight_saving_changes() {
        let hours = BusinessHours::weekdays_nine_to_five();
        // Daylight saving time starts Sunday, March 8, 2026: Monday 9:30 is
        // 14:30 UTC after the change, not 15:30.
        let due = due_at(chicago(2026, 3, 6, 16, 30), 60, Some(&hours), &Chicago);
        assert_eq!(due, Utc.with_ymd_and_hms(2026, 3, 9, 14, 30, 0).unwrap());
        // And it ends Sunday, November 1, 2026: Monday 9:30 is 15:30 UTC.
        let due = due_at(chicago(2026, 10, 30, 16, 30), 60, Some(&hours), &Chicago);
        assert_eq!(due, Utc.with_ymd_and_hms(2026, 11, 2, 15, 30, 0).unwrap());
        // Plain clock time across the change: two hours are two real hours.
        let night = chicago(2026, 3, 8, 1, 30);
        assert_eq!(due_at(night, 120, None, &Chicago), night + Duration::hours(2));
        // Hours that open inside the skipped hour start just after it.
        let early = BusinessHours {
            days: [true; 7],
            open: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            close: NaiveTime::from_hms_opt(5, 0, 0).unwrap(),
        };
        let due = due_at(chicago(2026, 3, 8, 0, 0), 30, Some(&early), &Chicago);
        assert_eq!(due, chicago(2026, 3, 8, 3, 30));
    }
}
