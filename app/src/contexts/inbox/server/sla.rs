//! How a workspace works its inbox, and what follows a message: the priority
//! rules raise it, round robin gives a new thread to whoever's turn it is, and
//! the SLA policy that covers it starts its clocks (each booking the breach job
//! for when it falls due). A reply meets the response clocks; resolving meets
//! the resolution clock and sets the outcome. Also the settings page's use
//! cases and the SLA report.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};

use super::repo::{self, sla as sla_repo};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::inbox::rules::{
    self, Agent, BusinessHours, PriorityRule, SLA_MAX_MINUTES, Signal, SlaPolicy, SlaTarget,
};
use crate::contexts::inbox::types::{
    ConversationKind, InboxSettingsView, Priority, SLA_BREACH, Sentiment, SlaLine, SlaReport,
    Status,
};
use crate::contexts::integrations::types::SocialPlatform;
use crate::error::{AppError, FieldErrors, add_message};
use crate::kernel::{Action, ConversationId, Permission, Resource, UserId, WorkspaceId};

/// A workspace's inbox settings, with the defaults before it saved any:
/// Monday–Friday 9–17, the default priority rules, round robin off (cap 20).
#[derive(Clone, Debug)]
pub struct Settings {
    pub hours: BusinessHours,
    pub rules: Vec<PriorityRule>,
    pub round_robin: bool,
    pub cap: i64,
}

impl Settings {
    fn from_row(row: Option<sla_repo::SettingsRow>) -> Self {
        let Some(row) = row else {
            return Self {
                hours: BusinessHours::weekdays_nine_to_five(),
                rules: rules::default_priority_rules(),
                round_robin: false,
                cap: 20,
            };
        };
        let mut days = [false; 7];
        for d in row.business_days {
            if let Some(slot) = usize::try_from(d - 1).ok().and_then(|i| days.get_mut(i)) {
                *slot = true;
            }
        }
        Self {
            hours: BusinessHours { days, open: row.opens_at, close: row.closes_at },
            // Written only by `save`, from checked rules; unreadable: none.
            rules: serde_json::from_value(row.priority_rules).unwrap_or_default(),
            round_robin: row.round_robin,
            cap: i64::from(row.round_robin_cap),
        }
    }

    fn to_row(&self) -> sla_repo::SettingsRow {
        sla_repo::SettingsRow {
            business_days: (1..=7i16)
                .filter(|d| self.hours.days[usize::try_from(d - 1).unwrap_or(0)])
                .collect(),
            opens_at: self.hours.open,
            closes_at: self.hours.close,
            priority_rules: serde_json::to_value(&self.rules).unwrap_or_default(),
            round_robin: self.round_robin,
            round_robin_cap: i32::try_from(self.cap).unwrap_or(20),
        }
    }
}

pub async fn settings(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Settings, AppError> {
    Ok(Settings::from_row(sla_repo::settings(db, workspace).await?))
}

fn policy_of(row: sla_repo::PolicyRow) -> SlaPolicy {
    SlaPolicy {
        id: row.id,
        name: row.name,
        priorities: row.priorities.iter().filter_map(|p| Priority::parse(p)).collect(),
        kinds: row.kinds.iter().filter_map(|k| ConversationKind::parse(k)).collect(),
        first_response_minutes: row.first_response_minutes.map(i64::from),
        next_response_minutes: row.next_response_minutes.map(i64::from),
        resolution_minutes: row.resolution_minutes.map(i64::from),
        business_hours: row.business_hours,
    }
}

pub async fn policies(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<SlaPolicy>, AppError> {
    Ok(sla_repo::policies(db, workspace).await?.into_iter().map(policy_of).collect())
}

/// (id, name) of the members who may work the inbox (their role lets them
/// update it).
pub(super) async fn workers(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(UserId, String)>, AppError> {
    Ok(accounts::members(db, workspace)
        .await?
        .into_iter()
        .filter(|m| {
            crate::kernel::Role::parse(&m.role).is_some_and(|r| {
                crate::kernel::can(r, Permission::new(Resource::Inbox, Action::Update))
            })
        })
        .map(|m| (m.user_id, m.name.unwrap_or(m.email)))
        .collect())
}

/// After a new message from the person (in the transaction that stored it):
/// the priority rules, round robin for a new thread, and the SLA clocks.
pub async fn after_inbound(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    created: bool,
    at: DateTime<Utc>,
    text: &str,
) -> Result<(), AppError> {
    let settings = settings(&mut *tx, workspace).await?;
    let row =
        repo::conversation(&mut *tx, workspace, conversation).await?.ok_or(AppError::NotFound)?;
    let kind = ConversationKind::parse(&row.kind).unwrap_or(ConversationKind::Comment);
    let signal = Signal {
        text,
        sentiment: row.sentiment.as_deref().and_then(Sentiment::parse),
        followers: row.participant_followers.map(i64::from),
        kind,
    };
    let mut priority = Priority::parse(&row.priority).unwrap_or(Priority::Medium);
    if let Some(raised) = rules::rule_priority(&settings.rules, &signal)
        && raised > priority
        && !row.priority_manual
    {
        sla_repo::raise_priority(&mut *tx, workspace, conversation, raised.as_str()).await?;
        priority = raised;
    }
    if created && settings.round_robin && row.assigned_to_id.is_none() {
        let workers = workers(&mut *tx, workspace).await?;
        let agents: Vec<Agent> = sla_repo::lock_available_agents(&mut *tx, workspace)
            .await?
            .into_iter()
            .filter(|(user, ..)| workers.iter().any(|(w, _)| w == user))
            .map(|(user, open, last_assigned_at)| Agent { user, open, last_assigned_at })
            .collect();
        if let Some(user) = rules::next_agent(&agents, settings.cap) {
            sla_repo::assign_turn(&mut *tx, workspace, conversation, user).await?;
        }
    }
    let policies = policies(&mut *tx, workspace).await?;
    let Some(policy) = rules::policy_for(&policies, priority, kind) else {
        return Ok(());
    };
    let running: Vec<SlaTarget> = sla_repo::running_targets(&mut *tx, workspace, conversation)
        .await?
        .iter()
        .filter_map(|t| SlaTarget::parse(t))
        .collect();
    let starts = rules::clocks_to_start(policy, row.first_response_at.is_some(), &running);
    if starts.is_empty() {
        return Ok(());
    }
    let tz = accounts::zone(&mut *tx, workspace).await?;
    let hours = policy.business_hours.then_some(&settings.hours);
    for (target, minutes) in starts {
        let due = rules::due_at(at, minutes.clamp(1, SLA_MAX_MINUTES), hours, &tz);
        let clock = sla_repo::NewClock {
            conversation,
            policy: policy.id,
            policy_name: &policy.name,
            platform: &row.platform,
            target: target.as_str(),
            started_at: at,
            due_at: due,
        };
        if let Some(id) = sla_repo::start_clock(&mut *tx, workspace, &clock).await? {
            let data = serde_json::json!({ "clock": id });
            queue::enqueue(&mut *tx, workspace, SLA_BREACH, &data, Some(due)).await?;
        }
    }
    sla_repo::refresh_deadline(&mut *tx, workspace, conversation).await?;
    Ok(())
}

/// After a reply went out: the response clocks are met.
pub async fn after_reply(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    by: UserId,
) -> Result<(), AppError> {
    sla_repo::meet_responses(&mut *tx, workspace, conversation, by, Utc::now()).await?;
    sla_repo::refresh_deadline(&mut *tx, workspace, conversation).await?;
    Ok(())
}

/// After a person set the status: closing an open or pending conversation
/// ends its clocks and sets its SLA outcome.
pub async fn after_status(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    before: Status,
    now: Status,
    by: UserId,
) -> Result<(), AppError> {
    let closes = |s: Status| matches!(s, Status::Resolved | Status::Archived);
    if closes(now) && !closes(before) {
        sla_repo::close_clocks(&mut *tx, workspace, conversation, Some(by), Utc::now()).await?;
    }
    Ok(())
}

// ---- The settings page ------------------------------------------------------

/// The settings page's data.
pub async fn settings_view(pg: &PgPool, member: &Member) -> Result<InboxSettingsView, AppError> {
    let ws = member.workspace;
    let (settings, policies, workers, agents, tz, polled, chatbot) = tokio::try_join!(
        settings(pg, ws),
        policies(pg, ws),
        workers(pg, ws),
        async { Ok::<_, AppError>(sla_repo::agents(pg, ws).await?) },
        accounts::zone(pg, ws),
        super::poll::accounts(pg, ws),
        super::chatbot::view(pg, ws)
    )?;
    let available = |u: &UserId| agents.iter().find(|(a, _)| a == u).is_some_and(|(_, on)| *on);
    Ok(InboxSettingsView {
        timezone: tz.name().to_owned(),
        business_days: settings.hours.days,
        opens_at: settings.hours.open.format("%H:%M").to_string(),
        closes_at: settings.hours.close.format("%H:%M").to_string(),
        rules: settings.rules,
        round_robin: settings.round_robin,
        cap: settings.cap,
        agents: workers.into_iter().map(|(u, name)| (u, name, available(&u))).collect(),
        me: member.user,
        policies,
        can_manage: member.can(Permission::new(Resource::Inbox, Action::Delete)),
        polled,
        chatbot,
        can_read_now: member.can(Permission::new(Resource::Inbox, Action::Update)),
    })
}

fn time_field(errors: &mut FieldErrors, field: &str, raw: &str) -> NaiveTime {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").unwrap_or_else(|_| {
        add_message(errors, field, "Give a time like 09:00.");
        NaiveTime::MIN
    })
}

/// Saves business hours (`day1`…`day7` ticked, `opens`, `closes`).
pub async fn save_business_hours(
    pg: &PgPool,
    member: &Member,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let field = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let mut days = [false; 7];
    for (i, day) in days.iter_mut().enumerate() {
        *day = !field(&format!("day{}", i + 1)).is_empty();
    }
    if !days.iter().any(|d| *d) {
        add_message(&mut errors, "days", "Tick at least one working day.");
    }
    let open = time_field(&mut errors, "opens", field("opens"));
    let close = time_field(&mut errors, "closes", field("closes"));
    if errors.is_empty() && open >= close {
        add_message(&mut errors, "closes", "Closing comes after opening, on the same day.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut settings = settings(pg, member.workspace).await?;
    settings.hours = BusinessHours { days, open, close };
    sla_repo::save_settings(pg, member.workspace, &settings.to_row()).await?;
    Ok(())
}

/// Turns round robin on or off (`on`), with its cap (`cap`) and who takes
/// part (`agent_<id>` ticked).
pub async fn save_round_robin(
    pg: &PgPool,
    member: &Member,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let field = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let cap =
        field("cap").parse::<i64>().ok().filter(|c| (1..=500).contains(c)).ok_or_else(|| {
            AppError::invalid("cap", "Give a number of open conversations from 1 to 500.")
        })?;
    let ws = member.workspace;
    let workers = workers(pg, ws).await?;
    let mut tx = pg.begin().await?;
    let mut settings = settings(&mut *tx, ws).await?;
    settings.round_robin = !field("on").is_empty();
    settings.cap = cap;
    sla_repo::save_settings(&mut *tx, ws, &settings.to_row()).await?;
    for (user, _) in &workers {
        let ticked = !field(&format!("agent_{user}")).is_empty();
        sla_repo::set_available(&mut *tx, ws, *user, ticked).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A member says whether they take new conversations.
pub async fn set_my_availability(
    pg: &PgPool,
    member: &Member,
    available: bool,
) -> Result<(), AppError> {
    sla_repo::set_available(pg, member.workspace, member.user, available).await?;
    Ok(())
}

/// A rule from its form: `keywords` (comma-separated), `sentiment`,
/// `followers`, `kinds` (comma-separated) and `priority`.
fn rule_from(fields: &HashMap<String, String>) -> Result<PriorityRule, AppError> {
    let field = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let keywords: Vec<String> = field("keywords")
        .split(',')
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty())
        .collect();
    let sentiment = match field("sentiment") {
        "" => None,
        raw => Sentiment::parse(raw).or_else(|| {
            add_message(&mut errors, "sentiment", "Choose positive, neutral or negative.");
            None
        }),
    };
    let min_followers = match field("followers").replace([',', '_', ' '], "") {
        raw if raw.is_empty() => None,
        raw => raw.parse::<i64>().ok().filter(|n| *n >= 0).or_else(|| {
            add_message(&mut errors, "followers", "Give followers as a whole number, like 10000.");
            None
        }),
    };
    let mut kinds = Vec::new();
    for raw in fields.iter().filter(|(k, v)| k.starts_with("kind_") && !v.trim().is_empty()) {
        match ConversationKind::parse(raw.0.trim_start_matches("kind_")) {
            Some(k) => kinds.push(k),
            None => {
                add_message(&mut errors, "kinds", "Choose comments, messages, mentions or reviews.")
            }
        }
    }
    kinds.sort_by_key(|k| ConversationKind::ALL.iter().position(|a| a == k));
    let priority = Priority::parse(field("priority")).unwrap_or_else(|| {
        add_message(&mut errors, "priority", "Choose the priority the rule sets.");
        Priority::High
    });
    let rule = PriorityRule { keywords, sentiment, min_followers, kinds, priority };
    if errors.is_empty()
        && let Some(problem) = rule.problem()
    {
        add_message(&mut errors, "keywords", problem);
    }
    if errors.is_empty() { Ok(rule) } else { Err(AppError::Invalid(errors)) }
}

/// Adds a priority rule at the end (at most 50).
pub async fn add_rule(
    pg: &PgPool,
    member: &Member,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let rule = rule_from(fields)?;
    let mut tx = pg.begin().await?;
    let mut settings = settings(&mut *tx, member.workspace).await?;
    if settings.rules.len() >= 50 {
        return Err(AppError::invalid("keywords", "A workspace keeps at most 50 rules."));
    }
    settings.rules.push(rule);
    sla_repo::save_settings(&mut *tx, member.workspace, &settings.to_row()).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes the rule at `index` (as the page listed them).
pub async fn delete_rule(pg: &PgPool, member: &Member, index: usize) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let mut settings = settings(&mut *tx, member.workspace).await?;
    if index >= settings.rules.len() {
        return Err(AppError::NotFound);
    }
    settings.rules.remove(index);
    sla_repo::save_settings(&mut *tx, member.workspace, &settings.to_row()).await?;
    tx.commit().await?;
    Ok(())
}

/// Minutes from a form's hours and minutes fields (`{name}_h`, `{name}_m`);
/// both empty: no target.
fn target_minutes(
    errors: &mut FieldErrors,
    fields: &HashMap<String, String>,
    name: &str,
) -> Option<i32> {
    let part = |suffix: &str| fields.get(&format!("{name}_{suffix}")).map(|v| v.trim().to_owned());
    let (h, m) = (part("h").unwrap_or_default(), part("m").unwrap_or_default());
    if h.is_empty() && m.is_empty() {
        return None;
    }
    let parse = |v: &str| if v.is_empty() { Some(0) } else { v.parse::<i64>().ok() };
    match (parse(&h), parse(&m)) {
        (Some(h), Some(m)) if h >= 0 && (0..60).contains(&m) => {
            let total = h.saturating_mul(60).saturating_add(m);
            if (1..=SLA_MAX_MINUTES).contains(&total) {
                return i32::try_from(total).ok();
            }
            add_message(errors, name, "Give a time between 1 minute and 30 days.");
        }
        _ => add_message(errors, name, "Give whole hours and minutes (0–59)."),
    }
    None
}

/// Adds (`id` empty) or changes an SLA policy from its form.
pub async fn save_policy(
    pg: &PgPool,
    member: &Member,
    id: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let field = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let existing = match id.trim() {
        "" => None,
        raw => Some(raw.parse::<uuid::Uuid>().map_err(|_| AppError::NotFound)?),
    };
    let mut errors = FieldErrors::new();
    let name = field("name").to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        add_message(&mut errors, "name", "Name the policy, in up to 100 characters.");
    }
    let ticked = |prefix: &str| -> Vec<String> {
        let mut v: Vec<String> = fields
            .iter()
            .filter(|(k, val)| k.starts_with(prefix) && !val.trim().is_empty())
            .map(|(k, _)| k.trim_start_matches(prefix).to_owned())
            .collect();
        v.sort();
        v
    };
    let priorities: Vec<String> =
        ticked("priority_").into_iter().filter(|p| Priority::parse(p).is_some()).collect();
    let kinds: Vec<String> =
        ticked("kind_").into_iter().filter(|k| ConversationKind::parse(k).is_some()).collect();
    let first = target_minutes(&mut errors, fields, "first_response");
    let next = target_minutes(&mut errors, fields, "next_response");
    let resolution = target_minutes(&mut errors, fields, "resolution");
    if errors.is_empty() && first.is_none() && next.is_none() && resolution.is_none() {
        add_message(
            &mut errors,
            "first_response",
            "Set at least one target: first response, next response or resolution.",
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let row = sla_repo::PolicyRow {
        id: existing.unwrap_or_else(uuid::Uuid::new_v4),
        name: name.clone(),
        priorities,
        kinds,
        first_response_minutes: first,
        next_response_minutes: next,
        resolution_minutes: resolution,
        business_hours: !field("business_hours").is_empty(),
    };
    match sla_repo::save_policy(pg, member.workspace, &row, existing.is_some()).await? {
        None => Err(AppError::invalid(
            "name",
            format!("A policy is already called \"{name}\": choose another name."),
        )),
        Some(false) => Err(AppError::NotFound),
        Some(true) => Ok(()),
    }
}

pub async fn delete_policy(pg: &PgPool, member: &Member, id: &str) -> Result<(), AppError> {
    let id = id.trim().parse::<uuid::Uuid>().map_err(|_| AppError::NotFound)?;
    if sla_repo::delete_policy(pg, member.workspace, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

// ---- The SLA report ---------------------------------------------------------

/// The range a report covers: `from` and `to` as dates (inclusive) in the
/// workspace's zone; the last 30 days when missing or unreadable.
fn range(from: &str, to: &str, tz: &Tz) -> (NaiveDate, NaiveDate, DateTime<Utc>, DateTime<Utc>) {
    let today = Utc::now().with_timezone(tz).date_naive();
    let to = NaiveDate::parse_from_str(to.trim(), "%Y-%m-%d").unwrap_or(today);
    let from = NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d")
        .ok()
        .filter(|f| *f <= to)
        .unwrap_or(to - chrono::Duration::days(29));
    let start = |d: NaiveDate| {
        tz.from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| d.and_time(NaiveTime::MIN).and_utc())
    };
    (from, to, start(from), start(to + chrono::Duration::days(1)))
}

/// SLA hits and misses for the clocks started in the range, per policy,
/// platform and member, with first-response times.
pub async fn report(
    pg: &PgPool,
    member: &Member,
    from: &str,
    to: &str,
) -> Result<SlaReport, AppError> {
    let ws = member.workspace;
    let tz = accounts::zone(pg, ws).await?;
    let (from, to, start, end) = range(from, to, &tz);
    let rows = sla_repo::report(pg, ws, start, end).await?;
    let everyone = accounts::members(pg, ws).await?;
    let line = |label: String, r: &sla_repo::ReportRow| SlaLine {
        label,
        hit: r.hit,
        missed: r.missed,
        running: r.running,
        first_responses: r.first_responses,
        frt_median_secs: r.frt_median,
        frt_p90_secs: r.frt_p90,
    };
    let mut report = SlaReport {
        from,
        to,
        timezone: tz.name().to_owned(),
        all: SlaLine::default(),
        policies: Vec::new(),
        platforms: Vec::new(),
        members: Vec::new(),
    };
    for r in &rows {
        match r.dimension.as_str() {
            "policy" => report.policies.push(line(r.policy_name.clone().unwrap_or_default(), r)),
            "platform" => report.platforms.push(line(
                r.platform
                    .as_deref()
                    .and_then(SocialPlatform::parse)
                    .map(|p| p.label().to_owned())
                    .unwrap_or_default(),
                r,
            )),
            "member" => {
                let name = match r.member {
                    None => "Nobody (unassigned)".to_owned(),
                    Some(u) => everyone
                        .iter()
                        .find(|m| m.user_id == u)
                        .map(|m| m.name.clone().unwrap_or(m.email.clone()))
                        .unwrap_or_else(|| "A former member".to_owned()),
                };
                report.members.push(line(name, r));
            }
            _ => report.all = line("All".to_owned(), r),
        }
    }
    Ok(report)
}

/// The report as CSV lines: a header, then one line per group.
pub fn report_csv(report: &SlaReport) -> Vec<Vec<String>> {
    let minutes = |s: Option<f64>| s.map(|s| format!("{:.1}", s / 60.0)).unwrap_or_default();
    let mut rows = vec![
        [
            "group",
            "name",
            "hit",
            "missed",
            "running",
            "hit_rate_percent",
            "first_responses",
            "first_response_median_minutes",
            "first_response_p90_minutes",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let groups = [
        ("all", std::slice::from_ref(&report.all)),
        ("policy", report.policies.as_slice()),
        ("platform", report.platforms.as_slice()),
        ("member", report.members.as_slice()),
    ];
    for (group, lines) in groups {
        for l in lines {
            rows.push(vec![
                group.to_owned(),
                l.label.clone(),
                l.hit.to_string(),
                l.missed.to_string(),
                l.running.to_string(),
                l.hit_rate().map(|r| format!("{r:.1}")).unwrap_or_default(),
                l.first_responses.to_string(),
                minutes(l.frt_median_secs),
                minutes(l.frt_p90_secs),
            ]);
        }
    }
    rows
}
