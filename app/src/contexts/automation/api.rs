//! Server functions of the automation context, each behind the one guard.

use leptos::prelude::*;

use super::types::{TaskPage, TaskQuery};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "jobs/list")]
pub async fn list_tasks(#[server(default)] query: TaskQuery) -> Result<TaskPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Jobs, Action::Read)).await?;
    super::server::service::task_page(&state.pg, &member, &query).await
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
