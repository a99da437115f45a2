//! The approvals context's part of the demo workspace: a two-level chain — the
//! manager, then the admin — for the visual accounts, and a one-level chain for
//! inbox replies.

use sqlx::PgConnection;

use super::service::{APPROVAL, Chain};
use crate::contexts::approvals::types::{ChainConfig, ChainSubject, Level, Mode};
use crate::contexts::automation::server::workflows::{self, WorkflowWrite};
use crate::error::AppError;
use crate::kernel::{Role, SocialAccountId, UserId, WorkspaceId};

/// "Brand review" for `accounts`: level 1 any one of `first`, level 2 all of
/// `second`.
pub async fn seed_chain(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    by: UserId,
    accounts: &[SocialAccountId],
    first: &[UserId],
    second: &[UserId],
) -> Result<Chain, AppError> {
    let config = ChainConfig {
        levels: vec![
            Level { mode: Mode::Any, members: first.to_vec(), role: None },
            Level { mode: Mode::All, members: second.to_vec(), role: None },
        ],
        accounts: accounts.to_vec(),
        campaigns: Vec::new(),
        subject: ChainSubject::Posts,
    };
    let settings = serde_json::to_value(&config).map_err(AppError::internal)?;
    let name = "Brand review";
    let write = WorkflowWrite {
        name,
        description: Some(
            "Posts to Instagram and Threads are checked by marketing, then signed off by the admin.",
        ),
        status: "active",
        settings: &settings,
    };
    let id = workflows::insert(&mut *tx, workspace, APPROVAL, by, &write).await?;
    Ok(Chain { id, name: name.to_owned(), config })
}

/// "Reply check": inbox replies from every account wait for one of `managers`
/// (managers and above; they send their own directly).
pub async fn seed_reply_chain(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    by: UserId,
) -> Result<Chain, AppError> {
    let config = ChainConfig {
        subject: ChainSubject::Replies,
        levels: vec![Level { mode: Mode::Any, members: Vec::new(), role: Some(Role::Manager) }],
        accounts: Vec::new(),
        campaigns: Vec::new(),
    };
    let settings = serde_json::to_value(&config).map_err(AppError::internal)?;
    let name = "Reply check";
    let write = WorkflowWrite {
        name,
        description: Some("Replies written by editors are read by a manager before they go out."),
        status: "active",
        settings: &settings,
    };
    let id = workflows::insert(&mut *tx, workspace, APPROVAL, by, &write).await?;
    Ok(Chain { id, name: name.to_owned(), config })
}
