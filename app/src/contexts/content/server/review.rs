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
    ApprovalItem, ApprovalsPage, CommentView, PostContent, PostReview, PostStatus,
};
use crate::contexts::notify::server::service::notify;
use crate::error::AppError;
use crate::kernel::{Action, Permission, PostId, Resource, UserId, WorkspaceId};

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
        history.iter().find(|e| e.approver_id == id).map(|e| e.approver.clone()).unwrap_or_default()
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
    let can_decide = row.status == PostStatus::PendingApproval.as_str()
        && open.as_ref().is_some_and(|r| r.waiting_on.contains(&member.user));
    Ok(PostReview {
        post_id: post,
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
    })
}

/// Records the member's decision on a post waiting for them, and moves the post
/// on: to the next level, scheduled (or approved, without a time), or back to
/// its author as a draft.
pub async fn decide(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    post: PostId,
    decision: Decision,
    comment: &str,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let row = repo::post(&mut *tx, member.workspace, post).await?.ok_or(AppError::NotFound)?;
    if row.status != PostStatus::PendingApproval.as_str() {
        return Err(AppError::invalid("_form", "This post is not waiting for approval."));
    }
    let outcome = approvals::decide(
        &mut tx,
        member.workspace,
        post,
        row.author_id,
        member.user,
        decision,
        comment,
    )
    .await?;
    let author: Vec<UserId> = row.author_id.into_iter().collect();
    let mut tell_after: Vec<(Vec<UserId>, &str, String)> = Vec::new();
    let summary = match &outcome {
        Outcome::Waiting => "approved it; the level waits for the others".to_owned(),
        Outcome::NextLevel { level, approvers } => {
            tell_after.push((
                approvers.clone(),
                "approval_requested",
                "A post is waiting for your approval.".to_owned(),
            ));
            format!("approved it; it moves to level {level}")
        }
        Outcome::Approved { version } => {
            let scheduled = approve(&mut tx, member.workspace, &row, version).await?;
            let message = match (scheduled, row.scheduled_at) {
                (true, _) => "Your post was approved and is scheduled.".to_owned(),
                (false, Some(_)) => "Your post was approved, but its time has passed: choose a new time to schedule it.".to_owned(),
                (false, None) => "Your post was approved: give it a time to schedule it.".to_owned(),
            };
            tell_after.push((author.clone(), "post_approved", message));
            "approved it at the last level".to_owned()
        }
        Outcome::Returned(vote) => {
            repo::set_approval_state(&mut *tx, member.workspace, post, "draft", None).await?;
            let what = if *vote == Vote::Rejected { "rejected" } else { "asked for changes to" };
            tell_after.push((
                author.clone(),
                "post_returned",
                format!("{} {what} your post: {}", member_name(pg, member).await?, comment.trim()),
            ));
            what.to_owned()
        }
    };
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_approval_decided",
        &format!("Post approval: {summary}"),
    )
    .await?;
    tx.commit().await?;
    for (users, kind, message) in tell_after {
        tell(mongo, member.workspace, &users, kind, &message, post).await;
    }
    Ok(())
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
    let Some(row) = repo::post(&mut *tx, workspace, post).await? else { return Ok(false) };
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
    let tz = super::service::workspace_zone(pg, workspace).await?;
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
