//! The inbox's rules, pure: sentiment from a VADER compound score; the SLA
//! clock, which may count only the workspace's business hours in its time zone,
//! and which policy and clocks apply; the priority rules; whose turn it is in a
//! round robin; saved replies' shortcuts.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::types::{ConversationKind, Priority, Sentiment};
use crate::kernel::UserId;

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

impl BusinessHours {
    /// Whether `at` falls inside the hours of a working day, in `tz`.
    pub fn open_at<Tz: TimeZone>(&self, tz: &Tz, at: DateTime<Utc>) -> bool {
        let local = at.with_timezone(tz).naive_local();
        let day = local.weekday().num_days_from_monday() as usize;
        self.days[day] && local.time() >= self.open && local.time() < self.close
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

// ---- Priority rules ---------------------------------------------------------

/// A workspace's rule that raises a conversation's priority when a message
/// from the person matches every condition it names (`inbox_settings.priority_rules`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityRule {
    /// Any one of these words or phrases, at the start of a word and in any
    /// case ("cancel" matches "Cancelled", not "scancel"); empty: any text.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The conversation reads so (after this message); `None`: any.
    #[serde(default)]
    pub sentiment: Option<Sentiment>,
    /// The person has at least this many followers, where the platform says;
    /// `None`: anyone.
    #[serde(default)]
    pub min_followers: Option<i64>,
    /// Only these types of conversation; empty: every type.
    #[serde(default)]
    pub kinds: Vec<ConversationKind>,
    pub priority: Priority,
}

impl PriorityRule {
    /// The rule in words, for the settings page.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.keywords.is_empty() {
            let words: Vec<String> = self.keywords.iter().map(|k| format!("\"{k}\"")).collect();
            parts.push(format!("mentions {}", words.join(" or ")));
        }
        if let Some(s) = self.sentiment {
            parts.push(format!("reads {}", s.label().to_lowercase()));
        }
        if let Some(n) = self.min_followers {
            parts.push(format!("comes from someone with at least {n} followers"));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.label()).collect();
            parts.push(format!("is a {}", kinds.join(" or ").to_lowercase()));
        }
        format!("When a message {} → {}", parts.join(" and "), self.priority.label())
    }

    /// What is wrong with the rule, if anything.
    pub fn problem(&self) -> Option<&'static str> {
        if self.keywords.is_empty()
            && self.sentiment.is_none()
            && self.min_followers.is_none()
            && self.kinds.is_empty()
        {
            return Some(
                "Give the rule at least one condition: words, a sentiment, followers or a type.",
            );
        }
        if self.keywords.iter().any(|k| k.trim().is_empty() || k.chars().count() > 60) {
            return Some("Each word or phrase takes 1 to 60 characters.");
        }
        if self.keywords.len() > 30 {
            return Some("A rule takes at most 30 words or phrases.");
        }
        if self.min_followers.is_some_and(|n| n < 0) {
            return Some("Followers are a number from 0.");
        }
        None
    }
}

/// The rules a workspace starts with: money and leaving are urgent, an unhappy
/// person with a large audience is high.
pub fn default_priority_rules() -> Vec<PriorityRule> {
    vec![
        PriorityRule {
            keywords: ["refund", "cancel", "chargeback"].map(String::from).to_vec(),
            sentiment: None,
            min_followers: None,
            kinds: Vec::new(),
            priority: Priority::Urgent,
        },
        PriorityRule {
            keywords: Vec::new(),
            sentiment: Some(Sentiment::Negative),
            min_followers: Some(10_000),
            kinds: Vec::new(),
            priority: Priority::High,
        },
    ]
}

/// What the rules look at in a new message.
#[derive(Clone, Copy, Debug)]
pub struct Signal<'a> {
    pub text: &'a str,
    pub sentiment: Option<Sentiment>,
    pub followers: Option<i64>,
    pub kind: ConversationKind,
}

/// Whether `phrase` starts a word of `text` (both already lowercase).
pub(crate) fn starts_a_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase)
        .any(|(at, _)| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

/// The highest priority of the rules the message matches, if any does.
pub fn rule_priority(rules: &[PriorityRule], signal: &Signal<'_>) -> Option<Priority> {
    let text = signal.text.to_lowercase();
    rules
        .iter()
        .filter(|r| {
            (r.keywords.is_empty()
                || r.keywords.iter().any(|k| starts_a_word(&text, &k.trim().to_lowercase())))
                && r.sentiment.is_none_or(|s| signal.sentiment == Some(s))
                && r.min_followers.is_none_or(|n| signal.followers.is_some_and(|f| f >= n))
                && (r.kinds.is_empty() || r.kinds.contains(&signal.kind))
        })
        .map(|r| r.priority)
        .max()
}

// ---- Round robin ------------------------------------------------------------

/// A member who takes new conversations by round robin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agent {
    pub user: UserId,
    /// Open conversations assigned to them now.
    pub open: i64,
    pub last_assigned_at: Option<DateTime<Utc>>,
}

/// Whose turn it is: of the available members under `cap` open conversations,
/// the one who got one longest ago (never first; ties by id). `None` when all
/// are at their cap: the conversation stays unassigned, and visible as such.
pub fn next_agent(available: &[Agent], cap: i64) -> Option<UserId> {
    available
        .iter()
        .filter(|a| a.open < cap)
        .min_by_key(|a| (a.last_assigned_at, a.user))
        .map(|a| a.user)
}

// ---- SLA policies -----------------------------------------------------------

/// What a conversation owes under a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaTarget {
    /// The team's first answer to a new conversation.
    FirstResponse,
    /// An answer to the person's next message after the team answered.
    NextResponse,
    /// The conversation resolved.
    Resolution,
}

impl SlaTarget {
    pub const ALL: [SlaTarget; 3] =
        [SlaTarget::FirstResponse, SlaTarget::NextResponse, SlaTarget::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "first_response",
            SlaTarget::NextResponse => "next_response",
            SlaTarget::Resolution => "resolution",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            SlaTarget::FirstResponse => "First response",
            SlaTarget::NextResponse => "Next response",
            SlaTarget::Resolution => "Resolution",
        }
    }
}

/// An SLA policy's targets and what it covers (`sla_policies`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaPolicy {
    pub id: uuid::Uuid,
    pub name: String,
    /// Conversations of these priorities; empty: any.
    pub priorities: Vec<Priority>,
    /// Conversations of these types; empty: any.
    pub kinds: Vec<ConversationKind>,
    pub first_response_minutes: Option<i64>,
    pub next_response_minutes: Option<i64>,
    pub resolution_minutes: Option<i64>,
    /// Count only the workspace's business hours.
    pub business_hours: bool,
}

impl SlaPolicy {
    pub fn minutes(&self, target: SlaTarget) -> Option<i64> {
        match target {
            SlaTarget::FirstResponse => self.first_response_minutes,
            SlaTarget::NextResponse => self.next_response_minutes,
            SlaTarget::Resolution => self.resolution_minutes,
        }
    }
}

/// An SLA falling due within this many minutes is at risk.
pub const AT_RISK_MINUTES: i64 = 60;

/// The longest target a policy may set: 30 days.
pub const SLA_MAX_MINUTES: i64 = 30 * 24 * 60;

/// The policy that applies to a conversation: of those whose lists hold its
/// priority and type, the most specific (naming both, then either, then
/// neither); among equals the first (the oldest).
pub fn policy_for(
    policies: &[SlaPolicy],
    priority: Priority,
    kind: ConversationKind,
) -> Option<&SlaPolicy> {
    policies
        .iter()
        .filter(|p| {
            (p.priorities.is_empty() || p.priorities.contains(&priority))
                && (p.kinds.is_empty() || p.kinds.contains(&kind))
        })
        .enumerate()
        .max_by_key(|(i, p)| {
            (
                usize::from(!p.priorities.is_empty()) + usize::from(!p.kinds.is_empty()),
                usize::MAX - i,
            )
        })
        .map(|(_, p)| p)
}

/// The clocks a message from the person starts, with their minutes: the first
/// response until the team has answered once, then the next response; the
/// resolution while none runs. A target already running keeps its start.
pub fn clocks_to_start(
    policy: &SlaPolicy,
    answered_before: bool,
    running: &[SlaTarget],
) -> Vec<(SlaTarget, i64)> {
    let response = if answered_before { SlaTarget::NextResponse } else { SlaTarget::FirstResponse };
    [response, SlaTarget::Resolution]
        .into_iter()
        .filter(|t| !running.contains(t))
        .filter_map(|t| policy.minutes(t).map(|m| (t, m)))
        .collect()
}

/// The minutes in words: "45 min", "2 h", "1 h 30 min", "3 days".
pub fn minutes_label(minutes: i64) -> String {
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, 0) => format!("{d} day{}", if d == 1 { "" } else { "s" }),
        _ => {
            let h = minutes / 60;
            if mins == 0 { format!("{h} h") } else { format!("{h} h {mins} min") }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Chicago;

    fn chicago(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Chicago.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().with_timezone(&Utc)
    }

    fn rule(
        keywords: &[&str],
        sentiment: Option<Sentiment>,
        followers: Option<i64>,
        p: Priority,
    ) -> PriorityRule {
        PriorityRule {
            keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
            sentiment,
            min_followers: followers,
            kinds: Vec::new(),
            priority: p,
        }
    }

    fn signal(text: &str, sentiment: Option<Sentiment>, followers: Option<i64>) -> Signal<'_> {
        Signal { text, sentiment, followers, kind: ConversationKind::Comment }
    }

    #[test]
    fn priority_rules_raise_to_the_highest_rule_matched() {
        let rules = default_priority_rules();
        let neg = Some(Sentiment::Negative);
        // "refund", "cancel" → urgent, at the start of a word in any case.
        assert_eq!(
            rule_priority(&rules, &signal("I want a REFUND now", None, None)),
            Some(Priority::Urgent)
        );
        assert_eq!(
            rule_priority(&rules, &signal("Order cancelled?!", None, None)),
            Some(Priority::Urgent)
        );
        assert_eq!(rule_priority(&rules, &signal("scancel is not a word", None, None)), None);
        // Negative and many followers → high; either alone matches nothing.
        assert_eq!(
            rule_priority(&rules, &signal("This is awful", neg, Some(25_000))),
            Some(Priority::High)
        );
        assert_eq!(rule_priority(&rules, &signal("This is awful", neg, Some(300))), None);
        assert_eq!(rule_priority(&rules, &signal("This is awful", neg, None)), None);
        assert_eq!(
            rule_priority(&rules, &signal("Lovely", Some(Sentiment::Positive), Some(25_000))),
            None
        );
        // Both rules: the higher wins.
        assert_eq!(
            rule_priority(&rules, &signal("Refund me", neg, Some(25_000))),
            Some(Priority::Urgent)
        );
        // A rule limited to reviews leaves comments alone.
        let reviews = PriorityRule {
            kinds: vec![ConversationKind::Review],
            ..rule(&[], neg, None, Priority::High)
        };
        assert_eq!(rule_priority(std::slice::from_ref(&reviews), &signal("bad", neg, None)), None);
        let review = Signal { kind: ConversationKind::Review, ..signal("bad", neg, None) };
        assert_eq!(rule_priority(std::slice::from_ref(&reviews), &review), Some(Priority::High));
        // Phrases match as phrases.
        let phrase = rule(&["order status"], None, None, Priority::High);
        assert_eq!(
            rule_priority(
                std::slice::from_ref(&phrase),
                &signal("What's my Order Status?", None, None)
            ),
            Some(Priority::High)
        );
        assert_eq!(rule_priority(&[phrase], &signal("status of my order", None, None)), None);
        // A rule needs a condition; the defaults read as sentences.
        assert!(rule(&[], None, None, Priority::Low).problem().is_some());
        assert!(rules.iter().all(|r| r.problem().is_none()));
        assert_eq!(
            rules[1].describe(),
            "When a message reads negative and comes from someone with at least 10000 followers → High"
        );
    }

    #[test]
    fn round_robin_takes_turns_and_skips_anyone_at_their_cap() {
        let [a, b, c] = [1u128, 2, 3].map(|n| UserId(uuid::Uuid::from_u128(n)));
        let t =
            |h: i64| Some(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap() + Duration::hours(h));
        let agents = [
            Agent { user: a, open: 3, last_assigned_at: t(2) },
            Agent { user: b, open: 1, last_assigned_at: t(1) },
            Agent { user: c, open: 0, last_assigned_at: None },
        ];
        // Never had one: first.
        assert_eq!(next_agent(&agents, 5), Some(c));
        // Then the longest waiting.
        let mut after = agents;
        after[2] = Agent { open: 1, last_assigned_at: t(3), ..after[2] };
        assert_eq!(next_agent(&after, 5), Some(b));
        // b at the cap: skipped (c's turn, though later); all at the cap: nobody.
        after[1].open = 2;
        assert_eq!(next_agent(&after, 2), Some(c));
        after[2].open = 2;
        assert_eq!(next_agent(&after, 2), None);
        after[0].open = 1;
        assert_eq!(next_agent(&after, 2), Some(a));
        assert_eq!(next_agent(&[], 5), None);
    }

    fn policy(name: &str, priorities: &[Priority], kinds: &[ConversationKind]) -> SlaPolicy {
        SlaPolicy {
            id: uuid::Uuid::nil(),
            name: name.to_owned(),
            priorities: priorities.to_vec(),
            kinds: kinds.to_vec(),
            first_response_minutes: Some(60),
            next_response_minutes: Some(120),
            resolution_minutes: None,
            business_hours: false,
        }
    }

    #[test]
    fn the_most_specific_policy_applies() {
        let all = policy("Everything", &[], &[]);
        let urgent = policy("Urgent", &[Priority::Urgent], &[]);
        let urgent_dms = policy("Urgent DMs", &[Priority::Urgent], &[ConversationKind::Dm]);
        let policies = [all, urgent, urgent_dms];
        let name =
            |p: Priority, k: ConversationKind| policy_for(&policies, p, k).map(|p| p.name.as_str());
        assert_eq!(name(Priority::Urgent, ConversationKind::Dm), Some("Urgent DMs"));
        assert_eq!(name(Priority::Urgent, ConversationKind::Comment), Some("Urgent"));
        assert_eq!(name(Priority::Low, ConversationKind::Dm), Some("Everything"));
        assert_eq!(policy_for(&policies[1..2], Priority::Low, ConversationKind::Dm), None);
        // Equals: the first (oldest).
        let twins = [policy("A", &[], &[]), policy("B", &[], &[])];
        assert_eq!(
            policy_for(&twins, Priority::Low, ConversationKind::Dm).map(|p| p.name.as_str()),
            Some("A")
        );
    }

    #[test]
    fn a_message_starts_the_first_then_the_next_response_clock() {
        let mut p = policy("P", &[], &[]);
        p.resolution_minutes = Some(1440);
        assert_eq!(
            clocks_to_start(&p, false, &[]),
            vec![(SlaTarget::FirstResponse, 60), (SlaTarget::Resolution, 1440)]
        );
        // A second message before any answer: the running clocks keep their start.
        assert_eq!(
            clocks_to_start(&p, false, &[SlaTarget::FirstResponse, SlaTarget::Resolution]),
            vec![]
        );
        // After the first answer: the next response.
        assert_eq!(
            clocks_to_start(&p, true, &[SlaTarget::Resolution]),
            vec![(SlaTarget::NextResponse, 120)]
        );
        p.next_response_minutes = None;
        assert_eq!(clocks_to_start(&p, true, &[SlaTarget::Resolution]), vec![]);
        assert_eq!(minutes_label(45), "45 min");
        assert_eq!(minutes_label(90), "1 h 30 min");
        assert_eq!(minutes_label(2880), "2 days");
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
