//! Reply approval: an inbox reply from an account a reply chain covers (an
//! approval chain whose subject is replies) waits for the chain, as a post
//! does, before it is sent. The approvals context walks the chain; this module
//! says what each outcome means for the reply: sent once the last level
//! approves, back to its author with the approver's words when changes are
//! asked for. Members who approve at the chain's first level send their own
//! replies directly.

use sqlx::{PgConnection, PgPool};

use super::repo;
use super::service::{reply_target, send_kept};
use crate::contexts::approvals::rules::approvers;
use crate::contexts::approvals::server::service::{self as approvals, Chain, Outcome, Subject};
use crate::contexts::approvals::types::Decision;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::integrations::server::social::replies::ReplyRequest;
use crate::contexts::notify::server::service::notify;
use crate::error::AppError;
use crate::kernel::{ConversationId, SocialAccountId, UserId, WorkspaceId};
use crate::server::AppState;

/// The chain a reply by `author` from `account` must wait for, if any.
pub async fn chain_holding(
    pg: &PgPool,
    workspace: WorkspaceId,
    author: UserId,
    account: SocialAccountId,
) -> Result<Option<Chain>, AppError> {
    let Some(chain) = approvals::reply_chain_for(pg, workspace, account).await? else {
        return Ok(None);
    };
    let members = approvals::roles(pg, workspace).await?;
    let first_approver = chain
        .config
        .levels
        .first()
        .is_some_and(|level| approvers(level, &members, &[]).contains(&author));
    Ok((!first_approver).then_some(chain))
}

/// Starts the chain's round for the reply kept as `message`. Refused on the
/// `reply` field when a level has nobody but its author to approve it.
/// Returns the first level's approvers, to tell them.
pub async fn hold(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    message: uuid::Uuid,
    author: UserId,
    chain: &Chain,
) -> Result<Vec<UserId>, AppError> {
    // A reply is never edited while it waits: one version.
    approvals::submit(
        tx,
        workspace,
        Subject::Reply(message),
        Some(author),
        author,
        chain,
        "1",
        "reply",
    )
    .await
}

/// Tells each of `users` about the conversation, linking to it. A notification
/// that cannot be written is logged: what it reports is already stored.
pub async fn tell(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    users: &[UserId],
    conversation: ConversationId,
    message: &str,
) {
    let link = format!("/inbox/{conversation}");
    for user in users {
        if let Err(e) = notify(mongo, workspace, *user, "reply_approval", message, &link).await {
            tracing::warn!(error = %e, "could not write a reply-approval notification");
        }
    }
}

/// `member`'s decision on the reply `message` waiting in the conversation:
/// approving passes it to the next level, or sends it after the last (a
/// platform's refusal is said on the `reply` field and the reply kept, failed);
/// asking for changes or rejecting returns it to its author with the comment.
pub async fn decide(
    state: &AppState,
    member: &Member,
    conversation: ConversationId,
    message: uuid::Uuid,
    decision: Decision,
    comment: &str,
) -> Result<(), AppError> {
    let (pg, ws) = (&state.pg, member.workspace);
    let row = repo::conversation(pg, ws, conversation).await?.ok_or(AppError::NotFound)?;
    let mut tx = pg.begin().await?;
    let Some(held) = repo::held_reply(&mut *tx, ws, conversation, message).await? else {
        return Err(AppError::invalid(
            "_form",
            "This reply is not waiting for approval any more: someone may have decided it already.",
        ));
    };
    let subject = Subject::Reply(message);
    let outcome = approvals::decide(
        &mut tx,
        ws,
        subject,
        held.author_id,
        member.user,
        None,
        decision,
        comment,
    )
    .await?;
    let author = held.author_id.into_iter().collect::<Vec<_>>();
    match outcome {
        Outcome::Waiting => tx.commit().await?,
        Outcome::NextLevel { approvers, .. } => {
            tx.commit().await?;
            tell(
                &state.mongo,
                ws,
                &approvers,
                conversation,
                "A reply is waiting for your approval.",
            )
            .await;
        }
        Outcome::Returned(_) => {
            let why = format!("Changes asked for: {}", comment.trim());
            repo::release_held(&mut *tx, ws, message, "returned", Some(&why)).await?;
            tx.commit().await?;
            tell(
                &state.mongo,
                ws,
                &author,
                conversation,
                "Your reply came back with changes asked for.",
            )
            .await;
        }
        Outcome::Approved { .. } => {
            repo::release_held(&mut *tx, ws, message, "sending", None).await?;
            tx.commit().await?;
            let to = reply_target(pg, ws, &row).await?;
            let request = ReplyRequest { to, text: held.content };
            let sender = held.author_id.unwrap_or(member.user);
            send_kept(state, ws, &row, message, request, sender).await?;
            tell(&state.mongo, ws, &author, conversation, "Your reply was approved and sent.")
                .await;
        }
    }
    accounts::log_activity(
        pg,
        ws,
        Some(member.user),
        "reply_decided",
        &format!("Reply decision recorded ({})", decision.vote().as_str()),
    )
    .await?;
    Ok(())
}

/// Who each reply waiting in the thread waits on: (message, their ids).
pub async fn waiting(
    pg: &PgPool,
    workspace: WorkspaceId,
    held: &[uuid::Uuid],
) -> Result<Vec<(uuid::Uuid, Vec<UserId>)>, AppError> {
    let mut out = Vec::with_capacity(held.len());
    for message in held {
        let round = approvals::open_round(pg, workspace, Subject::Reply(*message)).await?;
        out.push((*message, round.map(|r| r.waiting_on).unwrap_or_default()));
    }
    Ok(out)
}

/// How many replies wait on the member's approval, and where the oldest is.
pub async fn waiting_for_me(
    pg: &PgPool,
    member: &Member,
) -> Result<(i64, Option<ConversationId>), AppError> {
    Ok(repo::replies_waiting_for(pg, member.workspace, member.user).await?)
}
