//! Campaign rules, pure: goal progress and who is a bot. (Server-only: it uses
//! the `isbot` crate. Tagging links is in `utm`, which the browser runs too.)

use std::sync::LazyLock;

use super::types::{GoalMetric, GoalProgress, Goals};

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
    }
}
