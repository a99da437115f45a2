//! Polling: what people wrote to the workspace's accounts on the platforms
//! that do not push it (X mentions, YouTube comments, Reddit's inbox) is read
//! from where the last read stopped and lands in the inbox like a webhook's
//! items; the cursor moves only once everything read is stored, so a failed
//! read is read again and a message is kept once whatever is read twice.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

use super::meta::Incoming;
use super::repo::poll as cursors;
use super::service::store;
use crate::contexts::automation::server::queue;
use crate::contexts::inbox::types::{ConversationKind, INBOX_POLL, PolledAccount};
use crate::contexts::integrations::server::service::{Deps, read_new_as, social_accounts_of};
use crate::contexts::integrations::server::social::PublishError;
use crate::contexts::integrations::server::social::incoming::{Heard, HeardKind, POLLED, ReadNew};
use crate::contexts::integrations::types::SocialAccount;
use crate::error::AppError;
use crate::kernel::WorkspaceId;

/// Pages read per account at most in one round (100 items each).
const MAX_PAGES: u32 = 5;

/// How often the accounts are read while nothing holds Aura back.
pub const EVERY: chrono::Duration = chrono::Duration::minutes(5);

/// What one round did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Polled {
    /// Accounts read.
    pub accounts: usize,
    /// New messages stored.
    pub stored: usize,
    /// Accounts whose read failed (said on the inbox settings page).
    pub problems: usize,
    /// The longest wait a platform asked for, in seconds.
    pub wait_seconds: Option<u64>,
}

/// The workspace's accounts the inbox reads by polling.
fn polled(accounts: Vec<SocialAccount>) -> Vec<SocialAccount> {
    accounts
        .into_iter()
        .filter(|a| POLLED.contains(&a.platform) && a.is_active && !a.demo)
        .collect()
}

fn incoming_of(account: &SocialAccount, heard: Heard) -> Incoming {
    Incoming {
        platform: account.platform,
        // Known by its id here; the platform's id is for webhooks' lookups.
        account: String::new(),
        kind: match heard.kind {
            HeardKind::Comment => ConversationKind::Comment,
            HeardKind::Message => ConversationKind::Dm,
            HeardKind::Mention => ConversationKind::Mention,
        },
        thread_key: heard.thread,
        participant_id: heard.author_id,
        participant_name: heard.author_name,
        message_id: heard.id,
        text: heard.text,
        post_id: heard.post_id,
        sent_at: heard.at,
        followers: heard.author_followers,
    }
}

/// Reads every polled account of the workspace once.
pub async fn poll(deps: &Deps, workspace: WorkspaceId) -> Result<Polled, AppError> {
    let pg = &deps.pg;
    let accounts = polled(social_accounts_of(pg, workspace).await?);
    let known = cursors::cursors(pg, workspace).await?;
    let mut done = Polled::default();
    for account in &accounts {
        done.accounts += 1;
        let cursor =
            known.iter().find(|c| c.account_id == account.id).and_then(|c| c.cursor.clone());
        let request = ReadNew { cursor, max_pages: MAX_PAGES };
        match read_new_as(deps, workspace, account.id, &request).await {
            Ok(page) => {
                let mut stored = 0_i64;
                for heard in page.heard {
                    let item = incoming_of(account, heard);
                    match store(pg, workspace, account.id, &item).await {
                        Ok(Some(_)) => stored += 1,
                        Ok(None) => {}
                        // The item's own data: logged and passed, or it would
                        // block the account for ever.
                        Err(err @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
                            tracing::warn!(error = %err, message = %item.message_id, "polled item skipped");
                        }
                        Err(err) => return Err(err),
                    }
                }
                cursors::read_ok(pg, workspace, account.id, page.cursor.as_deref(), stored).await?;
                done.stored += usize::try_from(stored).unwrap_or(0);
            }
            Err(error) => {
                if let PublishError::RateLimited { retry_in, .. } = &error {
                    let wait = retry_in.as_secs();
                    done.wait_seconds = Some(done.wait_seconds.map_or(wait, |w| w.max(wait)));
                }
                cursors::read_failed(pg, workspace, account.id, &error.to_string()).await?;
                done.problems += 1;
            }
        }
    }
    Ok(done)
}

/// Makes sure the workspace's accounts are read by `at` (now when `None`).
pub async fn book(
    tx: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    queue::enqueue_by(&mut *tx, workspace, INBOX_POLL, &serde_json::json!({}), at).await?;
    Ok(())
}

/// Whether the workspace has an account the inbox reads by polling.
pub async fn has_polled(pg: &PgPool, workspace: WorkspaceId) -> Result<bool, AppError> {
    Ok(!polled(social_accounts_of(pg, workspace).await?).is_empty())
}

/// The polled accounts and how their last read went, for the settings page.
pub async fn accounts(pg: &PgPool, workspace: WorkspaceId) -> Result<Vec<PolledAccount>, AppError> {
    let accounts = polled(social_accounts_of(pg, workspace).await?);
    let known = cursors::cursors(pg, workspace).await?;
    Ok(accounts
        .into_iter()
        .map(|a| {
            let state = known.iter().find(|c| c.account_id == a.id);
            PolledAccount {
                platform: a.platform,
                name: if a.display_name.is_empty() { a.username } else { a.display_name },
                read_at: state.and_then(|c| c.polled_at),
                error: state.and_then(|c| c.last_error.clone()),
                heard: state.map_or(0, |c| c.heard_total),
            }
        })
        .collect())
}
