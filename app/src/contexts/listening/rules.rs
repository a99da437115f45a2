//! Listening's rules, pure: a search's terms and how X is asked for them,
//! hashtags in a text, growth against the previous period, and how authentic
//! an author's audience looks.

/// The terms of a search as typed: comma-separated words, "phrases" and
/// #hashtags, each trimmed, empty ones dropped.
pub fn terms_of(raw: &str) -> Vec<String> {
    raw.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect()
}

/// The terms joined by `or` into at most `max` characters with `suffix`
/// (the terms that fit), phrases quoted.
fn any_of(terms: &[String], or: &str, suffix: &str, max: usize) -> String {
    let mut any = String::new();
    for term in terms {
        let term = term.trim_matches('"').replace('"', "");
        let term = if term.contains(char::is_whitespace) { format!("\"{term}\"") } else { term };
        let next = if any.is_empty() { term } else { format!("{any}{or}{term}") };
        if next.chars().count() + suffix.chars().count() > max {
            break;
        }
        any = next;
    }
    any
}

/// The X recent-search `query` for the terms: any of them (OR), phrases
/// quoted, without retweets, at most X's 512 characters (the terms that fit).
pub fn x_query(terms: &[String]) -> String {
    let suffix = " -is:retweet";
    format!("({}){suffix}", any_of(terms, " OR ", suffix, 510))
}

/// Reddit's search `q`: any of the terms (OR), phrases quoted, at most its
/// 512 characters.
pub fn reddit_query(terms: &[String]) -> String {
    any_of(terms, " OR ", "", 512)
}

/// YouTube's search `q`: any of the terms, joined by `|` (its OR).
pub fn youtube_query(terms: &[String]) -> String {
    any_of(terms, "|", "", 500)
}

/// Instagram searches hashtags only, and at most 30 new ones a week for an
/// account: a search asks for its first this many.
pub const HASHTAGS_PER_SEARCH: usize = 5;

/// The terms Instagram's hashtag search can take: single words (with or
/// without `#`), lowercased, letters, digits and `_` only, once each, the
/// first [`HASHTAGS_PER_SEARCH`].
pub fn instagram_hashtags(terms: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for term in terms {
        let tag = term.trim().trim_start_matches('#').to_lowercase();
        let usable = !tag.is_empty()
            && tag.chars().all(|c| c.is_alphanumeric() || c == '_')
            && tag.chars().any(char::is_alphabetic);
        if usable && !tags.contains(&tag) && tags.len() < HASHTAGS_PER_SEARCH {
            tags.push(tag);
        }
    }
    tags
}

/// The hashtags of a text, lowercased, without `#`, in order, once each.
pub fn hashtags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for (at, _) in text.match_indices('#') {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '&') {
            continue;
        }
        let tag: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
            .to_lowercase();
        if tag.chars().any(char::is_alphabetic) && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Growth from `previous` to `current` in percent; `None` when there was
/// nothing before (new).
pub fn growth(current: i64, previous: i64) -> Option<f64> {
    (previous > 0).then(|| (current - previous) as f64 * 100.0 / previous as f64)
}

/// How authentic an author's audience looks, from what the platforms tell:
/// engagement against followers (very low suggests bought or idle followers,
/// very high a tiny or inflated audience) and the account's age. `None` as the
/// score when followers are unknown; the notes say what it rests on and what
/// is missing.
pub fn authenticity(
    followers: Option<i64>,
    engagement_per_mention: f64,
    account_age_days: Option<i64>,
) -> (Option<i64>, Vec<String>) {
    let mut notes = Vec::new();
    let Some(followers) = followers.filter(|f| *f > 0) else {
        notes.push("Followers unknown: the platform did not say, so no score.".to_owned());
        return (None, notes);
    };
    let rate = engagement_per_mention * 100.0 / followers as f64;
    let mut score: i64 = 100;
    if rate < 0.1 && followers >= 5_000 {
        score -= 40;
        notes.push(format!(
            "Engagement is {rate:.2}% of followers: low for this audience, which may be bought or idle."
        ));
    } else if rate > 25.0 && followers >= 1_000 {
        score -= 20;
        notes.push(format!("Engagement is {rate:.0}% of followers: unusually high."));
    } else {
        notes.push(format!("Engagement is {rate:.2}% of followers: in the usual range."));
    }
    match account_age_days {
        Some(days) if days < 90 => {
            score -= 30;
            notes.push(format!("The account is {days} days old."));
        }
        Some(days) => notes.push(format!("The account is {} years old.", days / 365)),
        None => notes.push("Account age unknown.".to_owned()),
    }
    (Some(score.clamp(0, 100)), notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_is_asked_for_any_term_without_retweets() {
        let terms = terms_of(" Northwind Coffee , #coldbrew,, nwcoffee ");
        assert_eq!(terms, vec!["Northwind Coffee", "#coldbrew", "nwcoffee"]);
        assert_eq!(x_query(&terms), "(\"Northwind Coffee\" OR #coldbrew OR nwcoffee) -is:retweet");
        // Never over X's 512 characters: the terms that fit.
        let many: Vec<String> = (0..200).map(|n| format!("term{n}")).collect();
        let q = x_query(&many);
        assert!(q.chars().count() <= 512 && q.ends_with(") -is:retweet"), "{q}");
    }

    #[test]
    fn each_platform_is_asked_in_its_own_syntax() {
        let terms = terms_of("Northwind Coffee, #ColdBrew, nw-coffee, coldbrew, cold brew");
        assert_eq!(
            reddit_query(&terms),
            "\"Northwind Coffee\" OR #ColdBrew OR nw-coffee OR coldbrew OR \"cold brew\""
        );
        assert_eq!(
            youtube_query(&terms),
            "\"Northwind Coffee\"|#ColdBrew|nw-coffee|coldbrew|\"cold brew\""
        );
        // Instagram takes single words as hashtags, once each.
        assert_eq!(instagram_hashtags(&terms), vec!["coldbrew"]);
        let many: Vec<String> = (0..10).map(|n| format!("#tag{n}")).collect();
        assert_eq!(instagram_hashtags(&many).len(), HASHTAGS_PER_SEARCH);
        let long: Vec<String> = (0..200).map(|n| format!("term{n}")).collect();
        assert!(reddit_query(&long).chars().count() <= 512);
    }

    #[test]
    fn hashtags_are_found_once_in_lowercase() {
        assert_eq!(
            hashtags(
                "Loving #ColdBrew at #Northwind! #coldbrew again, not a#tag, #2024 #cafe_life"
            ),
            vec!["coldbrew", "northwind", "cafe_life"]
        );
        assert!(hashtags("no tags here & #").is_empty());
    }

    #[test]
    fn growth_is_against_the_previous_period() {
        assert_eq!(growth(30, 20), Some(50.0));
        assert_eq!(growth(10, 20), Some(-50.0));
        assert_eq!(growth(5, 0), None);
    }

    #[test]
    fn authenticity_rests_on_engagement_and_age_and_says_what_is_missing() {
        let (score, notes) = authenticity(Some(200_000), 40.0, Some(30));
        assert_eq!(score, Some(30), "{notes:?}");
        assert!(notes[0].contains("0.02%"));
        let (score, _) = authenticity(Some(20_000), 400.0, Some(2000));
        assert_eq!(score, Some(100));
        let (score, notes) = authenticity(None, 10.0, None);
        assert_eq!(score, None);
        assert!(notes[0].starts_with("Followers unknown"));
        let (_, notes) = authenticity(Some(20_000), 400.0, None);
        assert!(notes.iter().any(|n| n == "Account age unknown."));
    }
}
