//! Wire types of the content context: posts, their per-account targets, the list
//! and the calendar.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::contexts::integrations::types::{SocialAccount, SocialPlatform};
use crate::kernel::{PostId, SocialAccountId, UserId};

/// The queue task that publishes one target of a post when it is due (its job
/// is registered by the composition root). Data: [`PublishTarget`].
pub const PUBLISH_TARGET: &str = "publish_target";

/// One target to publish, and the time it was booked for: a post moved since
/// has a task of its own, and this one does nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishTarget {
    pub post_id: PostId,
    pub account_id: SocialAccountId,
    pub due: DateTime<Utc>,
}

/// The task that expires a post's approval if it is still waiting at its time.
pub const APPROVAL_DEADLINE: &str = "approval_deadline";

/// A post waiting for approval, and the time it was waiting for: a post moved
/// since has a task of its own, and this one does nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalDeadline {
    pub post_id: PostId,
    pub due: DateTime<Utc>,
}

/// A post's approval: where it stands, its history and its comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostReview {
    pub post_id: PostId,
    /// The round under way (sent with a decision: a newer one is refused).
    pub round: Option<i32>,
    /// Where it stands in words: "Waiting at level 2 for Mia Chen".
    pub state: Option<String>,
    /// The member may approve, reject or ask for changes now.
    pub can_decide: bool,
    pub history: Vec<crate::contexts::approvals::types::ApprovalEntry>,
    pub comments: Vec<CommentView>,
    pub can_comment: bool,
    /// The links sharing it with clients for approval: (link, "Dana
    /// <dana@client.example>").
    pub shared_with: Vec<(uuid::Uuid, String)>,
    /// The member may share it with a client (it is waiting for approval).
    pub can_share: bool,
}

/// What an external approver's link shows: only the posts shared with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedView {
    /// Whom the link was sent to.
    pub name: String,
    pub workspace: String,
    /// Why the link no longer works; then no posts are shown.
    pub ended: Option<String>,
    pub posts: Vec<SharedPost>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPost {
    pub id: PostId,
    /// The round under way (sent with a decision: a newer one is refused).
    pub round: Option<i32>,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Per account: ("Instagram · Northwind Coffee", the text it gets).
    pub previews: Vec<(String, String)>,
    /// Signed links to its pictures (valid for an hour).
    pub images: Vec<String>,
    /// Where it stands, for the client: "Waiting for your approval".
    pub state: String,
    pub can_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The approvals page's tabs.
pub const APPROVAL_TABS: [(&str, &str); 3] =
    [("waiting", "Waiting for me"), ("submitted", "I submitted"), ("history", "History")];

/// One line of the approvals page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalItem {
    pub post_id: PostId,
    /// The post's text, shortened.
    pub excerpt: String,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// What this line is about: "Level 2 · by Ana" or "Approved by Mia at level 1".
    pub note: String,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalsPage {
    pub tab: String,
    pub items: Vec<ApprovalItem>,
    pub page: u32,
    pub pages: u32,
    pub waiting: i64,
    pub submitted: i64,
    pub can_manage_chains: bool,
}

/// Seed 003 `PostStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    Draft,
    PendingApproval,
    Approved,
    Scheduled,
    Publishing,
    Published,
    Failed,
    Archived,
}

impl PostStatus {
    pub const ALL: [PostStatus; 8] = [
        PostStatus::Draft,
        PostStatus::PendingApproval,
        PostStatus::Approved,
        PostStatus::Scheduled,
        PostStatus::Publishing,
        PostStatus::Published,
        PostStatus::Failed,
        PostStatus::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::PendingApproval => "pending_approval",
            PostStatus::Approved => "approved",
            PostStatus::Scheduled => "scheduled",
            PostStatus::Publishing => "publishing",
            PostStatus::Published => "published",
            PostStatus::Failed => "failed",
            PostStatus::Archived => "archived",
        }
    }

    pub fn parse(value: &str) -> Option<PostStatus> {
        PostStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            PostStatus::Draft => "Draft",
            PostStatus::PendingApproval => "Waiting for approval",
            PostStatus::Approved => "Approved",
            PostStatus::Scheduled => "Scheduled",
            PostStatus::Publishing => "Publishing",
            PostStatus::Published => "Published",
            PostStatus::Failed => "Failed",
            PostStatus::Archived => "Archived",
        }
    }

    /// Whether the post can still be edited and moved: not yet on any platform.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            PostStatus::Draft
                | PostStatus::PendingApproval
                | PostStatus::Approved
                | PostStatus::Scheduled
                | PostStatus::Failed
        )
    }
}

/// Seed 003 `PublishStatus`: one target's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishStatus {
    Pending,
    Publishing,
    Published,
    Failed,
}

impl PublishStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishStatus::Pending => "pending",
            PublishStatus::Publishing => "publishing",
            PublishStatus::Published => "published",
            PublishStatus::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<PublishStatus> {
        [
            PublishStatus::Pending,
            PublishStatus::Publishing,
            PublishStatus::Published,
            PublishStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// A post's shared content (`posts.content`): the text with its hashtags and
/// mentions kept as structured data, read from the text when it is saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostContent {
    pub text: String,
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<String>,
}

/// One target's overrides of the shared post (`platform_posts.custom_content`);
/// an empty field takes the post's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetOverrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Pinterest: the board's name or id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<String>,
    /// Reddit: the subreddit, without `r/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subreddit: Option<String>,
    /// TikTok and YouTube: who may see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The post's files this target sends, in its own order; `None`: all of
    /// them, in the post's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Vec<crate::kernel::MediaId>>,
}

/// One target of a post: the account it goes to and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetView {
    pub account_id: SocialAccountId,
    pub platform: SocialPlatform,
    pub account_name: String,
    pub overrides: TargetOverrides,
    pub publish_status: PublishStatus,
    pub error: Option<String>,
    pub platform_post_id: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub permalink: Option<String>,
    /// Sent, but the platform never answered: it may be out; never re-sent alone.
    pub unconfirmed: bool,
    pub first_comment_error: Option<String>,
}

/// A post as the list and the calendar show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    pub id: PostId,
    pub status: PostStatus,
    pub text: String,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub targets: Vec<TargetView>,
    /// How AI drafted it, said for people ("Drafted with AI (llama3.1, 412
    /// tokens)"); `None` when a person wrote it.
    pub ai_note: Option<String>,
    /// The first of its files that has a thumbnail (`/api/media/file?…&thumb=true`).
    pub thumbnail_url: Option<String>,
    pub campaign_id: Option<crate::kernel::CampaignId>,
    /// Its links go out as Aura's short links (`/l/<code>`).
    pub shorten_links: bool,
}

/// The posts list's filters (all optional; GET parameters of `/posts`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostFilters {
    pub status: String,
    pub account: String,
    pub tag: String,
    pub author: String,
    pub from: String,
    pub to: String,
    pub campaign: String,
    pub page: u32,
}

impl PostFilters {
    /// The filters' parameter names, for `ui::drop_empty_filters`.
    pub const KEYS: [&'static str; 8] =
        ["status", "account", "tag", "author", "from", "to", "campaign", "page"];
}

/// A page of posts with the choices its filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostList {
    pub posts: Vec<PostSummary>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub accounts: Vec<SocialAccount>,
    pub authors: Vec<(UserId, String)>,
    pub tags: Vec<String>,
    /// (id, name) of the workspace's campaigns, for the filter.
    pub campaigns: Vec<(crate::kernel::CampaignId, String)>,
    pub can_compose: bool,
    pub timezone: String,
}

/// What the composer needs: the post (when editing), the accounts it can target,
/// and the workspace's time zone, in which the scheduled time is typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Composer {
    pub post: Option<PostSummary>,
    pub accounts: Vec<SocialAccount>,
    pub timezone: String,
    /// The scheduled time in the workspace's zone, as `datetime-local` shows it.
    pub scheduled_local: String,
    pub can_delete: bool,
    /// What to set before AI drafting works; `None` when it works.
    pub ai_setup: Option<String>,
    /// The workspace's media library, to pick from.
    pub library: Vec<MediaAsset>,
    /// The post's media, in order.
    pub media: Vec<crate::kernel::MediaId>,
    /// Advice about the scheduled time: an account whose rolling daily limit
    /// is full then (the post will wait for room).
    pub notes: Vec<String>,
    /// Which accounts need approval, one line per active chain.
    pub approval_notes: Vec<String>,
    /// The campaigns a post may join (not completed), with their UTM parameters.
    pub campaigns: Vec<crate::contexts::campaigns::types::CampaignChoice>,
    /// The best time to post on its accounts (the post's, or every active one
    /// for a new post), one line each, from their measured posts.
    #[serde(default)]
    pub best_times: Vec<String>,
}

/// The calendar's range and its posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    /// `month` or `week`.
    pub view: String,
    /// The first and last day shown (whole weeks, Monday first).
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The day the range is about (the month's first day, or the week's Monday).
    pub anchor: NaiveDate,
    pub today: NaiveDate,
    pub timezone: String,
    /// Posts with a time in the range, as (day in the workspace's zone, "HH:MM", post).
    pub entries: Vec<CalendarEntry>,
    pub accounts: Vec<SocialAccount>,
    pub account: String,
    pub status: String,
    pub campaign: String,
    /// (id, name) of the workspace's campaigns, for the filter.
    pub campaigns: Vec<(crate::kernel::CampaignId, String)>,
    pub can_compose: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub day: NaiveDate,
    pub time: String,
    pub post: PostSummary,
}

/// What a media file is (seed 003 `media_assets.type`), read from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Image,
    Gif,
    Video,
}

impl MediaKind {
    pub const ALL: [MediaKind; 3] = [MediaKind::Image, MediaKind::Gif, MediaKind::Video];

    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Gif => "gif",
            MediaKind::Video => "video",
        }
    }

    pub fn parse(value: &str) -> Option<MediaKind> {
        MediaKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            MediaKind::Image => "Image",
            MediaKind::Gif => "GIF",
            MediaKind::Video => "Video",
        }
    }
}

/// One file of the media library as members see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaAsset {
    pub id: crate::kernel::MediaId,
    pub kind: MediaKind,
    pub filename: String,
    pub size: i64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Seconds, for videos.
    pub duration: Option<i32>,
    pub tags: Vec<String>,
    pub folder: Option<String>,
    /// Where the browser reads it (members of the workspace only).
    pub url: String,
    pub thumbnail_url: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Posts that use it.
    pub used_by: i64,
}

/// The media library's filters (`?kind=&folder=&q=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaFilters {
    /// `image`, `gif`, `video` or empty for any.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub folder: String,
    /// A word of the file's name, or one of its tags.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: u32,
}

impl MediaFilters {
    pub const KEYS: [&'static str; 3] = ["kind", "folder", "q"];
}

/// How the last upload went, said once on the library page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UploadReport {
    pub added: Vec<String>,
    /// File name and why it was refused.
    pub refused: Vec<(String, String)>,
}

/// The media library page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaLibrary {
    pub items: Vec<MediaAsset>,
    pub folders: Vec<String>,
    pub filters: MediaFilters,
    pub page: u32,
    pub pages: u32,
    pub total: i64,
    pub can_upload: bool,
    pub can_delete: bool,
    pub report: Option<UploadReport>,
}

/// The posting-times page: each account's times of the week, in the workspace's zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostingTimes {
    pub timezone: String,
    pub can_edit: bool,
    pub accounts: Vec<AccountTimes>,
}

/// One account's posting times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountTimes {
    pub account_id: SocialAccountId,
    pub platform: SocialPlatform,
    pub name: String,
    pub times: Vec<PostingTime>,
}

/// One time of the week ("Monday", "09:00").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostingTime {
    pub id: String,
    pub day: String,
    pub time: String,
}

/// The days a new posting time is added on, as the form offers them: `daily`,
/// `weekdays`, `weekends`, or one ISO weekday (`1` = Monday … `7`).
pub fn weekdays_of(choice: &str) -> Option<Vec<i16>> {
    match choice {
        "daily" => Some((1..=7).collect()),
        "weekdays" => Some((1..=5).collect()),
        "weekends" => Some(vec![6, 7]),
        one => one.parse::<i16>().ok().filter(|d| (1..=7).contains(d)).map(|d| vec![d]),
    }
}

/// ISO weekday `1`…`7` → "Monday"…"Sunday".
pub fn weekday_name(day: i16) -> &'static str {
    const NAMES: [&str; 7] =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    usize::try_from(day - 1).ok().and_then(|i| NAMES.get(i)).copied().unwrap_or("?")
}
