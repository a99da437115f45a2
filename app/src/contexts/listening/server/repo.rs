//! MongoDB operations on mentions. Every function takes the workspace first.

use futures::TryStreamExt;
use mongodb::bson::{Document, doc};

use super::collections::MENTIONS;
use super::search_terms::search_terms;
use crate::kernel::WorkspaceId;

/// The aggregation that finds a workspace's mentions containing every term of
/// `query`, newest first. The first stage is a single equality on the multikey
/// `terms` index (the longest term, usually the rarest), which every MongoDB-wire
/// server can answer from the index; the other terms filter what it returns.
/// `None` when the query has no searchable words.
pub fn search_pipeline(workspace: WorkspaceId, query: &str, limit: i64) -> Option<Vec<Document>> {
    let mut terms = search_terms([query]);
    let pivot_at =
        terms.iter().enumerate().max_by_key(|(_, term)| term.chars().count()).map(|(at, _)| at)?;
    let pivot = terms.swap_remove(pivot_at);
    let mut pipeline =
        vec![doc! { "$match": { "workspaceId": workspace.to_string(), "terms": pivot } }];
    if !terms.is_empty() {
        pipeline.push(doc! { "$match": { "terms": { "$all": terms } } });
    }
    pipeline.push(doc! { "$sort": { "createdAt": -1 } });
    pipeline.push(doc! { "$limit": limit });
    Some(pipeline)
}

/// The workspace's mentions matching `query` (see [`search_pipeline`]).
pub async fn search_mentions(
    db: &mongodb::Database,
    workspace: WorkspaceId,
    query: &str,
    limit: i64,
) -> mongodb::error::Result<Vec<Document>> {
    let Some(pipeline) = search_pipeline(workspace, query, limit) else {
        return Ok(Vec::new());
    };
    db.collection::<Document>(MENTIONS).aggregate(pipeline).await?.try_collect().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> WorkspaceId {
        WorkspaceId(uuid::Uuid::nil())
    }

    #[test]
    fn leads_with_the_longest_term_on_the_index() {
        let pipeline = search_pipeline(workspace(), "cold brew coffee", 20).unwrap();
        let coffee = search_terms(["coffee"]).remove(0);
        assert_eq!(pipeline[0].get_document("$match").unwrap().get_str("terms").unwrap(), coffee);
        let rest = pipeline[1].get_document("$match").unwrap().get_document("terms").unwrap();
        assert_eq!(rest.get_array("$all").unwrap().len(), 2);
    }

    #[test]
    fn a_single_term_needs_no_second_filter() {
        let pipeline = search_pipeline(workspace(), "Espresso!", 5).unwrap();
        assert_eq!(pipeline.len(), 3);
    }

    #[test]
    fn a_query_without_words_searches_nothing() {
        assert!(search_pipeline(workspace(), "the & a", 5).is_none());
    }
}
