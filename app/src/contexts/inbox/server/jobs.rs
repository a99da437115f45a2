//! The `sla_breach` job: when an SLA clock falls due still running, its breach
//! is recorded once and whoever has the conversation is told once, in the app.

use std::sync::Arc;

use async_trait::async_trait;
use sqlx::PgPool;

use super::repo::sla as sla_repo;
use crate::contexts::automation::server::queue::{Job, JobError, Task};
use crate::contexts::inbox::rules::SlaTarget;
use crate::contexts::notify::server::service::notify;

pub struct SlaBreachJob {
    pg: PgPool,
    mongo: mongodb::Database,
}

impl SlaBreachJob {
    pub fn job(pg: PgPool, mongo: mongodb::Database) -> Arc<dyn Job> {
        Arc::new(Self { pg, mongo })
    }
}

#[derive(serde::Deserialize)]
struct Data {
    clock: uuid::Uuid,
}

#[async_trait]
impl Job for SlaBreachJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let data: Data = serde_json::from_value(task.data.clone())
            .map_err(|_| JobError::permanent("This task does not name an SLA clock."))?;
        let ws = task.workspace_id;
        // Met, stopped or recorded already: nothing to do (never twice).
        let breach = sla_repo::breach(&self.pg, ws, data.clock).await.map_err(|e| {
            tracing::warn!(error = %e, "sla_breach failed");
            JobError::from("The database could not be reached; this will be tried again.")
        })?;
        let Some(breach) = breach else {
            return Ok(serde_json::json!({ "breached": false }));
        };
        if let Some(owner) = breach.owner {
            let what = SlaTarget::parse(&breach.target).map_or("SLA", |t| t.label());
            let message = format!(
                "{what} is overdue for {} (SLA policy \"{}\").",
                breach.participant_name, breach.policy_name
            );
            let link = format!("/inbox/{}", breach.conversation_id);
            // Marked told with the breach: a failed notice is logged, not sent twice.
            if let Err(e) = notify(&self.mongo, ws, owner, "sla_breach", &message, &link).await {
                tracing::warn!(error = %e, "sla_breach: the notice could not be written");
            }
        }
        Ok(serde_json::json!({ "breached": true }))
    }
}

/// The `inbox_poll` job: reads the workspace's polled accounts, then books
/// itself [`super::poll::EVERY`] later (or when a platform's rate limit ends)
/// while the workspace has such an account.
pub struct InboxPollJob {
    deps: crate::contexts::integrations::server::service::Deps,
}

impl InboxPollJob {
    pub fn job(deps: crate::contexts::integrations::server::service::Deps) -> Arc<dyn Job> {
        Arc::new(Self { deps })
    }
}

#[async_trait]
impl Job for InboxPollJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        use super::poll;
        let ws = task.workspace_id;
        let failed = |e: crate::error::AppError| {
            tracing::warn!(error = %e, "inbox_poll failed");
            JobError::from("The accounts could not be read; this will be tried again.")
        };
        let done = poll::poll(&self.deps, ws).await.map_err(failed)?;
        if poll::has_polled(&self.deps.pg, ws).await.map_err(failed)? {
            let wait = done.wait_seconds.map_or(poll::EVERY, |s| {
                chrono::Duration::seconds(i64::try_from(s).unwrap_or(300).max(60))
            });
            let mut tx = self.deps.pg.begin().await.map_err(|e| failed(e.into()))?;
            poll::book(&mut tx, ws, Some(chrono::Utc::now() + wait)).await.map_err(failed)?;
            tx.commit().await.map_err(|e| failed(e.into()))?;
        }
        Ok(serde_json::json!(done))
    }
}

/// The `chatbot_reply` job: the workspace's chatbot answers one message, once.
pub struct ChatbotReplyJob {
    deps: crate::contexts::integrations::server::service::Deps,
}

impl ChatbotReplyJob {
    pub fn job(deps: crate::contexts::integrations::server::service::Deps) -> Arc<dyn Job> {
        Arc::new(Self { deps })
    }
}

#[derive(serde::Deserialize)]
struct BotData {
    message: uuid::Uuid,
}

#[async_trait]
impl Job for ChatbotReplyJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let data: BotData = serde_json::from_value(task.data.clone())
            .map_err(|_| JobError::permanent("This task does not name a message."))?;
        let done = super::chatbot::answer(&self.deps, task.workspace_id, data.message)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "chatbot_reply failed");
                JobError::from("The chatbot could not answer; this will be tried again.")
            })?;
        Ok(serde_json::json!({ "answered": done }))
    }
}
