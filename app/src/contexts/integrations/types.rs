//! Wire types of the integrations context. Nothing here carries a token: the
//! browser sees a connection's status, account and history, never its credentials.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::{BrandId, ConnectionId};

/// The queue task type that syncs a connection (its job is registered by the
/// composition root). Data: `{ "connection_id": … }`, plus `"daily": true` for the
/// daily run that books the next one.
pub const SYNC_CONNECTION: &str = "sync_connection";

/// The daily task that warns a workspace's managers of access about to end.
pub const CHECK_TOKEN_EXPIRY: &str = "check_token_expiry";

/// The platforms a brand's data comes from (`connections.platform` of kind `brand`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Shopify,
    Meta,
    GoogleAds,
    GoogleAnalytics,
}

impl Platform {
    pub const ALL: [Platform; 4] =
        [Platform::Shopify, Platform::Meta, Platform::GoogleAds, Platform::GoogleAnalytics];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Shopify => "shopify",
            Platform::Meta => "meta",
            Platform::GoogleAds => "google_ads",
            Platform::GoogleAnalytics => "google_analytics",
        }
    }

    pub fn parse(value: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Platform::Shopify => "Shopify",
            Platform::Meta => "Meta Ads",
            Platform::GoogleAds => "Google Ads",
            Platform::GoogleAnalytics => "Google Analytics 4",
        }
    }

    /// What the platform gives the dashboard.
    pub fn provides(self) -> &'static str {
        match self {
            Platform::Shopify => "Revenue, orders and new customers",
            Platform::Meta => "Spend, impressions, clicks and purchases",
            Platform::GoogleAds => "Spend, impressions, clicks and conversions",
            Platform::GoogleAnalytics => "Sessions, conversions, revenue and engagement",
        }
    }

    /// The account a connection reads, as the person connecting names it.
    pub fn account_label(self) -> &'static str {
        match self {
            Platform::Shopify => "Shop subdomain",
            Platform::Meta => "Ad account ID",
            Platform::GoogleAds => "Customer ID",
            Platform::GoogleAnalytics => "Property ID",
        }
    }

    pub fn account_example(self) -> &'static str {
        match self {
            Platform::Shopify => "northwind-roasters (from northwind-roasters.myshopify.com)",
            Platform::Meta => "act_1234567890",
            Platform::GoogleAds => "123-456-7890",
            Platform::GoogleAnalytics => "412345678",
        }
    }
}

/// Seed 000 `platform_connections.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    Connected,
    Disconnected,
    Error,
    Expired,
}

impl ConnectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionStatus::Connected => "connected",
            ConnectionStatus::Disconnected => "disconnected",
            ConnectionStatus::Error => "error",
            ConnectionStatus::Expired => "expired",
        }
    }

    pub fn parse(value: &str) -> Option<ConnectionStatus> {
        [
            ConnectionStatus::Connected,
            ConnectionStatus::Disconnected,
            ConnectionStatus::Error,
            ConnectionStatus::Expired,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            ConnectionStatus::Connected => "Connected",
            ConnectionStatus::Disconnected => "Not connected",
            ConnectionStatus::Error => "Error",
            ConnectionStatus::Expired => "Access expired",
        }
    }
}

/// Where the latest sync of a connection is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SyncProgress {
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// A sentence for people: "Reading orders, page 3".
    pub message: String,
    /// Days of data read so far, and in all.
    pub days_done: u32,
    pub days_total: u32,
    pub finished_at: Option<DateTime<Utc>>,
}

impl SyncProgress {
    pub fn is_active(&self) -> bool {
        matches!(self.state.as_str(), "queued" | "running")
    }
}

/// One entry of a connection's log (seed 000 `connection_logs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionLogEntry {
    pub event_type: String,
    pub status: String,
    pub message: String,
    pub occurred_at: DateTime<Utc>,
}

/// A brand's connection to one platform, as the browser sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionView {
    pub id: ConnectionId,
    pub platform: Platform,
    pub status: ConnectionStatus,
    /// Why the status is error or expired.
    pub reason: Option<String>,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub token_expires_at: Option<DateTime<Utc>>,
    /// The connection holds the generated demo data, not a real account.
    pub demo: bool,
    pub progress: Option<SyncProgress>,
    /// Newest first, the last few.
    pub log: Vec<ConnectionLogEntry>,
}

/// One platform's card on the brand page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformCard {
    pub platform: Platform,
    /// The environment variables still to set; empty when the platform can connect.
    pub missing_settings: Vec<String>,
    pub connection: Option<ConnectionView>,
}

/// The brand page's data sources and what the viewer may do with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrandIntegrations {
    pub brand_id: BrandId,
    pub cards: Vec<PlatformCard>,
    pub can_manage: bool,
}

impl BrandIntegrations {
    pub fn any_active(&self) -> bool {
        self.cards.iter().any(|c| {
            c.connection.as_ref().and_then(|c| c.progress.as_ref()).is_some_and(|p| p.is_active())
        })
    }
}

/// The nine social platforms a workspace publishes to (seed 003 `Platform`;
/// `social_accounts.platform`, `platform_posts.platform`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SocialPlatform {
    Instagram,
    Facebook,
    Twitter,
    Linkedin,
    Tiktok,
    Youtube,
    Pinterest,
    Threads,
    Reddit,
}

impl SocialPlatform {
    pub const ALL: [SocialPlatform; 9] = [
        SocialPlatform::Instagram,
        SocialPlatform::Facebook,
        SocialPlatform::Twitter,
        SocialPlatform::Linkedin,
        SocialPlatform::Tiktok,
        SocialPlatform::Youtube,
        SocialPlatform::Pinterest,
        SocialPlatform::Threads,
        SocialPlatform::Reddit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SocialPlatform::Instagram => "instagram",
            SocialPlatform::Facebook => "facebook",
            SocialPlatform::Twitter => "twitter",
            SocialPlatform::Linkedin => "linkedin",
            SocialPlatform::Tiktok => "tiktok",
            SocialPlatform::Youtube => "youtube",
            SocialPlatform::Pinterest => "pinterest",
            SocialPlatform::Threads => "threads",
            SocialPlatform::Reddit => "reddit",
        }
    }

    pub fn parse(value: &str) -> Option<SocialPlatform> {
        SocialPlatform::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            SocialPlatform::Instagram => "Instagram",
            SocialPlatform::Facebook => "Facebook",
            SocialPlatform::Twitter => "X",
            SocialPlatform::Linkedin => "LinkedIn",
            SocialPlatform::Tiktok => "TikTok",
            SocialPlatform::Youtube => "YouTube",
            SocialPlatform::Pinterest => "Pinterest",
            SocialPlatform::Threads => "Threads",
            SocialPlatform::Reddit => "Reddit",
        }
    }
}

/// How a social account stands, for its badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountHealth {
    Connected,
    /// The token ends within the week and cannot be refreshed.
    Expiring,
    /// The token has ended: the account must be connected again.
    Expired,
    /// Turned off by a member: nothing publishes to it.
    Disabled,
}

/// A social account as members see it (never its tokens).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialAccount {
    pub id: crate::kernel::SocialAccountId,
    pub platform: SocialPlatform,
    pub username: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub is_active: bool,
    pub health: AccountHealth,
    /// The account holds demo data: nothing is sent to the platform.
    pub demo: bool,
    /// Pinterest: the names of its boards, as read when it was connected.
    #[serde(default)]
    pub boards: Vec<String>,
}

/// A platform on the accounts page's "Connect" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialConnectOption {
    pub platform: SocialPlatform,
    /// The environment variables still to set; empty when it can connect.
    pub missing_settings: Vec<String>,
}

/// How the last sign-in went, said once on the accounts page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectNotice {
    pub ok: bool,
    pub text: String,
}

/// The accounts page: every social account and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialAccounts {
    pub accounts: Vec<SocialAccount>,
    /// May turn accounts off and on.
    pub can_manage: bool,
    /// May connect accounts (the platforms are listed only then).
    pub can_connect: bool,
    pub can_remove: bool,
    pub platforms: Vec<SocialConnectOption>,
    pub notice: Option<ConnectNotice>,
}

/// One account a sign-in may add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialChoice {
    pub platform_account_id: String,
    pub username: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
    /// Like "through the Page Northwind Coffee" or "organization page".
    pub detail: Option<String>,
}

/// The pick page after a sign-in that offers several accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialChoices {
    pub platform: SocialPlatform,
    pub options: Vec<SocialChoice>,
    /// The platform ids the workspace already has (adding them again reconnects).
    pub existing: Vec<String>,
}

/// How one integration stands on the integration-health page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthState {
    Healthy,
    /// Its access ends within the week and cannot be renewed without a person.
    Expiring,
    /// Ended, refused or failing: a person acts.
    NeedsAttention,
    /// Turned off or disconnected by a member.
    Off,
}

/// Where a person goes to reconnect an integration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reconnect {
    /// A brand's data source: its brand page.
    Brand(BrandId),
    /// A social account: that platform's sign-in.
    Social(SocialPlatform),
}

/// One brand data source or social account on the integration-health page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthEntry {
    /// "Data source" or "Social account".
    pub kind: String,
    /// Like "Northwind Coffee · Meta Ads" or "X · Northwind Coffee".
    pub name: String,
    pub state: HealthState,
    /// In words: "Connected", "Access ends in 5 days", the reason it needs a person.
    pub status: String,
    pub token_expires_at: Option<DateTime<Utc>>,
    /// Renewed by Aura before it ends (a refresh token).
    pub renews: bool,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    /// A data source's recent connection log, newest first.
    pub log: Vec<ConnectionLogEntry>,
    pub reconnect: Reconnect,
    pub demo: bool,
}

/// The integration-health page: every data source and social account of the
/// workspace, access ending this week first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegrationHealth {
    pub entries: Vec<HealthEntry>,
    pub can_manage: bool,
}

/// What one published post has earned so far, as its platform reports it
/// (lifetime counts; `None` where the platform does not report the figure).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostCounts {
    pub impressions: Option<i64>,
    pub reach: Option<i64>,
    pub likes: Option<i64>,
    pub comments: Option<i64>,
    pub shares: Option<i64>,
    pub saves: Option<i64>,
    pub video_views: Option<i64>,
    pub clicks: Option<i64>,
}

/// An account's audience as its platform reports it now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCounts {
    pub followers: Option<i64>,
    pub following: Option<i64>,
    pub posts: Option<i64>,
}
