//! The SQL of how a workspace works its inbox: `inbox_settings` (business
//! hours, priority rules, round robin), `inbox_agents`, `sla_policies` and
//! `sla_clocks`. Every query names the workspace.

use chrono::{DateTime, NaiveTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::kernel::{ConversationId, UserId, WorkspaceId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingsRow {
    pub business_days: Vec<i16>,
    pub opens_at: NaiveTime,
    pub closes_at: NaiveTime,
    pub priority_rules: serde_json::Value,
    pub round_robin: bool,
    pub round_robin_cap: i32,
}

/// The workspace's settings, `None` before it saved any.
pub async fn settings(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Option<SettingsRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT business_days, opens_at, closes_at, priority_rules, round_robin, round_robin_cap
         FROM inbox_settings WHERE workspace_id = $1",
    )
    .bind(workspace)
    .fetch_optional(db)
    .await
}

/// Writes the whole settings row.
pub async fn save_settings(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    s: &SettingsRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inbox_settings (workspace_id, business_days, opens_at, closes_at,
                                     priority_rules, round_robin, round_robin_cap)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (workspace_id) DO UPDATE
         SET business_days = EXCLUDED.business_days, opens_at = EXCLUDED.opens_at,
             closes_at = EXCLUDED.closes_at, priority_rules = EXCLUDED.priority_rules,
             round_robin = EXCLUDED.round_robin, round_robin_cap = EXCLUDED.round_robin_cap,
             updated_at = now()",
    )
    .bind(workspace)
    .bind(&s.business_days)
    .bind(s.opens_at)
    .bind(s.closes_at)
    .bind(&s.priority_rules)
    .bind(s.round_robin)
    .bind(s.round_robin_cap)
    .execute(db)
    .await?;
    Ok(())
}

/// (member, available) of those who said whether they take new conversations.
pub async fn agents(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(UserId, bool)>, sqlx::Error> {
    sqlx::query_as("SELECT user_id, available FROM inbox_agents WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_all(db)
        .await
}

pub async fn set_available(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    user: UserId,
    available: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inbox_agents (workspace_id, user_id, available) VALUES ($1, $2, $3)
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET available = EXCLUDED.available",
    )
    .bind(workspace)
    .bind(user)
    .bind(available)
    .execute(db)
    .await?;
    Ok(())
}

/// (member, open conversations theirs, last given one) of the available
/// members, locked until the transaction ends, so two conversations arriving
/// at once are not both given to the same turn.
pub async fn lock_available_agents(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
) -> Result<Vec<(UserId, i64, Option<DateTime<Utc>>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.user_id,
                (SELECT count(*) FROM conversations c
                 WHERE c.workspace_id = a.workspace_id AND c.assigned_to_id = a.user_id
                   AND c.status IN ('open', 'pending')),
                a.last_assigned_at
         FROM inbox_agents a
         WHERE a.workspace_id = $1 AND a.available
         ORDER BY a.user_id
         FOR UPDATE OF a",
    )
    .bind(workspace)
    .fetch_all(&mut *tx)
    .await
}

/// Gives an unassigned conversation to `user` and starts their next turn's
/// wait; false when someone had it already.
pub async fn assign_turn(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    let given = sqlx::query(
        "UPDATE conversations SET assigned_to_id = $3, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 AND assigned_to_id IS NULL",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(user)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if given {
        sqlx::query(
            "UPDATE inbox_agents SET last_assigned_at = now()
             WHERE workspace_id = $1 AND user_id = $2",
        )
        .bind(workspace)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    }
    Ok(given)
}

/// Raises the conversation's priority to `priority` unless a person set it.
pub async fn raise_priority(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    priority: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations SET priority = $3
         WHERE workspace_id = $1 AND id = $2 AND NOT priority_manual
           AND priority_rank < CASE $3 WHEN 'urgent' THEN 4 WHEN 'high' THEN 3
                                       WHEN 'medium' THEN 2 ELSE 1 END",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(priority)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PolicyRow {
    pub id: Uuid,
    pub name: String,
    pub priorities: Vec<String>,
    pub kinds: Vec<String>,
    pub first_response_minutes: Option<i32>,
    pub next_response_minutes: Option<i32>,
    pub resolution_minutes: Option<i32>,
    pub business_hours: bool,
}

/// The workspace's SLA policies, oldest first.
pub async fn policies(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<PolicyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, priorities, kinds, first_response_minutes, next_response_minutes,
                resolution_minutes, business_hours
         FROM sla_policies WHERE workspace_id = $1 ORDER BY created_at, id",
    )
    .bind(workspace)
    .fetch_all(db)
    .await
}

/// Adds a policy (`id` None) or changes one; `Ok(None)` when the name is
/// taken by another, `Ok(Some(false))` when there is no such policy.
pub async fn save_policy(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    p: &PolicyRow,
    existing: bool,
) -> Result<Option<bool>, sqlx::Error> {
    let sql = if existing {
        "UPDATE sla_policies
         SET name = $3, priorities = $4, kinds = $5, first_response_minutes = $6,
             next_response_minutes = $7, resolution_minutes = $8, business_hours = $9,
             updated_at = now()
         WHERE workspace_id = $1 AND id = $2"
    } else {
        "INSERT INTO sla_policies (workspace_id, id, name, priorities, kinds,
                                   first_response_minutes, next_response_minutes,
                                   resolution_minutes, business_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    };
    let done = sqlx::query(sql)
        .bind(workspace)
        .bind(p.id)
        .bind(&p.name)
        .bind(&p.priorities)
        .bind(&p.kinds)
        .bind(p.first_response_minutes)
        .bind(p.next_response_minutes)
        .bind(p.resolution_minutes)
        .bind(p.business_hours)
        .execute(db)
        .await;
    match done {
        Ok(r) => Ok(Some(r.rows_affected() == 1)),
        Err(sqlx::Error::Database(e))
            if e.constraint() == Some("sla_policies_workspace_name_key") =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// False when the workspace has no such policy. Its clocks keep its name.
pub async fn delete_policy(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sla_policies WHERE workspace_id = $1 AND id = $2")
        .bind(workspace)
        .bind(id)
        .execute(db)
        .await?
        .rows_affected()
        == 1)
}

/// The targets whose clocks run on the conversation.
pub async fn running_targets(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT target FROM sla_clocks
         WHERE workspace_id = $1 AND conversation_id = $2 AND met_at IS NULL AND stopped_at IS NULL",
    )
    .bind(workspace)
    .bind(conversation)
    .fetch_all(&mut *tx)
    .await
}

/// A clock about to start.
pub struct NewClock<'a> {
    pub conversation: ConversationId,
    pub policy: Uuid,
    pub policy_name: &'a str,
    pub platform: &'a str,
    pub target: &'a str,
    pub started_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// Starts a clock; `None` when that target's clock runs already.
pub async fn start_clock(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    c: &NewClock<'_>,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sla_clocks (workspace_id, conversation_id, policy_id, policy_name, platform,
                                 target, started_at, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (conversation_id, target) WHERE met_at IS NULL AND stopped_at IS NULL
         DO NOTHING
         RETURNING id",
    )
    .bind(workspace)
    .bind(c.conversation)
    .bind(c.policy)
    .bind(c.policy_name)
    .bind(c.platform)
    .bind(c.target)
    .bind(c.started_at)
    .bind(c.due_at)
    .fetch_optional(&mut *tx)
    .await
}

/// The conversation's `sla_deadline`: the earliest due of its running clocks.
pub async fn refresh_deadline(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE conversations SET sla_deadline = (
             SELECT min(due_at) FROM sla_clocks
             WHERE workspace_id = $1 AND conversation_id = $2
               AND met_at IS NULL AND stopped_at IS NULL)
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The running response clocks are met by `by` at `at`; one met late records
/// its breach now, if the breach job has not yet (never twice).
pub async fn meet_responses(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    by: UserId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sla_clocks s
         SET met_at = $4, met_by = $3,
             breached_at = CASE WHEN s.breached_at IS NULL AND $4 > s.due_at THEN s.due_at
                                ELSE s.breached_at END,
             breached_owner = CASE WHEN s.breached_at IS NULL AND $4 > s.due_at
                                   THEN c.assigned_to_id ELSE s.breached_owner END
         FROM conversations c
         WHERE s.workspace_id = $1 AND s.conversation_id = $2
           AND c.workspace_id = s.workspace_id AND c.id = s.conversation_id
           AND s.target IN ('first_response', 'next_response')
           AND s.met_at IS NULL AND s.stopped_at IS NULL",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(by)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The conversation is resolved (or archived) by `by`: its resolution clock is
/// met, its response clocks stop (recording a breach already due), its
/// deadline is cleared and its outcome set: missed when any of its clocks was
/// breached, hit when it had clocks and none was.
pub async fn close_clocks(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    by: Option<UserId>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sla_clocks s
         SET met_at = CASE WHEN s.target = 'resolution' THEN $4 END,
             met_by = CASE WHEN s.target = 'resolution' THEN $3 END,
             stopped_at = CASE WHEN s.target <> 'resolution' THEN $4 END,
             breached_at = CASE WHEN s.breached_at IS NULL AND $4 > s.due_at THEN s.due_at
                                ELSE s.breached_at END,
             breached_owner = CASE WHEN s.breached_at IS NULL AND $4 > s.due_at
                                   THEN c.assigned_to_id ELSE s.breached_owner END
         FROM conversations c
         WHERE s.workspace_id = $1 AND s.conversation_id = $2
           AND c.workspace_id = s.workspace_id AND c.id = s.conversation_id
           AND s.met_at IS NULL AND s.stopped_at IS NULL",
    )
    .bind(workspace)
    .bind(conversation)
    .bind(by)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE conversations SET sla_deadline = NULL,
             sla_outcome = CASE
                 WHEN EXISTS (SELECT 1 FROM sla_clocks s WHERE s.workspace_id = $1
                              AND s.conversation_id = $2 AND s.breached_at IS NOT NULL) THEN 'missed'
                 WHEN EXISTS (SELECT 1 FROM sla_clocks s WHERE s.workspace_id = $1
                              AND s.conversation_id = $2) THEN 'hit'
             END
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace)
    .bind(conversation)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A clock the breach job found overdue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Breach {
    pub conversation_id: ConversationId,
    pub target: String,
    pub policy_name: String,
    pub owner: Option<UserId>,
    pub participant_name: String,
}

/// Records the clock's breach, once: `None` when it was met, stopped or
/// breached already, or is not yet due. Whoever has the conversation then is
/// its owner, and is marked told (the caller tells them).
pub async fn breach(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    clock: Uuid,
) -> Result<Option<Breach>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE sla_clocks s
         SET breached_at = s.due_at, breached_owner = c.assigned_to_id,
             notified_at = CASE WHEN c.assigned_to_id IS NOT NULL THEN now() END
         FROM conversations c
         WHERE s.workspace_id = $1 AND s.id = $2
           AND c.workspace_id = s.workspace_id AND c.id = s.conversation_id
           AND s.met_at IS NULL AND s.stopped_at IS NULL AND s.breached_at IS NULL
           AND s.due_at <= now()
         RETURNING s.conversation_id, s.target, s.policy_name,
                   c.assigned_to_id AS owner, c.participant_name",
    )
    .bind(workspace)
    .bind(clock)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClockRow {
    pub policy_name: String,
    pub target: String,
    pub started_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub met_at: Option<DateTime<Utc>>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub breached_at: Option<DateTime<Utc>>,
}

/// The conversation's clocks, latest 50, oldest first.
pub async fn clocks(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    conversation: ConversationId,
) -> Result<Vec<ClockRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT * FROM (
             SELECT policy_name, target, started_at, due_at, met_at, stopped_at, breached_at
             FROM sla_clocks WHERE workspace_id = $1 AND conversation_id = $2
             ORDER BY started_at DESC, id DESC LIMIT 50) latest
         ORDER BY started_at, target",
    )
    .bind(workspace)
    .bind(conversation)
    .fetch_all(db)
    .await
}

/// One line of the SLA report: a policy, a platform, a member or everything.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    /// `policy`, `platform`, `member` or `all`.
    pub dimension: String,
    pub policy_name: Option<String>,
    pub platform: Option<String>,
    pub member: Option<UserId>,
    pub hit: i64,
    pub missed: i64,
    pub running: i64,
    /// First responses: how many, and the median and 90th percentile of their
    /// times in seconds (wall clock).
    pub first_responses: i64,
    pub frt_median: Option<f64>,
    pub frt_p90: Option<f64>,
}

/// The clocks started in [from, to), counted per policy, per platform, per
/// member (who met it, or whose it was when breached) and in all.
pub async fn report(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT CASE WHEN GROUPING(s.policy_name) = 0 THEN 'policy'
                     WHEN GROUPING(s.platform) = 0 THEN 'platform'
                     WHEN GROUPING(w.who) = 0 THEN 'member'
                     ELSE 'all' END AS dimension,
                s.policy_name, s.platform, w.who AS member,
                count(*) FILTER (WHERE s.met_at IS NOT NULL AND s.breached_at IS NULL) AS hit,
                count(*) FILTER (WHERE s.breached_at IS NOT NULL) AS missed,
                count(*) FILTER (WHERE s.met_at IS NULL AND s.stopped_at IS NULL
                                   AND s.breached_at IS NULL) AS running,
                count(*) FILTER (WHERE s.target = 'first_response' AND s.met_at IS NOT NULL)
                    AS first_responses,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.met_at - s.started_at)::float8)
                    FILTER (WHERE s.target = 'first_response' AND s.met_at IS NOT NULL) AS frt_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.met_at - s.started_at)::float8)
                    FILTER (WHERE s.target = 'first_response' AND s.met_at IS NOT NULL) AS frt_p90
         FROM sla_clocks s
         CROSS JOIN LATERAL (SELECT coalesce(s.met_by, s.breached_owner) AS who) w
         WHERE s.workspace_id = $1 AND s.started_at >= $2 AND s.started_at < $3
         GROUP BY GROUPING SETS ((s.policy_name), (s.platform), (w.who), ())
         ORDER BY 1, 2, 3",
    )
    .bind(workspace)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// A clock as the demo seeds it: met, stopped or running; late ones breached.
pub struct DemoClock<'a> {
    pub clock: NewClock<'a>,
    pub met_at: Option<DateTime<Utc>>,
    pub met_by: Option<UserId>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub owner: Option<UserId>,
}

/// Inserts the clock; its id when it still runs.
pub async fn insert_demo_clock(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    d: &DemoClock<'_>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let c = &d.clock;
    let end = d.met_at.or(d.stopped_at).unwrap_or_else(Utc::now);
    let late = end > c.due_at;
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO sla_clocks (workspace_id, conversation_id, policy_id, policy_name, platform,
                                 target, started_at, due_at, met_at, met_by, stopped_at,
                                 breached_at, breached_owner, notified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12)
         RETURNING id",
    )
    .bind(workspace)
    .bind(c.conversation)
    .bind(c.policy)
    .bind(c.policy_name)
    .bind(c.platform)
    .bind(c.target)
    .bind(c.started_at)
    .bind(c.due_at)
    .bind(d.met_at)
    .bind(d.met_by)
    .bind(d.stopped_at)
    .bind(late.then_some(c.due_at))
    .bind(if late { d.owner } else { None })
    .fetch_one(&mut *tx)
    .await?;
    Ok((d.met_at.is_none() && d.stopped_at.is_none() && !late).then_some(id))
}
