//! Integration health for the whole workspace: every brand data source and social
//! account with its status, when its access ends (this week's first), its last
//! success and last error, a data source's connection log, and where to
//! reconnect it. And the daily check that warns the workspace's managers, in the
//! app and by email, a week and a day before access that cannot be renewed
//! without a person ends.

use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, PgPool};

use super::Deps;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::server::service as brands;
use crate::contexts::integrations::rules::{EXPIRY_WARNING_DAYS, account_health, expiry_warning};
use crate::contexts::integrations::server::repo::{self, ConnectionRow, SocialAccountRow};
use crate::contexts::integrations::server::social::SocialApp;
use crate::contexts::integrations::types::{
    AccountHealth, CHECK_TOKEN_EXPIRY, ConnectionLogEntry, ConnectionStatus, HealthEntry,
    HealthState, IntegrationHealth, Platform, Reconnect, SocialPlatform,
};
use crate::contexts::notify::server::service::notify;
use crate::error::AppError;
use crate::kernel::{Action, Permission, Resource, Role, WorkspaceId};
use crate::server::mail::{self, Email};

/// Log entries shown per data source.
const LOG_ENTRIES: i64 = 5;

fn days_left(end: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    ((end - now).num_hours() + 23).div_euclid(24).max(0)
}

fn ends_in(end: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match days_left(end, now) {
        0 | 1 => "Access ends within a day".to_owned(),
        n => format!("Access ends in {n} days"),
    }
}

fn social_renews(row: &SocialAccountRow, platform: SocialPlatform) -> bool {
    row.has_refresh || SocialApp::renews_without_refresh_token(platform)
}

fn is_demo(metadata: &serde_json::Value) -> bool {
    metadata.get("demo").and_then(|d| d.as_bool()).unwrap_or(false)
}

fn data_source(
    row: &ConnectionRow,
    brand: &str,
    log: Vec<ConnectionLogEntry>,
    now: DateTime<Utc>,
) -> Option<HealthEntry> {
    let platform = Platform::parse(&row.platform)?;
    let status = ConnectionStatus::parse(&row.status).unwrap_or(ConnectionStatus::Error);
    let renews = row.refresh_token.is_some();
    let reason = row.metadata.get("reason").and_then(|r| r.as_str()).map(String::from);
    let ending = row
        .token_expires_at
        .filter(|end| !renews && *end - now <= Duration::days(EXPIRY_WARNING_DAYS));
    let (state, words) = match status {
        ConnectionStatus::Disconnected => (HealthState::Off, "Disconnected".to_owned()),
        ConnectionStatus::Error | ConnectionStatus::Expired => (
            HealthState::NeedsAttention,
            reason.clone().unwrap_or_else(|| "Needs reconnecting".to_owned()),
        ),
        ConnectionStatus::Connected => match ending {
            Some(end) if end <= now => {
                (HealthState::NeedsAttention, "Access has ended: reconnect".to_owned())
            }
            Some(end) => (HealthState::Expiring, ends_in(end, now)),
            None => (HealthState::Healthy, "Connected".to_owned()),
        },
    };
    let last_error = log.iter().find(|l| l.status == "error");
    Some(HealthEntry {
        kind: "Data source".to_owned(),
        name: format!("{brand} · {}", platform.label()),
        state,
        status: words,
        token_expires_at: row.token_expires_at,
        renews,
        last_success_at: row.last_sync_at,
        last_error: last_error.map(|l| l.message.clone()).or(reason),
        last_error_at: last_error.map(|l| l.occurred_at),
        reconnect: Reconnect::Brand(row.brand_id),
        demo: row.is_demo(),
        log,
    })
}

fn social_account(row: &SocialAccountRow, now: DateTime<Utc>) -> Option<HealthEntry> {
    let platform = SocialPlatform::parse(&row.platform)?;
    let renews = social_renews(row, platform);
    let (state, status) = match account_health(row.is_active, row.token_expires_at, renews, now) {
        AccountHealth::Connected => (HealthState::Healthy, "Connected".to_owned()),
        AccountHealth::Expiring => (
            HealthState::Expiring,
            row.token_expires_at.map_or_else(|| "Access ends soon".to_owned(), |e| ends_in(e, now)),
        ),
        AccountHealth::Expired => {
            (HealthState::NeedsAttention, "Access has ended: reconnect".to_owned())
        }
        AccountHealth::Disabled => (HealthState::Off, "Turned off".to_owned()),
    };
    Some(HealthEntry {
        kind: "Social account".to_owned(),
        name: format!("{} · {}", platform.label(), row.display_name),
        state,
        status,
        token_expires_at: row.token_expires_at,
        renews,
        last_success_at: row.last_success_at,
        last_error: row.last_error.clone(),
        last_error_at: row.last_error_at,
        log: Vec::new(),
        reconnect: Reconnect::Social(platform),
        demo: is_demo(&row.metadata),
    })
}

/// Access ending this week first (soonest first), then what needs a person, then
/// the rest by name.
fn order(entries: &mut [HealthEntry]) {
    let rank = |e: &HealthEntry| match e.state {
        HealthState::Expiring => 0,
        HealthState::NeedsAttention => 1,
        HealthState::Healthy => 2,
        HealthState::Off => 3,
    };
    entries.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| match a.state {
                HealthState::Expiring => a.token_expires_at.cmp(&b.token_expires_at),
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}

/// The integration-health page.
pub async fn integration_health(
    pg: &PgPool,
    member: &Member,
) -> Result<IntegrationHealth, AppError> {
    let ws = member.workspace;
    let (rows, socials, (brand_list, _, _)) = tokio::try_join!(
        async { Ok::<_, AppError>(repo::all_connections(pg, ws).await?) },
        async { Ok::<_, AppError>(repo::social_accounts(pg, ws).await?) },
        brands::choices(pg, ws),
    )?;
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let logs = repo::recent_logs(pg, ws, &ids, LOG_ENTRIES).await?;
    let now = Utc::now();
    let mut entries: Vec<HealthEntry> = rows
        .iter()
        .filter_map(|row| {
            let brand = brand_list.iter().find(|b| b.id == row.brand_id)?;
            data_source(row, &brand.name, super::panel::log_of(&logs, row.id), now)
        })
        .chain(socials.iter().filter_map(|row| social_account(row, now)))
        .collect();
    order(&mut entries);
    Ok(IntegrationHealth {
        entries,
        can_manage: member.can(Permission::new(Resource::Integrations, Action::Create)),
    })
}

/// Books the workspace's daily expiry check for the next morning (09:00 in the
/// workspace's zone) unless one is waiting.
pub async fn book_expiry_check(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
) -> Result<(), AppError> {
    let timezone: Option<String> =
        accounts::workspace(&mut *tx, workspace).await?.map(|w| w.timezone);
    let due = brands::next_daily_run(timezone.as_deref().unwrap_or("UTC"), 9, Utc::now());
    let data = serde_json::json!({});
    queue::enqueue_unique(&mut *tx, workspace, CHECK_TOKEN_EXPIRY, &data, Some(due)).await?;
    Ok(())
}

/// One warning to send: what ends and when.
struct Warning {
    name: String,
    end: DateTime<Utc>,
}

/// The daily check: warns the workspace's owners and admins of every token that
/// cannot be renewed without a person and ends within a week (then within a
/// day), each once per token; then books the next check. Returns how many
/// warnings went out.
pub async fn check_token_expiry(
    deps: &Deps,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
) -> Result<usize, AppError> {
    let pg = &deps.pg;
    let now = Utc::now();
    let mut warnings = Vec::new();
    let (brand_list, _, _) = brands::choices(pg, workspace).await?;
    for row in repo::all_connections(pg, workspace).await? {
        let renews = row.refresh_token.is_some();
        let connected = row.status == ConnectionStatus::Connected.as_str() && !row.is_demo();
        let Some(days) = expiry_warning(row.token_expires_at, renews, row.expiry_warned_days, now)
            .filter(|_| connected)
        else {
            continue;
        };
        let brand =
            brand_list.iter().find(|b| b.id == row.brand_id).map_or("A brand", |b| b.name.as_str());
        let platform = Platform::parse(&row.platform).map_or("A data source", Platform::label);
        repo::set_connection_warned(pg, workspace, row.id, days).await?;
        if let Some(end) = row.token_expires_at {
            warnings.push(Warning { name: format!("{brand} · {platform}"), end });
        }
    }
    for row in repo::social_accounts(pg, workspace).await? {
        let Some(platform) = SocialPlatform::parse(&row.platform) else { continue };
        let live = row.is_active && !is_demo(&row.metadata);
        let Some(days) = expiry_warning(
            row.token_expires_at,
            social_renews(&row, platform),
            row.expiry_warned_days,
            now,
        )
        .filter(|_| live) else {
            continue;
        };
        repo::set_social_warned(pg, workspace, row.id, days).await?;
        if let Some(end) = row.token_expires_at {
            warnings.push(Warning {
                name: format!("{} · {}", platform.label(), row.display_name),
                end,
            });
        }
    }
    if !warnings.is_empty() {
        tell_managers(deps, mongo, workspace, &warnings, now).await?;
    }
    let mut tx = pg.begin().await?;
    book_expiry_check(&mut tx, workspace).await?;
    tx.commit().await?;
    Ok(warnings.len())
}

async fn tell_managers(
    deps: &Deps,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    warnings: &[Warning],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let managers: Vec<_> = accounts::members(&deps.pg, workspace)
        .await?
        .into_iter()
        .filter(|m| matches!(Role::parse(&m.role), Some(Role::Owner | Role::Admin)))
        .collect();
    let lines: Vec<String> = warnings
        .iter()
        .map(|w| {
            format!(
                "{}: {}",
                w.name,
                ends_in(w.end, now).to_lowercase().replace("access ends", "access to it ends")
            )
        })
        .collect();
    let url = format!("{}/integrations", deps.settings.public_url);
    let body = format!(
        "Aura's access to these accounts ends soon, and the platform does not let Aura renew it by itself:\n\n{}\n\nReconnect them before then, so scheduled posts and syncs keep working: {url}\n",
        lines.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n")
    );
    let subject = match warnings {
        [one] => format!("Reconnect {} soon", one.name),
        many => format!("Reconnect {} accounts soon", many.len()),
    };
    for manager in managers {
        for line in &lines {
            notify(mongo, workspace, manager.user_id, "token_expiring", line, "/integrations")
                .await?;
        }
        let email =
            Email { to: manager.email.clone(), subject: subject.clone(), body: body.clone() };
        mail::send(&deps.pg, &deps.settings, &email).await?;
    }
    Ok(())
}
