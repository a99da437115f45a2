//! Use cases of the inbox: what a platform delivers becomes a thread's message,
//! scored for sentiment, in every workspace that connected the account.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Duration, Utc};
use sqlx::PgPool;

use super::meta::Incoming;
use super::repo::{self, ListFilter, NewThread, Triage};
use super::sla::{self, workers};
use crate::contexts::ai::server::config::AiSettings;
use crate::contexts::ai::server::service as ai;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::content::server::service as content;
use crate::contexts::crm::server::service as crm;
use crate::contexts::inbox::rules;
use crate::contexts::inbox::types::{
    ClockView, ConversationKind, ConversationLine, ConversationView, InboxFilter, InboxPage,
    LeadLink, MessageView, NoteView, Priority, ReplyDraft, Sentiment, Status,
};
use crate::contexts::integrations::server::service::{
    Deps, accounts_by_platform_id, reply_as, social_accounts_of,
};
use crate::contexts::integrations::server::social::replies::{
    ReplyRequest, ReplyTo, answers_person,
};
use crate::contexts::integrations::types::SocialPlatform;
use crate::error::{AppError, FieldErrors, add_message};
use crate::kernel::{
    Action, ConversationId, Permission, Resource, SocialAccountId, UserId, WorkspaceId,
};
use crate::server::AppState;

static VADER: LazyLock<vader_sentiment::SentimentIntensityAnalyzer<'static>> =
    LazyLock::new(vader_sentiment::SentimentIntensityAnalyzer::new);

/// A text's VADER compound score (−1…1); `None` for a text with no words.
pub fn sentiment_score(text: &str) -> Option<f64> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    VADER.polarity_scores(text).get("compound").copied()
}

/// What a delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ingested {
    /// Messages stored (one per workspace that has the account).
    pub stored: usize,
    /// Messages a thread had already (a redelivery).
    pub repeated: usize,
    /// Items for an account no workspace has connected (or that is paused).
    pub unknown: usize,
    /// Items the database refused (their data), logged and skipped.
    pub skipped: usize,
}

/// Stores each item in the threads of the workspaces that connected its
/// account; a message a thread has already changes nothing. An item the
/// database refuses (its data, not the database being down) is logged and
/// skipped, so one bad item cannot block the rest of a delivery for ever; an
/// error that may pass (the database unreachable) stops, so Meta sends it again.
pub async fn ingest(pg: &PgPool, items: &[Incoming]) -> Result<Ingested, AppError> {
    let mut done = Ingested::default();
    for item in items {
        match ingest_one(pg, item, &mut done).await {
            Ok(()) => {}
            Err(err @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
                tracing::warn!(error = %err, message = %item.message_id, "webhook item skipped");
                done.skipped += 1;
            }
            Err(err) => return Err(err),
        }
    }
    Ok(done)
}

/// `text` as the database keeps it: no NUL characters, at most `max`
/// characters.
fn storable(text: &str, max: usize) -> String {
    text.chars().filter(|c| *c != '\0').take(max).collect()
}

async fn ingest_one(pg: &PgPool, item: &Incoming, done: &mut Ingested) -> Result<(), AppError> {
    // What the columns hold (varchar(255), varchar(512), text without NUL).
    let item = &Incoming {
        account: storable(&item.account, 255),
        thread_key: storable(&item.thread_key, 512),
        participant_id: storable(&item.participant_id, 255),
        participant_name: storable(&item.participant_name, 255),
        message_id: storable(&item.message_id, 255),
        text: storable(&item.text, 20_000),
        post_id: item.post_id.as_deref().map(|p| storable(p, 255)),
        ..item.clone()
    };
    {
        let owners = accounts_by_platform_id(pg, item.platform, &item.account).await?;
        if owners.is_empty() {
            done.unknown += 1;
            return Ok(());
        }
        for (workspace, account) in owners {
            match store(pg, workspace, account, item).await? {
                Some(_) => done.stored += 1,
                None => done.repeated += 1,
            }
        }
    }
    Ok(())
}

/// Stores `item` in the workspace's thread for it on `account` (made if new),
/// then runs what follows a message (priority rules, round robin, SLA clocks);
/// `None` when the thread had the message already.
pub(super) async fn store(
    pg: &PgPool,
    workspace: WorkspaceId,
    account: SocialAccountId,
    item: &Incoming,
) -> Result<Option<ConversationId>, AppError> {
    let score = sentiment_score(&item.text);
    let mut tx = pg.begin().await?;
    let post = match &item.post_id {
        Some(id) => content::post_by_platform_id(&mut *tx, workspace, account, id).await?,
        None => None,
    };
    let thread = NewThread {
        account,
        platform: item.platform.as_str(),
        kind: item.kind.as_str(),
        thread_key: &item.thread_key,
        participant_id: &item.participant_id,
        participant_name: &item.participant_name,
        platform_post_id: item.post_id.as_deref(),
        post_id: post,
        started_at: item.sent_at,
        followers: item.followers.and_then(|f| i32::try_from(f).ok()),
    };
    let (conversation, created) = repo::thread(&mut tx, workspace, &thread).await?;
    let stored = repo::insert_inbound(
        &mut tx,
        workspace,
        conversation,
        &item.message_id,
        &item.text,
        score,
        item.sent_at,
    )
    .await?;
    if stored.is_none() {
        return Ok(None);
    }
    let scores: Vec<f64> = repo::inbound_scores(&mut tx, workspace, conversation)
        .await?
        .into_iter()
        .map(f64::from)
        .collect();
    let sentiment = rules::conversation_sentiment(&scores).map(|s| s.as_str());
    repo::touch(&mut tx, workspace, conversation, item.sent_at, sentiment).await?;
    sla::after_inbound(&mut tx, workspace, conversation, created, item.sent_at, &item.text).await?;
    if let Some(message) = stored {
        super::chatbot::after_inbound(&mut tx, workspace, conversation, item.kind, message).await?;
    }
    tx.commit().await?;
    Ok(Some(conversation))
}

/// A mention found by listening, sent to the inbox by a member: a MENTION
/// conversation on the workspace's `account` of its platform (the same one
/// again when sent twice).
pub struct FromMention<'a> {
    pub account: SocialAccountId,
    pub platform: SocialPlatform,
    pub mention_id: &'a str,
    pub author_id: &'a str,
    pub author_name: &'a str,
    pub followers: Option<i64>,
    pub text: &'a str,
    pub at: chrono::DateTime<Utc>,
}

pub async fn from_mention(
    pg: &PgPool,
    workspace: WorkspaceId,
    m: &FromMention<'_>,
) -> Result<ConversationId, AppError> {
    let item = Incoming {
        platform: m.platform,
        account: String::new(),
        kind: ConversationKind::Mention,
        thread_key: storable(&format!("mention:{}", m.mention_id), 512),
        participant_id: storable(m.author_id, 255),
        participant_name: storable(m.author_name, 255),
        message_id: storable(m.mention_id, 255),
        text: storable(m.text, 20_000),
        post_id: None,
        sent_at: m.at,
        followers: m.followers,
    };
    store(pg, workspace, m.account, &item).await?;
    let id = repo::thread_id(
        pg,
        workspace,
        m.account,
        ConversationKind::Mention.as_str(),
        &item.thread_key,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(id)
}

// ---- Working the inbox ----------------------------------------------------

/// Conversations per page of the inbox.
pub const PER_PAGE: i64 = 25;

/// (id, "Platform · name") of the workspace's social accounts.
async fn account_names(
    pg: &PgPool,
    workspace: WorkspaceId,
) -> Result<Vec<(SocialAccountId, String, SocialPlatform)>, AppError> {
    Ok(social_accounts_of(pg, workspace)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} · {}", a.platform.label(), a.display_name), a.platform))
        .collect())
}

/// The filter as the address gave it, each value checked (an unknown one is
/// dropped, so a hand-edited address still shows a list).
fn clean(filter: &InboxFilter, member: &Member) -> (InboxFilter, ListFilter) {
    let mut shown = InboxFilter::default();
    let status = Status::parse(filter.status.trim()).unwrap_or(Status::Open);
    shown.status = if status == Status::Open { String::new() } else { status.as_str().to_owned() };
    let mut list = ListFilter { status: status.as_str().to_owned(), ..ListFilter::default() };
    if let Some(p) = SocialPlatform::parse(filter.platform.trim()) {
        shown.platform = p.as_str().to_owned();
        list.platform = Some(shown.platform.clone());
    }
    if let Some(k) = ConversationKind::parse(filter.kind.trim()) {
        shown.kind = k.as_str().to_owned();
        list.kind = Some(shown.kind.clone());
    }
    if let Some(p) = Priority::parse(filter.priority.trim()) {
        shown.priority = p.as_str().to_owned();
        list.priority = Some(shown.priority.clone());
    }
    if let Some(s) = Sentiment::parse(filter.sentiment.trim()) {
        shown.sentiment = s.as_str().to_owned();
        list.sentiment = Some(shown.sentiment.clone());
    }
    if let Ok(a) = filter.account.trim().parse::<SocialAccountId>() {
        shown.account = a.to_string();
        list.account = Some(a);
    }
    let tag = filter.tag.trim().trim_start_matches('#').to_lowercase();
    if !tag.is_empty() && tag.chars().count() <= 40 {
        shown.tag = tag.clone();
        list.tag = Some(tag);
    }
    if filter.sla.trim() == "risk" {
        shown.sla = "risk".into();
        list.due_before = Some(Utc::now() + Duration::minutes(rules::AT_RISK_MINUTES));
    }
    match filter.assignee.trim() {
        "me" => {
            shown.assignee = "me".into();
            list.assignee = Some(member.user);
        }
        "none" => {
            shown.assignee = "none".into();
            list.unassigned = true;
        }
        other => {
            if let Ok(id) = other.parse::<UserId>() {
                shown.assignee = id.to_string();
                list.assignee = Some(id);
            }
        }
    }
    (shown, list)
}

/// The inbox: a page of conversations under the filter.
pub async fn inbox(
    pg: &PgPool,
    member: &Member,
    filter: &InboxFilter,
    page: u32,
) -> Result<InboxPage, AppError> {
    repo::wake_snoozed(pg, member.workspace).await?;
    let (shown, list) = clean(filter, member);
    let total = repo::count(pg, member.workspace, &list).await?;
    let pages = u32::try_from((total + PER_PAGE - 1) / PER_PAGE).unwrap_or(u32::MAX).max(1);
    let page = page.clamp(1, pages);
    let offset = i64::from(page - 1) * PER_PAGE;
    let (rows, members, accounts) = tokio::try_join!(
        async {
            Ok::<_, AppError>(
                repo::list(pg, member.workspace, &list, member.user, PER_PAGE, offset).await?,
            )
        },
        workers(pg, member.workspace),
        account_names(pg, member.workspace)
    )?;
    let name_of = |id: &UserId| members.iter().find(|(m, _)| m == id).map(|(_, n)| n.clone());
    let lines = rows
        .into_iter()
        .map(|r| ConversationLine {
            id: r.id,
            platform: SocialPlatform::parse(&r.platform).unwrap_or(SocialPlatform::Facebook),
            account: accounts
                .iter()
                .find(|(a, ..)| *a == r.account_id)
                .map(|(_, n, _)| n.clone())
                .unwrap_or_default(),
            kind: ConversationKind::parse(&r.kind).unwrap_or(ConversationKind::Comment),
            participant: r.participant_name,
            status: Status::parse(&r.status).unwrap_or(Status::Open),
            priority: Priority::parse(&r.priority).unwrap_or(Priority::Medium),
            sentiment: r.sentiment.as_deref().and_then(Sentiment::parse),
            assignee: r.assigned_to_id.as_ref().and_then(name_of),
            last_message_at: r.last_message_at,
            preview: r.preview.unwrap_or_default(),
            unread: r.unread,
            sla_due: r.sla_deadline,
            tags: r.tags,
        })
        .collect();
    Ok(InboxPage {
        filter: shown,
        lines,
        page,
        pages,
        total,
        has_accounts: !accounts.is_empty(),
        members,
        accounts: accounts.into_iter().map(|(id, name, _)| (id, name)).collect(),
    })
}

/// How many conversations changed after `since` (looking 15 seconds further
/// back, for transactions that committed late), and the newest change, which
/// the list compares with the last one it saw.
pub async fn changes(
    pg: &PgPool,
    member: &Member,
    since: chrono::DateTime<Utc>,
) -> Result<(i64, String), AppError> {
    let (changed, newest) =
        repo::changed_since(pg, member.workspace, since - Duration::seconds(15)).await?;
    Ok((changed, newest.map(|n| n.to_rfc3339()).unwrap_or_default()))
}

/// The navigation's count: open conversations for the member with something new.
pub async fn unread(pg: &PgPool, member: &Member) -> Result<i64, AppError> {
    Ok(repo::count_unread(pg, member.workspace, member.user).await?)
}

/// Open or pending conversations, the member's or nobody's, whose SLA is
/// overdue or due within the hour (Home's card).
pub async fn overdue(pg: &PgPool, member: &Member) -> Result<i64, AppError> {
    let due = Utc::now() + Duration::minutes(rules::AT_RISK_MINUTES);
    Ok(repo::count_at_risk(pg, member.workspace, member.user, due).await?)
}

/// Why Aura cannot answer in a thread, when it cannot.
pub(super) fn no_reply(platform: SocialPlatform, kind: ConversationKind) -> Option<String> {
    let label = platform.label();
    match (platform, kind) {
        (SocialPlatform::Facebook | SocialPlatform::Instagram, ConversationKind::Review) => {
            Some(format!(
                "{label} gives no way to answer a review through its API; answer it on {label}."
            ))
        }
        (SocialPlatform::Instagram, ConversationKind::Mention) => Some(
            "Aura cannot answer an Instagram mention yet (it is on someone else's post); answer it on Instagram.".to_owned(),
        ),
        (SocialPlatform::Facebook | SocialPlatform::Instagram, _) => None,
        (SocialPlatform::Twitter, ConversationKind::Mention)
        | (SocialPlatform::Youtube, ConversationKind::Comment)
        | (SocialPlatform::Reddit, ConversationKind::Comment | ConversationKind::Mention | ConversationKind::Dm) => None,
        _ => Some(format!("Aura cannot answer on {label} yet; answer on {label} itself.")),
    }
}

/// A conversation's page; opening it marks it read for the member.
pub async fn conversation(
    pg: &PgPool,
    member: &Member,
    id: ConversationId,
) -> Result<ConversationView, AppError> {
    let ws = member.workspace;
    let row = repo::conversation(pg, ws, id).await?.ok_or(AppError::NotFound)?;
    let (messages, notes, others, members, accounts) = tokio::try_join!(
        async { Ok::<_, AppError>(repo::messages(pg, ws, id).await?) },
        async { Ok::<_, AppError>(repo::notes(pg, ws, id).await?) },
        async {
            Ok::<_, AppError>(repo::others(pg, ws, row.account_id, &row.participant_id, id).await?)
        },
        workers(pg, ws),
        account_names(pg, ws)
    )?;
    let everyone = accounts::members(pg, ws).await?;
    let saved = repo::saved_replies(pg, ws).await?;
    let clocks = repo::sla::clocks(pg, ws, id).await?;
    let lead = match row.lead_id {
        Some(lead) => crm::summary(pg, ws, lead).await?,
        None => None,
    };
    let name_of = |id: Option<UserId>| {
        id.and_then(|id| everyone.iter().find(|m| m.user_id == id))
            .map(|m| m.name.clone().unwrap_or(m.email.clone()))
    };
    if let Some(last) = messages.last() {
        repo::mark_read(pg, ws, id, member.user, last.created_at).await?;
    }
    let held: Vec<uuid::Uuid> = messages
        .iter()
        .filter(|m| m.delivery.as_deref() == Some("awaiting_approval"))
        .map(|m| m.id)
        .collect();
    let waiting = super::approval::waiting(pg, ws, &held).await?;
    let waiting_on = |message: uuid::Uuid| -> Vec<UserId> {
        waiting.iter().find(|(m, _)| *m == message).map(|(_, w)| w.clone()).unwrap_or_default()
    };
    let post = match row.post_id {
        Some(post) => content::texts(pg, ws, &[post]).await?.into_iter().next(),
        None => None,
    };
    let platform = SocialPlatform::parse(&row.platform).unwrap_or(SocialPlatform::Facebook);
    let kind = ConversationKind::parse(&row.kind).unwrap_or(ConversationKind::Comment);
    Ok(ConversationView {
        id,
        platform,
        account: accounts
            .iter()
            .find(|(a, ..)| *a == row.account_id)
            .map(|(_, n, _)| n.clone())
            .unwrap_or_default(),
        kind,
        participant: row.participant_name,
        status: Status::parse(&row.status).unwrap_or(Status::Open),
        priority: Priority::parse(&row.priority).unwrap_or(Priority::Medium),
        sentiment: row.sentiment.as_deref().and_then(Sentiment::parse),
        sentiment_manual: row.sentiment_manual,
        assignee: row.assigned_to_id,
        tags: row.tags,
        snoozed_until: row.snoozed_until,
        post: post.map(|(id, text)| (id, text.chars().take(160).collect())),
        platform_post: row.platform_post_id,
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                waiting_on: waiting_on(m.id).into_iter().filter_map(|u| name_of(Some(u))).collect(),
                can_decide: waiting_on(m.id).contains(&member.user),
                id: m.id,
                inbound: m.direction == "inbound",
                author: name_of(m.author_id),
                content: m.content,
                sentiment: m.sentiment,
                at: m.created_at,
                automatic: m.ai_generated && m.author_id.is_none(),
                drafted_with_ai: m.ai_generated && m.author_id.is_some(),
                delivery: m.delivery,
                error: m.error,
            })
            .collect(),
        notes: notes
            .into_iter()
            .map(|(author, body, at)| NoteView {
                author: name_of(author).unwrap_or_else(|| "A former member".to_owned()),
                body,
                at,
            })
            .collect(),
        others: others
            .into_iter()
            .map(|(id, kind, at)| {
                (id, ConversationKind::parse(&kind).unwrap_or(ConversationKind::Comment), at)
            })
            .collect(),
        members,
        can_update: member.can(Permission::new(Resource::Inbox, Action::Update)),
        can_delete_saved: member.can(Permission::new(Resource::Inbox, Action::Delete)),
        saved_replies: saved,
        no_reply: no_reply(platform, kind),
        priority_manual: row.priority_manual,
        sla: clocks
            .into_iter()
            .filter_map(|c| {
                Some(ClockView {
                    policy: c.policy_name,
                    target: rules::SlaTarget::parse(&c.target)?,
                    started_at: c.started_at,
                    due_at: c.due_at,
                    met_at: c.met_at,
                    stopped_at: c.stopped_at,
                    breached_at: c.breached_at,
                })
            })
            .collect(),
        sla_outcome: row.sla_outcome,
        lead: lead.map(|(name, status, email)| LeadLink { name, status, email }),
        can_make_lead: member.can(Permission::new(Resource::Leads, Action::Create)),
        bot_handover: row.bot_handover,
        draft: row.reply_draft.map(|text| ReplyDraft {
            text,
            note: row.reply_draft_meta.as_ref().map(ai::drafted_note).unwrap_or_default(),
        }),
    })
}

/// Sets a conversation's status, priority, assignee, tags and sentiment from
/// its form (`status`, `priority`, `assignee`: a member's id or empty, `tags`:
/// comma-separated, `sentiment`: empty keeps the scorer's, `snooze`: hours).
pub async fn triage(
    pg: &PgPool,
    member: &Member,
    id: ConversationId,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let ws = member.workspace;
    let field = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let row = repo::conversation(pg, ws, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let status = match field("status") {
        "" => Status::parse(&row.status).unwrap_or(Status::Open),
        raw => Status::parse(raw).unwrap_or_else(|| {
            add_message(&mut errors, "status", "Choose open, pending, resolved or archived.");
            Status::Open
        }),
    };
    let before = Status::parse(&row.status).unwrap_or(Status::Open);
    let priority = match field("priority") {
        "" => Priority::parse(&row.priority).unwrap_or(Priority::Medium),
        raw => Priority::parse(raw).unwrap_or_else(|| {
            add_message(&mut errors, "priority", "Choose low, medium, high or urgent.");
            Priority::Medium
        }),
    };
    let workers = workers(pg, ws).await?;
    let assignee = match fields.get("assignee").map(|v| v.trim()) {
        None => row.assigned_to_id,
        Some("") => None,
        // The one already assigned stays choosable, even without the role now.
        Some(raw) if raw.parse::<UserId>().ok() == row.assigned_to_id => row.assigned_to_id,
        Some(raw) => {
            match raw.parse::<UserId>().ok().filter(|u| workers.iter().any(|(w, _)| w == u)) {
                Some(u) => Some(u),
                None => {
                    add_message(&mut errors, "assignee", "Choose a member who works the inbox.");
                    None
                }
            }
        }
    };
    let tags: Vec<String> = match fields.get("tags") {
        None => row.tags.clone(),
        Some(raw) => raw
            .split(',')
            .map(|t| t.trim().trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty())
            .take(20)
            .collect(),
    };
    if tags.iter().any(|t| t.chars().count() > 40) {
        add_message(&mut errors, "tags", "Tags take at most 40 characters each.");
    }
    let (sentiment, manual) = match fields.get("sentiment").map(|v| v.trim()) {
        // Not in the form: as it is.
        None => (row.sentiment.clone(), row.sentiment_manual),
        // "As scored": the scorer's again, from what the person wrote.
        Some("") => {
            let mut db = pg.acquire().await?;
            let scores: Vec<f64> =
                repo::inbound_scores(&mut db, ws, id).await?.into_iter().map(f64::from).collect();
            (rules::conversation_sentiment(&scores).map(|s| s.as_str().to_owned()), false)
        }
        Some(raw) => match Sentiment::parse(raw) {
            Some(s) => (Some(s.as_str().to_owned()), true),
            None => {
                add_message(&mut errors, "sentiment", "Choose positive, neutral or negative.");
                (None, false)
            }
        },
    };
    let snoozed_until = match fields.get("snooze").map(|v| v.trim()) {
        None | Some("keep") => row.snoozed_until,
        Some("") => None,
        Some(raw) => match raw.parse::<i64>().ok().filter(|h| (1..=24 * 30).contains(h)) {
            Some(hours) => Some(Utc::now() + Duration::hours(hours)),
            None => {
                add_message(&mut errors, "snooze", "Snooze for between 1 hour and 30 days.");
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // Snoozing waits as pending; a status other than pending ends a snooze.
    let (status, snoozed_until) = match (snoozed_until, field("snooze")) {
        (Some(_), "" | "keep") if status != Status::Pending => (status, None),
        (Some(until), _) => (Status::Pending, Some(until)),
        (None, _) => (status, None),
    };
    // A priority a person changes is theirs from then on: the rules leave it.
    let priority_manual = row.priority_manual
        || priority != Priority::parse(&row.priority).unwrap_or(Priority::Medium);
    let triage = Triage {
        status: status.as_str(),
        priority: priority.as_str(),
        priority_manual,
        assignee,
        tags: &tags,
        sentiment: sentiment.as_deref(),
        sentiment_manual: manual,
        snoozed_until,
    };
    let mut tx = pg.begin().await?;
    if !repo::triage(&mut *tx, ws, id, &triage).await? {
        return Err(AppError::NotFound);
    }
    sla::after_status(&mut tx, ws, id, before, status, member.user).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the conversation's participant a CRM lead (found again by their id
/// on the platform, their email or their phone rather than made twice), links
/// the two, and notes it in the thread. `email` and `phone` are optional.
pub async fn make_lead(
    pg: &PgPool,
    member: &Member,
    id: ConversationId,
    email: &str,
    phone: &str,
) -> Result<(), AppError> {
    let ws = member.workspace;
    let row = repo::conversation(pg, ws, id).await?.ok_or(AppError::NotFound)?;
    let known = row.participant_name != row.participant_id;
    let person = crm::Person {
        name: if known { &row.participant_name } else { "" },
        email,
        phone,
        source: "inbox",
        platform: Some(&row.platform),
        platform_user_id: Some(&row.participant_id),
        notes: None,
    };
    let mut tx = pg.begin().await?;
    let (lead, made) = crm::find_or_create(&mut tx, ws, &person).await?;
    repo::set_lead(&mut *tx, ws, id, lead).await?;
    let note =
        if made { "Made a lead in the CRM." } else { "Linked to the lead already in the CRM." };
    repo::insert_note(&mut *tx, ws, id, member.user, note).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an internal note (never sent to the platform).
pub async fn note(
    pg: &PgPool,
    member: &Member,
    id: ConversationId,
    body: &str,
) -> Result<(), AppError> {
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 4000 {
        return Err(AppError::invalid("note", "Write a note of up to 4,000 characters."));
    }
    repo::conversation(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    repo::insert_note(pg, member.workspace, id, member.user, body).await?;
    Ok(())
}

/// Adds a saved reply; a shortcut in use is refused (only managers delete).
pub async fn save_reply(
    pg: &PgPool,
    member: &Member,
    shortcut: &str,
    body: &str,
) -> Result<(), AppError> {
    let shortcut = shortcut.trim().trim_start_matches('/').to_lowercase();
    let body = body.trim();
    let mut errors = FieldErrors::new();
    if !rules::valid_shortcut(&shortcut) {
        add_message(
            &mut errors,
            "shortcut",
            "Name the shortcut with letters, digits and dashes, like \"hours\" (typed as /hours).",
        );
    }
    if body.is_empty() || body.chars().count() > REPLY_MAX {
        add_message(&mut errors, "body", "Write the reply, up to 2,000 characters.");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if !repo::save_reply(pg, member.workspace, &shortcut, body, member.user).await? {
        return Err(AppError::invalid(
            "shortcut",
            format!(
                "/{shortcut} is taken: choose another shortcut, or ask a manager to delete it first."
            ),
        ));
    }
    Ok(())
}

/// Deletes a saved reply.
pub async fn delete_reply(pg: &PgPool, member: &Member, id: uuid::Uuid) -> Result<(), AppError> {
    if repo::delete_reply(pg, member.workspace, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Most characters a reply may have (Messenger's limit is 2,000).
pub const REPLY_MAX: usize = 2000;

/// Where a reply to the thread goes: the person, where the platform answers
/// direct messages so; otherwise the latest thing they wrote.
pub(super) async fn reply_target(
    pg: &PgPool,
    ws: WorkspaceId,
    row: &repo::ConversationRow,
) -> Result<ReplyTo, AppError> {
    let platform = SocialPlatform::parse(&row.platform).unwrap_or(SocialPlatform::Facebook);
    if row.kind == ConversationKind::Dm.as_str() && answers_person(platform) {
        return Ok(ReplyTo::Message(row.participant_id.clone()));
    }
    let latest = repo::messages(pg, ws, row.id)
        .await?
        .into_iter()
        .rev()
        .find(|m| m.direction == "inbound")
        .and_then(|m| m.platform_message_id);
    latest
        .map(ReplyTo::Comment)
        .ok_or_else(|| AppError::invalid("reply", "There is nothing to answer yet."))
}

/// Answers the person through the platform. The reply is kept first, so a
/// failure keeps its text in the thread with the platform's reason, and the
/// form says why too.
pub async fn reply(
    state: &AppState,
    member: &Member,
    id: ConversationId,
    text: &str,
    from_ai_draft: bool,
    token: Option<uuid::Uuid>,
) -> Result<(), AppError> {
    let pg = &state.pg;
    let ws = member.workspace;
    let row = repo::conversation(pg, ws, id).await?.ok_or(AppError::NotFound)?;
    let saved: Vec<(String, String)> =
        repo::saved_replies(pg, ws).await?.into_iter().map(|(_, s, b)| (s, b)).collect();
    // A thread known only by an id (a direct message, a mention) has no name.
    let known = row.participant_name != row.participant_id
        && row.participant_name.chars().any(char::is_alphabetic)
        && row.kind != ConversationKind::Mention.as_str();
    let person = if known { row.participant_name.as_str() } else { "" };
    let text = rules::expand(text.trim(), &saved, person)
        .map_err(|why| AppError::invalid("reply", why))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid("reply", "Write the reply first."));
    }
    if text.chars().count() > REPLY_MAX {
        return Err(AppError::invalid(
            "reply",
            format!(
                "Replies take at most {REPLY_MAX} characters; this one has {}.",
                text.chars().count()
            ),
        ));
    }
    let platform = SocialPlatform::parse(&row.platform).unwrap_or(SocialPlatform::Facebook);
    let kind = ConversationKind::parse(&row.kind).unwrap_or(ConversationKind::Comment);
    if let Some(why) = no_reply(platform, kind) {
        return Err(AppError::invalid("reply", why));
    }
    let to = reply_target(pg, ws, &row).await?;
    let chain = super::approval::chain_holding(pg, ws, member.user, row.account_id).await?;
    // Marked AI-drafted only when the draft is still there to have come from.
    let outbound = repo::Outbound {
        author: member.user,
        content: text,
        ai_generated: from_ai_draft && row.reply_draft.is_some(),
        token,
        held: chain.is_some(),
    };
    let mut tx = pg.begin().await?;
    let Some(message) = repo::insert_outbound(&mut *tx, ws, id, &outbound).await? else {
        // The same form again: the first one's reply stands.
        return Ok(());
    };
    if let Some(chain) = chain {
        let approvers = super::approval::hold(&mut tx, ws, message, member.user, &chain).await?;
        repo::set_reply_draft(&mut *tx, ws, id, None).await?;
        tx.commit().await?;
        super::approval::tell(
            &state.mongo,
            ws,
            &approvers,
            id,
            "A reply is waiting for your approval.",
        )
        .await;
        return Ok(());
    }
    tx.commit().await?;
    send_kept(state, ws, &row, message, ReplyRequest { to, text: text.to_owned() }, member.user)
        .await
}

/// Sends a reply kept as `message` (`sending`) through the platform and marks
/// it sent (the draft cleared, the SLA's clocks told `author` answered) or
/// failed with the platform's words, which the caller gets on the `reply`
/// field.
pub(super) async fn send_kept(
    state: &AppState,
    ws: WorkspaceId,
    row: &repo::ConversationRow,
    message: uuid::Uuid,
    request: ReplyRequest,
    author: UserId,
) -> Result<(), AppError> {
    let pg = &state.pg;
    let outcome = reply_as(&Deps::from_state(state), ws, row.account_id, &request).await;
    let mut tx = pg.begin().await?;
    let result = match &outcome {
        Ok(sent) => {
            repo::finish_outbound(&mut tx, ws, row.id, message, Ok(sent)).await?;
            repo::set_reply_draft(&mut *tx, ws, row.id, None).await?;
            sla::after_reply(&mut tx, ws, row.id, author).await?;
            Ok(())
        }
        Err(why) => {
            let why = why.to_string();
            repo::finish_outbound(&mut tx, ws, row.id, message, Err(&why)).await?;
            Err(AppError::invalid("reply", why))
        }
    };
    tx.commit().await?;
    result
}

/// How the model is asked to answer for the team.
const DRAFT_SYSTEM: &str = "You draft replies for a small business's social media team. \
Answer the customer's latest message in the thread: warm, brief (at most 80 words), plain \
text, no hashtags, in the customer's language. Never invent facts such as prices, dates, \
stock or order details: where one is needed, say the team will check and follow up. \
Write only the reply.";

/// The messages the model reads: the latest of the thread.
const DRAFT_CONTEXT: usize = 12;

/// The prompt for a reply to the thread: where it is, who wrote, the post it
/// is about, the latest messages in order, and the member's own notes.
fn draft_prompt(
    platform: SocialPlatform,
    kind: ConversationKind,
    person: &str,
    post: Option<&str>,
    thread: &[(bool, String)],
    guidance: &str,
) -> String {
    let mut prompt = format!(
        "Where: {} {}\nCustomer: {person}\n",
        platform.label(),
        kind.label().to_lowercase()
    );
    if let Some(post) = post {
        prompt.push_str(&format!("Their message is about our post: \"{post}\"\n"));
    }
    prompt.push_str("\nThe thread, oldest first:\n");
    let start = thread.len().saturating_sub(DRAFT_CONTEXT);
    for (inbound, text) in &thread[start..] {
        let who = if *inbound { "Customer" } else { "Us" };
        prompt.push_str(&format!("{who}: {}\n", text.trim()));
    }
    if guidance.trim().is_empty() {
        prompt.push_str("\nWrite our next reply.");
    } else {
        prompt.push_str(&format!(
            "\nWrite our next reply, following these notes from the team: {}",
            guidance.trim()
        ));
    }
    prompt
}

/// Asks the model for the next reply (following what the member wrote in the
/// reply box, if anything) and keeps it on the conversation as its draft, for
/// the member to read, change and send. A model that cannot answer is said on
/// the form, and what the member typed stays.
pub async fn draft_reply(
    state: &AppState,
    member: &Member,
    id: ConversationId,
    guidance: &str,
) -> Result<(), AppError> {
    let pg = &state.pg;
    let ws = member.workspace;
    let row = repo::conversation(pg, ws, id).await?.ok_or(AppError::NotFound)?;
    let platform = SocialPlatform::parse(&row.platform).unwrap_or(SocialPlatform::Facebook);
    let kind = ConversationKind::parse(&row.kind).unwrap_or(ConversationKind::Comment);
    if let Some(why) = no_reply(platform, kind) {
        return Err(AppError::invalid("reply", why));
    }
    let thread: Vec<(bool, String)> = repo::messages(pg, ws, id)
        .await?
        .into_iter()
        .filter(|m| m.delivery.as_deref() != Some("failed"))
        .map(|m| (m.direction == "inbound", m.content))
        .collect();
    if !thread.iter().any(|(inbound, _)| *inbound) {
        return Err(AppError::invalid("reply", "There is nothing to answer yet."));
    }
    let post = match row.post_id {
        Some(post) => content::texts(pg, ws, &[post]).await?.into_iter().next().map(|(_, t)| t),
        None => None,
    };
    let prompt =
        draft_prompt(platform, kind, &row.participant_name, post.as_deref(), &thread, guidance);
    let settings = state.config::<AiSettings>()?;
    let done = ai::complete(
        &state.http,
        &state.mongo,
        &settings,
        ws,
        "inbox_reply",
        DRAFT_SYSTEM,
        &prompt,
    )
    .await
    .map_err(|message| AppError::invalid("reply", message))?;
    let text: String = done.text.chars().take(REPLY_MAX).collect();
    let mut meta = done.meta();
    meta["by"] = member.user.to_string().into();
    meta["at"] = Utc::now().to_rfc3339().into();
    repo::set_reply_draft(pg, ws, id, Some((&text, &meta))).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vader_scores_what_people_write() {
        assert!(sentiment_score("I love this coffee, thank you!").unwrap() >= rules::POSITIVE_FROM);
        assert!(
            sentiment_score("The order arrived broken and nobody answers. Terrible.").unwrap()
                <= rules::NEGATIVE_FROM
        );
        let neutral = sentiment_score("What time do you open on Sunday?").unwrap();
        assert!(neutral.abs() < rules::POSITIVE_FROM, "{neutral}");
        assert_eq!(sentiment_score("  👍 "), None);
    }

    #[test]
    fn the_draft_prompt_holds_the_latest_of_the_thread_and_the_teams_notes() {
        let thread: Vec<(bool, String)> =
            (0..20).map(|i| (i % 2 == 0, format!("message {i}"))).collect();
        let prompt = draft_prompt(
            SocialPlatform::Instagram,
            ConversationKind::Comment,
            "Ana",
            Some("Holiday blend is back"),
            &thread,
            " mention the Friday restock ",
        );
        assert!(prompt.starts_with("Where: Instagram comment\nCustomer: Ana\n"), "{prompt}");
        assert!(prompt.contains("about our post: \"Holiday blend is back\""));
        assert!(!prompt.contains("message 7\n"), "only the latest {DRAFT_CONTEXT}: {prompt}");
        assert!(prompt.contains("Customer: message 8\nUs: message 9\n"));
        assert!(
            prompt.ends_with("following these notes from the team: mention the Friday restock")
        );
        let plain = draft_prompt(
            SocialPlatform::Facebook,
            ConversationKind::Dm,
            "Bo",
            None,
            &thread[..1],
            "  ",
        );
        assert!(plain.ends_with("Customer: message 0\n\nWrite our next reply."), "{plain}");
    }
}
