//! Every SQL statement of the inbox: `conversations` and `messages`. Every
//! query names the workspace.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::kernel::{ConversationId, PostId, SocialAccountId, WorkspaceId};

/// A thread as a platform first delivers it.
pub struct NewThread<'a> {
    pub account: SocialAccountId,
    pub platform: &'a str,
    pub kind: &'a str,
    pub thread_key: &'a str,
    pub participant_id: &'a str,
    pub participant_name: &'a str,
    pub platform_post_id: Option<&'a str>,
    pub post_id: Option<PostId>,
    pub started_at: DateTime<Utc>,
}

/// The thread named by (account, kind, key), made if it is new.
pub async fn thread(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    t: &NewThread<'_>,
) -> Result<ConversationId, sqlx::Error> {
    // A no-op update on a conflict returns the existing row's id (and waits for
    // a concurrent insert of the same thread to commit).
    sqlx::query_scalar(
        "INSERT INTO conversations (workspace_id, account_id, platform, type, thread_key,
                                    participant_id, participant_name, platform_post_id, post_id,
                                    created_at, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (workspace_id, account_id, type, thread_key)
         DO UPDATE SET thread_key = EXCLUDED.thread_key
         RETURNING id",
    )
    .bind(workspace)
    .bind(t.account)
    .bind(t.platform)
    .bind(t.kind)
    .bind(t.thread_key)
    .bind(t.participant_id)
    .bind(t.participant_name)
    .bind(t.platform_post_id)
    .bind(t.post_id)
    .bind(t.started_at)
    .fetch_one(&mut *tx)
    .await
}

/// Stores an inbound message once: `None` when the thread has it already (a
/// redelivery).
pub async fn insert_inbound(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    platform_message_id: &str,
    content: &str,
    sentiment: Option<f64>,
    sent_at: DateTime<Utc>,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO messages (workspace_id, conversation_id, direction, content,
                               platform_message_id, sentiment, created_at)
         VALUES ($1, $2, 'inbound', $3, $4, $5, $6)
         ON CONFLICT (conversation_id, platform_message_id)
             WHERE platform_message_id IS NOT NULL DO NOTHING
         RETURNING id",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(content)
    .bind(platform_message_id)
    .bind(sentiment.map(|s| s as f32))
    .bind(sent_at)
    .fetch_optional(&mut *tx)
    .await
}

/// The sentiment scores of what the other person wrote in the thread.
pub async fn inbound_scores(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
) -> Result<Vec<f32>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT sentiment FROM messages
         WHERE workspace_id = $1 AND conversation_id = $2 AND direction = 'inbound'
           AND sentiment IS NOT NULL",
    )
    .bind(workspace)
    .bind(conversation)
    .fetch_all(&mut *tx)
    .await
}

/// After a new message: the thread's latest activity and sentiment, and a
/// resolved or archived thread opens again.
pub async fn touch(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    at: DateTime<Utc>,
    sentiment: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations
         SET last_message_at = greatest(last_message_at, $3), updated_at = now(),
             sentiment = coalesce($4, sentiment),
             status = CASE WHEN status IN ('resolved', 'archived') THEN 'open' ELSE status END
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(at)
    .bind(sentiment)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
