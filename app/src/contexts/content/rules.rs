//! Pure rules of the content context: what each platform accepts (ONE table,
//! [`rules_for`]), checking a post's target against it, reading hashtags and
//! mentions, and the calendar's ranges.

use chrono::{Datelike, Duration, NaiveDate};

use super::types::TargetOverrides;
use crate::contexts::integrations::types::SocialPlatform;

/// What a platform accepts in one post. Figures from each platform's own
/// documentation, read 2026-12-01:
/// - Instagram: caption 2,200 characters, carousel up to 10 items, media required
///   (Instagram Graph API, "Content Publishing"; hashtags: 30 allowed, 3–5 advised:
///   we warn past 5); 100 API-published posts per account in a moving 24 hours
///   (same page, "Rate limit"; a carousel counts as one);
/// - Facebook: 63,206 characters (Pages API `/{page-id}/feed` `message`);
/// - X: 280 weighted characters (twitter-text: CJK and emoji weigh 2, a URL 23),
///   up to 4 images, or one GIF, or one video (X API v2 `POST /2/tweets`, media);
/// - LinkedIn: 3,000 characters (Posts API `commentary`), up to 20 images
///   (MultiImage) or one video;
/// - TikTok: caption 2,200 characters; one video, or 1–35 photos (Content Posting
///   API, `photo_images`); `privacy_level` required;
/// - YouTube: title 1–100 characters (required), description 5,000, exactly one
///   video (Data API v3 `videos.insert`, `snippet`);
/// - Pinterest: description 500, title 100, a board, one image or video, up to 5
///   images as a carousel (API v5 `POST /v5/pins`);
/// - Threads: 500 characters, one hashtag (topic tag) per post, up to 20 carousel
///   items (Threads API, "Posts"); 250 API-published posts per profile in a
///   moving 24 hours (Threads API, "Rate limiting": `quota_usage`);
/// - Reddit: title 300 (required), body 40,000, a subreddit (`/api/submit`);
///   Aura sends text and links only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformRules {
    pub text_max: usize,
    /// The title's maximum length, when the platform has one.
    pub title_max: Option<usize>,
    pub title_required: bool,
    /// Warn (not refuse) past this many hashtags.
    pub hashtag_advice: Option<usize>,
    pub first_comment: bool,
    pub needs_board: bool,
    pub needs_subreddit: bool,
    pub needs_privacy: bool,
    pub media: MediaRule,
    /// Posts an app may publish to one account in any 24 hours (Instagram,
    /// Threads); past it a post waits rather than fails.
    pub daily_posts: Option<usize>,
}

/// How many media of which kind a platform takes in one post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaRule {
    /// Up to `max` items of any kind; `required`: at least one.
    Any { max: usize, required: bool },
    /// Up to `images` images, or a single GIF or video alone (X, LinkedIn).
    ImagesOrOneMotion { images: usize },
    /// One video, or 1–`photos` images (TikTok); required.
    OneVideoOrPhotos { photos: usize },
    /// Exactly one video (YouTube).
    OneVideo,
    /// No files: Aura sends text and links only (Reddit, whose image posts need
    /// its own upload lease, which Aura does not do).
    NoFiles,
}

/// The one rules table, one row per platform.
pub fn rules_for(platform: SocialPlatform) -> PlatformRules {
    use SocialPlatform::*;
    let base = PlatformRules {
        text_max: 0,
        title_max: None,
        title_required: false,
        hashtag_advice: None,
        first_comment: true,
        needs_board: false,
        needs_subreddit: false,
        needs_privacy: false,
        media: MediaRule::Any { max: 10, required: false },
        daily_posts: None,
    };
    match platform {
        Instagram => PlatformRules {
            text_max: 2_200,
            hashtag_advice: Some(5),
            media: MediaRule::Any { max: 10, required: true },
            daily_posts: Some(100),
            ..base
        },
        Facebook => PlatformRules { text_max: 63_206, ..base },
        Twitter => PlatformRules {
            text_max: 280,
            media: MediaRule::ImagesOrOneMotion { images: 4 },
            ..base
        },
        Linkedin => PlatformRules {
            text_max: 3_000,
            media: MediaRule::ImagesOrOneMotion { images: 20 },
            ..base
        },
        Tiktok => PlatformRules {
            text_max: 2_200,
            first_comment: false,
            needs_privacy: true,
            media: MediaRule::OneVideoOrPhotos { photos: 35 },
            ..base
        },
        Youtube => PlatformRules {
            text_max: 5_000,
            title_max: Some(100),
            title_required: true,
            needs_privacy: true,
            media: MediaRule::OneVideo,
            ..base
        },
        Pinterest => PlatformRules {
            text_max: 500,
            title_max: Some(100),
            first_comment: false,
            needs_board: true,
            media: MediaRule::Any { max: 5, required: true },
            ..base
        },
        Threads => PlatformRules {
            text_max: 500,
            hashtag_advice: Some(1),
            media: MediaRule::Any { max: 20, required: false },
            daily_posts: Some(250),
            ..base
        },
        Reddit => PlatformRules {
            text_max: 40_000,
            title_max: Some(300),
            title_required: true,
            needs_subreddit: true,
            media: MediaRule::NoFiles,
            ..base
        },
    }
}

/// A target's own choice of the post's files: their numbers as the post orders
/// them (from 1), separated by commas or spaces, like "2, 1". Empty: every file
/// in the post's order (`None`). The positions from 0, or why they cannot be used.
pub fn file_positions(raw: &str, files: usize) -> Result<Option<Vec<usize>>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let mut positions = Vec::new();
    for part in raw.split([',', ' ']).filter(|p| !p.is_empty()) {
        let n: usize = part.parse().map_err(|_| {
            "Give the files' numbers in the order to send them, like 2, 1.".to_owned()
        })?;
        if n == 0 || n > files {
            return Err(match files {
                0 => "This post has no files yet: pick them in the media section first.".to_owned(),
                1 => format!("There is no file {n}: this post has one file."),
                _ => format!("There is no file {n}: this post has files 1 to {files}."),
            });
        }
        if positions.contains(&(n - 1)) {
            return Err(format!("File {n} is named twice."));
        }
        positions.push(n - 1);
    }
    Ok(Some(positions))
}

/// When a post to an account with a rolling daily limit of `limit` may go out,
/// given the times (ascending) of its posts in the 24 hours before `at`: `None`
/// when there is room at `at`, else the moment the oldest post that fills the
/// window leaves it.
pub fn quota_frees_at(
    limit: usize,
    before: &[chrono::DateTime<chrono::Utc>],
    at: chrono::DateTime<chrono::Utc>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let window: Vec<_> =
        before.iter().filter(|t| **t > at - Duration::hours(24) && **t <= at).collect();
    (window.len() >= limit).then(|| *window[window.len() - limit] + Duration::hours(24))
}

/// The privacy choices TikTok (`privacy_level`) and YouTube (`privacyStatus`) take.
pub fn privacy_choices(platform: SocialPlatform) -> &'static [(&'static str, &'static str)] {
    match platform {
        SocialPlatform::Tiktok => &[
            ("PUBLIC_TO_EVERYONE", "Everyone"),
            ("MUTUAL_FOLLOW_FRIENDS", "Friends"),
            ("FOLLOWER_OF_CREATOR", "Followers"),
            ("SELF_ONLY", "Only me"),
        ],
        SocialPlatform::Youtube => {
            &[("public", "Public"), ("unlisted", "Unlisted"), ("private", "Private")]
        }
        _ => &[],
    }
}

/// The length of `text` as the platform counts it: X weighs characters outside
/// the Latin and common punctuation ranges (CJK, emoji) as 2 and every URL as 23
/// (twitter-text v3); the others count characters.
pub fn text_length(platform: SocialPlatform, text: &str) -> usize {
    if platform != SocialPlatform::Twitter {
        return text.chars().count();
    }
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let bare = word.trim_end();
            if bare.starts_with("http://") || bare.starts_with("https://") {
                23 + (word.len() - bare.len())
            } else {
                word.chars().map(x_weight).sum()
            }
        })
        .sum()
}

fn x_weight(c: char) -> usize {
    let c = u32::from(c);
    let light = (0..=4351).contains(&c)
        || (8192..=8205).contains(&c)
        || (8208..=8223).contains(&c)
        || (8242..=8247).contains(&c);
    if light { 1 } else { 2 }
}

/// The hashtags (`#word`) and mentions (`@name`) in `text`, in order, without
/// their sign, each once.
pub fn tags_and_mentions(text: &str) -> (Vec<String>, Vec<String>) {
    let mut hashtags = Vec::new();
    let mut mentions = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let starts_word = previous.is_none_or(|p| p.is_whitespace() || "([{,;".contains(p));
        if (c == '#' || c == '@') && starts_word {
            let rest = &text[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '_' || (c == '@' && *ch == '.'))
                .map(char::len_utf8)
                .sum();
            let word = rest[..len].trim_end_matches('.');
            if !word.is_empty() {
                let list = if c == '#' { &mut hashtags } else { &mut mentions };
                if !list.iter().any(|w: &String| w.eq_ignore_ascii_case(word)) {
                    list.push(word.to_owned());
                }
            }
        }
        previous = Some(c);
    }
    (hashtags, mentions)
}

/// The members an internal comment @mentions, among `members` (id, name, email):
/// `@mia`, `@miachen` or `@mia.chen` names Mia Chen <mia.chen@…> (first name,
/// full name without spaces, or the email's local part; any case).
pub fn member_mentions(
    body: &str,
    members: &[(crate::kernel::UserId, String, String)],
) -> Vec<crate::kernel::UserId> {
    let (_, words) = tags_and_mentions(body);
    let mut named = Vec::new();
    for word in words {
        let word = word.to_lowercase();
        for (id, name, email) in members {
            let name = name.to_lowercase();
            let local = email.split('@').next().unwrap_or_default().to_lowercase();
            let first = name.split_whitespace().next().unwrap_or_default();
            let joined: String = name.split_whitespace().collect();
            let hit = word == local || word == joined || (!first.is_empty() && word == first);
            if hit && !named.contains(id) {
                named.push(*id);
            }
        }
    }
    named
}

/// The largest file the media library keeps, by kind (the platforms' own limits
/// are lower for some: the target checks say so).
pub fn media_size_limit(kind: crate::contexts::content::types::MediaKind) -> i64 {
    use crate::contexts::content::types::MediaKind;
    const MB: i64 = 1024 * 1024;
    match kind {
        MediaKind::Image => 20 * MB,
        MediaKind::Gif => 15 * MB,
        MediaKind::Video => 100 * MB,
    }
}

/// Bytes in words: "1.5 MB", "820 KB".
pub fn human_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Media attached to a target, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MediaCount {
    pub images: usize,
    pub gifs: usize,
    pub videos: usize,
}

impl MediaCount {
    pub fn total(self) -> usize {
        self.images + self.gifs + self.videos
    }

    /// The count of `kinds`.
    pub fn of(kinds: impl IntoIterator<Item = crate::contexts::content::types::MediaKind>) -> Self {
        use crate::contexts::content::types::MediaKind;
        kinds.into_iter().fold(Self::default(), |mut count, kind| {
            match kind {
                MediaKind::Image => count.images += 1,
                MediaKind::Gif => count.gifs += 1,
                MediaKind::Video => count.videos += 1,
            }
            count
        })
    }
}

/// What a target will send: its text (the override or the post's), title and the
/// fields some platforms need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetDraft<'a> {
    pub text: &'a str,
    pub title: &'a str,
    pub board: &'a str,
    pub subreddit: &'a str,
    pub privacy: &'a str,
    pub first_comment: &'a str,
    pub media: MediaCount,
}

/// A target's draft: its overrides over the post's text.
pub fn draft_of<'a>(text: &'a str, o: &'a TargetOverrides, media: MediaCount) -> TargetDraft<'a> {
    TargetDraft {
        text: o.text.as_deref().unwrap_or(text),
        title: o.title.as_deref().unwrap_or_default(),
        board: o.board.as_deref().unwrap_or_default(),
        subreddit: o.subreddit.as_deref().unwrap_or_default(),
        privacy: o.privacy.as_deref().unwrap_or_default(),
        first_comment: o.first_comment.as_deref().unwrap_or_default(),
        media,
    }
}

/// One finding about a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Blocks scheduling (an error) or only advises (a warning).
    pub blocking: bool,
    pub message: String,
}

fn error(message: String) -> Problem {
    Problem { blocking: true, message }
}

/// Everything `platform` would refuse in `draft` (blocking) or advises against.
pub fn check_target(platform: SocialPlatform, draft: &TargetDraft<'_>) -> Vec<Problem> {
    let rules = rules_for(platform);
    let name = platform.label();
    let mut problems = Vec::new();
    let length = text_length(platform, draft.text);
    if length > rules.text_max {
        let what = if platform == SocialPlatform::Youtube { "description" } else { "text" };
        problems.push(error(format!(
            "{name} takes at most {} characters of {what}; this is {length} ({} over).",
            group(rules.text_max),
            length - rules.text_max
        )));
    }
    if draft.text.trim().is_empty() && draft.media.total() == 0 {
        problems.push(error(format!("Write something or add media for {name}.")));
    }
    let title = draft.title.trim();
    if rules.title_required && title.is_empty() {
        problems.push(error(format!("{name} needs a title.")));
    }
    match rules.title_max {
        Some(max) if title.chars().count() > max => problems.push(error(format!(
            "{name} titles take at most {max} characters; this one has {}.",
            title.chars().count()
        ))),
        None if !title.is_empty() => problems.push(Problem {
            blocking: false,
            message: format!("{name} has no title; it will not be sent."),
        }),
        _ => {}
    }
    if rules.needs_board && draft.board.trim().is_empty() {
        problems.push(error("Choose the Pinterest board to pin to.".to_owned()));
    }
    if rules.needs_subreddit {
        let sub = draft.subreddit.trim().trim_start_matches("r/");
        if sub.is_empty() {
            problems.push(error("Name the subreddit to post in.".to_owned()));
        } else if !(3..=21).contains(&sub.len())
            || !sub.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            problems.push(error(
                "Subreddit names are 3 to 21 letters, digits or underscores.".to_owned(),
            ));
        }
    }
    if rules.needs_privacy {
        let known = privacy_choices(platform).iter().any(|(value, _)| *value == draft.privacy);
        if !known {
            problems.push(error(format!("Choose who can see it on {name}.")));
        }
    }
    if !draft.first_comment.trim().is_empty() && !rules.first_comment {
        problems.push(error(format!("{name} does not take a first comment.")));
    }
    if let Some(message) = media_problem(platform, rules.media, draft.media) {
        problems.push(error(message));
    }
    if let Some(advice) = rules.hashtag_advice {
        let count = tags_and_mentions(draft.text).0.len();
        if count > advice {
            problems.push(Problem {
                blocking: false,
                message: format!(
                    "{name} advises at most {advice} {}; this has {count}.",
                    if advice == 1 { "hashtag" } else { "hashtags" }
                ),
            });
        }
    }
    problems
}

fn media_problem(platform: SocialPlatform, rule: MediaRule, media: MediaCount) -> Option<String> {
    let name = platform.label();
    let total = media.total();
    let motion = media.gifs + media.videos;
    match rule {
        MediaRule::Any { required: true, .. } if total == 0 => {
            Some(format!("{name} needs an image or a video."))
        }
        MediaRule::Any { max, .. } if total > max => {
            Some(format!("{name} takes at most {max} media in one post; this has {total}."))
        }
        MediaRule::ImagesOrOneMotion { images } if motion > 0 && total > 1 => {
            Some(format!("{name} takes up to {images} images, or one GIF or video on its own."))
        }
        MediaRule::ImagesOrOneMotion { images } if media.images > images => {
            Some(format!("{name} takes at most {images} images; this has {}.", media.images))
        }
        MediaRule::OneVideoOrPhotos { photos } => {
            if total == 0 {
                Some(format!("{name} needs a video or photos."))
            } else if media.gifs > 0 || (media.videos > 0 && total > 1) {
                Some(format!("{name} takes one video, or up to {photos} photos."))
            } else if media.images > photos {
                Some(format!("{name} takes at most {photos} photos; this has {}.", media.images))
            } else {
                None
            }
        }
        MediaRule::OneVideo if media.videos != 1 || total != 1 => {
            Some(format!("{name} needs exactly one video."))
        }
        MediaRule::NoFiles if total > 0 => Some(format!(
            "Aura sends {name} text and links only: leave {name} out of a post with files, or post the files on {name} directly."
        )),
        _ => None,
    }
}

/// `63206` → `63,206`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The days a calendar shows: whole weeks (Monday first) around the month of
/// `anchor`, or the week of `anchor`; returns (first, last, the view's anchor).
pub fn calendar_range(week: bool, anchor: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    if week {
        let first = monday(anchor);
        return (first, first + Duration::days(6), first);
    }
    let month_start = anchor.with_day(1).unwrap_or(anchor);
    let next_month = if month_start.month() == 12 {
        NaiveDate::from_ymd_opt(month_start.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(month_start.year(), month_start.month() + 1, 1)
    }
    .unwrap_or(month_start);
    let month_end = next_month - Duration::days(1);
    let first = monday(month_start);
    let last = monday(month_end) + Duration::days(6);
    (first, last, month_start)
}

/// The anchor of the previous and next range (a month, or a week, away).
pub fn calendar_steps(week: bool, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
    if week {
        return (anchor - Duration::days(7), anchor + Duration::days(7));
    }
    let shift = |months: i32| {
        let index = anchor.year() * 12 + anchor.month0() as i32 + months;
        NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
            .unwrap_or(anchor)
    };
    (shift(-1), shift(1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_comment_mentions_members_by_first_name_full_name_or_email() {
        use crate::kernel::UserId;
        let mia = UserId(uuid::Uuid::from_u128(1));
        let leo = UserId(uuid::Uuid::from_u128(2));
        let members = vec![
            (mia, "Mia Chen".to_owned(), "mia.chen@example.com".to_owned()),
            (leo, "Leo Park".to_owned(), "lp@example.com".to_owned()),
        ];
        assert_eq!(member_mentions("@mia can you check?", &members), vec![mia]);
        assert_eq!(member_mentions("cc @LeoPark and @mia.chen.", &members), vec![leo, mia]);
        assert_eq!(member_mentions("@lp @lp", &members), vec![leo]);
        assert!(member_mentions("mail mia@example.com, @nobody", &members).is_empty());
    }

    use super::*;
    use SocialPlatform::*;

    fn draft(text: &str) -> TargetDraft<'_> {
        TargetDraft { text, ..TargetDraft::default() }
    }

    fn blocking(platform: SocialPlatform, d: &TargetDraft<'_>) -> Vec<String> {
        check_target(platform, d).into_iter().filter(|p| p.blocking).map(|p| p.message).collect()
    }

    #[test]
    fn the_table_holds_each_platforms_documented_text_limit() {
        let limits: Vec<usize> =
            SocialPlatform::ALL.iter().map(|p| rules_for(*p).text_max).collect();
        assert_eq!(limits, [2_200, 63_206, 280, 3_000, 2_200, 5_000, 500, 500, 40_000]);
        assert_eq!(rules_for(Youtube).title_max, Some(100));
        assert_eq!(rules_for(Pinterest).title_max, Some(100));
        assert_eq!(rules_for(Reddit).title_max, Some(300));
    }

    #[test]
    fn one_character_over_fails_only_the_targets_whose_limit_it_passes() {
        let text = "a".repeat(281);
        let x = blocking(Twitter, &draft(&text));
        assert_eq!(x, ["X takes at most 280 characters of text; this is 281 (1 over)."]);
        assert!(blocking(Facebook, &draft(&text)).is_empty());
        assert!(blocking(Twitter, &draft(&"a".repeat(280))).is_empty());
        let long = "b".repeat(501);
        assert_eq!(blocking(Threads, &draft(&long)).len(), 1);
        assert!(blocking(Linkedin, &draft(&long)).is_empty());
    }

    #[test]
    fn x_counts_urls_as_23_and_wide_characters_as_2() {
        assert_eq!(text_length(Twitter, "hi https://example.com/a/very/long/path/indeed"), 3 + 23);
        assert_eq!(text_length(Twitter, "日本"), 4);
        assert_eq!(text_length(Twitter, "café"), 4);
        assert_eq!(text_length(Facebook, "日本"), 2);
    }

    #[test]
    fn media_rules_follow_each_platform() {
        let m = |images, gifs, videos| MediaCount { images, gifs, videos };
        let with = |media| TargetDraft { text: "x", media, ..TargetDraft::default() };
        assert_eq!(
            blocking(Instagram, &with(m(0, 0, 0))),
            ["Instagram needs an image or a video."]
        );
        assert!(blocking(Instagram, &with(m(10, 0, 0))).is_empty());
        assert_eq!(blocking(Instagram, &with(m(11, 0, 0))).len(), 1);
        assert!(blocking(Twitter, &with(m(4, 0, 0))).is_empty());
        assert_eq!(blocking(Twitter, &with(m(5, 0, 0))), ["X takes at most 4 images; this has 5."]);
        assert_eq!(
            blocking(Twitter, &with(m(1, 1, 0))),
            ["X takes up to 4 images, or one GIF or video on its own."]
        );
        assert!(blocking(Twitter, &with(m(0, 0, 1))).is_empty());
        let youtube = |media| TargetDraft {
            text: "x",
            title: "Title",
            privacy: "public",
            media,
            ..TargetDraft::default()
        };
        assert!(blocking(Youtube, &youtube(m(0, 0, 1))).is_empty());
        assert_eq!(blocking(Youtube, &youtube(m(1, 0, 0))), ["YouTube needs exactly one video."]);
        let tiktok = |media| TargetDraft {
            text: "x",
            privacy: "SELF_ONLY",
            media,
            ..TargetDraft::default()
        };
        assert!(blocking(Tiktok, &tiktok(m(35, 0, 0))).is_empty());
        assert_eq!(blocking(Tiktok, &tiktok(m(36, 0, 0))).len(), 1);
        assert_eq!(blocking(Tiktok, &tiktok(m(1, 0, 1))).len(), 1);
        let pin =
            |media| TargetDraft { text: "x", board: "Recipes", media, ..TargetDraft::default() };
        assert_eq!(blocking(Pinterest, &pin(m(6, 0, 0))).len(), 1);
        assert!(blocking(Pinterest, &pin(m(5, 0, 0))).is_empty());
        let reddit = |media| TargetDraft {
            text: "x",
            title: "Title",
            subreddit: "coffee",
            media,
            ..TargetDraft::default()
        };
        assert!(blocking(Reddit, &reddit(m(0, 0, 0))).is_empty());
        assert_eq!(
            blocking(Reddit, &reddit(m(1, 0, 0))),
            [
                "Aura sends Reddit text and links only: leave Reddit out of a post with files, or post the files on Reddit directly."
            ]
        );
    }

    #[test]
    fn a_target_names_the_posts_files_it_sends_by_their_numbers() {
        assert_eq!(file_positions("", 3), Ok(None));
        assert_eq!(file_positions("2, 1", 3), Ok(Some(vec![1, 0])));
        assert_eq!(file_positions("3 1", 3), Ok(Some(vec![2, 0])));
        assert_eq!(
            file_positions("4", 3),
            Err("There is no file 4: this post has files 1 to 3.".into())
        );
        assert_eq!(file_positions("1, 1", 3), Err("File 1 is named twice.".into()));
        assert_eq!(
            file_positions("first", 3),
            Err("Give the files' numbers in the order to send them, like 2, 1.".into())
        );
        assert!(file_positions("1", 0).is_err());
    }

    #[test]
    fn a_full_rolling_day_frees_when_its_oldest_post_leaves_it() {
        use chrono::{TimeZone, Utc};
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let hour = |h: i64| at - Duration::hours(h);
        // Three a day: two in the window leave room.
        assert_eq!(quota_frees_at(3, &[hour(30), hour(5), hour(1)], at), None);
        // Three in the window: the oldest of them (5 hours ago) leaves it in 19 hours.
        assert_eq!(
            quota_frees_at(3, &[hour(30), hour(5), hour(3), hour(1)], at),
            Some(hour(5) + Duration::hours(24))
        );
        // Four in the window: the second oldest decides.
        assert_eq!(
            quota_frees_at(3, &[hour(6), hour(5), hour(3), hour(1)], at),
            Some(hour(5) + Duration::hours(24))
        );
        assert_eq!(rules_for(Instagram).daily_posts, Some(100));
        assert_eq!(rules_for(Threads).daily_posts, Some(250));
        assert_eq!(rules_for(Twitter).daily_posts, None);
    }

    #[test]
    fn required_fields_are_named_on_their_platform() {
        assert_eq!(
            blocking(Reddit, &draft("body")),
            ["Reddit needs a title.", "Name the subreddit to post in."]
        );
        let reddit =
            TargetDraft { text: "b", title: "t", subreddit: "r/rust", ..Default::default() };
        assert!(blocking(Reddit, &reddit).is_empty());
        let bad = TargetDraft { subreddit: "no spaces", ..reddit.clone() };
        assert_eq!(blocking(Reddit, &bad).len(), 1);
        let tiktok = TargetDraft {
            text: "x",
            media: MediaCount { videos: 1, ..MediaCount::default() },
            ..Default::default()
        };
        assert_eq!(blocking(Tiktok, &tiktok), ["Choose who can see it on TikTok."]);
        let comment = TargetDraft { first_comment: "hi", ..tiktok.clone() };
        assert!(
            blocking(Tiktok, &comment)
                .contains(&"TikTok does not take a first comment.".to_owned())
        );
        assert!(blocking(Facebook, &TargetDraft { first_comment: "hi", ..draft("x") }).is_empty());
        assert_eq!(
            blocking(Facebook, &draft("  ")),
            ["Write something or add media for Facebook."]
        );
    }

    #[test]
    fn hashtags_past_the_advice_warn_without_blocking() {
        let text = "Fresh #coffee #roast #beans";
        let threads = check_target(Threads, &draft(text));
        assert_eq!(threads.len(), 1);
        assert!(!threads[0].blocking);
        assert_eq!(threads[0].message, "Threads advises at most 1 hashtag; this has 3.");
        assert!(check_target(Facebook, &draft(text)).is_empty());
    }

    #[test]
    fn hashtags_and_mentions_are_read_from_the_text() {
        let (tags, mentions) =
            tags_and_mentions("New #Roast by @ana.lopez! #roast again, mail a@b.com #café_2.");
        assert_eq!(tags, ["Roast", "café_2"]);
        assert_eq!(mentions, ["ana.lopez"]);
    }

    #[test]
    fn calendars_show_whole_weeks_monday_first() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // December 2026 starts on a Tuesday and ends on a Thursday.
        assert_eq!(
            calendar_range(false, d(2026, 12, 15)),
            (d(2026, 11, 30), d(2027, 1, 3), d(2026, 12, 1))
        );
        assert_eq!(
            calendar_range(true, d(2026, 12, 3)),
            (d(2026, 11, 30), d(2026, 12, 6), d(2026, 11, 30))
        );
        assert_eq!(calendar_steps(false, d(2026, 12, 1)), (d(2026, 11, 1), d(2027, 1, 1)));
        assert_eq!(calendar_steps(false, d(2026, 1, 1)).0, d(2025, 12, 1));
        assert_eq!(calendar_steps(true, d(2026, 11, 30)), (d(2026, 11, 23), d(2026, 12, 7)));
    }
}
