//! The brands context's part of the demo workspace (`crate::root::demo`).

use sqlx::PgConnection;

use super::repo::{self, BrandFields};
use super::service::DEFAULT_SYNC_HOUR;
use crate::error::AppError;
use crate::kernel::{BrandId, UserId, WorkspaceId};

/// A demo brand, created by `owner`, syncing at the default hour.
pub async fn seed_brand(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    owner: UserId,
    name: &str,
    domain: &str,
    currency: &str,
    timezone: &str,
) -> Result<BrandId, AppError> {
    let fields = BrandFields {
        name,
        domain: Some(domain),
        currency,
        timezone,
        sync_hour: DEFAULT_SYNC_HOUR,
    };
    Ok(repo::insert(&mut *tx, workspace, owner, &fields).await?)
}
