//! The `publish_target` job: publishes one target of a post when it is due,
//! through the integrations context's publisher, and records how it went. A post
//! moved or unscheduled since the task was booked is left alone; a rate limit
//! waits as the platform says; a failure before the platform took the post is
//! retried; an unanswered post is never sent again on its own; a refusal or an
//! ended access fails the target with the platform's words and tells the author.

use async_trait::async_trait;

use super::repo::{self, TargetOutcome};
use crate::contexts::automation::server::queue::{Job, JobError, Task};
use crate::contexts::content::rules::{quota_frees_at, rules_for};
use crate::contexts::content::types::{PostContent, PostStatus, PublishTarget, TargetOverrides};
use crate::contexts::engagement::server::service as engagement;
use crate::contexts::integrations::server::service::{Deps, publish_as};
use crate::contexts::integrations::server::social::{PublishError, PublishRequest, takes_bytes};
use crate::contexts::integrations::types::SocialPlatform;
use crate::contexts::notify::server::service::notify;
use crate::kernel::{PostId, SocialAccountId, WorkspaceId};

/// Attempts after which a failure to reach the platform fails the target (the
/// queue's own limit is five retries: six attempts).
const LAST_ATTEMPT: i32 = 5;

pub struct PublishTargetJob {
    deps: Deps,
    mongo: mongodb::Database,
}

impl PublishTargetJob {
    pub fn job(deps: Deps, mongo: mongodb::Database) -> std::sync::Arc<dyn Job> {
        std::sync::Arc::new(Self { deps, mongo })
    }

    async fn record(
        &self,
        workspace: WorkspaceId,
        post: PostId,
        account: SocialAccountId,
        outcome: &TargetOutcome<'_>,
    ) -> Result<(), JobError> {
        let pg = &self.deps.pg;
        repo::set_target_outcome(pg, workspace, post, account, outcome).await.map_err(db)?;
        repo::roll_up(pg, workspace, post).await.map_err(db)?;
        Ok(())
    }

    /// A target whose account has had its rolling day's posts (Instagram,
    /// Threads) waits, with the reason on the target, until the oldest of them
    /// leaves the window: the platform would refuse it now.
    async fn daily_limit_wait(
        &self,
        workspace: WorkspaceId,
        post: PostId,
        target: &repo::TargetRow,
    ) -> Result<Option<JobError>, JobError> {
        let Some(platform) = SocialPlatform::parse(&target.platform) else { return Ok(None) };
        let Some(limit) = rules_for(platform).daily_posts else { return Ok(None) };
        let now = chrono::Utc::now();
        let day_ago = now - chrono::Duration::hours(24);
        let pg = &self.deps.pg;
        let before =
            repo::account_post_times(pg, workspace, target.account_id, post, false, day_ago, now)
                .await
                .map_err(db)?;
        let Some(frees) = quota_frees_at(limit, &before, now) else { return Ok(None) };
        let wait = (frees - now).to_std().unwrap_or_default();
        let message = format!(
            "{} takes {limit} posts a day from apps, and this account has had {limit} in the last 24 hours; this post waits about {} hours for room, then goes out.",
            platform.label(),
            wait.as_secs().div_ceil(3600)
        );
        let waiting =
            TargetOutcome { status: "pending", error: Some(&message), ..TargetOutcome::default() };
        // The target was never started: the post stays scheduled, with the reason.
        repo::set_target_outcome(pg, workspace, post, target.account_id, &waiting)
            .await
            .map_err(db)?;
        Ok(Some(JobError::retry_in(message, wait)))
    }

    /// A target that will not go out without a person: failed, and the author told.
    async fn fail(
        &self,
        task: &Task,
        post: &repo::PostRow,
        account: SocialAccountId,
        message: &str,
        unconfirmed: bool,
    ) -> Result<serde_json::Value, JobError> {
        let outcome = TargetOutcome {
            status: "failed",
            error: Some(message),
            unconfirmed,
            ..TargetOutcome::default()
        };
        self.record(task.workspace_id, post.id, account, &outcome).await?;
        if let Some(author) = post.author_id {
            let link = format!("/posts/{}", post.id);
            // The failure is recorded; a notification that cannot be written is logged.
            if let Err(e) =
                notify(&self.mongo, task.workspace_id, author, "post_failed", message, &link).await
            {
                tracing::warn!(error = %e, "could not notify the author of a failed post");
            }
        }
        Err(JobError::permanent(message.to_owned()))
    }
}

/// The Jobs page shows a task's error: the database's own words go to the log.
fn db(e: sqlx::Error) -> JobError {
    tracing::warn!(error = %e, "publish_target: database error");
    JobError::from("The database could not be reached; the post will be tried again.".to_owned())
}

/// What the target sends: its overrides over the post's text, and the post's
/// files as signed links.
fn request_of(
    content: &PostContent,
    o: &TargetOverrides,
    media: Vec<crate::contexts::integrations::server::social::PublishMedia>,
) -> PublishRequest {
    PublishRequest {
        text: o.text.clone().unwrap_or_else(|| content.text.clone()),
        title: o.title.clone(),
        link: o.link.clone(),
        subreddit: o.subreddit.clone(),
        first_comment: o.first_comment.clone(),
        board: o.board.clone(),
        privacy: o.privacy.clone(),
        media,
    }
}

#[async_trait]
impl Job for PublishTargetJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let data: PublishTarget = serde_json::from_value(task.data.clone()).map_err(|e| {
            tracing::warn!(error = %e, "publish_target: unreadable task data");
            JobError::permanent("This task does not name a post and an account to publish to.")
        })?;
        let (pg, ws) = (&self.deps.pg, task.workspace_id);
        let skipped = |why: &str| Ok(serde_json::json!({ "skipped": why }));
        let Some(post) = repo::post(pg, ws, data.post_id).await.map_err(db)? else {
            return skipped("the post was deleted");
        };
        let status = PostStatus::parse(&post.status).unwrap_or(PostStatus::Draft);
        match status {
            PostStatus::Scheduled if post.scheduled_at != Some(data.due) => {
                return skipped("the post was moved; its new time has a task of its own");
            }
            PostStatus::Scheduled | PostStatus::Publishing | PostStatus::Failed => {}
            _ => return skipped("the post is no longer scheduled"),
        }
        let targets = repo::targets(pg, ws, &[post.id]).await.map_err(db)?;
        let Some(target) = targets.into_iter().find(|t| t.account_id == data.account_id) else {
            return skipped("the account is no longer a target of the post");
        };
        // Only a target that may go out is held for its account's daily limit
        // (one being published, published or unconfirmed is left as it is).
        let may_start =
            matches!(target.publish_status.as_str(), "pending" | "failed") && !target.unconfirmed;
        if may_start && let Some(wait) = self.daily_limit_wait(ws, post.id, &target).await? {
            return Err(wait);
        }
        let content: PostContent = serde_json::from_value(post.content.clone()).unwrap_or_default();
        let overrides: TargetOverrides = target
            .custom_content
            .clone()
            .and_then(|c| serde_json::from_value(c).ok())
            .unwrap_or_default();
        let platform = SocialPlatform::parse(&target.platform);
        let store = platform
            .filter(|p| takes_bytes(*p))
            .and_then(|_| self.deps.configs.get::<super::media_store::MediaStore>());
        // The files are read before the target is claimed: a store that cannot
        // be read leaves the target pending, to be tried again.
        let media = super::media::for_publishing(
            pg,
            &self.deps.keyring,
            &self.deps.settings.public_url,
            store.as_deref(),
            ws,
            post.id,
            overrides.media.as_deref(),
        )
        .await
        .map_err(|e| match e {
            super::media::Loading::Db(e) => db(e),
            super::media::Loading::File(message) => JobError::from(message),
        })?;
        let mut request = request_of(&content, &overrides, media);
        // A campaign's post: its links tagged with the campaign's UTM parameters
        // (and made short links), before the target is claimed.
        if post.campaign_id.is_some() {
            let mut conn = pg.acquire().await.map_err(db)?;
            let mut tag = async |text: &str| {
                crate::contexts::campaigns::server::service::links_for(
                    &mut conn,
                    ws,
                    post.campaign_id,
                    post.shorten_links,
                    post.id,
                    data.account_id,
                    &target.platform,
                    &self.deps.settings.public_url,
                    text,
                )
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "publish_target: campaign links");
                    JobError::from(
                        "The campaign's links could not be prepared; the post will be tried again.",
                    )
                })
            };
            request.text = tag(&request.text).await?;
            if let Some(link) = request.link.clone() {
                request.link = Some(tag(&link).await?);
            }
            if let Some(comment) = request.first_comment.clone() {
                request.first_comment = Some(tag(&comment).await?);
            }
        }
        if !repo::start_target(pg, ws, post.id, data.account_id).await.map_err(db)? {
            return skipped("the target is published, being published, or unconfirmed");
        }
        repo::roll_up(pg, ws, post.id).await.map_err(db)?;
        match publish_as(&self.deps, ws, data.account_id, &request).await {
            Ok(published) => {
                let outcome = TargetOutcome {
                    status: "published",
                    platform_post_id: Some(&published.id),
                    published_at: Some(chrono::Utc::now()),
                    permalink: published.permalink.as_deref(),
                    first_comment_error: published.first_comment_error.as_deref(),
                    ..TargetOutcome::default()
                };
                self.record(ws, post.id, data.account_id, &outcome).await?;
                // Its first figures an hour from now.
                let first = chrono::Utc::now() + chrono::Duration::hours(1);
                let mut tx = pg.begin().await.map_err(db)?;
                engagement::book_first_measurement(&mut tx, ws, first)
                    .await
                    .map_err(|e| JobError::from(e.to_string()))?;
                tx.commit().await.map_err(db)?;
                Ok(
                    serde_json::json!({ "published": published.id, "permalink": published.permalink }),
                )
            }
            Err(PublishError::RateLimited { message, retry_in }) => {
                let waiting = TargetOutcome {
                    status: "pending",
                    error: Some(&message),
                    ..TargetOutcome::default()
                };
                self.record(ws, post.id, data.account_id, &waiting).await?;
                Err(JobError::retry_in(message, retry_in))
            }
            Err(PublishError::Transient(message)) if task.retry_count < LAST_ATTEMPT => {
                let waiting = TargetOutcome {
                    status: "pending",
                    error: Some(&message),
                    ..TargetOutcome::default()
                };
                self.record(ws, post.id, data.account_id, &waiting).await?;
                Err(JobError::from(message))
            }
            Err(PublishError::Unconfirmed(message)) => {
                self.fail(task, &post, data.account_id, &message, true).await
            }
            Err(e) => self.fail(task, &post, data.account_id, &e.to_string(), false).await,
        }
    }
}

/// The `approval_deadline` job: a post still waiting for approval at its time
/// is not published (`review::expire`).
pub struct ApprovalDeadlineJob {
    pg: sqlx::PgPool,
    mongo: mongodb::Database,
}

impl ApprovalDeadlineJob {
    pub fn job(pg: sqlx::PgPool, mongo: mongodb::Database) -> std::sync::Arc<dyn Job> {
        std::sync::Arc::new(Self { pg, mongo })
    }
}

#[async_trait]
impl Job for ApprovalDeadlineJob {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        let data: crate::contexts::content::types::ApprovalDeadline =
            serde_json::from_value(task.data.clone()).map_err(|e| {
                JobError::permanent(format!("The task's data is not readable: {e}"))
            })?;
        let expired =
            super::review::expire(&self.pg, &self.mongo, task.workspace_id, data.post_id, data.due)
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "approval_deadline failed");
                    JobError::from("The database could not be reached; this will be tried again.")
                })?;
        Ok(serde_json::json!({ "expired": expired }))
    }
}
