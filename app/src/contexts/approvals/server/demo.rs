//! The approvals context's part of the demo workspace: a two-level chain — the
//! manager, then the admin — for the visual accounts.

use sqlx::PgConnection;

use super::service::{APPROVAL, Chain};
use crate::contexts::approvals::types::{ChainConfig, Level, Mode};
use crate::contexts::automation::server::workflows::{self, WorkflowWrite};
use crate::error::AppError;
use crate::kernel::{SocialAccountId, UserId, WorkspaceId};

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
