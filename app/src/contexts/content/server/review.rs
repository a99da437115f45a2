//! A post's way through its approval chain: deciding, commenting, the approvals
//! page, and expiry when a post is still waiting at its time. The chain itself
//! is walked by the approvals context; this module says what each outcome means
//! for the post (scheduled, approved without a time, back to its author).

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::repo::{self, PostRow};
use crate::contexts::approvals::server::service::{self as approvals, Outcome};
use crate::contexts::approvals::types::{Decision, Vote};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::content::rules;
use crate::contexts::content::types::{
    ApprovalItem, ApprovalsPage, CommentView, PostContent, PostReview, PostStatus, SharedPost,
    SharedView,
};
use crate::contexts::notify::server::service::notify;
use crate::error::AppError;
use crate::kernel::{Action, Permission, PostId, Resource, UserId, WorkspaceId};
use crate::server::AppState;

/// Lines per page of the approvals page.
pub const ITEMS_PER_PAGE: u32 = 25;

/// Tells each of `users` about post `post`, linking to it. A notification that
/// cannot be written is logged: what it reports is already stored.
pub async fn tell(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    users: &[UserId],
    kind: &str,
    message: &str,
    post: PostId,
) {
    let link = format!("/posts/{post}");
    for user in users {
        if let Err(e) = notify(mongo, workspace, *user, kind, message, &link).await {
            tracing::warn!(error = %e, kind, "could not write an approval notification");
        }
    }
}

fn excerpt(content: &serde_json::Value) -> String {
    let text =
        serde_json::from_value::<PostContent>(content.clone()).map(|c| c.text).unwrap_or_default();
    let short: String = text.chars().take(140).collect();
    if short.is_empty() {
        "(no text)".to_owned()
    } else if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The post's approval: where it stands, its history, its comments.
pub async fn review(pg: &PgPool, member: &Member, post: PostId) -> Result<PostReview, AppError> {
    let row = repo::post(pg, member.workspace, post).await?.ok_or(AppError::NotFound)?;
    let (history, comments, open) = tokio::try_join!(
        approvals::history(pg, member.workspace, post),
        async { Ok::<_, AppError>(repo::comments(pg, member.workspace, post).await?) },
        approvals::open_round(pg, member.workspace, post)
    )?;
    let name_of = |id: UserId| {
        history
            .iter()
            .find(|e| e.approver_id == Some(id))
            .map(|e| e.approver.clone())
            .unwrap_or_default()
    };
    let state = match &open {
        Some(round) => {
            let names: Vec<String> = round.waiting_on.iter().map(|id| name_of(*id)).collect();
            Some(format!("Waiting at level {} for {}", round.level, names.join(", ")))
        }
        None => history.iter().rev().find(|e| e.status != Vote::Superseded).map(|last| {
            match last.status {
                Vote::Approved if row.status != PostStatus::Draft.as_str() => {
                    "Approved at every level".to_owned()
                }
                Vote::Expired => "Approval expired: it was still waiting at its time, so it was not published. Choose a new time and schedule it again.".to_owned(),
                Vote::Rejected => format!("Rejected by {} at level {}", last.approver, last.level),
                Vote::ChangesRequested => {
                    format!("Changes requested by {} at level {}", last.approver, last.level)
                }
                _ => "Withdrawn".to_owned(),
            }
        }),
    };
    let pending = row.status == PostStatus::PendingApproval.as_str();
    let can_decide = pending && open.as_ref().is_some_and(|r| r.waiting_on.contains(&member.user));
    let shared_with = approvals::shared_with(pg, member.workspace, post).await?;
    Ok(PostReview {
        post_id: post,
        round: open.as_ref().map(|r| r.round),
        state,
        can_decide,
        history: history.into_iter().filter(|e| e.status != Vote::Superseded).collect(),
        comments: comments
            .into_iter()
            .map(|c| CommentView {
                author: c.author.unwrap_or_else(|| "A former member".to_owned()),
                body: c.body,
                created_at: c.created_at,
            })
            .collect(),
        can_comment: member.can(Permission::new(Resource::Approvals, Action::Read)),
        shared_with,
        can_share: pending && member.can(Permission::new(Resource::Posts, Action::Update)),
    })
}

/// Records the member's decision on a post waiting for them, and moves the post
/// on: to the next level, scheduled (or approved, without a time), or back to
/// its author as a draft.
/// `seen_round` is the round the approver's page showed (a newer round is
/// refused: they decide on what they saw).
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    post: PostId,
    seen_round: Option<i32>,
    decision: Decision,
    comment: &str,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let row = repo::lock_post(&mut *tx, member.workspace, post).await?.ok_or(AppError::NotFound)?;
    if row.status != PostStatus::PendingApproval.as_str() {
        return Err(AppError::invalid("_form", "This post is not waiting for approval."));
    }
    let outcome = approvals::decide(
        &mut tx,
        member.workspace,
        post,
        row.author_id,
        member.user,
        seen_round,
        decision,
        comment,
    )
    .await?;
    let who = member_name(pg, member).await?;
    let (summary, tells) = apply(&mut tx, member.workspace, &row, &outcome, &who, comment).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_approval_decided",
        &format!("Post approval: {summary}"),
    )
    .await?;
    tx.commit().await?;
    for (users, kind, message) in tells {
        tell(mongo, member.workspace, &users, kind, &message, post).await;
    }
    Ok(())
}

/// Who is told what after a decision.
type Tells = Vec<(Vec<UserId>, &'static str, String)>;

/// What a decision's outcome does to the post, in the decision's transaction:
/// the next level's approvers are told; an approved post is scheduled (or kept
/// approved until it has a time to come); a returned one goes back to its author
/// as a draft. Returns the activity line's words and who to tell what.
async fn apply(
    tx: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    row: &PostRow,
    outcome: &Outcome,
    who: &str,
    comment: &str,
) -> Result<(String, Tells), AppError> {
    let author: Vec<UserId> = row.author_id.into_iter().collect();
    let mut tells: Tells = Vec::new();
    let summary = match outcome {
        Outcome::Waiting => format!("{who} approved it; the level waits for the others"),
        Outcome::NextLevel { level, approvers } => {
            tells.push((
                approvers.clone(),
                "approval_requested",
                "A post is waiting for your approval.".to_owned(),
            ));
            format!("{who} approved it; it moves to level {level}")
        }
        Outcome::Approved { version } => {
            let scheduled = approve(&mut *tx, workspace, row, version).await?;
            let message = match (scheduled, row.scheduled_at) {
                (true, _) => "Your post was approved and is scheduled.".to_owned(),
                (false, Some(_)) => "Your post was approved, but its time has passed: choose a new time to schedule it.".to_owned(),
                (false, None) => "Your post was approved: give it a time to schedule it.".to_owned(),
            };
            tells.push((author, "post_approved", message));
            format!("{who} approved it at the last level")
        }
        Outcome::Returned(vote) => {
            repo::set_approval_state(&mut *tx, workspace, row.id, "draft", None).await?;
            let what = if *vote == Vote::Rejected { "rejected" } else { "asked for changes to" };
            tells.push((
                author,
                "post_returned",
                format!("{who} {what} your post: {}", comment.trim()),
            ));
            format!("{who} {what} it")
        }
    };
    Ok((summary, tells))
}

/// An approved post with a time to come is scheduled and booked; otherwise it
/// waits as approved for a time. Returns whether it was scheduled.
async fn approve(
    tx: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    post: &PostRow,
    version: &str,
) -> Result<bool, AppError> {
    match post.scheduled_at.filter(|at| *at > Utc::now()) {
        Some(at) => {
            repo::set_approval_state(&mut *tx, workspace, post.id, "scheduled", Some(version))
                .await?;
            let accounts: Vec<_> = repo::targets(&mut *tx, workspace, &[post.id])
                .await?
                .into_iter()
                .map(|t| t.account_id)
                .collect();
            super::service::book(tx, workspace, post.id, &accounts, at).await?;
            Ok(true)
        }
        None => {
            repo::set_approval_state(&mut *tx, workspace, post.id, "approved", Some(version))
                .await?;
            Ok(false)
        }
    }
}

async fn member_name(pg: &PgPool, member: &Member) -> Result<String, AppError> {
    Ok(accounts::member(pg, member.workspace, member.user)
        .await?
        .map(|m| m.name.unwrap_or(m.email))
        .unwrap_or_else(|| "A member".to_owned()))
}

/// Adds an internal comment to a post; the members it @mentions are told.
pub async fn comment(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    post: PostId,
    body: &str,
) -> Result<(), AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", "Write a comment first."));
    }
    if body.chars().count() > 2000 {
        return Err(AppError::invalid("body", "Comments take at most 2,000 characters."));
    }
    repo::post(pg, member.workspace, post).await?.ok_or(AppError::NotFound)?;
    let members: Vec<(UserId, String, String)> = accounts::members(pg, member.workspace)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.name.unwrap_or_default(), m.email))
        .collect();
    let mentioned: Vec<UserId> = rules::member_mentions(body, &members)
        .into_iter()
        .filter(|id| *id != member.user)
        .collect();
    repo::insert_comment(pg, member.workspace, post, member.user, body, &mentioned).await?;
    if !mentioned.is_empty() {
        let who = member_name(pg, member).await?;
        let short: String = body.chars().take(120).collect();
        let message = format!("{who} mentioned you on a post: \"{short}\"");
        tell(mongo, member.workspace, &mentioned, "mention", &message, post).await;
    }
    Ok(())
}

/// The approval deadline: a post still waiting for approval at `due` (its time,
/// unchanged since) is not published. Its waiting approvals expire, it goes back
/// to its author as a draft, and the author and approvers are told. False when
/// it was no longer waiting, or was moved.
pub async fn expire(
    pg: &PgPool,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    post: PostId,
    due: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut tx = pg.begin().await?;
    let Some(row) = repo::lock_post(&mut *tx, workspace, post).await? else { return Ok(false) };
    if row.status != PostStatus::PendingApproval.as_str() || row.scheduled_at != Some(due) {
        return Ok(false);
    }
    if !crate::contexts::approvals::rules::expired(row.scheduled_at, Utc::now()) {
        return Ok(false);
    }
    let approvers = approvals::expire(&mut tx, workspace, post).await?;
    repo::set_approval_state(&mut *tx, workspace, post, "draft", None).await?;
    accounts::log_activity(
        &mut *tx,
        workspace,
        None,
        "post_approval_expired",
        "Post not published: its approval was still waiting at its time",
    )
    .await?;
    tx.commit().await?;
    let mut told: Vec<UserId> = row.author_id.into_iter().collect();
    told.extend(approvers.into_iter().filter(|a| Some(*a) != row.author_id));
    told.dedup();
    let tz = accounts::zone(pg, workspace).await?;
    let message = format!(
        "Approval expired: a post due {} was still waiting for approval, so it was not published.",
        due.with_timezone(&tz).format("%b %-d, %Y, %H:%M %Z")
    );
    tell(mongo, workspace, &told, "approval_expired", &message, post).await;
    Ok(true)
}

/// The approvals page: the posts waiting for the member, the member's posts
/// waiting for others, or the workspace's decisions.
pub async fn page(
    pg: &PgPool,
    member: &Member,
    tab: &str,
    page: u32,
) -> Result<ApprovalsPage, AppError> {
    let page = page.max(1);
    let per_page = i64::from(ITEMS_PER_PAGE);
    let offset = i64::from(page - 1) * per_page;
    let waiting_rows = approvals::waiting_for(pg, member.workspace, member.user).await?;
    let submitted_filter = repo::ListFilter {
        status: Some(PostStatus::PendingApproval.as_str().to_owned()),
        author: Some(member.user),
        ..repo::ListFilter::default()
    };
    let (mine, submitted) =
        repo::list(pg, member.workspace, &submitted_filter, per_page, offset).await?;
    let waiting = i64::try_from(waiting_rows.len()).unwrap_or(i64::MAX);
    let (tab, items, total) = match tab {
        "submitted" => {
            let items = mine
                .into_iter()
                .map(|p| ApprovalItem {
                    post_id: p.id,
                    excerpt: excerpt(&p.content),
                    status: PostStatus::PendingApproval,
                    scheduled_at: p.scheduled_at,
                    note: "Waiting for approval".to_owned(),
                    comment: None,
                    at: p.updated_at,
                })
                .collect();
            ("submitted", items, submitted)
        }
        "history" => {
            let (decisions, total) =
                approvals::decisions(pg, member.workspace, per_page, offset).await?;
            let ids: Vec<PostId> = decisions.iter().map(|(p, _)| *p).collect();
            let posts = repo::by_ids(pg, member.workspace, &ids).await?;
            let items = decisions
                .into_iter()
                .filter_map(|(id, entry)| {
                    let post = posts.iter().find(|p| p.id == id)?;
                    Some(ApprovalItem {
                        post_id: id,
                        excerpt: excerpt(&post.content),
                        status: PostStatus::parse(&post.status).unwrap_or(PostStatus::Draft),
                        scheduled_at: post.scheduled_at,
                        note: if entry.status == Vote::Expired {
                            format!(
                                "Expired while waiting for {} at level {}",
                                entry.approver, entry.level
                            )
                        } else {
                            format!(
                                "{} by {} at level {}",
                                entry.status.label(),
                                entry.approver,
                                entry.level
                            )
                        },
                        comment: entry.comment,
                        at: entry.decided_at.unwrap_or(entry.created_at),
                    })
                })
                .collect();
            ("history", items, total)
        }
        _ => {
            let shown: Vec<_> = waiting_rows
                .iter()
                .skip(usize::try_from(offset).unwrap_or(0))
                .take(ITEMS_PER_PAGE as usize)
                .collect();
            let ids: Vec<PostId> = shown.iter().map(|(p, _, _)| *p).collect();
            let posts = repo::by_ids(pg, member.workspace, &ids).await?;
            let items = shown
                .into_iter()
                .filter_map(|(id, level, since)| {
                    let post = posts.iter().find(|p| p.id == *id)?;
                    let by = post.author.clone().unwrap_or_else(|| "a former member".to_owned());
                    Some(ApprovalItem {
                        post_id: *id,
                        excerpt: excerpt(&post.content),
                        status: PostStatus::PendingApproval,
                        scheduled_at: post.scheduled_at,
                        note: format!("Level {level} · by {by}"),
                        comment: None,
                        at: *since,
                    })
                })
                .collect();
            ("waiting", items, waiting)
        }
    };
    let pages = u32::try_from((total + per_page - 1) / per_page).unwrap_or(1).max(1);
    Ok(ApprovalsPage {
        tab: tab.to_owned(),
        items,
        page,
        pages,
        waiting,
        submitted,
        can_manage_chains: member.can(Permission::new(Resource::Workflows, Action::Update)),
    })
}

/// Sends a client (no account) a link to approve the post: a new link to that
/// address shares this post and the posts of the links it replaces, which stop
/// working. Only a post waiting for approval is shared.
pub async fn share(
    state: &AppState,
    member: &Member,
    post: PostId,
    email: &str,
    name: &str,
) -> Result<(), AppError> {
    let email = email.trim();
    if crate::contexts::auth::rules::email_problem(email).is_some() {
        return Err(AppError::invalid(
            "email",
            "Enter the client's email address, like dana@client.example.",
        ));
    }
    let name = Some(name.trim()).filter(|n| !n.is_empty());
    if name.is_some_and(|n| n.chars().count() > 200) {
        return Err(AppError::invalid("name", "Names take at most 200 characters."));
    }
    let pg = &state.pg;
    let mut tx = pg.begin().await?;
    let row = repo::post(&mut *tx, member.workspace, post).await?.ok_or(AppError::NotFound)?;
    if row.status != PostStatus::PendingApproval.as_str() {
        return Err(AppError::invalid(
            "_form",
            "Only a post waiting for approval can be shared for a client's approval: schedule it first.",
        ));
    }
    let token =
        approvals::share(&mut tx, member.workspace, member.user, email, name, &[post]).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_shared_for_approval",
        &format!("Post shared with {email} for approval"),
    )
    .await?;
    tx.commit().await?;
    email_link(state, member.workspace, email, name, &token).await
}

/// Stops sharing the post with a client's link; the link keeps its other
/// posts (one left with none stops working).
pub async fn unshare(
    pg: &PgPool,
    member: &Member,
    post: PostId,
    link: uuid::Uuid,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    repo::post(&mut *tx, member.workspace, post).await?.ok_or(AppError::NotFound)?;
    approvals::unshare(&mut tx, member.workspace, link, post).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_unshared_for_approval",
        "Post no longer shared with a client for approval",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Emails a client the link behind `token` (kept in the outbox; sent when SMTP
/// is set).
pub async fn email_link(
    state: &AppState,
    workspace: WorkspaceId,
    email: &str,
    name: Option<&str>,
    token: &str,
) -> Result<(), AppError> {
    let pg = &state.pg;
    let workspace = accounts::workspace(pg, workspace)
        .await?
        .map(|w| w.name)
        .unwrap_or_else(|| "Your team".to_owned());
    let url = format!("{}/review/{token}", state.settings.public_url);
    let greeting = name.map_or_else(|| "Hello,".to_owned(), |n| format!("Hello {n},"));
    let email = crate::server::mail::Email {
        to: email.to_owned(),
        subject: format!("{workspace} asks for your approval"),
        body: format!(
            "{greeting}\n\n{workspace} would like your approval on posts before they go out. Open this link to see them and approve them or ask for changes (no account needed):\n\n{url}\n\nThe link works for {} days, until a newer one is sent to you. Do not forward it: anyone with it can approve these posts.\n",
            approvals::LINK_DAYS
        ),
    };
    crate::server::mail::send(pg, &state.settings, &email).await?;
    Ok(())
}

/// What the link behind `token` shows: the posts shared with it (each with its
/// text per account, its pictures, where it stands), nothing else — no internal
/// comment, no other post.
pub async fn shared(state: &AppState, token: &str, ip: &str) -> Result<SharedView, AppError> {
    let pg = &state.pg;
    let link = approvals::open_link(pg, token, ip).await?;
    let workspace =
        accounts::workspace(pg, link.workspace).await?.map(|w| w.name).unwrap_or_default();
    let rows = repo::by_ids(pg, link.workspace, &link.posts).await?;
    let targets = repo::targets(pg, link.workspace, &link.posts).await?;
    let mut posts = Vec::new();
    for row in rows {
        let content: PostContent = serde_json::from_value(row.content.clone()).unwrap_or_default();
        let previews = targets
            .iter()
            .filter(|t| t.post_id == row.id)
            .map(|t| {
                let overrides: crate::contexts::content::types::TargetOverrides = t
                    .custom_content
                    .clone()
                    .and_then(|c| serde_json::from_value(c).ok())
                    .unwrap_or_default();
                let platform =
                    crate::contexts::integrations::types::SocialPlatform::parse(&t.platform)
                        .map_or(t.platform.clone(), |p| p.label().to_owned());
                (
                    format!("{platform} · {}", t.account_name),
                    overrides.text.unwrap_or(content.text.clone()),
                )
            })
            .collect();
        let images = super::media_repo::of_post(pg, link.workspace, row.id)
            .await?
            .into_iter()
            .filter(|m| m.kind != "video")
            .map(|m| {
                super::media::signed_url(
                    &state.keyring,
                    &state.settings.public_url,
                    link.workspace,
                    m.id,
                    true,
                )
            })
            .collect();
        let history = approvals::history(pg, link.workspace, row.id).await?;
        // The link decided in the round under way already (once per round).
        let decided_here = |round: &approvals::OpenRound| {
            history.iter().any(|e| e.link_id == Some(link.id) && e.round == round.round)
        };
        let open = approvals::open_round(pg, link.workspace, row.id).await?;
        let (state_text, can_decide) = match (PostStatus::parse(&row.status), &open) {
            (Some(PostStatus::PendingApproval), Some(round)) if !decided_here(round) => {
                ("Waiting for your approval".to_owned(), true)
            }
            (Some(PostStatus::PendingApproval), _) => {
                ("Waiting for the team's approval".to_owned(), false)
            }
            (Some(PostStatus::Draft), _) => ("Being revised by the team".to_owned(), false),
            (Some(status), _) => (status.label().to_owned(), false),
            (None, _) => (row.status.clone(), false),
        };
        posts.push(SharedPost {
            id: row.id,
            round: open.as_ref().map(|r| r.round),
            scheduled_at: row.scheduled_at,
            previews,
            images,
            state: state_text,
            can_decide,
        });
    }
    posts.sort_by_key(|p| p.scheduled_at);
    Ok(SharedView { name: link.name, workspace, ended: link.ended, posts })
}

/// A client's decision through their link: approve, or ask for changes (with
/// a comment). Counts like a member's at the post's current level.
pub async fn decide_shared(
    state: &AppState,
    token: &str,
    ip: &str,
    post: PostId,
    seen_round: Option<i32>,
    decision: Decision,
    comment: &str,
) -> Result<(), AppError> {
    let pg = &state.pg;
    let link = approvals::open_link(pg, token, ip).await?;
    if let Some(ended) = link.ended {
        return Err(AppError::invalid("_form", ended));
    }
    if !link.posts.contains(&post) {
        return Err(AppError::NotFound);
    }
    let mut tx = pg.begin().await?;
    let row = repo::lock_post(&mut *tx, link.workspace, post).await?.ok_or(AppError::NotFound)?;
    if row.status != PostStatus::PendingApproval.as_str() {
        return Err(AppError::invalid("_form", "This post is not waiting for approval any more."));
    }
    let outcome = approvals::decide_external(
        &mut tx,
        link.workspace,
        post,
        row.author_id,
        link.id,
        seen_round,
        decision,
        comment,
    )
    .await?;
    let who = format!("{} (client)", link.name);
    let (summary, mut tells) =
        apply(&mut tx, link.workspace, &row, &outcome, &who, comment).await?;
    accounts::log_activity(
        &mut *tx,
        link.workspace,
        None,
        "post_approval_decided",
        &format!("Post approval: {summary}"),
    )
    .await?;
    tx.commit().await?;
    // The author hears of the client's decision even when the level waits on.
    if outcome == Outcome::Waiting {
        let author: Vec<UserId> = row.author_id.into_iter().collect();
        tells.push((author, "client_decided", format!("{who} approved your post.")));
    }
    for (users, kind, message) in tells {
        tell(&state.mongo, link.workspace, &users, kind, &message, post).await;
    }
    Ok(())
}
