//! Use cases of the approvals context: the chains (kept as `approval` workflows
//! through the automation context) and the engine that walks a subject through
//! one. The engine runs inside the subject owner's transaction and answers with
//! what happened; the owner decides what that means for its subject.

use std::collections::HashMap;

use sqlx::{PgConnection, PgExecutor, PgPool};

pub use super::repo::Subject;
use super::repo::{self, ApprovalRow, NewLevel};
use crate::contexts::approvals::rules::{self, LevelState, MAX_LEVELS};
use crate::contexts::approvals::types::{
    ApprovalEntry, ChainConfig, ChainSubject, ChainView, ChainsPage, Decision, Level, Mode, Vote,
};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::workflows::{self, WorkflowWrite};
use crate::contexts::campaigns::server::service as campaigns;
use crate::contexts::integrations::server::service::social_accounts_of;
use crate::error::{AppError, FieldErrors};
use crate::kernel::{
    Action, CampaignId, Permission, PostId, Resource, Role, SocialAccountId, UserId, WorkflowId,
    WorkspaceId,
};

/// The `workflows.type` of a chain.
pub const APPROVAL: &str = "approval";

/// A workspace's members as the rules take them: (id, role).
pub async fn roles(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Vec<(UserId, Role)>, AppError> {
    Ok(accounts::members(db, workspace)
        .await?
        .into_iter()
        .filter_map(|m| Role::parse(&m.role).map(|r| (m.user_id, r)))
        .collect())
}

async fn names(pg: &PgPool, workspace: WorkspaceId) -> Result<Vec<(UserId, String)>, AppError> {
    Ok(accounts::members(pg, workspace)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.name.unwrap_or(m.email)))
        .collect())
}

fn config_of(row: &workflows::WorkflowRow) -> ChainConfig {
    serde_json::from_value(row.settings.clone()).unwrap_or_default()
}

/// A chain that covers a subject: its id, name and configuration.
#[derive(Debug, Clone)]
pub struct Chain {
    pub id: WorkflowId,
    pub name: String,
    pub config: ChainConfig,
}

/// The active chain covering a subject that goes to `accounts` in `campaign`,
/// if any.
pub async fn chain_for(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    accounts: &[SocialAccountId],
    campaign: Option<CampaignId>,
) -> Result<Option<Chain>, AppError> {
    chain_of(db, workspace, ChainSubject::Posts, accounts, campaign).await
}

/// The active chain covering a reply sent from `account`, if any.
pub async fn reply_chain_for(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
) -> Result<Option<Chain>, AppError> {
    chain_of(db, workspace, ChainSubject::Replies, &[account], None).await
}

async fn chain_of(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    subject: ChainSubject,
    accounts: &[SocialAccountId],
    campaign: Option<CampaignId>,
) -> Result<Option<Chain>, AppError> {
    let rows = workflows::active(db, workspace, APPROVAL).await?;
    let chains: Vec<((WorkflowId, String), ChainConfig)> = rows
        .iter()
        .map(|r| ((r.id, r.name.clone()), config_of(r)))
        .filter(|(_, c)| c.subject == subject)
        .collect();
    Ok(rules::chain_for(&chains, accounts, campaign).map(|((id, name), config)| Chain {
        id: *id,
        name: name.clone(),
        config: config.clone(),
    }))
}

/// What the active chains cover, in words, for the composer: "Posts to
/// Instagram · Northwind Coffee need approval (Brand review): scheduling one
/// sends it for approval."
pub async fn coverage(pg: &PgPool, workspace: WorkspaceId) -> Result<Vec<String>, AppError> {
    let rows: Vec<_> = workflows::active(pg, workspace, APPROVAL)
        .await?
        .into_iter()
        .filter(|r| config_of(r).subject == ChainSubject::Posts)
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (accounts, campaigns) = labels(pg, workspace).await?;
    Ok(rows
        .iter()
        .map(|row| {
            let covers = rules::coverage(&config_of(row), &accounts, &campaigns);
            format!(
                "{covers} need approval (\"{}\"): scheduling one sends it for approval.",
                row.name
            )
        })
        .collect())
}

/// (id, "Platform · name") of the workspace's social accounts and (id, name)
/// of its campaigns, for saying what a chain covers.
async fn labels(
    pg: &PgPool,
    workspace: WorkspaceId,
) -> Result<(Vec<(SocialAccountId, String)>, Vec<(CampaignId, String)>), AppError> {
    let (social, campaigns) =
        tokio::try_join!(social_accounts_of(pg, workspace), campaigns::all_names(pg, workspace))?;
    let accounts = social
        .iter()
        .map(|a| (a.id, format!("{} · {}", a.platform.label(), a.display_name)))
        .collect();
    Ok((accounts, campaigns))
}

/// Who never approves a round: its subject's author and whoever sent it.
fn excluded(author: Option<UserId>, submitted_by: Option<UserId>) -> Vec<UserId> {
    author.into_iter().chain(submitted_by).collect()
}

/// Starts a new round of `chain` for a subject at `version`, sent by
/// `submitted_by`: rows still waiting are superseded and level 1's approvers get
/// theirs. Refused, in words on `field`, when a level has no approver but the
/// author and the sender. Returns level 1's approvers, to tell them.
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    author: Option<UserId>,
    submitted_by: UserId,
    chain: &Chain,
    version: &str,
    field: &str,
) -> Result<Vec<UserId>, AppError> {
    let subject: Subject = subject.into();
    let members = roles(&mut *tx, workspace).await?;
    let excluded = excluded(author, Some(submitted_by));
    if let Some(message) = rules::unstaffed(&chain.config, &members, &excluded) {
        return Err(AppError::invalid(field, message));
    }
    repo::close_open(tx, workspace, subject, Vote::Superseded.as_str()).await?;
    let round = repo::last_round(&mut *tx, workspace, subject).await? + 1;
    let first = &chain.config.levels[0];
    let approvers = rules::approvers(first, &members, &excluded);
    let level = NewLevel {
        workflow: Some(chain.id),
        round,
        level: 1,
        mode: first.mode.as_str(),
        version,
        submitted_by: Some(submitted_by),
    };
    repo::insert_level(tx, workspace, subject, &level, &approvers).await?;
    super::jobs::book(tx, workspace).await?;
    Ok(approvers)
}

/// The round under way on a subject: its version, level and who it waits on.
#[derive(Debug, Clone)]
pub struct OpenRound {
    pub round: i32,
    pub level: i32,
    pub version: String,
    pub waiting_on: Vec<UserId>,
}

pub async fn open_round(
    db: impl PgExecutor<'_>,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<Option<OpenRound>, AppError> {
    let subject: Subject = subject.into();
    let rows = repo::open_rows(db, workspace, subject).await?;
    Ok(rows.first().map(|first| OpenRound {
        round: first.round,
        level: first.level,
        version: first.version.clone(),
        waiting_on: rows.iter().filter_map(|r| r.approver_id).collect(),
    }))
}

/// What a decision did to the subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Its level waits for more approvals.
    Waiting,
    /// Its level was satisfied and the next one started, with these approvers.
    NextLevel { level: i32, approvers: Vec<UserId> },
    /// The last level was satisfied: this version is approved.
    Approved { version: String },
    /// Rejected or changes requested: the round is over.
    Returned(Vote),
}

/// Records `approver`'s decision on the subject's current level. Rejecting and
/// requesting changes need a comment. Only a member the level waits on decides.
/// `author` is the subject's, never made an approver of the next level.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    author: Option<UserId>,
    approver: UserId,
    seen_round: Option<i32>,
    decision: Decision,
    comment: &str,
) -> Result<Outcome, AppError> {
    let subject: Subject = subject.into();
    let comment = comment.trim();
    if author == Some(approver) {
        return Err(AppError::invalid(
            "_form",
            format!("You wrote this {}, so someone else approves it.", subject.noun()),
        ));
    }
    if decision != Decision::Approve && comment.is_empty() {
        return Err(AppError::invalid(
            "comment",
            "Say what should change, so the author knows what to do.",
        ));
    }
    if comment.chars().count() > 2000 {
        return Err(AppError::invalid("comment", "Comments take at most 2,000 characters."));
    }
    let open = repo::open_rows(&mut *tx, workspace, subject).await?;
    let Some(mine) = open.iter().find(|r| r.approver_id == Some(approver)) else {
        return Err(AppError::invalid(
            "_form",
            format!(
                "This {} is not waiting for your approval (any more): someone may have decided it already, or it changed.",
                subject.noun()
            ),
        ));
    };
    if seen_round.is_some_and(|seen| seen != mine.round) {
        return Err(AppError::invalid("_form", changed(subject)));
    }
    // Locks the level, then checks the row still waits (another decision may
    // have ended the round meanwhile).
    let level_rows = repo::lock_level(tx, workspace, subject, mine.round, mine.level).await?;
    let comment = Some(comment).filter(|c| !c.is_empty());
    if !repo::decide(tx, workspace, mine.id, decision.vote().as_str(), comment).await? {
        return Err(AppError::invalid("_form", "This approval was already decided."));
    }
    let votes: Vec<Vote> = level_rows
        .iter()
        .map(|r| if r.id == mine.id { decision.vote() } else { vote_of(r) })
        .collect();
    let mode = Mode::parse(&mine.mode).unwrap_or_default();
    match rules::level_state(mode, &votes) {
        LevelState::Open => Ok(Outcome::Waiting),
        LevelState::Returned(vote) => {
            repo::close_open(tx, workspace, subject, Vote::Superseded.as_str()).await?;
            Ok(Outcome::Returned(vote))
        }
        LevelState::Satisfied => {
            repo::close_open(tx, workspace, subject, Vote::Superseded.as_str()).await?;
            next_level(tx, workspace, subject, author, mine).await
        }
    }
}

/// The decision was made on a version of the subject that is no longer the one
/// waiting.
fn changed(subject: Subject) -> String {
    format!(
        "This {} changed since you opened it (it was edited and sent again): look at it again before deciding.",
        subject.noun()
    )
}

/// Records an external approver's decision (through `link`) on the subject's
/// current level: it counts like a member's at that level. A link decides once
/// per round.
#[allow(clippy::too_many_arguments)]
pub async fn decide_external(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    author: Option<UserId>,
    link: uuid::Uuid,
    seen_round: Option<i32>,
    decision: Decision,
    comment: &str,
) -> Result<Outcome, AppError> {
    let subject: Subject = subject.into();
    let comment = comment.trim();
    if decision == Decision::Reject {
        return Err(AppError::invalid("decision", "Approve it, or ask for changes."));
    }
    if decision != Decision::Approve && comment.is_empty() {
        return Err(AppError::invalid(
            "comment",
            "Say what should change, so the team knows what to do.",
        ));
    }
    if comment.chars().count() > 2000 {
        return Err(AppError::invalid("comment", "Comments take at most 2,000 characters."));
    }
    let open = repo::open_rows(&mut *tx, workspace, subject).await?;
    let Some(current) = open.first() else {
        return Err(AppError::invalid("_form", "This post is not waiting for approval any more."));
    };
    if seen_round.is_some_and(|seen| seen != current.round) {
        return Err(AppError::invalid("_form", changed(subject)));
    }
    let level_rows = repo::lock_level(tx, workspace, subject, current.round, current.level).await?;
    // A client decides once per round (a version of the post), at whichever
    // level it is waiting.
    let decided = repo::history(&mut *tx, workspace, subject)
        .await?
        .iter()
        .any(|r| r.round == current.round && r.link_id == Some(link));
    if decided {
        return Err(AppError::invalid("_form", "You already gave your decision on this post."));
    }
    // The level may have moved on while the lock was awaited.
    if !level_rows.iter().any(|r| r.status == Vote::Pending.as_str()) {
        return Err(AppError::invalid("_form", "This post is not waiting for approval any more."));
    }
    let comment = Some(comment).filter(|c| !c.is_empty());
    repo::insert_external(tx, workspace, subject, link, current, decision.vote().as_str(), comment)
        .await?;
    let mut votes: Vec<Vote> = level_rows.iter().map(vote_of).collect();
    votes.push(decision.vote());
    let mode = Mode::parse(&current.mode).unwrap_or_default();
    match rules::level_state(mode, &votes) {
        LevelState::Open => Ok(Outcome::Waiting),
        LevelState::Returned(vote) => {
            repo::close_open(tx, workspace, subject, Vote::Superseded.as_str()).await?;
            Ok(Outcome::Returned(vote))
        }
        LevelState::Satisfied => {
            repo::close_open(tx, workspace, subject, Vote::Superseded.as_str()).await?;
            next_level(tx, workspace, subject, author, current).await
        }
    }
}

/// How long an external approver's link works.
pub const LINK_DAYS: i64 = 30;
/// Unknown tokens an address may try in `FAILURE_MINUTES` before it waits.
const FAILURE_LIMIT: i64 = 20;
const FAILURE_MINUTES: i32 = 15;

/// A new link for `email` sharing `posts` and the posts of the links it
/// replaces (a newer link to the same address ends the older ones). Returns the
/// token, to send; only its hash is kept.
pub async fn share(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    by: UserId,
    email: &str,
    name: Option<&str>,
    posts: &[PostId],
) -> Result<String, AppError> {
    let mut shared = repo::revoke_links_to(tx, workspace, email).await?;
    for post in posts {
        if !shared.contains(post) {
            shared.push(*post);
        }
    }
    let (token, hash) = crate::server::token::new_token();
    let link = repo::NewLink {
        email,
        name,
        token_hash: &hash,
        created_by: by,
        expires_at: chrono::Utc::now() + chrono::Duration::days(LINK_DAYS),
    };
    repo::insert_link(tx, workspace, &link, &shared).await?;
    Ok(token)
}

/// A link as its holder may use it.
#[derive(Debug, Clone)]
pub struct Link {
    pub id: uuid::Uuid,
    pub workspace: WorkspaceId,
    pub name: String,
    /// Why it no longer works, in words; `None` while it works.
    pub ended: Option<String>,
    pub posts: Vec<PostId>,
}

/// The link a token opens. An unknown token is "not found" and counts against
/// the address (`ip`): past 20 in 15 minutes, its tries wait. An expired or
/// replaced link says so and shares nothing.
pub async fn open_link(pg: &PgPool, token: &str, ip: &str) -> Result<Link, AppError> {
    let hash = crate::server::token::hash(token);
    let Some(row) = repo::link_by_hash(pg, &hash).await? else {
        // Only unknown tokens count: a valid link keeps working whoever guesses
        // from the same address.
        let tries = repo::record_failure(pg, ip, FAILURE_MINUTES).await?;
        if tries > FAILURE_LIMIT {
            return Err(AppError::TooManyAttempts(FAILURE_MINUTES.unsigned_abs()));
        }
        return Err(AppError::NotFound);
    };
    let ended = if row.revoked_at.is_some() {
        Some("This link no longer works: it was replaced by a newer one, or the team stopped sharing its posts. Open the link in the latest email from the team.".to_owned())
    } else if row.expires_at <= chrono::Utc::now() {
        Some(format!(
            "This link expired on {}: ask the team for a new one.",
            row.expires_at.format("%b %-d, %Y")
        ))
    } else {
        None
    };
    let posts = if ended.is_some() {
        Vec::new()
    } else {
        repo::touch_link(pg, row.workspace_id, row.id).await?;
        repo::link_posts(pg, row.workspace_id, row.id).await?
    };
    Ok(Link {
        id: row.id,
        workspace: row.workspace_id,
        name: row.name.unwrap_or(row.email),
        ended,
        posts,
    })
}

/// Who a subject is shared with now: "Dana Client <dana@client.example>".
pub async fn shared_with(
    pg: &PgPool,
    workspace: WorkspaceId,
    post: PostId,
) -> Result<Vec<(uuid::Uuid, String)>, AppError> {
    Ok(repo::live_links_of_post(pg, workspace, post)
        .await?
        .into_iter()
        .map(|l| {
            let label = match l.name {
                Some(name) => format!("{name} <{}>", l.email),
                None => l.email,
            };
            (l.id, label)
        })
        .collect())
}

/// Stops a live link sharing `post` (a link left with nothing is revoked).
/// Not found when the workspace has no such live link sharing it.
pub async fn unshare(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    link: uuid::Uuid,
    post: PostId,
) -> Result<(), AppError> {
    if repo::unshare(tx, workspace, link, post).await? { Ok(()) } else { Err(AppError::NotFound) }
}

fn vote_of(row: &ApprovalRow) -> Vote {
    Vote::parse(&row.status).unwrap_or(Vote::Pending)
}

/// Starts the level after `row`'s, or approves the version when there is none.
/// The chain is read as it is now; a chain deleted meanwhile ends at this level.
/// A level nobody can approve any more (its members left) is passed over.
async fn next_level(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
    author: Option<UserId>,
    row: &ApprovalRow,
) -> Result<Outcome, AppError> {
    let subject: Subject = subject.into();
    let config = match row.workflow_id {
        Some(id) => workflows::get(&mut *tx, workspace, APPROVAL, id).await?.map(|r| config_of(&r)),
        None => None,
    }
    .unwrap_or_default();
    let members = roles(&mut *tx, workspace).await?;
    let excluded = excluded(author, row.submitted_by);
    let start = usize::try_from(row.level).unwrap_or(usize::MAX);
    for (at, level) in config.levels.iter().enumerate().skip(start) {
        let approvers = rules::approvers(level, &members, &excluded);
        if approvers.is_empty() {
            continue;
        }
        let number = i32::try_from(at + 1).unwrap_or(i32::MAX);
        let new = NewLevel {
            workflow: row.workflow_id,
            round: row.round,
            level: number,
            mode: level.mode.as_str(),
            version: &row.version,
            submitted_by: row.submitted_by,
        };
        repo::insert_level(tx, workspace, subject, &new, &approvers).await?;
        super::jobs::book(tx, workspace).await?;
        return Ok(Outcome::NextLevel { level: number, approvers });
    }
    Ok(Outcome::Approved { version: row.version.clone() })
}

/// Ends the round under way (the author withdrew or edited it): its waiting rows
/// are superseded. Returns whose they were.
pub async fn withdraw(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<Vec<UserId>, AppError> {
    let subject: Subject = subject.into();
    Ok(repo::close_open(tx, workspace, subject, Vote::Superseded.as_str()).await?)
}

/// Ends the round under way because its subject's time came: its waiting rows
/// are expired. Returns whose they were.
pub async fn expire(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<Vec<UserId>, AppError> {
    let subject: Subject = subject.into();
    Ok(repo::close_open(tx, workspace, subject, Vote::Expired.as_str()).await?)
}

/// Every approval of the subject, oldest round first, with approvers' names.
pub async fn history(
    pg: &PgPool,
    workspace: WorkspaceId,
    subject: impl Into<Subject>,
) -> Result<Vec<ApprovalEntry>, AppError> {
    let subject: Subject = subject.into();
    let (rows, names) = tokio::try_join!(
        async { Ok::<_, AppError>(repo::history(pg, workspace, subject).await?) },
        all_names(pg, workspace)
    )?;
    Ok(rows.into_iter().map(|r| entry(r, &names)).collect())
}

/// Members' and external approvers' names.
struct Names {
    members: Vec<(UserId, String)>,
    links: Vec<(uuid::Uuid, String)>,
}

async fn all_names(pg: &PgPool, workspace: WorkspaceId) -> Result<Names, AppError> {
    let (members, links) = tokio::try_join!(names(pg, workspace), async {
        Ok::<_, AppError>(repo::link_names(pg, workspace).await?)
    })?;
    Ok(Names { members, links })
}

fn entry(row: ApprovalRow, names: &Names) -> ApprovalEntry {
    let approver = match (row.approver_id, row.link_id) {
        (Some(user), _) => names
            .members
            .iter()
            .find(|(id, _)| *id == user)
            .map_or_else(|| "A former member".to_owned(), |(_, n)| n.clone()),
        (None, Some(link)) => names
            .links
            .iter()
            .find(|(id, _)| *id == link)
            .map_or_else(|| "A client".to_owned(), |(_, n)| format!("{n} (client)")),
        (None, None) => "Nobody".to_owned(),
    };
    ApprovalEntry {
        approver_id: row.approver_id,
        link_id: row.link_id,
        approver,
        round: row.round,
        level: row.level,
        status: vote_of(&row),
        comment: row.comments,
        created_at: row.created_at,
        decided_at: row.decided_at,
    }
}

/// The posts waiting on `user` with the level each is at, oldest first.
pub async fn waiting_for(
    pg: &PgPool,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<(PostId, i32, chrono::DateTime<chrono::Utc>)>, AppError> {
    Ok(repo::waiting_for(pg, workspace, user)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.post_id?, r.level, r.created_at)))
        .collect())
}

/// How many posts wait on `user` (the navigation's count; replies are
/// counted by the inbox).
pub async fn count_waiting(
    pg: &PgPool,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<i64, AppError> {
    Ok(repo::count_waiting(pg, workspace, user).await?)
}

/// A page of the workspace's decisions, newest first, and how many there are.
pub async fn decisions(
    pg: &PgPool,
    workspace: WorkspaceId,
    limit: i64,
    offset: i64,
) -> Result<(Vec<(PostId, ApprovalEntry)>, i64), AppError> {
    let (rows, total, names) = tokio::try_join!(
        async { Ok::<_, AppError>(repo::decisions(pg, workspace, limit, offset).await?) },
        async { Ok::<_, AppError>(repo::count_decisions(pg, workspace).await?) },
        all_names(pg, workspace)
    )?;
    Ok((rows.into_iter().filter_map(|r| Some((r.post_id?, entry(r, &names)))).collect(), total))
}

// ---- The chains page ----------------------------------------------------------

/// The chains and what a chain can name.
pub async fn chains_page(pg: &PgPool, member: &Member) -> Result<ChainsPage, AppError> {
    let (rows, members, (account_names, campaign_names)) = tokio::try_join!(
        async { Ok::<_, AppError>(workflows::list(pg, member.workspace, APPROVAL).await?) },
        async { Ok::<_, AppError>(accounts::members(pg, member.workspace).await?) },
        labels(pg, member.workspace)
    )?;
    let names: Vec<(UserId, String)> =
        members.iter().map(|m| (m.user_id, m.name.clone().unwrap_or(m.email.clone()))).collect();
    let chains = rows
        .iter()
        .map(|row| {
            let config = config_of(row);
            ChainView {
                id: row.id,
                name: row.name.clone(),
                description: row.description.clone(),
                active: row.status == "active",
                level_labels: config.levels.iter().map(|l| rules::describe(l, &names)).collect(),
                covers: rules::coverage(&config, &account_names, &campaign_names),
                config,
            }
        })
        .collect();
    Ok(ChainsPage {
        chains,
        members: members
            .into_iter()
            .filter_map(|m| {
                let role = Role::parse(&m.role)?;
                Some((m.user_id, m.name.unwrap_or(m.email), role))
            })
            .collect(),
        accounts: account_names,
        campaigns: campaign_names,
        can_edit: member.can(Permission::new(Resource::Workflows, Action::Update)),
    })
}

/// Reads the chain form (`name`, `description`, `active`, `subject` posts or
/// replies, `account.<id>`,
/// `campaign.<id>`,
/// `level<N>.mode`, `level<N>.role`, `level<N>.member.<id>` for N = 1…5): a
/// level with nobody chosen is left out.
fn read_form(
    fields: &HashMap<String, String>,
    members: &[(UserId, Role)],
    accounts: &[SocialAccountId],
    campaigns: &[CampaignId],
) -> (ChainConfig, FieldErrors) {
    let on = |key: String| fields.get(&key).is_some_and(|v| v == "on");
    let mut levels = Vec::new();
    for n in 1..=MAX_LEVELS {
        let mode =
            fields.get(&format!("level{n}.mode")).and_then(|m| Mode::parse(m)).unwrap_or_default();
        let role = fields.get(&format!("level{n}.role")).and_then(|r| Role::parse(r));
        let chosen: Vec<UserId> = members
            .iter()
            .filter(|(id, _)| on(format!("level{n}.member.{id}")))
            .map(|(id, _)| *id)
            .collect();
        if !chosen.is_empty() || role.is_some() {
            levels.push(Level { mode, members: chosen, role });
        }
    }
    let subject = if fields.get("subject").is_some_and(|v| v == "replies") {
        ChainSubject::Replies
    } else {
        ChainSubject::Posts
    };
    let config = ChainConfig {
        subject,
        levels,
        accounts: accounts.iter().filter(|a| on(format!("account.{a}"))).copied().collect(),
        // Replies belong to no campaign.
        campaigns: match subject {
            ChainSubject::Posts => {
                campaigns.iter().filter(|c| on(format!("campaign.{c}"))).copied().collect()
            }
            ChainSubject::Replies => Vec::new(),
        },
    };
    let mut errors = FieldErrors::new();
    for problem in rules::problems(&config) {
        errors.entry("levels".to_owned()).or_default().push(problem);
    }
    (config, errors)
}

/// Creates (`id` None) or changes a chain from its form.
pub async fn save_chain(
    pg: &PgPool,
    member: &Member,
    id: Option<WorkflowId>,
    fields: &HashMap<String, String>,
) -> Result<WorkflowId, AppError> {
    let (members, (accounts, campaigns)) =
        tokio::try_join!(roles(pg, member.workspace), labels(pg, member.workspace))?;
    let account_ids: Vec<SocialAccountId> = accounts.iter().map(|(id, _)| *id).collect();
    let campaign_ids: Vec<CampaignId> = campaigns.iter().map(|(id, _)| *id).collect();
    let (config, mut errors) = read_form(fields, &members, &account_ids, &campaign_ids);
    let name = fields.get("name").map(|n| n.trim()).unwrap_or_default();
    if name.is_empty() || name.chars().count() > 200 {
        errors
            .entry("name".to_owned())
            .or_default()
            .push("Name the chain (up to 200 characters), such as \"Client sign-off\".".to_owned());
    }
    let description = fields.get("description").map(|d| d.trim()).filter(|d| !d.is_empty());
    if description.is_some_and(|d| d.chars().count() > 1000) {
        errors
            .entry("description".to_owned())
            .or_default()
            .push("Descriptions take at most 1,000 characters.".to_owned());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let settings = serde_json::to_value(&config).map_err(AppError::internal)?;
    let status = if fields.get("active").is_some_and(|v| v == "on") { "active" } else { "paused" };
    let write = WorkflowWrite { name, description, status, settings: &settings };
    let mut tx = pg.begin().await?;
    let saved = match id {
        Some(id) => {
            if !workflows::update(&mut *tx, member.workspace, APPROVAL, id, &write).await? {
                return Err(AppError::NotFound);
            }
            id
        }
        None => {
            workflows::insert(&mut *tx, member.workspace, APPROVAL, member.user, &write).await?
        }
    };
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "approval_chain_saved",
        &format!("Approval chain \"{name}\" saved ({status})"),
    )
    .await?;
    tx.commit().await?;
    Ok(saved)
}

/// Deletes a chain. Subjects waiting in it finish at the level they are at.
pub async fn delete_chain(pg: &PgPool, member: &Member, id: WorkflowId) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let row = workflows::get(&mut *tx, member.workspace, APPROVAL, id)
        .await?
        .ok_or(AppError::NotFound)?;
    workflows::delete(&mut *tx, member.workspace, APPROVAL, id).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "approval_chain_deleted",
        &format!("Approval chain \"{}\" deleted", row.name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
