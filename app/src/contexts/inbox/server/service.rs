//! Use cases of the inbox: what a platform delivers becomes a thread's message,
//! scored for sentiment, in every workspace that connected the account.

use std::sync::LazyLock;

use sqlx::PgPool;

use super::meta::Incoming;
use super::repo::{self, NewThread};
use crate::contexts::content::server::service as content;
use crate::contexts::inbox::rules;
use crate::contexts::integrations::server::service::accounts_by_platform_id;
use crate::error::AppError;

static VADER: LazyLock<vader_sentiment::SentimentIntensityAnalyzer<'static>> =
    LazyLock::new(vader_sentiment::SentimentIntensityAnalyzer::new);

/// A text's VADER compound score (−1…1); `None` for a text with no words.
pub fn sentiment_score(text: &str) -> Option<f64> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    VADER.polarity_scores(text).get("compound").copied()
}

/// What a delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ingested {
    /// Messages stored (one per workspace that has the account).
    pub stored: usize,
    /// Messages a thread had already (a redelivery).
    pub repeated: usize,
    /// Items for an account no workspace has connected (or that is paused).
    pub unknown: usize,
}

/// Stores each item in the threads of the workspaces that connected its
/// account; a message a thread has already changes nothing.
pub async fn ingest(pg: &PgPool, items: &[Incoming]) -> Result<Ingested, AppError> {
    let mut done = Ingested::default();
    for item in items {
        let owners = accounts_by_platform_id(pg, item.platform, &item.account).await?;
        if owners.is_empty() {
            done.unknown += 1;
            continue;
        }
        let score = sentiment_score(&item.text);
        for (workspace, account) in owners {
            let mut tx = pg.begin().await?;
            let post = match &item.post_id {
                Some(id) => content::post_by_platform_id(&mut *tx, workspace, account, id).await?,
                None => None,
            };
            let thread = NewThread {
                account,
                platform: item.platform.as_str(),
                kind: item.kind.as_str(),
                thread_key: &item.thread_key,
                participant_id: &item.participant_id,
                participant_name: &item.participant_name,
                platform_post_id: item.post_id.as_deref(),
                post_id: post,
                started_at: item.sent_at,
            };
            let conversation = repo::thread(&mut tx, workspace, &thread).await?;
            let stored = repo::insert_inbound(
                &mut tx,
                workspace,
                conversation,
                &item.message_id,
                &item.text,
                score,
                item.sent_at,
            )
            .await?;
            if stored.is_none() {
                done.repeated += 1;
                continue;
            }
            let scores: Vec<f64> = repo::inbound_scores(&mut tx, workspace, conversation)
                .await?
                .into_iter()
                .map(f64::from)
                .collect();
            let sentiment = rules::conversation_sentiment(&scores).map(|s| s.as_str());
            repo::touch(&mut tx, workspace, conversation, item.sent_at, sentiment).await?;
            tx.commit().await?;
            done.stored += 1;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vader_scores_what_people_write() {
        assert!(sentiment_score("I love this coffee, thank you!").unwrap() >= rules::POSITIVE_FROM);
        assert!(
            sentiment_score("The order arrived broken and nobody answers. Terrible.").unwrap()
                <= rules::NEGATIVE_FROM
        );
        let neutral = sentiment_score("What time do you open on Sunday?").unwrap();
        assert!(neutral.abs() < rules::POSITIVE_FROM, "{neutral}");
        assert_eq!(sentiment_score("  👍 "), None);
    }
}
