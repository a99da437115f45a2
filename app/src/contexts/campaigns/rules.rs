//! Campaign rules, pure: UTM tagging of the links in a post, goal progress, and
//! who is a bot. (Server-only: it uses the `url`, `linkify` and `isbot` crates.)

use std::sync::LazyLock;

use super::types::{GoalMetric, GoalProgress, Goals, Utm};

/// A name as `utm_campaign` carries it: "Holiday Blend 2026" → "holiday-blend-2026".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The parameters a link gets on `platform` (its `as_str`): the campaign's, with
/// the platform as the source and `social` as the medium unless it names them.
pub fn utm_for(utm: &Utm, campaign_name: &str, platform: &str) -> Vec<(&'static str, String)> {
    let or = |value: &str, default: String| {
        if value.trim().is_empty() { default } else { value.trim().to_owned() }
    };
    let mut params = vec![
        ("utm_source", or(&utm.source, platform.to_owned())),
        ("utm_medium", or(&utm.medium, "social".to_owned())),
        ("utm_campaign", or(&utm.campaign, slug(campaign_name))),
    ];
    if !utm.term.trim().is_empty() {
        params.push(("utm_term", utm.term.trim().to_owned()));
    }
    if !utm.content.trim().is_empty() {
        params.push(("utm_content", utm.content.trim().to_owned()));
    }
    params
}

/// `link` with `params` set (replacing any `utm_*` it had; its other query
/// parameters and fragment kept). A link that does not parse is left as it is.
pub fn tag_url(link: &str, params: &[(&'static str, String)]) -> String {
    let Ok(mut parsed) = url::Url::parse(link) else { return link.to_owned() };
    if !matches!(parsed.scheme(), "http" | "https") {
        return link.to_owned();
    }
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    {
        let mut query = parsed.query_pairs_mut();
        query.clear();
        for (k, v) in &kept {
            query.append_pair(k, v);
        }
        for (k, v) in params {
            query.append_pair(k, v);
        }
    }
    parsed.to_string()
}

/// The web links in `text` (http and https), as byte ranges.
pub fn links_in(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder
        .links(text)
        .filter(|l| {
            let s = l.as_str().to_ascii_lowercase();
            s.starts_with("http://") || s.starts_with("https://")
        })
        .map(|l| l.start()..l.end())
        .collect()
}

/// `text` with each web link replaced by `replace(link)`.
pub fn rewrite_links(text: &str, mut replace: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in links_in(text) {
        out.push_str(&text[at..range.start]);
        out.push_str(&replace(&text[range.clone()]));
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Each goal's progress from what was measured: clicks and published posts
/// counted by Aura, leads and revenue as recorded.
pub fn progress(
    goals: &Goals,
    clicks: i64,
    posts: i64,
    leads: f64,
    revenue: f64,
) -> Vec<GoalProgress> {
    goals
        .targets
        .iter()
        .map(|(metric, target)| {
            let actual = match metric {
                GoalMetric::Clicks => clicks as f64,
                GoalMetric::Posts => posts as f64,
                GoalMetric::Leads => leads,
                GoalMetric::Revenue => revenue,
            };
            let percent = if *target > 0.0 {
                ((actual / target) * 100.0).clamp(0.0, 100.0).round() as u32
            } else {
                0
            };
            GoalProgress { metric: *metric, target: *target, actual, percent }
        })
        .collect()
}

static BOTS: LazyLock<isbot::Bots> = LazyLock::new(isbot::Bots::default);

/// A request a click should not count for: a known bot or crawler (link
/// previews fetched by the platforms included), or no user agent at all.
pub fn is_bot(user_agent: Option<&str>) -> bool {
    match user_agent.map(str::trim) {
        None | Some("") => true,
        Some(ua) => BOTS.is_bot(ua),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_get_the_campaigns_parameters_with_the_platform_as_source() {
        let utm = Utm { term: "beans".into(), ..Utm::default() };
        let params = utm_for(&utm, "Holiday Blend 2026!", "instagram");
        assert_eq!(
            tag_url("https://northwind.example/shop?ref=x&utm_source=old#top", &params),
            "https://northwind.example/shop?ref=x&utm_source=instagram&utm_medium=social&utm_campaign=holiday-blend-2026&utm_term=beans#top"
        );
        let named = Utm { source: "newsletter".into(), medium: "email".into(), ..Utm::default() };
        let params = utm_for(&named, "Spring", "facebook");
        assert_eq!(params[0], ("utm_source", "newsletter".to_owned()));
        assert_eq!(params[1], ("utm_medium", "email".to_owned()));
        assert_eq!(tag_url("mailto:hi@example.com", &params), "mailto:hi@example.com");
    }

    #[test]
    fn every_web_link_in_a_text_is_rewritten_and_nothing_else() {
        let text = "New blend: https://northwind.example/blend. Also http://x.example/a?b=1 and hi@example.com";
        let out = rewrite_links(text, |l| format!("<{l}>"));
        assert_eq!(
            out,
            "New blend: <https://northwind.example/blend>. Also <http://x.example/a?b=1> and hi@example.com"
        );
        assert_eq!(rewrite_links("no links here", |_| "x".into()), "no links here");
    }

    #[test]
    fn goal_progress_counts_measured_and_recorded_values_capped_at_100() {
        let goals = Goals {
            targets: vec![
                (GoalMetric::Clicks, 200.0),
                (GoalMetric::Posts, 4.0),
                (GoalMetric::Revenue, 1000.0),
                (GoalMetric::Leads, 0.0),
            ],
        };
        let p = progress(&goals, 50, 6, 3.0, 250.0);
        assert_eq!(p.iter().map(|g| g.percent).collect::<Vec<_>>(), vec![25, 100, 25, 0]);
        assert_eq!(p[2].actual, 250.0);
    }

    #[test]
    fn bots_and_link_previews_do_not_count_as_clicks() {
        assert!(is_bot(None));
        assert!(is_bot(Some("Twitterbot/1.0")));
        assert!(is_bot(Some(
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
        )));
        assert!(is_bot(Some(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        )));
        assert!(!is_bot(Some(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
        )));
        assert_eq!(slug("  Holiday -- Blend "), "holiday-blend");
    }
}
