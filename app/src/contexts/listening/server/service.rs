//! Use cases of listening: the searches a workspace runs, the mentions they
//! find (searched, filtered, charted by day and sentiment), the trends and
//! influencers worked out from them, and a mention sent to the inbox.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use mongodb::bson::{Document, doc};
use sqlx::PgPool;

use super::repo::queries::{self, QueryFields, QueryRow};
use super::repo::{self, AuthorRow, MentionQuery, NewMention};
use super::search_terms::{highlight, search_terms};
use crate::contexts::analytics::server::charts;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::inbox::rules::sentiment_of;
use crate::contexts::inbox::server::service::{FromMention, from_mention, sentiment_score};
use crate::contexts::integrations::server::service::{Deps, search_as, social_accounts_of};
use crate::contexts::integrations::server::social::PublishError;
use crate::contexts::integrations::server::social::search::{Found, SearchRequest};
use crate::contexts::integrations::types::SocialPlatform;
use crate::contexts::listening::rules::{self, authenticity, growth, terms_of, x_query};
use crate::contexts::listening::types::{
    InfluencerLine, InfluencersPage, LISTEN, MentionFilter, MentionLine, MentionView, MentionsPage,
    QueriesPage, QueryKind, QueryView, TrendLine,
};
use crate::error::{AppError, FieldErrors, add_message};
use crate::kernel::{Action, Permission, Resource, WorkspaceId};

/// Mentions per page.
pub const PER_PAGE: i64 = 25;

/// The platforms a search may name, and which of them Aura can search.
pub const SEARCHABLE: [SocialPlatform; 4] = [
    SocialPlatform::Twitter,
    SocialPlatform::Reddit,
    SocialPlatform::Youtube,
    SocialPlatform::Instagram,
];

fn mongo_error(e: mongodb::error::Error) -> AppError {
    AppError::internal(e)
}

/// "a" or "an" before a platform's name ("an X account", "a Reddit account").
fn article(label: &str) -> &'static str {
    if label.starts_with(['A', 'E', 'I', 'O', 'U', 'X']) { "an" } else { "a" }
}

fn platform_label(stored: &str) -> String {
    SocialPlatform::parse(stored).map(|p| p.label().to_owned()).unwrap_or_else(|| stored.to_owned())
}

// ---- Searches ---------------------------------------------------------------

fn query_view(row: QueryRow) -> QueryView {
    let problems = row
        .last_errors
        .as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(p, why)| Some((platform_label(p), why.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    QueryView {
        id: row.id,
        name: row.name,
        kind: QueryKind::parse(&row.kind).unwrap_or(QueryKind::Keyword),
        terms: row.terms,
        platforms: row.platforms,
        active: row.active,
        last_run_at: row.last_run_at,
        problems,
    }
}

pub async fn queries_page(pg: &PgPool, member: &Member) -> Result<QueriesPage, AppError> {
    let ws = member.workspace;
    let rows = queries::all(pg, ws).await?;
    let accounts = social_accounts_of(pg, ws).await?;
    let unconnected = SEARCHABLE
        .iter()
        .filter(|p| !accounts.iter().any(|a| a.platform == **p && a.is_active && !a.demo))
        .map(|p| p.label().to_owned())
        .collect();
    Ok(QueriesPage {
        queries: rows.into_iter().map(query_view).collect(),
        platforms: SEARCHABLE
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect(),
        unconnected,
        can_edit: member.can(Permission::new(Resource::Listening, Action::Update)),
    })
}

/// Adds (`id` empty) or changes a search from its form: `name`, `kind`,
/// `terms`, `platform_<name>` ticked, `active`. A new or changed search runs
/// at once.
pub async fn save_query(
    pg: &PgPool,
    member: &Member,
    id: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let field = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let id = match id.trim() {
        "" => None,
        raw => Some(raw.parse::<uuid::Uuid>().map_err(|_| AppError::NotFound)?),
    };
    let mut errors = FieldErrors::new();
    let name = field("name");
    if name.is_empty() || name.chars().count() > 100 {
        add_message(&mut errors, "name", "Name the search, in up to 100 characters.");
    }
    let kind = QueryKind::parse(field("kind")).unwrap_or_else(|| {
        add_message(&mut errors, "kind", "Choose what the search is about.");
        QueryKind::Keyword
    });
    let terms = terms_of(field("terms"));
    if terms.is_empty() || field("terms").chars().count() > 500 {
        add_message(
            &mut errors,
            "terms",
            "Give the words to look for, separated by commas (up to 500 characters).",
        );
    } else if terms.iter().all(|t| search_terms([t.as_str()]).is_empty()) {
        add_message(
            &mut errors,
            "terms",
            "Give words of two letters or more, not only common words.",
        );
    }
    let platforms: Vec<String> = SEARCHABLE
        .iter()
        .filter(|p| !field(&format!("platform_{}", p.as_str())).is_empty())
        .map(|p| p.as_str().to_owned())
        .collect();
    if platforms.is_empty() {
        add_message(&mut errors, "platforms", "Tick at least one platform to search.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let joined = terms.join(", ");
    let q = QueryFields {
        name,
        kind: kind.as_str(),
        terms: &joined,
        platforms: &platforms,
        active: !field("active").is_empty(),
    };
    let mut tx = pg.begin().await?;
    match queries::save(&mut *tx, member.workspace, id, &q).await? {
        None => {
            return Err(AppError::invalid(
                "name",
                format!("A search is already called \"{name}\": choose another name."),
            ));
        }
        Some(false) => return Err(AppError::NotFound),
        Some(true) => {}
    }
    book(&mut tx, member.workspace, None).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_query(pg: &PgPool, member: &Member, id: &str) -> Result<(), AppError> {
    let id = id.trim().parse::<uuid::Uuid>().map_err(|_| AppError::NotFound)?;
    if queries::delete(pg, member.workspace, id).await? { Ok(()) } else { Err(AppError::NotFound) }
}

/// Makes sure the workspace's listening runs by `at` (now when `None`): a run
/// waiting for later is brought forward.
pub async fn book(
    tx: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    queue::enqueue_by(&mut *tx, workspace, LISTEN, &serde_json::json!({}), at).await?;
    Ok(())
}

/// A mention from what a search found.
fn mention_of(query: &QueryRow, platform: SocialPlatform, f: Found) -> NewMention {
    let score = sentiment_score(&f.text).unwrap_or(0.0);
    let reach = f.author_followers.or(f.impressions).unwrap_or(0);
    NewMention {
        query_id: query.id.to_string(),
        platform: platform.as_str().to_owned(),
        hashtags: rules::hashtags(&f.text),
        platform_id: f.id,
        author_id: f.author_id,
        author_username: f.author_username,
        author_name: f.author_name,
        author_avatar: f.author_avatar,
        author_followers: f.author_followers,
        author_created_at: f.author_created_at,
        sentiment: sentiment_of(score).as_str().to_owned(),
        sentiment_score: score,
        reach,
        engagement: f.engagement,
        language: f.language.unwrap_or_default(),
        location: String::new(),
        is_influencer: f.author_followers.is_some_and(|n| n >= INFLUENCER_FOLLOWERS),
        tags: vec![query.kind.clone()],
        content: f.text,
        url: f.url,
        created_at: f.created_at,
    }
}

/// Followers from which an author is flagged an influencer on a mention.
pub const INFLUENCER_FOLLOWERS: i64 = 10_000;

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Listened {
    pub found: usize,
    pub problems: usize,
    /// The platform asked to wait: the run is due again then.
    pub wait_seconds: Option<u64>,
}

/// Runs every active search of the workspace on its platforms, from where
/// each stopped, stores what it finds, then works out trends and influencers.
/// A platform with no account to search as, or one that refuses, keeps its
/// reason on the search; a rate limit stops the run where it is.
pub async fn listen(
    deps: &Deps,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
) -> Result<Listened, AppError> {
    let pg = &deps.pg;
    let searches = queries::all(pg, workspace).await?;
    let accounts = social_accounts_of(pg, workspace).await?;
    let mut done = Listened::default();
    'searches: for search in searches.iter().filter(|q| q.active) {
        let terms = terms_of(&search.terms);
        let mut cursors = search.cursors.as_object().cloned().unwrap_or_default();
        let mut errors = serde_json::Map::new();
        for stored in &search.platforms {
            let Some(platform) = SocialPlatform::parse(stored) else { continue };
            let label = platform.label();
            let Some(account) =
                accounts.iter().find(|a| a.platform == platform && a.is_active && !a.demo)
            else {
                errors.insert(
                    stored.clone(),
                    format!(
                        "Connect {} {label} account under Social accounts to search {label}.",
                        article(label)
                    )
                    .into(),
                );
                continue;
            };
            let request = SearchRequest {
                query: match platform {
                    SocialPlatform::Reddit => rules::reddit_query(&terms),
                    SocialPlatform::Youtube => rules::youtube_query(&terms),
                    _ => x_query(&terms),
                },
                hashtags: rules::instagram_hashtags(&terms),
                cursor: cursors.get(stored).and_then(|c| c.as_str()).map(str::to_owned),
                max_pages: 5,
            };
            match search_as(deps, workspace, account.id, &request).await {
                Ok(page) => {
                    let found: Vec<NewMention> =
                        page.found.into_iter().map(|f| mention_of(search, platform, f)).collect();
                    repo::insert_mentions(mongo, workspace, &found).await.map_err(mongo_error)?;
                    done.found += found.len();
                    if let Some(newest) = page.cursor {
                        cursors.insert(stored.clone(), newest.into());
                    }
                }
                Err(PublishError::RateLimited { message, retry_in }) => {
                    errors.insert(stored.clone(), message.into());
                    done.wait_seconds = Some(retry_in.as_secs());
                    queries::finish_run(pg, workspace, search.id, &cursors.into(), &errors.into())
                        .await?;
                    done.problems += 1;
                    break 'searches;
                }
                Err(other) => {
                    errors.insert(stored.clone(), other.to_string().into());
                    done.problems += 1;
                }
            }
        }
        queries::finish_run(pg, workspace, search.id, &cursors.into(), &errors.into()).await?;
    }
    analyze(mongo, workspace, Utc::now()).await?;
    Ok(done)
}

// ---- Trends and influencers -------------------------------------------------

/// The label of a mean sentiment score.
fn label_of(score: f64) -> String {
    sentiment_of(score).as_str().to_owned()
}

/// Works out the workspace's trends (hashtags and terms of the last seven
/// days against the seven before, seed 003 `trends`) and influencers (authors
/// of the last 30 days ranked by reach × engagement, with an authenticity
/// score, seed 003 `influencers`).
pub async fn analyze(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let week = Duration::days(7);
    let mut trends: Vec<Document> = Vec::new();
    for (field, kind) in [("hashtags", "hashtag"), ("terms", "topic")] {
        let current = repo::top_values(mongo, workspace, field, now - week, now, 20)
            .await
            .map_err(mongo_error)?;
        let before = repo::top_values(mongo, workspace, field, now - week - week, now - week, 500)
            .await
            .map_err(mongo_error)?;
        for (value, volume, score) in current {
            let previous = before.iter().find(|(v, ..)| *v == value).map_or(0, |(_, n, _)| *n);
            trends.push(doc! {
                "workspaceId": workspace.to_string(),
                "platform": "all",
                "trendType": kind,
                "value": value,
                "growthVelocity": growth(volume, previous),
                "volume": volume,
                "previousVolume": previous,
                "sentiment": label_of(score),
                "detectedAt": mongodb::bson::DateTime::from_chrono(now),
            });
        }
    }
    repo::replace_trends(mongo, workspace, trends).await.map_err(mongo_error)?;
    let authors = repo::authors(mongo, workspace, now - Duration::days(30), 300)
        .await
        .map_err(mongo_error)?;
    for a in authors {
        let line = influencer_of(&a, now);
        let score = (a.reach as f64) * (a.engagement as f64);
        let fields = doc! {
            "displayName": a.name.clone(),
            "avatar": a.avatar.clone(),
            "metrics": {
                "followers": a.followers,
                "following": mongodb::bson::Bson::Null,
                "posts": a.mentions,
                "engagementRate": line.engagement_rate,
            },
            "authenticityScore": line.authenticity,
            "notes": line.notes.clone(),
            "niche": mongodb::bson::Bson::Null,
            "mentions": a.mentions,
            "reach": a.reach,
            "engagement": a.engagement,
            "score": score,
            "lastAnalyzed": mongodb::bson::DateTime::from_chrono(now),
        };
        repo::upsert_influencer(mongo, workspace, &a.platform, &a.username, fields)
            .await
            .map_err(mongo_error)?;
    }
    Ok(())
}

fn influencer_of(a: &AuthorRow, now: DateTime<Utc>) -> InfluencerLine {
    let per_mention = if a.mentions > 0 { a.engagement as f64 / a.mentions as f64 } else { 0.0 };
    let age = a.created_at.map(|c| (now - c).num_days());
    let (score, notes) = authenticity(a.followers, per_mention, age);
    InfluencerLine {
        platform: a.platform.clone(),
        username: a.username.clone(),
        display_name: a.name.clone(),
        followers: a.followers,
        mentions: a.mentions,
        reach: a.reach,
        engagement: a.engagement,
        engagement_rate: a.followers.filter(|f| *f > 0).map(|f| per_mention * 100.0 / f as f64),
        authenticity: score,
        notes,
        lists: Vec::new(),
    }
}

// ---- Reading ----------------------------------------------------------------

/// The filter as the address gave it, each value checked.
fn clean(
    filter: &MentionFilter,
    queries: &[(uuid::Uuid, String)],
) -> (MentionFilter, MentionQuery, i64) {
    let mut shown = MentionFilter::default();
    let days = match filter.days.trim() {
        "7" => 7,
        "90" => 90,
        _ => 30,
    };
    if days != 30 {
        shown.days = days.to_string();
    }
    let mut q =
        MentionQuery { since: Some(Utc::now() - Duration::days(days)), ..MentionQuery::default() };
    let words: String = filter.q.trim().chars().take(200).collect();
    if !words.is_empty() {
        shown.q = words.clone();
        q.words = words;
    }
    if let Some(s) = crate::contexts::inbox::types::Sentiment::parse(filter.sentiment.trim()) {
        shown.sentiment = s.as_str().to_owned();
        q.sentiment = Some(shown.sentiment.clone());
    }
    if let Some(p) = SocialPlatform::parse(filter.platform.trim()) {
        shown.platform = p.as_str().to_owned();
        q.platform = Some(shown.platform.clone());
    }
    if let Some((id, _)) = queries.iter().find(|(id, _)| id.to_string() == filter.query.trim()) {
        shown.query = id.to_string();
        q.query_id = Some(shown.query.clone());
    }
    (shown, q, days)
}

fn int(d: &Document, path: &[&str]) -> Option<i64> {
    let (last, parents) = path.split_last()?;
    let mut at = d;
    for p in parents {
        at = at.get_document(p).ok()?;
    }
    at.get(last).and_then(|n| {
        n.as_i64().or_else(|| n.as_i32().map(i64::from)).or_else(|| n.as_f64().map(|f| f as i64))
    })
}

fn line_of(d: &Document, words: &str, names: &[(uuid::Uuid, String)]) -> MentionLine {
    let text = |k: &str| d.get_str(k).unwrap_or_default().to_owned();
    let author = d.get_document("author").ok();
    let author_text =
        |k: &str| author.and_then(|a| a.get_str(k).ok()).unwrap_or_default().to_owned();
    let query = text("queryId");
    MentionLine {
        id: text("_id"),
        platform: text("platform"),
        author_name: author_text("name"),
        author_username: author_text("username"),
        followers: int(d, &["author", "followers"]),
        segments: highlight(d.get_str("content").unwrap_or_default(), words),
        sentiment: text("sentiment"),
        reach: int(d, &["reach"]).unwrap_or(0),
        engagement: int(d, &["engagement"]).unwrap_or(0),
        created_at: d.get_datetime("createdAt").map(|t| t.to_chrono()).unwrap_or_default(),
        // Only web links are followed.
        url: Some(text("url")).filter(|u| u.starts_with("https://")).unwrap_or_default(),
        query: names
            .iter()
            .find(|(id, _)| id.to_string() == query)
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
    }
}

/// The days of `[from, to]` in `tz`, with the per-day counts per sentiment of
/// hourly counts.
fn by_day(
    hours: &[(DateTime<Utc>, String, i64)],
    tz: &Tz,
    days: i64,
    now: DateTime<Utc>,
) -> (Vec<NaiveDate>, [Vec<Option<f64>>; 3]) {
    let last = now.with_timezone(tz).date_naive();
    let first = last - Duration::days(days - 1);
    let points: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let mut lines = [
        vec![Some(0.0); points.len()],
        vec![Some(0.0); points.len()],
        vec![Some(0.0); points.len()],
    ];
    for (hour, sentiment, n) in hours {
        let day = hour.with_timezone(tz).date_naive();
        let Some(i) = points.iter().position(|d| *d == day) else { continue };
        let line = match sentiment.as_str() {
            "positive" => 0,
            "negative" => 2,
            _ => 1,
        };
        if let Some(v) = lines[line][i].as_mut() {
            *v += *n as f64;
        }
    }
    (points, lines)
}

/// The listening page: mentions under the filter, their volume by day and
/// sentiment, and the trends.
pub async fn mentions(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    filter: &MentionFilter,
    page: u32,
) -> Result<MentionsPage, AppError> {
    let ws = member.workspace;
    let names: Vec<(uuid::Uuid, String)> =
        queries::all(pg, ws).await?.into_iter().map(|q| (q.id, q.name)).collect();
    let (shown, q, days) = clean(filter, &names);
    let unsearchable = !q.words.is_empty() && repo::match_stages(ws, &q).is_none();
    let total = repo::count(mongo, ws, &q).await.map_err(mongo_error)?;
    let pages = u32::try_from(total.div_ceil(PER_PAGE as u64)).unwrap_or(u32::MAX).max(1);
    let page = page.clamp(1, pages);
    let skip = u64::from(page - 1) * PER_PAGE as u64;
    let docs = repo::list(mongo, ws, &q, skip, PER_PAGE).await.map_err(mongo_error)?;
    let hours = repo::volume(mongo, ws, &q).await.map_err(mongo_error)?;
    let tz = accounts::zone(pg, ws).await?;
    let (points, [positive, neutral, negative]) = by_day(&hours, &tz, days, Utc::now());
    let sum = |v: &[Option<f64>]| v.iter().flatten().sum::<f64>() as u64;
    let counts = (sum(&positive), sum(&neutral), sum(&negative));
    // Drawn in a block: the axes' closures are not `Send`, so they end before the next await.
    let chart_svg = {
        let axes = charts::Axes {
            x: &|d: NaiveDate| d.format("%b %-d").to_string(),
            y: &|v: f64| format!("{v:.0}"),
        };
        charts::lines(
            &points,
            &[
                charts::Line { label: "Positive", color: charts::EMERALD, values: positive },
                charts::Line { label: "Neutral", color: charts::INDIGO, values: neutral },
                charts::Line { label: "Negative", color: charts::ROSE, values: negative },
            ],
            &axes,
            "mentions-chart-title",
        )
    };
    let trends = repo::trends(mongo, ws)
        .await
        .map_err(mongo_error)?
        .iter()
        .map(|d| {
            let volume = int(d, &["volume"]).unwrap_or(0);
            let previous = int(d, &["previousVolume"]).unwrap_or(0);
            TrendLine {
                kind: d.get_str("trendType").unwrap_or_default().to_owned(),
                value: d.get_str("value").unwrap_or_default().to_owned(),
                volume,
                previous,
                growth: growth(volume, previous),
                sentiment: d.get_str("sentiment").unwrap_or_default().to_owned(),
            }
        })
        .collect();
    Ok(MentionsPage {
        lines: docs.iter().map(|d| line_of(d, &shown.q, &names)).collect(),
        filter: shown,
        total,
        page,
        pages,
        chart_svg,
        sentiment_counts: counts,
        trends,
        queries: names,
        unsearchable,
    })
}

/// Negative mentions of the last seven days (Home's card).
pub async fn negative_this_week(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
) -> Result<i64, AppError> {
    let q = MentionQuery {
        sentiment: Some("negative".to_owned()),
        since: Some(Utc::now() - Duration::days(7)),
        ..MentionQuery::default()
    };
    let n = repo::count(mongo, workspace, &q).await.map_err(mongo_error)?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// One mention.
pub async fn mention(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    id: &str,
) -> Result<MentionView, AppError> {
    let ws = member.workspace;
    let d = repo::get(mongo, ws, id).await.map_err(mongo_error)?.ok_or(AppError::NotFound)?;
    let names: Vec<(uuid::Uuid, String)> =
        queries::all(pg, ws).await?.into_iter().map(|q| (q.id, q.name)).collect();
    Ok(MentionView {
        line: line_of(&d, "", &names),
        language: d.get_str("language").unwrap_or_default().to_owned(),
        location: d.get_str("location").unwrap_or_default().to_owned(),
        is_influencer: d.get_bool("isInfluencer").unwrap_or(false),
        conversation: d.get_str("conversationId").ok().map(str::to_owned),
        can_send: member.can(Permission::new(Resource::Inbox, Action::Update)),
    })
}

/// Sends a mention to the inbox as a conversation on the workspace's account
/// of its platform; the conversation's id.
pub async fn send_to_inbox(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    id: &str,
) -> Result<String, AppError> {
    let ws = member.workspace;
    let d = repo::get(mongo, ws, id).await.map_err(mongo_error)?.ok_or(AppError::NotFound)?;
    if let Ok(existing) = d.get_str("conversationId") {
        return Ok(existing.to_owned());
    }
    let platform = SocialPlatform::parse(d.get_str("platform").unwrap_or_default())
        .ok_or(AppError::NotFound)?;
    let label = platform.label();
    let account = social_accounts_of(pg, ws)
        .await?
        .into_iter()
        .find(|a| a.platform == platform && a.is_active)
        .ok_or_else(|| {
            AppError::invalid(
                "mention",
                format!(
                    "Connect {} {label} account under Social accounts to work {label} mentions in the inbox.",
                    article(label)
                ),
            )
        })?;
    let author = d.get_document("author").ok();
    let author_text = |k: &str| author.and_then(|a| a.get_str(k).ok()).unwrap_or_default();
    if author_text("username").is_empty() {
        return Err(AppError::invalid(
            "mention",
            format!(
                "{label} does not say who posted this, so there is no one to answer in the inbox: open it on {label}."
            ),
        ));
    }
    let name = match (author_text("name"), author_text("username")) {
        ("", u) => u.to_owned(),
        (n, _) => n.to_owned(),
    };
    let conversation = from_mention(
        pg,
        ws,
        &FromMention {
            account: account.id,
            platform,
            mention_id: id,
            author_id: author_text("username"),
            author_name: &name,
            followers: int(&d, &["author", "followers"]),
            text: d.get_str("content").unwrap_or_default(),
            at: d.get_datetime("createdAt").map(|t| t.to_chrono()).unwrap_or_else(|_| Utc::now()),
        },
    )
    .await?
    .to_string();
    repo::set_conversation(mongo, ws, id, &conversation).await.map_err(mongo_error)?;
    Ok(conversation)
}

/// The influencers page: everyone ranked, or one list.
pub async fn influencers(
    mongo: &mongodb::Database,
    member: &Member,
    list: &str,
) -> Result<InfluencersPage, AppError> {
    let ws = member.workspace;
    let lists = repo::lists(mongo, ws).await.map_err(mongo_error)?;
    let list = lists.iter().find(|l| l.as_str() == list.trim()).cloned().unwrap_or_default();
    let docs = repo::influencers(mongo, ws, (!list.is_empty()).then_some(list.as_str()))
        .await
        .map_err(mongo_error)?;
    let last_analyzed = docs
        .iter()
        .filter_map(|d| d.get_datetime("lastAnalyzed").ok().map(|t| t.to_chrono()))
        .max();
    let lines = docs
        .iter()
        .map(|d| InfluencerLine {
            platform: d.get_str("platform").unwrap_or_default().to_owned(),
            username: d.get_str("username").unwrap_or_default().to_owned(),
            display_name: d.get_str("displayName").unwrap_or_default().to_owned(),
            followers: int(d, &["metrics", "followers"]),
            mentions: int(d, &["mentions"]).unwrap_or(0),
            reach: int(d, &["reach"]).unwrap_or(0),
            engagement: int(d, &["engagement"]).unwrap_or(0),
            engagement_rate: d
                .get_document("metrics")
                .ok()
                .and_then(|m| m.get_f64("engagementRate").ok()),
            authenticity: int(d, &["authenticityScore"]),
            notes: d
                .get_array("notes")
                .map(|a| a.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect())
                .unwrap_or_default(),
            lists: d
                .get_array("tags")
                .map(|a| a.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect())
                .unwrap_or_default(),
        })
        .collect();
    Ok(InfluencersPage {
        lines,
        list,
        lists,
        last_analyzed,
        can_edit: member.can(Permission::new(Resource::Listening, Action::Update)),
    })
}

/// Saves an influencer to a list (made by naming it).
pub async fn save_influencer(
    mongo: &mongodb::Database,
    member: &Member,
    platform: &str,
    username: &str,
    list: &str,
) -> Result<(), AppError> {
    let list = list.trim();
    if list.is_empty() || list.chars().count() > 60 {
        return Err(AppError::invalid("list", "Name the list, in up to 60 characters."));
    }
    if repo::add_to_list(mongo, member.workspace, platform.trim(), username.trim(), list)
        .await
        .map_err(mongo_error)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn hourly_counts_gather_into_the_days_of_the_zone() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap();
        let hours = vec![
            // 03:00 UTC on Dec 2 is still Dec 1 in Chicago.
            (Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap(), "negative".to_owned(), 4),
            (Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap(), "positive".to_owned(), 2),
            (Utc.with_ymd_and_hms(2026, 12, 2, 11, 0, 0).unwrap(), "neutral".to_owned(), 1),
            // Before the range: left out.
            (Utc.with_ymd_and_hms(2026, 11, 1, 11, 0, 0).unwrap(), "neutral".to_owned(), 9),
        ];
        let (points, [pos, neu, neg]) = by_day(&hours, &tz, 7, now);
        assert_eq!(points.len(), 7);
        assert_eq!(*points.last().unwrap(), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(neg[5], Some(4.0), "Dec 1");
        assert_eq!(pos[6], Some(2.0));
        assert_eq!(neu.iter().flatten().sum::<f64>(), 1.0);
    }
}
