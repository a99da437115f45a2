//! Use cases of the automation context.

use sqlx::PgPool;

use super::queue;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::types::{TaskPage, TaskView};
use crate::contexts::team::rules::page_count;
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource};

/// Tasks per page on the Jobs page.
pub const TASKS_PER_PAGE: u32 = 25;

/// One page of the member's workspace's tasks, newest first.
pub async fn task_page(
    pg: &PgPool,
    member: &Member,
    page: Option<u32>,
) -> Result<TaskPage, AppError> {
    let total = u64::try_from(queue::count(pg, member.workspace).await?).unwrap_or(0);
    let pages = page_count(total, TASKS_PER_PAGE);
    let page = page.unwrap_or(1).clamp(1, pages);
    let offset = i64::from((page - 1) * TASKS_PER_PAGE);
    let rows = queue::list(pg, member.workspace, i64::from(TASKS_PER_PAGE), offset).await?;
    let tasks = rows
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
        .collect();
    let can_retry = member.can(Permission::new(Resource::Jobs, Action::Update));
    Ok(TaskPage { tasks, page, pages, can_retry })
}
