//! The `approval_reminders` job: for each approval waiting on a member, the
//! reminder or the managers' notice that is due (`rules::nudge`), in the app and
//! by email; then it books itself for the next one due.

use std::sync::Arc;

use async_trait::async_trait;
use sqlx::PgPool;

use super::repo;
use crate::contexts::approvals::rules::{Nudge, nudge};
use crate::contexts::approvals::types::APPROVAL_REMINDERS;
use crate::contexts::auth::server::accounts;
use crate::contexts::automation::server::queue::{self, Job, JobError, Task};
use crate::contexts::notify::server::service::notify;
use crate::error::AppError;
use crate::kernel::{Role, WorkspaceId};
use crate::server::mail::{self, Email};
use crate::server::settings::Settings;

pub struct ApprovalRemindersJob {
    pg: PgPool,
    mongo: mongodb::Database,
    settings: Arc<Settings>,
}

impl ApprovalRemindersJob {
    pub fn job(pg: PgPool, mongo: mongodb::Database, settings: Arc<Settings>) -> Arc<dyn Job> {
        Arc::new(Self { pg, mongo, settings })
    }

    async fn run_for(&self, workspace: WorkspaceId) -> Result<usize, AppError> {
        let now = chrono::Utc::now();
        let rows = repo::waiting_rows(&self.pg, workspace).await?;
        let members = accounts::members(&self.pg, workspace).await?;
        let mut next: Option<chrono::DateTime<chrono::Utc>> = None;
        let mut sent = 0;
        for row in rows {
            let (step, due) = nudge(
                row.created_at,
                row.reminders,
                row.last_reminded_at,
                row.escalated_at.is_some(),
                now,
            );
            next = match (next, due) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let link = format!("/posts/{}", row.post_id);
            let url = format!("{}{link}", self.settings.public_url);
            let approver = members.iter().find(|m| Some(m.user_id) == row.approver_id);
            match (step, approver) {
                (Some(Nudge::Remind), Some(approver)) => {
                    // Marked first: a retry after a failed send does not remind twice.
                    repo::mark_reminded(&self.pg, workspace, row.id).await?;
                    let message = "A post is still waiting for your approval.";
                    notify(
                        &self.mongo,
                        workspace,
                        approver.user_id,
                        "approval_reminder",
                        message,
                        &link,
                    )
                    .await?;
                    let email = Email {
                        to: approver.email.clone(),
                        subject: "A post is waiting for your approval".to_owned(),
                        body: format!(
                            "A post has been waiting for your approval for more than a day.\n\nApprove it or ask for changes: {url}\n"
                        ),
                    };
                    mail::send(&self.pg, &self.settings, &email).await?;
                    sent += 1;
                }
                // Due, and its approver has left the workspace: the managers
                // hear at once (nobody else can decide it).
                (Some(Nudge::Escalate), _) | (Some(Nudge::Remind), None) => {
                    repo::mark_escalated(&self.pg, workspace, row.id).await?;
                    let who = approver
                        .map(|a| a.name.clone().unwrap_or(a.email.clone()))
                        .unwrap_or_else(|| "A former member".to_owned());
                    let message = if approver.is_some() {
                        format!(
                            "A post has waited three days for {who}'s approval, after two reminders."
                        )
                    } else {
                        "A post is waiting for the approval of someone who has left the workspace: change the approval chain, or edit the post and send it again.".to_owned()
                    };
                    for manager in members.iter().filter(|m| {
                        Role::parse(&m.role).is_some_and(|r| r.at_least(Role::Manager))
                            && Some(m.user_id) != row.approver_id
                    }) {
                        notify(
                            &self.mongo,
                            workspace,
                            manager.user_id,
                            "approval_overdue",
                            &message,
                            &link,
                        )
                        .await?;
                    }
                    sent += 1;
                }
                _ => {}
            }
        }
        if let Some(at) = next {
            let mut tx = self.pg.begin().await?;
            queue::enqueue_unique(
                &mut tx,
                workspace,
                APPROVAL_REMINDERS,
                &serde_json::json!({}),
                Some(at),
            )
            .await?;
            tx.commit().await?;
        }
        Ok(sent)
    }
}

#[async_trait]
impl Job for ApprovalRemindersJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let sent = self.run_for(task.workspace_id).await.map_err(|e| {
            tracing::warn!(error = %e, "approval_reminders failed");
            JobError::from("The reminders could not be sent; they will be tried again.")
        })?;
        Ok(serde_json::json!({ "sent": sent }))
    }
}

/// Books the workspace's reminders for a day from now, unless they are booked
/// (in the caller's transaction: with the approvals that need them).
pub async fn book(tx: &mut sqlx::PgConnection, workspace: WorkspaceId) -> Result<(), AppError> {
    let at = chrono::Utc::now()
        + chrono::Duration::hours(crate::contexts::approvals::rules::NUDGE_AFTER_HOURS);
    queue::enqueue_unique(tx, workspace, APPROVAL_REMINDERS, &serde_json::json!({}), Some(at))
        .await?;
    Ok(())
}
