//! The workspace's activity log: a page at a time, narrowed by person, action and
//! days, with the filter's choices; and the same entries as a CSV file.

use sqlx::PgPool;

use super::ACTIVITY_PAGE_SIZE;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::team::rules::page_count;
use crate::contexts::team::server::repo::{self, ActivityFilter};
use crate::contexts::team::types::{ActivityEntry, ActivityPage, ActivityQuery};
use crate::error::AppError;

/// The most entries one CSV file holds.
pub const EXPORT_LIMIT: i64 = 10_000;

/// The filter the address asks for; a malformed value is reported on its field.
fn filter_of(query: &ActivityQuery, zone: String) -> Result<ActivityFilter, AppError> {
    let date = |field: &str, raw: &str| match raw.trim() {
        "" => Ok(None),
        text => text
            .parse::<chrono::NaiveDate>()
            .ok()
            .filter(|d| crate::kernel::period::in_range(*d))
            .map(Some)
            .ok_or_else(|| AppError::invalid(field, "Use a date like 2026-03-31.")),
    };
    let user = match query.person.trim() {
        "" => None,
        id => Some(id.parse().map_err(|_| AppError::invalid("person", "Choose a person."))?),
    };
    Ok(ActivityFilter {
        user,
        kind: Some(query.action.trim().to_owned()).filter(|k| !k.is_empty()),
        from: date("from", &query.from)?,
        to: date("to", &query.to)?,
        zone,
    })
}

fn entry(row: repo::ActivityRow) -> ActivityEntry {
    ActivityEntry {
        id: row.id,
        kind: row.kind.unwrap_or_default(),
        description: row.description,
        actor: row.actor,
        at: row.created_at,
    }
}

/// One page of the entries matching `query`, days counted in `zone`.
pub async fn activity(
    pg: &PgPool,
    member: &Member,
    query: &ActivityQuery,
    zone: String,
) -> Result<ActivityPage, AppError> {
    let filter = filter_of(query, zone)?;
    let total =
        u64::try_from(repo::count_activity(pg, member.workspace, &filter).await?).unwrap_or(0);
    let pages = page_count(total, ACTIVITY_PAGE_SIZE);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let offset = i64::from((page - 1) * ACTIVITY_PAGE_SIZE);
    let entries =
        repo::activity(pg, member.workspace, &filter, i64::from(ACTIVITY_PAGE_SIZE), offset)
            .await?
            .into_iter()
            .map(entry)
            .collect();
    let (people, kinds) = repo::activity_choices(pg, member.workspace).await?;
    Ok(ActivityPage {
        entries,
        page,
        pages,
        total,
        people: people.into_iter().map(|(id, name)| (id.to_string(), name)).collect(),
        actions: kinds,
    })
}

/// The entries matching `query` (newest first, at most `EXPORT_LIMIT`).
pub async fn export(
    pg: &PgPool,
    member: &Member,
    query: &ActivityQuery,
    zone: String,
) -> Result<Vec<ActivityEntry>, AppError> {
    let filter = filter_of(query, zone)?;
    Ok(repo::activity(pg, member.workspace, &filter, EXPORT_LIMIT, 0)
        .await?
        .into_iter()
        .map(entry)
        .collect())
}
