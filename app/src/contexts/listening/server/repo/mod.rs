//! MongoDB operations on mentions, trends and influencers here; the SQL of
//! the searches (`listening_queries`) in `queries`. Every function takes the
//! workspace first, and every query filters on it.

pub mod queries;

use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use mongodb::bson::{self, Bson, Document, doc};

use super::collections::{INFLUENCERS, MENTIONS, TRENDS};
use super::search_terms::search_terms;
use crate::kernel::WorkspaceId;

type Result<T> = mongodb::error::Result<T>;

fn at(t: DateTime<Utc>) -> bson::DateTime {
    bson::DateTime::from_chrono(t)
}

/// A mention as a search found it.
#[derive(Debug, Clone)]
pub struct NewMention {
    pub query_id: String,
    pub platform: String,
    /// The platform's id of the post.
    pub platform_id: String,
    pub author_id: String,
    pub author_username: String,
    pub author_name: String,
    pub author_avatar: Option<String>,
    pub author_followers: Option<i64>,
    pub author_created_at: Option<DateTime<Utc>>,
    pub content: String,
    pub url: String,
    pub sentiment: String,
    pub sentiment_score: f64,
    pub reach: i64,
    pub engagement: i64,
    pub language: String,
    pub location: String,
    pub is_influencer: bool,
    pub tags: Vec<String>,
    pub hashtags: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// A mention's `_id`: one per workspace, platform and post, so a post found
/// again (by two searches, or a search run twice) is stored once.
pub fn mention_id(workspace: WorkspaceId, platform: &str, platform_id: &str) -> String {
    format!("{workspace}:{platform}:{platform_id}")
}

fn mention_doc(workspace: WorkspaceId, m: &NewMention, fetched: DateTime<Utc>) -> Document {
    let followers = m.author_followers.map_or(Bson::Null, Bson::Int64);
    let author_created = m.author_created_at.map_or(Bson::Null, |t| Bson::DateTime(at(t)));
    doc! {
        "_id": mention_id(workspace, &m.platform, &m.platform_id),
        "workspaceId": workspace.to_string(),
        "queryId": m.query_id.clone(),
        "platform": m.platform.clone(),
        "platformId": m.platform_id.clone(),
        "author": {
            "id": m.author_id.clone(),
            "username": m.author_username.clone(),
            "name": m.author_name.clone(),
            "avatar": m.author_avatar.clone().unwrap_or_default(),
            "followers": followers,
            "createdAt": author_created,
        },
        "content": m.content.clone(),
        "url": m.url.clone(),
        "sentiment": m.sentiment.clone(),
        "sentimentScore": m.sentiment_score,
        "reach": m.reach,
        "engagement": m.engagement,
        "language": m.language.clone(),
        "location": m.location.clone(),
        "isInfluencer": m.is_influencer,
        "tags": m.tags.clone(),
        "hashtags": m.hashtags.clone(),
        "createdAt": at(m.created_at),
        "fetchedAt": at(fetched),
        "terms": search_terms([m.content.as_str(), m.author_name.as_str()]),
    }
}

/// Stores mentions; one already stored is skipped.
pub async fn insert_mentions(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    mentions: &[NewMention],
) -> Result<()> {
    if mentions.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let docs: Vec<Document> = mentions.iter().map(|m| mention_doc(workspace, m, now)).collect();
    match db.collection::<Document>(MENTIONS).insert_many(docs).ordered(false).await {
        Ok(_) => Ok(()),
        Err(err) if crate::server::mongo::only_duplicate_keys(&err) => Ok(()),
        Err(err) => Err(err),
    }
}

/// What narrows the mentions (`None`: any).
#[derive(Debug, Clone, Default)]
pub struct MentionQuery {
    /// Every one of these words, in any form (empty: no word search).
    pub words: String,
    pub sentiment: Option<String>,
    pub platform: Option<String>,
    pub query_id: Option<String>,
    pub since: Option<DateTime<Utc>>,
}

/// The `$match` stages for `q`: the first a single equality on the multikey
/// `terms` index (the longest term, usually the rarest), which every
/// MongoDB-wire server answers from the index; the second the other terms and
/// the filters. `None` when the words have nothing searchable.
pub fn match_stages(workspace: WorkspaceId, q: &MentionQuery) -> Option<Vec<Document>> {
    let mut first = doc! { "workspaceId": workspace.to_string() };
    let mut rest = Document::new();
    if !q.words.trim().is_empty() {
        let mut terms = search_terms([q.words.as_str()]);
        let pivot_at = terms
            .iter()
            .enumerate()
            .max_by_key(|(_, term)| term.chars().count())
            .map(|(at, _)| at)?;
        first.insert("terms", terms.swap_remove(pivot_at));
        if !terms.is_empty() {
            rest.insert("terms", doc! { "$all": terms });
        }
    }
    if let Some(s) = &q.sentiment {
        rest.insert("sentiment", s);
    }
    if let Some(p) = &q.platform {
        rest.insert("platform", p);
    }
    if let Some(id) = &q.query_id {
        rest.insert("queryId", id);
    }
    if let Some(since) = q.since {
        rest.insert("createdAt", doc! { "$gte": at(since) });
    }
    let mut stages = vec![doc! { "$match": first }];
    if !rest.is_empty() {
        stages.push(doc! { "$match": rest });
    }
    Some(stages)
}

/// A page of the mentions, newest first.
pub async fn list(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    q: &MentionQuery,
    skip: u64,
    limit: i64,
) -> Result<Vec<Document>> {
    let Some(mut pipeline) = match_stages(workspace, q) else {
        return Ok(Vec::new());
    };
    pipeline.push(doc! { "$sort": { "createdAt": -1, "_id": -1 } });
    pipeline.push(doc! { "$skip": i64::try_from(skip).unwrap_or(i64::MAX) });
    pipeline.push(doc! { "$limit": limit });
    pipeline.push(doc! { "$project": { "terms": 0 } });
    db.collection::<Document>(MENTIONS).aggregate(pipeline).await?.try_collect().await
}

/// How many mentions `q` finds.
pub async fn count(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    q: &MentionQuery,
) -> Result<u64> {
    let Some(mut pipeline) = match_stages(workspace, q) else {
        return Ok(0);
    };
    pipeline.push(doc! { "$group": { "_id": Bson::Null, "n": { "$sum": 1 } } });
    let found: Vec<Document> =
        db.collection::<Document>(MENTIONS).aggregate(pipeline).await?.try_collect().await?;
    Ok(found
        .first()
        .and_then(|d| d.get("n"))
        .and_then(|n| n.as_i64().or_else(|| n.as_i32().map(i64::from)))
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0))
}

/// (hour, sentiment, mentions) of what `q` finds, by the hour (the caller
/// gathers them into the days of its time zone).
pub async fn volume(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    q: &MentionQuery,
) -> Result<Vec<(DateTime<Utc>, String, i64)>> {
    let Some(mut pipeline) = match_stages(workspace, q) else {
        return Ok(Vec::new());
    };
    pipeline.push(doc! { "$group": {
        "_id": {
            "hour": { "$dateTrunc": { "date": "$createdAt", "unit": "hour" } },
            "sentiment": "$sentiment",
        },
        "n": { "$sum": 1 },
    }});
    let rows: Vec<Document> =
        db.collection::<Document>(MENTIONS).aggregate(pipeline).await?.try_collect().await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let id = r.get_document("_id").ok()?;
            let hour = id.get_datetime("hour").ok()?.to_chrono();
            let sentiment = id.get_str("sentiment").unwrap_or("neutral").to_owned();
            let n = r.get("n").and_then(|n| n.as_i64().or_else(|| n.as_i32().map(i64::from)))?;
            Some((hour, sentiment, n))
        })
        .collect())
}

pub async fn get(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    id: &str,
) -> Result<Option<Document>> {
    db.collection::<Document>(MENTIONS)
        .find_one(doc! { "_id": id, "workspaceId": workspace.to_string() })
        .projection(doc! { "terms": 0 })
        .await
}

/// The mention became an inbox conversation.
pub async fn set_conversation(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    id: &str,
    conversation: &str,
) -> Result<()> {
    db.collection::<Document>(MENTIONS)
        .update_one(
            doc! { "_id": id, "workspaceId": workspace.to_string() },
            doc! { "$set": { "conversationId": conversation } },
        )
        .await?;
    Ok(())
}

/// (value, mentions, mean sentiment score) of each hashtag (`field`
/// `hashtags`) or term (`terms`) in [from, to), the most used first.
pub async fn top_values(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    field: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(String, i64, f64)>> {
    let pipeline = vec![
        doc! { "$match": {
            "workspaceId": workspace.to_string(),
            "createdAt": { "$gte": at(from), "$lt": at(to) },
        }},
        doc! { "$unwind": format!("${field}") },
        doc! { "$group": {
            "_id": format!("${field}"),
            "n": { "$sum": 1 },
            "score": { "$avg": "$sentimentScore" },
        }},
        doc! { "$sort": { "n": -1, "_id": 1 } },
        doc! { "$limit": limit },
    ];
    let rows: Vec<Document> =
        db.collection::<Document>(MENTIONS).aggregate(pipeline).await?.try_collect().await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let value = r.get_str("_id").ok()?.to_owned();
            let n = r.get("n").and_then(|n| n.as_i64().or_else(|| n.as_i32().map(i64::from)))?;
            let score = r.get_f64("score").unwrap_or(0.0);
            Some((value, n, score))
        })
        .collect())
}

/// An author of mentions over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorRow {
    pub platform: String,
    pub username: String,
    pub name: String,
    pub avatar: String,
    pub followers: Option<i64>,
    pub created_at: Option<DateTime<Utc>>,
    pub mentions: i64,
    pub reach: i64,
    pub engagement: i64,
}

/// The authors of the mentions since `since`, by reach, at most `limit`.
pub async fn authors(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<AuthorRow>> {
    let pipeline = vec![
        // Instagram's hashtag media come without their author.
        doc! { "$match": {
            "workspaceId": workspace.to_string(),
            "createdAt": { "$gte": at(since) },
            "author.username": { "$ne": "" },
        } },
        doc! { "$group": {
            "_id": { "platform": "$platform", "username": "$author.username" },
            "name": { "$last": "$author.name" },
            "avatar": { "$last": "$author.avatar" },
            "followers": { "$max": "$author.followers" },
            "createdAt": { "$min": "$author.createdAt" },
            "mentions": { "$sum": 1 },
            "reach": { "$sum": "$reach" },
            "engagement": { "$sum": "$engagement" },
        }},
        doc! { "$sort": { "reach": -1, "_id.username": 1 } },
        doc! { "$limit": limit },
    ];
    let rows: Vec<Document> =
        db.collection::<Document>(MENTIONS).aggregate(pipeline).await?.try_collect().await?;
    let int = |d: &Document, k: &str| {
        d.get(k).and_then(|n| {
            n.as_i64()
                .or_else(|| n.as_i32().map(i64::from))
                .or_else(|| n.as_f64().map(|f| f as i64))
        })
    };
    Ok(rows
        .iter()
        .filter_map(|r| {
            let id = r.get_document("_id").ok()?;
            Some(AuthorRow {
                platform: id.get_str("platform").ok()?.to_owned(),
                username: id.get_str("username").ok()?.to_owned(),
                name: r.get_str("name").unwrap_or_default().to_owned(),
                avatar: r.get_str("avatar").unwrap_or_default().to_owned(),
                followers: int(r, "followers"),
                created_at: r.get_datetime("createdAt").ok().map(|t| t.to_chrono()),
                mentions: int(r, "mentions").unwrap_or(0),
                reach: int(r, "reach").unwrap_or(0),
                engagement: int(r, "engagement").unwrap_or(0),
            })
        })
        .collect())
}

/// Replaces the workspace's trends with `trends` (seed 003 fields).
pub async fn replace_trends(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    trends: Vec<Document>,
) -> Result<()> {
    let collection = db.collection::<Document>(TRENDS);
    collection.delete_many(doc! { "workspaceId": workspace.to_string() }).await?;
    if !trends.is_empty() {
        collection.insert_many(trends).await?;
    }
    Ok(())
}

/// The workspace's trends, fastest growing first.
pub async fn trends(db: &mongodb::Database, workspace: WorkspaceId) -> Result<Vec<Document>> {
    db.collection::<Document>(TRENDS)
        .find(doc! { "workspaceId": workspace.to_string() })
        .sort(doc! { "volume": -1, "value": 1 })
        .limit(200)
        .await?
        .try_collect()
        .await
}

/// Writes an influencer's figures, keeping the lists they were saved to.
pub async fn upsert_influencer(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    platform: &str,
    username: &str,
    fields: Document,
) -> Result<()> {
    db.collection::<Document>(INFLUENCERS)
        .update_one(
            doc! { "workspaceId": workspace.to_string(), "platform": platform, "username": username },
            doc! { "$set": fields, "$setOnInsert": { "tags": Vec::<String>::new() } },
        )
        .upsert(true)
        .await?;
    Ok(())
}

/// The workspace's influencers (only those on `list` when given), by score.
pub async fn influencers(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    list: Option<&str>,
) -> Result<Vec<Document>> {
    let mut filter = doc! { "workspaceId": workspace.to_string() };
    if let Some(list) = list {
        filter.insert("tags", list);
    }
    db.collection::<Document>(INFLUENCERS)
        .find(filter)
        .sort(doc! { "score": -1, "username": 1 })
        .limit(100)
        .await?
        .try_collect()
        .await
}

/// Adds an influencer to a list; false when the workspace has no such one.
pub async fn add_to_list(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    platform: &str,
    username: &str,
    list: &str,
) -> Result<bool> {
    let done = db
        .collection::<Document>(INFLUENCERS)
        .update_one(
            doc! { "workspaceId": workspace.to_string(), "platform": platform, "username": username },
            doc! { "$addToSet": { "tags": list } },
        )
        .await?;
    Ok(done.matched_count == 1)
}

/// The names of the workspace's influencer lists.
pub async fn lists(db: &mongodb::Database, workspace: WorkspaceId) -> Result<Vec<String>> {
    let values = db
        .collection::<Document>(INFLUENCERS)
        .distinct("tags", doc! { "workspaceId": workspace.to_string() })
        .await?;
    let mut lists: Vec<String> =
        values.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    lists.sort();
    Ok(lists)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> WorkspaceId {
        WorkspaceId(uuid::Uuid::nil())
    }

    fn words(w: &str) -> MentionQuery {
        MentionQuery { words: w.to_owned(), ..MentionQuery::default() }
    }

    #[test]
    fn leads_with_the_longest_term_on_the_index() {
        let stages = match_stages(workspace(), &words("cold brew coffee")).unwrap();
        let coffee = search_terms(["coffee"]).remove(0);
        assert_eq!(stages[0].get_document("$match").unwrap().get_str("terms").unwrap(), coffee);
        let rest = stages[1].get_document("$match").unwrap().get_document("terms").unwrap();
        assert_eq!(rest.get_array("$all").unwrap().len(), 2);
    }

    #[test]
    fn a_single_term_needs_no_second_filter_unless_filtered() {
        assert_eq!(match_stages(workspace(), &words("Espresso!")).unwrap().len(), 1);
        let filtered = MentionQuery { sentiment: Some("negative".into()), ..words("Espresso") };
        let stages = match_stages(workspace(), &filtered).unwrap();
        assert_eq!(
            stages[1].get_document("$match").unwrap().get_str("sentiment").unwrap(),
            "negative"
        );
    }

    #[test]
    fn words_without_anything_searchable_search_nothing() {
        assert!(match_stages(workspace(), &words("the & a")).is_none());
        assert_eq!(match_stages(workspace(), &words("")).unwrap().len(), 1);
    }
}
