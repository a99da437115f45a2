//! Pure account rules: email normalization, the password policy and slugs.

/// The shortest password accepted. A passphrase of a few ordinary words is the
/// easiest way to reach it.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer inputs are refused before hashing, so hashing cost stays bounded.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Passwords that are long enough yet on every attacker's list. Compared after
/// lower-casing, and also with the letters of a workspace or person removed.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "password1234",
    "password12345",
    "qwertyuiop12",
    "qwertyuiopas",
    "1q2w3e4r5t6y",
    "letmein12345",
    "welcome12345",
    "iloveyou1234",
    "administrator",
    "passwordpassword",
    "aaaaaaaaaaaa",
    "111111111111",
    "000000000000",
    "abcdefghijkl",
    "abc123abc123",
    "changeme1234",
    "trustno1trustno1",
    "football1234",
    "baseball1234",
    "monkey123456",
    "dragon123456",
    "sunshine1234",
    "princess1234",
    "qwerty123456",
    "superman1234",
    "whatever1234",
    "correcthorsebatterystaple",
    "marketing123",
    "marketing2026",
    "password2026",
    "welcome2026!",
    "summer2026!!",
];

/// Failed sign-ins are counted over this many minutes.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;
/// Failures for one email from one address (since that pair's last success)
/// before that pair must wait. Per pair, not per account: someone guessing from
/// elsewhere cannot lock the rightful owner out.
pub const PAIR_FAILURE_LIMIT: usize = 5;
/// Failures from one address, whatever the email, before it must wait.
pub const IP_FAILURE_LIMIT: usize = 20;

/// How many whole minutes (rounded up) must pass before another try, given the
/// failures within the window, newest first; `None` when a try is allowed now.
/// The wait ends when the oldest of the last `limit` failures leaves the window.
pub fn login_wait(
    failures: &[chrono::DateTime<chrono::Utc>],
    limit: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<u32> {
    let oldest_counted = *failures.get(limit.checked_sub(1)?)?;
    let until = oldest_counted + chrono::Duration::minutes(LOGIN_WINDOW_MINUTES);
    let seconds = (until - now).num_seconds();
    (seconds > 0).then(|| u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX))
}

/// "Use at most N characters." when the trimmed `value` is longer than `max`
/// characters (its column's length), else `None`.
pub fn too_long(value: &str, max: usize) -> Option<String> {
    (value.trim().chars().count() > max).then(|| format!("Use at most {max} characters."))
}

/// The trimmed value of an optional form field, `None` when it is blank.
pub fn non_empty(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// Whether `url` is an absolute http(s) address with a host (for logos, avatars,
/// websites). Anything else, `javascript:` included, is refused.
pub fn is_web_url(url: &str) -> bool {
    let rest =
        url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or_default();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    url.len() <= 2048
        && !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<')
}

/// The form in which emails are compared and stored: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Why `email` is not an address we can send to, if it is not.
pub fn email_problem(email: &str) -> Option<&'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Some("Enter your email address.");
    }
    if email.chars().count() > 254 {
        return Some("That email address is too long.");
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Some("An email address needs an @, like name@example.com.");
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if local.is_empty() || local.contains(char::is_whitespace) || !domain_ok {
        return Some("That does not look like an email address, like name@example.com.");
    }
    None
}

/// Why `password` is too weak, if it is. `personal` holds words the password must
/// not be built from (the email's name part, the person's and workspace's names).
pub fn password_problem(password: &str, personal: &[&str]) -> Option<String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Some(format!(
            "Use at least {MIN_PASSWORD_CHARS} characters; a few unrelated words make a strong, memorable passphrase."
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Some(format!("Use at most {MAX_PASSWORD_CHARS} characters."));
    }
    let lowered = password.to_lowercase();
    let distinct = lowered.chars().collect::<std::collections::HashSet<_>>().len();
    if COMMON_PASSWORDS.contains(&lowered.as_str()) || distinct < 4 {
        return Some("That password is too common; choose something less predictable.".into());
    }
    let mut rest = lowered.clone();
    let words = personal
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_lowercase)
        .filter(|word| word.chars().count() >= 3);
    for word in words {
        rest = rest.replace(&word, "");
    }
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 6 {
        return Some("Your password should not be built from your name or email.".into());
    }
    None
}

/// Latin letters with accents, written without them.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        _ => return None,
    })
}

/// A URL slug from a name: lower-case letters and digits joined by single dashes,
/// at most 48 characters. Empty when the name has no letters or digits.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if let Some(plain) = fold_accent(c) {
            slug.push_str(plain);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_compare_without_case_or_spaces() {
        assert_eq!(normalize_email("  Ana@Northwind.Example "), "ana@northwind.example");
    }

    #[test]
    fn malformed_emails_are_explained() {
        assert!(email_problem("ana@northwind.example").is_none());
        assert!(email_problem("").unwrap().contains("Enter"));
        assert!(email_problem("ana.northwind.example").unwrap().contains("@"));
        for bad in
            ["ana@northwind", "@northwind.example", "ana@.example", "a na@x.com", "ana@x..com"]
        {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn short_passwords_are_refused_with_the_rule() {
        let problem = password_problem("Tr0ub4dor&3", &[]).unwrap();
        assert!(problem.contains("12 characters"), "{problem}");
        assert!(password_problem("correct horse battery", &[]).is_none());
        assert!(password_problem("m1ll-4ve-x9-purple", &[]).is_none());
    }

    #[test]
    fn common_and_repetitive_passwords_are_refused() {
        assert!(password_problem("Password1234", &[]).unwrap().contains("common"));
        assert!(password_problem("abababababab", &[]).unwrap().contains("common"));
        assert!(password_problem("CorrectHorseBatteryStaple", &[]).is_some());
    }

    #[test]
    fn passwords_built_from_personal_words_are_refused() {
        let personal = ["ana", "Northwind Coffee", "northwind"];
        assert!(password_problem("northwind2026", &personal).is_some());
        assert!(password_problem("CoffeeNorthwind!1", &personal).is_some(), "each word counts");
        assert!(password_problem("Northwind!Roast-Blue-Otter", &personal).is_none());
    }

    #[test]
    fn too_long_passwords_are_refused_before_hashing() {
        assert!(password_problem(&"x1y2z3".repeat(50), &[]).unwrap().contains("at most"));
    }

    #[test]
    fn slugs_are_lowercase_dash_separated() {
        assert_eq!(slugify("Northwind Coffee & Co."), "northwind-coffee-co");
        assert_eq!(slugify("  --Café  Brûlé-- "), "cafe-brule");
        assert_eq!(slugify("!!!"), "");
        assert!(slugify(&"long name ".repeat(20)).len() <= 48);
    }
}

#[cfg(test)]
mod web_url_tests {
    use super::is_web_url;

    #[test]
    fn only_http_addresses_with_a_host() {
        assert!(is_web_url("https://cdn.example/logo.png"));
        assert!(is_web_url("http://northwind.example"));
        for bad in ["javascript:alert(1)", "https://", "ftp://x.example", "logo.png", "https://a b"]
        {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod login_wait_tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;

    #[test]
    fn waits_only_after_the_limit_and_until_the_window_passes() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        let minutes_ago = |m: i64| now - Duration::minutes(m);
        let four: Vec<_> = (0..4).map(minutes_ago).collect();
        assert_eq!(login_wait(&four, 5, now), None, "four failures are allowed");
        let five: Vec<_> = (0..5).map(minutes_ago).collect();
        // The oldest counted failure was 4 minutes ago: 11 minutes left.
        assert_eq!(login_wait(&five, 5, now), Some(11));
        let just_now = vec![now - Duration::seconds(10); 5];
        assert_eq!(login_wait(&just_now, 5, now), Some(15), "rounded up");
        let old = vec![now - Duration::minutes(15); 5];
        assert_eq!(login_wait(&old, 5, now), None, "the window has passed");
    }
}
