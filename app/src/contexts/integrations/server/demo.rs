//! The integrations context's part of the demo workspace (`crate::root::demo`).

use sqlx::PgConnection;

use super::repo;
use crate::error::AppError;
use crate::kernel::{BrandId, ConnectionId, UserId, WorkspaceId};

/// A connection of the brand to `platform` that holds generated demo data and is not
/// connected; connecting the real account replaces its data.
pub async fn seed_connection(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    brand: BrandId,
    platform: &str,
    by: Option<UserId>,
) -> Result<ConnectionId, AppError> {
    Ok(repo::insert_demo(&mut *tx, workspace, brand, platform, by).await?)
}
