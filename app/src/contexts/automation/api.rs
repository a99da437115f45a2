//! Server functions of the automation context, each behind the one guard.

use leptos::prelude::*;

use super::types::TaskPage;
use crate::error::AppError;

/// Tasks per page on the Jobs page.
pub const TASKS_PER_PAGE: u32 = 25;

#[server(prefix = "/api", endpoint = "jobs/list")]
pub async fn list_tasks(page: Option<u32>) -> Result<TaskPage, AppError> {
    use super::server::queue;
    use super::types::TaskView;
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::team::rules::page_count;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Jobs, Action::Read)).await?;
    let total = u64::try_from(queue::count(&state.pg, member.workspace).await?).unwrap_or(0);
    let pages = page_count(total, TASKS_PER_PAGE);
    let page = page.unwrap_or(1).clamp(1, pages);
    let offset = i64::from((page - 1) * TASKS_PER_PAGE);
    let rows = queue::list(&state.pg, member.workspace, i64::from(TASKS_PER_PAGE), offset).await?;
    Ok(TaskPage {
        tasks: rows
            .into_iter()
            .map(|row| TaskView {
                id: row.id,
                kind: row.kind,
                status: row.status,
                scheduled_for: row.scheduled_for,
                executed_at: row.executed_at,
                error: row.error,
                retry_count: row.retry_count,
                created_at: row.created_at,
            })
            .collect(),
        page,
        pages,
        can_retry: member.can(Permission::new(Resource::Jobs, Action::Update)),
    })
}

/// Puts a failed task back in the queue.
#[server(prefix = "/api", endpoint = "jobs/retry")]
pub async fn retry_task(task_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Jobs, Action::Update)).await?;
    let id: uuid::Uuid = task_id.trim().parse().map_err(|_| AppError::NotFound)?;
    if super::server::queue::retry(&state.pg, member.workspace, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
