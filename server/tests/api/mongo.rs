//! MongoDB collections and indexes against a real MongoDB-wire server, each test in
//! a database of its own.

use app::contexts::ai::server::collections::AI_CACHE;
use app::contexts::engagement::server::collections::ENGAGEMENT_METRICS;
use app::contexts::listening::server::collections::MENTIONS;
use app::contexts::listening::server::repo::{MentionQuery, list as list_mentions, match_stages};
use app::contexts::listening::server::search_terms::search_terms;
use app::error::AppError;
use app::kernel::WorkspaceId;
use app::root::collections::all as all_collections;
use app::server::mongo::ensure_collections;
use futures::TryStreamExt;
use mongodb::bson::{Document, doc};

use crate::helpers::fresh_mongo;

async fn index_names(db: &mongodb::Database, collection: &str) -> Vec<String> {
    db.collection::<Document>(collection).list_index_names().await.unwrap()
}

#[tokio::test]
async fn collections_and_indexes_are_created_idempotently() {
    let db = fresh_mongo().await;
    ensure_collections(&db, &all_collections()).await.expect("second run is a no-op");
    let collections = db.list_collection_names().await.unwrap();
    for spec in all_collections() {
        assert!(collections.iter().any(|c| c == spec.name), "{} missing", spec.name);
        let names = index_names(&db, spec.name).await;
        for model in &spec.indexes {
            let name = model.options.as_ref().and_then(|o| o.name.clone()).unwrap();
            assert!(names.contains(&name), "{}.{name} missing: {names:?}", spec.name);
        }
    }
    assert_eq!(all_collections().len(), 10, "the ten collections of seeds 000 and 003");
    db.drop().await.unwrap();
}

#[tokio::test]
async fn ai_cache_expires_after_a_day_and_keys_are_unique() {
    let db = fresh_mongo().await;
    let indexes: Vec<_> = db
        .collection::<Document>(AI_CACHE)
        .list_indexes()
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    let ttl = indexes.iter().find(|i| i.keys == doc! { "createdAt": 1 }).expect("TTL index");
    let expire = ttl.options.as_ref().and_then(|o| o.expire_after).unwrap();
    assert_eq!(expire.as_secs(), 24 * 60 * 60);
    let key = indexes.iter().find(|i| i.keys == doc! { "cacheKey": 1 }).expect("key index");
    assert_eq!(key.options.as_ref().and_then(|o| o.unique), Some(true));

    let cache = db.collection::<Document>(AI_CACHE);
    let entry = doc! { "cacheKey": "caption:abc", "workspaceId": "w1", "createdAt": mongodb::bson::DateTime::now() };
    cache.insert_one(entry.clone()).await.unwrap();
    let err = cache.insert_one(entry).await.unwrap_err();
    assert_eq!(AppError::from(err), AppError::Conflict("duplicate_key".into()));
    db.drop().await.unwrap();
}

#[tokio::test]
async fn engagement_metrics_is_a_time_series_kept_one_year() {
    let db = fresh_mongo().await;
    let spec = db
        .list_collections()
        .filter(doc! { "name": ENGAGEMENT_METRICS })
        .await
        .unwrap()
        .try_next()
        .await
        .unwrap()
        .expect("collection exists");
    let ts = spec.options.timeseries.expect("time-series options");
    assert_eq!(ts.time_field, "timestamp");
    assert_eq!(ts.meta_field.as_deref(), Some("metadata"));
    assert_eq!(spec.options.expire_after_seconds.map(|d| d.as_secs()), Some(365 * 24 * 60 * 60));
    db.drop().await.unwrap();
}

async fn insert_mention(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    content: &str,
    author: &str,
) {
    db.collection::<Document>(MENTIONS)
        .insert_one(doc! {
            "workspaceId": workspace.to_string(),
            "platform": "instagram",
            "author": { "username": author.to_lowercase(), "name": author },
            "content": content,
            "terms": search_terms([content, author]),
            "createdAt": mongodb::bson::DateTime::now(),
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn mention_search_matches_word_forms_within_the_workspace_only() {
    let db = fresh_mongo().await;
    let mine = WorkspaceId(uuid::Uuid::new_v4());
    let theirs = WorkspaceId(uuid::Uuid::new_v4());
    insert_mention(&db, mine, "Loving the new cold brew at Northwind!", "Ana Roaster").await;
    insert_mention(&db, mine, "Espresso was burnt today", "Ben").await;
    insert_mention(&db, theirs, "Cold brew season again", "Cy").await;

    let search = |words: &str| MentionQuery { words: words.to_owned(), ..MentionQuery::default() };
    let found = list_mentions(&db, mine, &search("cold brewing"), 0, 20).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].get_str("content").unwrap(), "Loving the new cold brew at Northwind!");
    assert_eq!(list_mentions(&db, mine, &search("ROASTERS"), 0, 20).await.unwrap().len(), 1);
    assert!(list_mentions(&db, mine, &search("latte"), 0, 20).await.unwrap().is_empty());
    assert_eq!(list_mentions(&db, theirs, &search("cold brew"), 0, 20).await.unwrap().len(), 1);
    db.drop().await.unwrap();
}

#[tokio::test]
async fn mention_search_is_answered_from_the_terms_index() {
    let db = fresh_mongo().await;
    let workspace = WorkspaceId(uuid::Uuid::new_v4());
    for n in 0..50 {
        insert_mention(&db, workspace, &format!("post number {n} about pastries"), "Dee").await;
    }
    insert_mention(&db, workspace, "cold brew", "Eve").await;
    let words = MentionQuery { words: "cold brew".to_owned(), ..MentionQuery::default() };
    let mut pipeline = match_stages(workspace, &words).unwrap();
    pipeline.push(doc! { "$sort": { "createdAt": -1 } });
    pipeline.push(doc! { "$limit": 20 });
    let explain = db
        .run_command(doc! {
            "explain": { "aggregate": MENTIONS, "pipeline": pipeline, "cursor": {} },
            "verbosity": "queryPlanner",
        })
        .await
        .unwrap();
    let text = explain.to_string();
    assert!(text.contains("IXSCAN") && text.contains("workspace_terms"), "{text}");
    db.drop().await.unwrap();
}
