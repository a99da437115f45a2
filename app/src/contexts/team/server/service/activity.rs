//! The workspace's activity log, a page at a time.

use sqlx::PgPool;

use super::ACTIVITY_PAGE_SIZE;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::team::rules::page_count;
use crate::contexts::team::server::repo;
use crate::contexts::team::types::{ActivityEntry, ActivityPage};
use crate::error::AppError;

pub async fn activity(pg: &PgPool, member: &Member, page: u32) -> Result<ActivityPage, AppError> {
    let total = u64::try_from(repo::count_activity(pg, member.workspace).await?).unwrap_or(0);
    let pages = page_count(total, ACTIVITY_PAGE_SIZE);
    let page = page.clamp(1, pages);
    let offset = i64::from((page - 1) * ACTIVITY_PAGE_SIZE);
    let entries = repo::activity(pg, member.workspace, i64::from(ACTIVITY_PAGE_SIZE), offset)
        .await?
        .into_iter()
        .map(|row| ActivityEntry {
            id: row.id,
            kind: row.kind.unwrap_or_default(),
            description: row.description,
            actor: row.actor,
            at: row.created_at,
        })
        .collect();
    Ok(ActivityPage { entries, page, pages, total })
}
