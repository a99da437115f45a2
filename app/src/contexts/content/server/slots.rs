//! Posting times per account and the queue: "Add to queue" gives a post the
//! next posting time of its accounts that no scheduled post of theirs holds.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::slots_repo;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::content::types::{
    AccountTimes, PostingTime, PostingTimes, weekday_name, weekdays_of,
};
use crate::contexts::integrations::server::service::social_accounts_of;
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource, SocialAccountId, WorkspaceId};

/// How far ahead the queue looks for a free time.
const QUEUE_DAYS: i64 = 56;

/// The first of `slots` (ISO weekday, wall-clock time in `tz`) after `now` that
/// is not in `taken`, within [`QUEUE_DAYS`]. A time the clocks skip is passed
/// over; a time they repeat is its first occurrence.
pub fn next_free(
    slots: &[(i16, NaiveTime)],
    taken: &[DateTime<Utc>],
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    let today = now.with_timezone(&tz).date_naive();
    (0..QUEUE_DAYS).find_map(|offset| {
        let day = today + Duration::days(offset);
        let weekday = i16::try_from(day.weekday().number_from_monday()).ok()?;
        let mut times: Vec<DateTime<Utc>> = slots
            .iter()
            .filter(|(d, _)| *d == weekday)
            .filter_map(|(_, at)| tz.from_local_datetime(&day.and_time(*at)).earliest())
            .map(|t| t.with_timezone(&Utc))
            .filter(|t| *t > now && !taken.contains(t))
            .collect();
        times.sort();
        times.first().copied()
    })
}

/// The queue's next time for a post to `accounts`: their posting times, free of
/// their scheduled posts. `None` when none of them has posting times.
pub async fn next_for(
    pg: &PgPool,
    workspace: WorkspaceId,
    tz: Tz,
    accounts: &[SocialAccountId],
) -> Result<Option<DateTime<Utc>>, AppError> {
    let slots: Vec<(i16, NaiveTime)> = slots_repo::slots(pg, workspace)
        .await?
        .into_iter()
        .filter(|s| accounts.contains(&s.account_id))
        .map(|s| (s.weekday, s.at))
        .collect();
    if slots.is_empty() {
        return Ok(None);
    }
    let now = Utc::now();
    let taken =
        slots_repo::taken(pg, workspace, accounts, now, now + Duration::days(QUEUE_DAYS + 1))
            .await?;
    Ok(next_free(&slots, &taken, now, tz))
}

fn read() -> Permission {
    Permission::new(Resource::Posts, Action::Read)
}

fn edit() -> Permission {
    Permission::new(Resource::Posts, Action::Create)
}

/// Every account's posting times.
pub async fn page(pg: &PgPool, member: &Member) -> Result<PostingTimes, AppError> {
    member.check(read())?;
    let timezone = accounts::zone(pg, member.workspace).await?.name().to_owned();
    let rows = slots_repo::slots(pg, member.workspace).await?;
    let accounts = social_accounts_of(pg, member.workspace)
        .await?
        .into_iter()
        .map(|a| AccountTimes {
            account_id: a.id,
            platform: a.platform,
            name: a.display_name,
            times: rows
                .iter()
                .filter(|s| s.account_id == a.id)
                .map(|s| PostingTime {
                    id: s.id.to_string(),
                    day: weekday_name(s.weekday).to_owned(),
                    time: s.at.format("%H:%M").to_string(),
                })
                .collect(),
        })
        .collect();
    Ok(PostingTimes { timezone, can_edit: member.can(edit()), accounts })
}

/// Adds posting times to an account: on `days` (see [`weekdays_of`]) at `time`
/// (`HH:MM`).
pub async fn add(
    pg: &PgPool,
    member: &Member,
    account: SocialAccountId,
    days: &str,
    time: &str,
) -> Result<(), AppError> {
    member.check(edit())?;
    let accounts = social_accounts_of(pg, member.workspace).await?;
    if !accounts.iter().any(|a| a.id == account) {
        return Err(AppError::NotFound);
    }
    let Some(weekdays) = weekdays_of(days) else {
        return Err(AppError::invalid("days", "Choose the days to post on."));
    };
    let Ok(at) = NaiveTime::parse_from_str(time.trim(), "%H:%M") else {
        return Err(AppError::invalid("time", "Give a time as hours and minutes, like 09:30."));
    };
    slots_repo::add(pg, member.workspace, account, &weekdays, at).await?;
    Ok(())
}

/// Removes one posting time.
pub async fn remove(pg: &PgPool, member: &Member, id: uuid::Uuid) -> Result<(), AppError> {
    member.check(edit())?;
    if slots_repo::remove(pg, member.workspace, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_time(at(h, mi)))
    }

    #[test]
    fn the_queue_takes_the_next_free_time_in_the_workspaces_zone() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // Tuesday 1 December 2026, 10:00 in Paris (09:00 UTC).
        let now = utc(2026, 12, 1, 9, 0);
        let slots = [(2, at(9, 0)), (2, at(17, 30)), (4, at(9, 0))];
        // Today's 09:00 has passed: 17:30 today.
        assert_eq!(next_free(&slots, &[], now, paris), Some(utc(2026, 12, 1, 16, 30)));
        // Taken: Thursday 09:00.
        let taken = [utc(2026, 12, 1, 16, 30)];
        assert_eq!(next_free(&slots, &taken, now, paris), Some(utc(2026, 12, 3, 8, 0)));
        assert_eq!(next_free(&[], &[], now, paris), None);
    }

    #[test]
    fn a_time_the_clocks_skip_is_passed_over() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // Sunday 29 March 2026: 02:30 does not exist in Paris.
        let now = utc(2026, 3, 28, 12, 0);
        let slots = [(7, at(2, 30)), (1, at(9, 0))];
        assert_eq!(next_free(&slots, &[], now, paris), Some(utc(2026, 3, 30, 7, 0)));
        // A week later it exists again (CEST, UTC+2).
        let taken = [utc(2026, 3, 30, 7, 0)];
        assert_eq!(next_free(&slots, &taken, now, paris), Some(utc(2026, 4, 5, 0, 30)));
    }
}
