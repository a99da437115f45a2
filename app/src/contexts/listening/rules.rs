//! Listening's rules, pure: a search's terms and how X is asked for them,
//! hashtags in a text, growth against the previous period, and how authentic
//! an author's audience looks.

/// The terms of a search as typed: comma-separated words, "phrases" and
/// #hashtags, each trimmed, empty ones dropped.
pub fn terms_of(raw: &str) -> Vec<String> {
    raw.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect()
}

/// The X recent-search `query` for the terms: any of them (OR), phrases
/// quoted, without retweets, at most X's 512 characters (the terms that fit).
pub fn x_query(terms: &[String]) -> String {
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| {
            let t = t.trim_matches('"').replace('"', "");
            if t.contains(char::is_whitespace) { format!("\"{t}\"") } else { t }
        })
        .collect();
    let suffix = " -is:retweet";
    let mut any = String::new();
    for term in quoted {
        let next = if any.is_empty() { term } else { format!("{any} OR {term}") };
        if next.chars().count() + suffix.len() + 2 > 512 {
            break;
        }
        any = next;
    }
    format!("({any}){suffix}")
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
