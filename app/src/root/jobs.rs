//! The job registry: every task type the queue runs and the context job that runs
//! it. A context that reacts to events adds its handlers here; producers enqueue the
//! consumer's task type (exported from the consumer's `types.rs`) inside their own
//! transactions.

use crate::contexts::approvals::server::jobs::ApprovalRemindersJob;
use crate::contexts::approvals::types::APPROVAL_REMINDERS;
use crate::contexts::automation::server::queue::{Worker, WorkerConfig};
use crate::contexts::content::server::jobs::{ApprovalDeadlineJob, PublishTargetJob};
use crate::contexts::content::types::{APPROVAL_DEADLINE, PUBLISH_TARGET};
use crate::contexts::engagement::server::jobs::{CollectEngagementJob, RollupEngagementJob};
use crate::contexts::engagement::types::{COLLECT_ENGAGEMENT, ROLLUP_ENGAGEMENT};
use crate::contexts::inbox::server::jobs::{ChatbotReplyJob, InboxPollJob, SlaBreachJob};
use crate::contexts::inbox::types::{CHATBOT_REPLY, INBOX_POLL, SLA_BREACH};
use crate::contexts::insights::server::jobs::GenerateInsightsJob;
use crate::contexts::insights::types::GENERATE_INSIGHTS;
use crate::contexts::integrations::server::jobs::{CheckTokenExpiry, SyncConnection};
use crate::contexts::integrations::server::service::Deps;
use crate::contexts::integrations::types::{CHECK_TOKEN_EXPIRY, SYNC_CONNECTION};
use crate::contexts::listening::server::jobs::ListenJob;
use crate::contexts::listening::types::LISTEN;
use crate::server::AppState;

/// `worker` with every context's jobs registered.
pub fn register(worker: Worker, state: &AppState) -> Worker {
    worker
        .with_job(GENERATE_INSIGHTS, GenerateInsightsJob::job(state.pg.clone()))
        .with_job(SYNC_CONNECTION, SyncConnection::job(Deps::from_state(state)))
        .with_job(
            CHECK_TOKEN_EXPIRY,
            CheckTokenExpiry::job(Deps::from_state(state), state.mongo.clone()),
        )
        .with_job(
            APPROVAL_REMINDERS,
            ApprovalRemindersJob::job(
                state.pg.clone(),
                state.mongo.clone(),
                state.settings.clone(),
            ),
        )
        .with_job(
            APPROVAL_DEADLINE,
            ApprovalDeadlineJob::job(state.pg.clone(), state.mongo.clone()),
        )
        .with_job(
            PUBLISH_TARGET,
            PublishTargetJob::job(Deps::from_state(state), state.mongo.clone()),
        )
        .with_job(
            COLLECT_ENGAGEMENT,
            CollectEngagementJob::job(Deps::from_state(state), state.mongo.clone()),
        )
        .with_job(
            ROLLUP_ENGAGEMENT,
            RollupEngagementJob::job(state.pg.clone(), state.mongo.clone()),
        )
        .with_job(SLA_BREACH, SlaBreachJob::job(state.pg.clone(), state.mongo.clone()))
        .with_job(LISTEN, ListenJob::job(Deps::from_state(state), state.mongo.clone()))
        .with_job(INBOX_POLL, InboxPollJob::job(Deps::from_state(state)))
        .with_job(CHATBOT_REPLY, ChatbotReplyJob::job(Deps::from_state(state)))
}

/// The worker every server process runs, with `config`.
pub fn worker(state: &AppState, config: WorkerConfig) -> Worker {
    register(Worker::new(state.pg.clone(), config), state)
}
