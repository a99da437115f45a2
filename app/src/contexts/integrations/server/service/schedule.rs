//! Queueing syncs: "Sync now" and each connection's daily run at its brand's sync
//! hour, both `SYNC_CONNECTION` tasks, enqueued in the caller's transaction.

use chrono::Utc;
use sqlx::{PgConnection, PgPool};

use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::server::service as brands;
use crate::contexts::integrations::server::repo;
use crate::contexts::integrations::types::{SYNC_CONNECTION, SyncProgress};
use crate::error::AppError;
use crate::kernel::{Action, ConnectionId, Permission, Resource, WorkspaceId};

fn sync_data(id: ConnectionId, daily: bool) -> serde_json::Value {
    if daily {
        serde_json::json!({ "connection_id": id, "daily": true })
    } else {
        serde_json::json!({ "connection_id": id })
    }
}

/// Queues a sync now (unless one is waiting) and shows it as queued.
pub(super) async fn queue_sync(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<(), AppError> {
    queue::enqueue_unique(tx, workspace, SYNC_CONNECTION, &sync_data(id, false), None).await?;
    let queued = SyncProgress {
        state: "queued".into(),
        message: "Waiting for a worker".into(),
        ..SyncProgress::default()
    };
    let progress = serde_json::to_value(queued).unwrap_or_default();
    repo::set_progress(&mut *tx, workspace, id, &progress).await?;
    Ok(())
}

/// Books the connection's next daily sync at its brand's sync hour, in `tx`.
pub(super) async fn book_daily(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<(), AppError> {
    let Some(row) = repo::find(&mut *tx, workspace, id).await? else { return Ok(()) };
    let Some(brand) = brands::find_for_job(&mut *tx, workspace, row.brand_id).await? else {
        return Ok(());
    };
    if brand.archived_at.is_some() || row.status == "disconnected" {
        return Ok(());
    }
    let due = brands::next_daily_run(&brand.timezone, brand.sync_hour, Utc::now());
    queue::enqueue_unique(tx, workspace, SYNC_CONNECTION, &sync_data(id, true), Some(due)).await?;
    Ok(())
}

/// Books the connection's next daily sync at its brand's sync hour.
pub async fn schedule_daily(
    pg: &PgPool,
    workspace: WorkspaceId,
    id: ConnectionId,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    book_daily(&mut tx, workspace, id).await?;
    tx.commit().await?;
    Ok(())
}

/// "Sync now": queues a sync of a connected account.
pub async fn sync_now(pg: &PgPool, member: &Member, id: ConnectionId) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Integrations, Action::Update))?;
    let row = repo::find(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    if row.status != "connected" {
        return Err(AppError::invalid("connection", "Connect this account first."));
    }
    let mut tx = pg.begin().await?;
    queue_sync(&mut tx, member.workspace, id).await?;
    repo::log(&mut *tx, member.workspace, id, "sync_requested", "success", "Sync requested.")
        .await?;
    tx.commit().await?;
    Ok(())
}
