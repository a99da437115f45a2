//! Use cases of the automation context: the Jobs page's list, narrowed by status
//! and brand, each task saying what it is for.

use std::collections::HashMap;

use sqlx::PgPool;

use super::queue::{self, TaskFilter};
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::types::{STATUSES, TaskPage, TaskQuery, TaskView};
use crate::contexts::brands::server::service as brands;
use crate::contexts::integrations::server::service as integrations;
use crate::contexts::team::rules::page_count;
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource};

/// Tasks per page on the Jobs page.
pub const TASKS_PER_PAGE: u32 = 25;

/// One page of the member's workspace's tasks matching `query`, newest first.
pub async fn task_page(
    pg: &PgPool,
    member: &Member,
    query: &TaskQuery,
) -> Result<TaskPage, AppError> {
    let workspace = member.workspace;
    let brand_list = brands::list(pg, member).await?.brands;
    let names: HashMap<String, String> =
        brand_list.iter().map(|b| (b.id.to_string(), b.name.clone())).collect();
    let connections = integrations::connection_labels(pg, workspace).await?;
    let status = Some(query.status.trim().to_owned())
        .filter(|s| STATUSES.iter().any(|(value, _)| value == s));
    let brand = match query.brand.trim() {
        "" => None,
        id => {
            let brand = brand_list
                .iter()
                .find(|b| b.id.to_string() == id)
                .ok_or_else(|| AppError::invalid("brand", "Choose one of the brands."))?;
            let ids = connections
                .iter()
                .filter(|(_, b, _)| *b == brand.id)
                .map(|(c, _, _)| c.as_uuid())
                .collect();
            Some((brand.id.as_uuid(), ids))
        }
    };
    let filter = TaskFilter { status, brand };
    let total = u64::try_from(queue::count(pg, workspace, &filter).await?).unwrap_or(0);
    let pages = page_count(total, TASKS_PER_PAGE);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let offset = i64::from((page - 1) * TASKS_PER_PAGE);
    let rows = queue::list(pg, workspace, &filter, i64::from(TASKS_PER_PAGE), offset).await?;
    let subject = |data: &serde_json::Value| {
        let text = |key: &str| data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        if let Some(brand) = text("brand_id") {
            return names.get(&brand).cloned();
        }
        let connection = text("connection_id")?;
        let (_, brand, platform) =
            connections.iter().find(|(c, _, _)| c.as_uuid().to_string() == connection)?;
        let name = names.get(&brand.to_string()).map_or("A brand", String::as_str);
        Some(format!("{name} · {platform}"))
    };
    let tasks = rows
        .into_iter()
        .map(|row| TaskView {
            id: row.id,
            subject: subject(&row.data),
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
    let brands = brand_list.into_iter().map(|b| (b.id.to_string(), b.name)).collect();
    Ok(TaskPage { tasks, page, pages, total, can_retry, brands })
}
