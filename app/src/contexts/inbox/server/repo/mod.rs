//! Every SQL statement of the inbox: `conversations` and `messages` here, how
//! the workspace works them (settings, SLA policies and clocks) in `sla`, where
//! polling stopped in `poll`.
//! Every query names the workspace.

pub mod poll;
pub mod sla;

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::kernel::{ConversationId, PostId, SocialAccountId, UserId, WorkspaceId};

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
    /// How many follow the person, where the platform says.
    pub followers: Option<i32>,
}

/// The thread named by (account, kind, key), made if it is new (`true`).
pub async fn thread(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    t: &NewThread<'_>,
) -> Result<(ConversationId, bool), sqlx::Error> {
    // A no-op update on a conflict returns the existing row's id (and waits for
    // a concurrent insert of the same thread to commit).
    sqlx::query_as(
        "INSERT INTO conversations (workspace_id, account_id, platform, type, thread_key,
                                    participant_id, participant_name, platform_post_id, post_id,
                                    created_at, last_message_at, participant_followers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)
         ON CONFLICT (workspace_id, account_id, type, thread_key)
         DO UPDATE SET thread_key = EXCLUDED.thread_key,
             participant_followers = coalesce(EXCLUDED.participant_followers,
                                              conversations.participant_followers)
         RETURNING id, (xmax = 0) AS created",
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
    .bind(t.followers)
    .fetch_one(&mut *tx)
    .await
}

/// The thread named by (account, kind, key), if there is one.
pub async fn thread_id(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    kind: &str,
    thread_key: &str,
) -> Result<Option<ConversationId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM conversations
         WHERE workspace_id = $1 AND account_id = $2 AND type = $3 AND thread_key = $4",
    )
    .bind(workspace)
    .bind(account)
    .bind(kind)
    .bind(thread_key)
    .fetch_optional(db)
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

/// After a new message from the person: the thread's latest activity and
/// sentiment (unless a person set it), and it is open again (pending, snoozed,
/// resolved or archived as it was).
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
             sentiment = CASE WHEN sentiment_manual THEN sentiment ELSE coalesce($4, sentiment) END,
             status = 'open',
             snoozed_until = NULL
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

/// What narrows the list (`None`: any).
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub status: String,
    pub platform: Option<String>,
    pub kind: Option<String>,
    pub priority: Option<String>,
    pub sentiment: Option<String>,
    pub account: Option<SocialAccountId>,
    pub assignee: Option<UserId>,
    pub unassigned: bool,
    pub tag: Option<String>,
    /// Only those whose SLA deadline is before this (due soon or overdue).
    pub due_before: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: ConversationId,
    pub account_id: SocialAccountId,
    pub platform: String,
    pub kind: String,
    pub participant_name: String,
    pub status: String,
    pub priority: String,
    pub sentiment: Option<String>,
    pub assigned_to_id: Option<UserId>,
    pub last_message_at: DateTime<Utc>,
    pub preview: Option<String>,
    pub unread: bool,
    pub sla_deadline: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
}

const FILTERS: &str = "c.workspace_id = $1 AND c.status = $2
    AND ($3::text IS NULL OR c.platform = $3) AND ($4::text IS NULL OR c.type = $4)
    AND ($5::text IS NULL OR c.priority = $5) AND ($6::text IS NULL OR c.sentiment = $6)
    AND ($7::uuid IS NULL OR c.account_id = $7) AND ($8::uuid IS NULL OR c.assigned_to_id = $8)
    AND (NOT $9 OR c.assigned_to_id IS NULL)
    AND ($10::text IS NULL OR c.tags @> ARRAY[$10::text])
    AND ($11::timestamptz IS NULL OR c.sla_deadline < $11)";

fn bind_filter<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments>,
    workspace: WorkspaceId,
    f: &'q ListFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments> {
    query
        .bind(workspace)
        .bind(&f.status)
        .bind(&f.platform)
        .bind(&f.kind)
        .bind(&f.priority)
        .bind(&f.sentiment)
        .bind(f.account)
        .bind(f.assignee)
        .bind(f.unassigned)
        .bind(&f.tag)
        .bind(f.due_before)
}

/// A page of the workspace's conversations, most urgent then most recent
/// first, each with its latest message's first words and whether `reader`
/// has seen it since.
pub async fn list(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    f: &ListFilter,
    reader: UserId,
    limit: i64,
    offset: i64,
) -> Result<Vec<LineRow>, sqlx::Error> {
    let sql = format!(
        "SELECT c.id, c.account_id, c.platform, c.type AS kind, c.participant_name, c.status,
                c.priority, c.sentiment, c.assigned_to_id, c.last_message_at, c.sla_deadline,
                c.tags,
                (SELECT left(m.content, 160) FROM messages m
                 WHERE m.conversation_id = c.id ORDER BY m.created_at DESC LIMIT 1) AS preview,
                (r.read_at IS NULL OR r.read_at < c.last_message_at) AS unread
         FROM conversations c
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $12
         WHERE {FILTERS}
         ORDER BY c.priority_rank DESC, c.last_message_at DESC, c.id
         LIMIT $13 OFFSET $14"
    );
    bind_filter(sqlx::query_as(&sql), workspace, f)
        .bind(reader)
        .bind(limit)
        .bind(offset)
        .fetch_all(db)
        .await
}

pub async fn count(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    f: &ListFilter,
) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT count(*) FROM conversations c WHERE {FILTERS}");
    let (n,): (i64,) = bind_filter(sqlx::query_as(&sql), workspace, f).fetch_one(db).await?;
    Ok(n)
}

/// Open conversations for `user` (theirs or nobody's) with something new since
/// they last opened them: the navigation's count.
pub async fn count_unread(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM conversations c
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $2
         WHERE c.workspace_id = $1 AND c.status = 'open'
           AND (c.assigned_to_id = $2 OR c.assigned_to_id IS NULL)
           AND (r.read_at IS NULL OR r.read_at < c.last_message_at)",
    )
    .bind(workspace)
    .bind(user)
    .fetch_one(db)
    .await
}

/// Open or pending conversations of `user` or nobody whose SLA deadline is
/// before `due`.
pub async fn count_at_risk(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    due: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM conversations
         WHERE workspace_id = $1 AND sla_deadline < $3 AND status IN ('open', 'pending')
           AND (assigned_to_id = $2 OR assigned_to_id IS NULL)",
    )
    .bind(workspace)
    .bind(user)
    .bind(due)
    .fetch_one(db)
    .await
}

/// How many of the workspace's conversations changed after `since`, and when
/// the newest of them did.
pub async fn changed_since(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*), max(updated_at) FROM conversations
         WHERE workspace_id = $1 AND updated_at > $2",
    )
    .bind(workspace)
    .bind(since)
    .fetch_one(db)
    .await
}

/// Snoozed conversations whose time has come are open again.
pub async fn wake_snoozed(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now()
         WHERE workspace_id = $1 AND status = 'pending' AND snoozed_until <= now()",
    )
    .bind(workspace)
    .execute(db)
    .await?
    .rows_affected())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConversationRow {
    pub id: ConversationId,
    pub account_id: SocialAccountId,
    pub platform: String,
    pub kind: String,
    pub thread_key: String,
    pub participant_id: String,
    pub participant_name: String,
    pub status: String,
    pub priority: String,
    pub sentiment: Option<String>,
    pub sentiment_manual: bool,
    pub assigned_to_id: Option<UserId>,
    pub tags: Vec<String>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub platform_post_id: Option<String>,
    pub post_id: Option<PostId>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub priority_manual: bool,
    pub participant_followers: Option<i32>,
    pub sla_deadline: Option<DateTime<Utc>>,
    pub sla_outcome: Option<String>,
    pub lead_id: Option<uuid::Uuid>,
    pub reply_draft: Option<String>,
    pub reply_draft_meta: Option<serde_json::Value>,
    pub bot_handover: Option<String>,
}

pub async fn conversation(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    id: ConversationId,
) -> Result<Option<ConversationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, account_id, platform, type AS kind, thread_key, participant_id,
                participant_name, status, priority, sentiment, sentiment_manual, assigned_to_id,
                tags, snoozed_until, platform_post_id, post_id, first_response_at,
                priority_manual, participant_followers, sla_deadline, sla_outcome, lead_id,
                reply_draft, reply_draft_meta, bot_handover
         FROM conversations WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(id)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: uuid::Uuid,
    pub direction: String,
    pub content: String,
    pub platform_message_id: Option<String>,
    pub author_id: Option<UserId>,
    pub sentiment: Option<f32>,
    pub ai_generated: bool,
    pub delivery: Option<String>,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The thread's messages, oldest first (the latest 500).
pub async fn messages(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT * FROM (
             SELECT id, direction, content, platform_message_id, author_id, sentiment,
                    ai_generated, delivery, error, created_at
             FROM messages WHERE workspace_id = $1 AND conversation_id = $2
             ORDER BY created_at DESC, id DESC LIMIT 500) latest
         ORDER BY created_at, id",
    )
    .bind(workspace)
    .bind(conversation)
    .fetch_all(db)
    .await
}

/// (author, body, when) of the thread's internal notes, oldest first.
pub async fn notes(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
) -> Result<Vec<(Option<UserId>, String, DateTime<Utc>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT author_id, body, created_at FROM conversation_notes
         WHERE workspace_id = $1 AND conversation_id = $2 ORDER BY created_at, id",
    )
    .bind(workspace)
    .bind(conversation)
    .fetch_all(db)
    .await
}

pub async fn insert_note(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    author: UserId,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO conversation_notes (workspace_id, conversation_id, author_id, body)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(author)
    .bind(body)
    .execute(db)
    .await?;
    Ok(())
}

/// The same person's other threads on the account, latest first.
pub async fn others(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    participant: &str,
    except: ConversationId,
) -> Result<Vec<(ConversationId, String, DateTime<Utc>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, type, last_message_at FROM conversations
         WHERE workspace_id = $1 AND account_id = $2 AND participant_id = $3 AND id <> $4
         ORDER BY last_message_at DESC LIMIT 10",
    )
    .bind(workspace)
    .bind(account)
    .bind(participant)
    .bind(except)
    .fetch_all(db)
    .await
}

/// The conversation's participant is this CRM lead.
pub async fn set_lead(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    lead: uuid::Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations SET lead_id = $3, updated_at = now()
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(lead)
    .execute(db)
    .await?;
    Ok(())
}

/// `user` has seen the thread up to `at`.
pub async fn mark_read(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    user: UserId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO conversation_reads (workspace_id, conversation_id, user_id, read_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (conversation_id, user_id)
         DO UPDATE SET read_at = greatest(conversation_reads.read_at, EXCLUDED.read_at)",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(user)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// What a person sets on a thread.
pub struct Triage<'a> {
    pub status: &'a str,
    pub priority: &'a str,
    /// A person chose the priority: the rules leave it.
    pub priority_manual: bool,
    pub assignee: Option<UserId>,
    pub tags: &'a [String],
    pub sentiment: Option<&'a str>,
    pub sentiment_manual: bool,
    pub snoozed_until: Option<DateTime<Utc>>,
}

/// False when the workspace has no such thread.
pub async fn triage(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    t: &Triage<'_>,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE conversations
         SET status = $3, priority = $4, assigned_to_id = $5, tags = $6, sentiment = $7,
             sentiment_manual = $8, snoozed_until = $9, priority_manual = $10, updated_at = now(),
             resolved_at = CASE WHEN $3 = 'resolved' THEN coalesce(resolved_at, now()) ELSE NULL END
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(t.status)
    .bind(t.priority)
    .bind(t.assignee)
    .bind(t.tags)
    .bind(t.sentiment)
    .bind(t.sentiment_manual)
    .bind(t.snoozed_until)
    .bind(t.priority_manual)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// A reply a member sends.
pub struct Outbound<'a> {
    pub author: UserId,
    pub content: &'a str,
    /// Sent from the model's draft.
    pub ai_generated: bool,
    /// The form's one-time token: the same form sent twice stores one reply.
    pub token: Option<uuid::Uuid>,
    /// Kept for an approval chain instead of sent (`awaiting_approval`).
    pub held: bool,
}

/// A reply on its way: kept before it is sent, so a failure keeps its text.
/// `None` when a reply with the same form token is there already.
pub async fn insert_outbound(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    reply: &Outbound<'_>,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO messages (workspace_id, conversation_id, direction, content, author_id,
                               delivery, ai_generated, client_token)
         VALUES ($1, $2, 'outbound', $3, $4, $7, $5, $6)
         ON CONFLICT (conversation_id, client_token) WHERE client_token IS NOT NULL DO NOTHING
         RETURNING id",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(reply.content)
    .bind(reply.author)
    .bind(reply.ai_generated)
    .bind(reply.token)
    .bind(if reply.held { "awaiting_approval" } else { "sending" })
    .fetch_optional(db)
    .await
}

/// Keeps the model's draft of the next reply on the conversation (`None`
/// clears it).
pub async fn set_reply_draft(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    draft: Option<(&str, &serde_json::Value)>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations SET reply_draft = $3, reply_draft_meta = $4
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(draft.map(|(text, _)| text))
    .bind(draft.map(|(_, meta)| meta))
    .execute(db)
    .await?;
    Ok(())
}

/// How the reply fared: the platform's id, or why it failed. A reply a
/// person sent is the thread's first response if none came before (a
/// chatbot's is not).
pub async fn finish_outbound(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    message: uuid::Uuid,
    outcome: Result<&str, &str>,
) -> Result<(), sqlx::Error> {
    let (delivery, platform_id, error) = match outcome {
        Ok(id) => ("sent", Some(id), None),
        Err(why) => ("failed", None, Some(why)),
    };
    sqlx::query(
        "UPDATE messages SET delivery = $3, platform_message_id = $4, error = $5
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(message)
    .bind(delivery)
    .bind(platform_id)
    .bind(error)
    .execute(&mut *tx)
    .await?;
    if outcome.is_ok() {
        sqlx::query(
            "UPDATE conversations c
             SET first_response_at = CASE WHEN m.author_id IS NULL THEN c.first_response_at
                                          ELSE coalesce(c.first_response_at, now()) END,
                 updated_at = now()
             FROM messages m
             WHERE c.workspace_id = $1 AND c.id = $2 AND m.workspace_id = $1 AND m.id = $3",
        )
        .bind(workspace)
        .bind(conversation)
        .bind(message)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// The workspace's latest open conversation of `kind` (the demo's held reply).
pub async fn latest_open(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    kind: &str,
) -> Result<Option<ConversationId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM conversations
         WHERE workspace_id = $1 AND type = $2 AND status = 'open'
         ORDER BY last_message_at DESC, id LIMIT 1",
    )
    .bind(workspace)
    .bind(kind)
    .fetch_optional(db)
    .await
}

/// A reply waiting for approval in the conversation: its author and text.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldReply {
    pub author_id: Option<UserId>,
    pub content: String,
}

pub async fn held_reply(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    message: uuid::Uuid,
) -> Result<Option<HeldReply>, sqlx::Error> {
    sqlx::query_as(
        "SELECT author_id, content FROM messages
         WHERE workspace_id = $1 AND conversation_id = $2 AND id = $3
           AND direction = 'outbound' AND delivery = 'awaiting_approval'
         FOR UPDATE",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(message)
    .fetch_optional(db)
    .await
}

/// Moves a held reply on: `sending` once approved, `returned` with the
/// approver's words when changes were asked for.
pub async fn release_held(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    message: uuid::Uuid,
    delivery: &str,
    error: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE messages SET delivery = $3, error = $4
         WHERE workspace_id = $1 AND id = $2 AND delivery = 'awaiting_approval'",
    )
    .bind(workspace)
    .bind(message)
    .bind(delivery)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// How many replies wait on `user`'s approval, and the conversation of the
/// oldest (the Home card).
pub async fn replies_waiting_for(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<(i64, Option<ConversationId>), sqlx::Error> {
    let rows: Vec<(ConversationId, i64)> = sqlx::query_as(
        "SELECT m.conversation_id, count(*) OVER ()
         FROM approvals a
         JOIN messages m ON m.workspace_id = a.workspace_id AND m.id = a.message_id
         WHERE a.workspace_id = $1 AND a.approver_id = $2 AND a.status = 'pending'
         ORDER BY a.created_at, a.id
         LIMIT 1",
    )
    .bind(workspace)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows.first().map_or((0, None), |(c, n)| (*n, Some(*c))))
}

// ---- The chatbot ------------------------------------------------------------

/// A message the chatbot may answer, with its thread.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BotMessage {
    pub conversation_id: ConversationId,
    pub content: String,
    pub created_at: DateTime<Utc>,
    pub inbound: bool,
    pub bot_stopped: bool,
    /// Someone on the team has answered in the thread.
    pub person_replied: bool,
    /// The bot's latest message in the thread.
    pub bot_said_at: Option<DateTime<Utc>>,
}

pub async fn bot_message(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    message: uuid::Uuid,
) -> Result<Option<BotMessage>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.conversation_id, m.content, m.created_at, m.direction = 'inbound' AS inbound,
                c.bot_stopped_at IS NOT NULL AS bot_stopped,
                EXISTS (SELECT 1 FROM messages o
                        WHERE o.workspace_id = $1 AND o.conversation_id = c.id
                          AND o.direction = 'outbound' AND o.author_id IS NOT NULL) AS person_replied,
                (SELECT max(o.created_at) FROM messages o
                 WHERE o.workspace_id = $1 AND o.conversation_id = c.id
                   AND o.direction = 'outbound' AND o.author_id IS NULL) AS bot_said_at
         FROM messages m JOIN conversations c ON c.workspace_id = m.workspace_id
                                              AND c.id = m.conversation_id
         WHERE m.workspace_id = $1 AND m.id = $2",
    )
    .bind(workspace)
    .bind(message)
    .fetch_optional(db)
    .await
}

/// Keeps the chatbot's answer to `answers` before it is sent: `None` when that
/// message has an answer already (it is never answered twice).
pub async fn insert_automatic(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    content: &str,
    answers: uuid::Uuid,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO messages (workspace_id, conversation_id, direction, content, delivery,
                               ai_generated, answers_message_id)
         VALUES ($1, $2, 'outbound', $3, 'sending', true, $4)
         ON CONFLICT (answers_message_id) WHERE answers_message_id IS NOT NULL DO NOTHING
         RETURNING id",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(content)
    .bind(answers)
    .fetch_optional(db)
    .await
}

/// The bot leaves the thread to the team, saying why.
pub async fn stop_bot(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
    why: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations SET bot_stopped_at = coalesce(bot_stopped_at, now()),
                                  bot_handover = coalesce(bot_handover, $3)
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(why)
    .execute(db)
    .await?;
    Ok(())
}

/// A message as the demo seeds it: either way, at its own time.
pub struct DemoMessage<'a> {
    pub inbound: bool,
    pub content: &'a str,
    pub platform_message_id: &'a str,
    pub author: Option<UserId>,
    pub sentiment: Option<f64>,
    pub at: DateTime<Utc>,
    /// Sent from the model's draft.
    pub ai_generated: bool,
}

pub async fn insert_demo_message(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    m: &DemoMessage<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO messages (workspace_id, conversation_id, direction, content,
                               platform_message_id, author_id, sentiment, delivery, created_at,
                               ai_generated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(if m.inbound { "inbound" } else { "outbound" })
    .bind(m.content)
    .bind(m.platform_message_id)
    .bind(m.author)
    .bind(m.sentiment.map(|s| s as f32))
    .bind((!m.inbound).then_some("sent"))
    .bind(m.at)
    .bind(m.ai_generated)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The demo's times: the last message, the first answer, when it was resolved.
pub async fn set_demo_times(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    last: DateTime<Utc>,
    first_response: Option<DateTime<Utc>>,
    resolved: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations SET last_message_at = $3, updated_at = $3,
                first_response_at = $4, resolved_at = $5
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(last)
    .bind(first_response)
    .bind(resolved)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// (id, shortcut, body) of the workspace's saved replies, by shortcut.
pub async fn saved_replies(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(uuid::Uuid, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, shortcut, body FROM saved_replies WHERE workspace_id = $1 ORDER BY shortcut",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// Adds a saved reply; false when the shortcut is taken.
pub async fn save_reply(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    shortcut: &str,
    body: &str,
    by: UserId,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO saved_replies (workspace_id, shortcut, body, created_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, shortcut) DO NOTHING",
    )
    .bind(workspace)
    .bind(shortcut)
    .bind(body)
    .bind(by)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// False when the workspace has no such saved reply.
pub async fn delete_reply(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    id: uuid::Uuid,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM saved_replies WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(db)
        .await?
        .rows_affected()
        == 1)
}
