//! Wire types of listening: searches, mentions, trends and influencers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The task that runs a workspace's searches on the platforms, then works out
/// its trends and influencers (data: `{}`); it books itself hourly.
pub const LISTEN: &str = "listen";

/// What a search is about (`listening_queries.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryKind {
    Brand,
    Competitor,
    Product,
    Hashtag,
    Keyword,
}

impl QueryKind {
    pub const ALL: [QueryKind; 5] = [
        QueryKind::Brand,
        QueryKind::Competitor,
        QueryKind::Product,
        QueryKind::Hashtag,
        QueryKind::Keyword,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QueryKind::Brand => "brand",
            QueryKind::Competitor => "competitor",
            QueryKind::Product => "product",
            QueryKind::Hashtag => "hashtag",
            QueryKind::Keyword => "keyword",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            QueryKind::Brand => "Brand",
            QueryKind::Competitor => "Competitor",
            QueryKind::Product => "Product",
            QueryKind::Hashtag => "Hashtag",
            QueryKind::Keyword => "Keyword",
        }
    }
}

/// One of the workspace's searches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryView {
    pub id: uuid::Uuid,
    pub name: String,
    pub kind: QueryKind,
    pub terms: String,
    /// The platforms' stored names (`twitter`, `reddit`, …).
    pub platforms: Vec<String>,
    pub active: bool,
    pub last_run_at: Option<DateTime<Utc>>,
    /// (platform label, why the last run found nothing there).
    pub problems: Vec<(String, String)>,
}

/// The searches page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueriesPage {
    pub queries: Vec<QueryView>,
    /// (stored name, label) of the platforms a search can run on.
    pub platforms: Vec<(String, String)>,
    /// Labels of the platforms with no connected account to search as.
    pub unconnected: Vec<String>,
    pub can_edit: bool,
}

/// The mention list's filters, as the address carries them (empty: any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MentionFilter {
    /// Words to find (every word, in any form: "roasting" finds "roasted").
    pub q: String,
    pub sentiment: String,
    pub platform: String,
    /// A search's id.
    pub query: String,
    /// `7`, `30` or `90` days (30 by default).
    pub days: String,
}

impl MentionFilter {
    pub const FIELDS: [&'static str; 5] = ["q", "sentiment", "platform", "query", "days"];
}

/// A run of a mention's text, marked when it matched the search.
pub type Segment = (String, bool);

/// One mention in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionLine {
    pub id: String,
    pub platform: String,
    pub author_name: String,
    pub author_username: String,
    pub followers: Option<i64>,
    /// The text in runs, the searched words marked.
    pub segments: Vec<Segment>,
    pub sentiment: String,
    pub reach: i64,
    pub engagement: i64,
    pub created_at: DateTime<Utc>,
    pub url: String,
    pub query: String,
}

impl MentionLine {
    /// Who wrote it, as the platform names them: "Ana Brooks (@anabrooks)",
    /// "u/beanlover", "BrewTube"; Instagram's hashtag media come without.
    pub fn author(&self) -> String {
        let (name, user) = (self.author_name.trim(), self.author_username.trim());
        if user.is_empty() {
            "An author Instagram does not name".to_owned()
        } else if name.is_empty() {
            format!("@{user}")
        } else if name == user || name.ends_with(&format!("/{user}")) {
            name.to_owned()
        } else {
            format!("{name} (@{user})")
        }
    }
}

/// A trending hashtag or term.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendLine {
    /// `hashtag` or `topic`.
    pub kind: String,
    pub value: String,
    pub volume: i64,
    pub previous: i64,
    /// Growth against the previous period, in percent (`None`: new).
    pub growth: Option<f64>,
    pub sentiment: String,
}

/// The listening page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionsPage {
    pub filter: MentionFilter,
    pub lines: Vec<MentionLine>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// Mentions per day by sentiment over the filter's days, as an SVG chart.
    pub chart_svg: String,
    /// (positive, neutral, negative) in the filter's days.
    pub sentiment_counts: (u64, u64, u64),
    pub trends: Vec<TrendLine>,
    /// (id, name) of the searches.
    pub queries: Vec<(uuid::Uuid, String)>,
    /// The words searched had nothing searchable (only short or common words).
    pub unsearchable: bool,
}

/// One mention, opened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionView {
    pub line: MentionLine,
    pub language: String,
    pub location: String,
    pub is_influencer: bool,
    /// The inbox conversation it became, if it did.
    pub conversation: Option<String>,
    pub can_send: bool,
}

/// An author ranked by influence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfluencerLine {
    pub platform: String,
    pub username: String,
    pub display_name: String,
    pub followers: Option<i64>,
    pub mentions: i64,
    pub reach: i64,
    pub engagement: i64,
    /// Average engagement per mention over followers, in percent.
    pub engagement_rate: Option<f64>,
    /// 0–100, `None` when there is too little to judge.
    pub authenticity: Option<i64>,
    /// What the authenticity rests on, and what is missing.
    pub notes: Vec<String>,
    pub lists: Vec<String>,
}

/// The influencers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfluencersPage {
    pub lines: Vec<InfluencerLine>,
    /// The list shown (empty: everyone ranked).
    pub list: String,
    /// The workspace's lists, by name.
    pub lists: Vec<String>,
    pub last_analyzed: Option<DateTime<Utc>>,
    pub can_edit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, username: &str) -> MentionLine {
        MentionLine {
            id: String::new(),
            platform: "x".into(),
            author_name: name.into(),
            author_username: username.into(),
            followers: None,
            segments: Vec::new(),
            sentiment: "neutral".into(),
            reach: 0,
            engagement: 0,
            created_at: Utc::now(),
            url: String::new(),
            query: String::new(),
        }
    }

    #[test]
    fn an_author_is_named_once_and_a_missing_one_said() {
        assert_eq!(line("Ana Brooks", "anabrooks").author(), "Ana Brooks (@anabrooks)");
        assert_eq!(line("u/beanlover", "beanlover").author(), "u/beanlover");
        assert_eq!(line("BrewTube", "BrewTube").author(), "BrewTube");
        assert!(line("", "").author().contains("does not name"));
    }
}
