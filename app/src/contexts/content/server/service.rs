//! Use cases of the content context: composing and saving posts (checked per
//! target against the platforms' rules), the posts list, the calendar, and
//! duplicating, archiving, deleting and rescheduling.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::repo::{self, ListFilter, PostRow, PostWrite, TargetRow};
use crate::contexts::ai::server::config::AiSettings;
use crate::contexts::ai::server::service as ai;
use crate::contexts::approvals::rules::{self as approval_rules, Needed};
use crate::contexts::approvals::server::service as approvals;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::campaigns::server::service as campaigns;
use crate::contexts::content::rules::{self, MediaCount};
use crate::contexts::content::types::{
    APPROVAL_DEADLINE, ApprovalDeadline, Calendar, CalendarEntry, Composer, PUBLISH_TARGET,
    PostContent, PostFilters, PostList, PostStatus, PostSummary, PublishStatus, PublishTarget,
    TargetOverrides, TargetView,
};
use crate::contexts::engagement::server::service as engagement;
use crate::contexts::integrations::server::service::social_accounts_of;
use crate::contexts::integrations::types::{AccountHealth, SocialAccount, SocialPlatform};
use crate::error::{AppError, FieldErrors};
use crate::kernel::{
    Action, MediaId, Permission, PostId, Resource, SocialAccountId, UserId, WorkspaceId,
};
use crate::server::AppState;

/// Posts on one page of the list.
pub const POSTS_PER_PAGE: u32 = 20;
/// The longest base text the composer keeps (Facebook's limit, the largest).
const TEXT_MAX: usize = 63_206;

fn summaries(
    rows: Vec<PostRow>,
    targets: Vec<TargetRow>,
    thumbnails: Vec<(PostId, MediaId)>,
) -> Vec<PostSummary> {
    let thumbnails: HashMap<PostId, MediaId> = thumbnails.into_iter().collect();
    let mut by_post: HashMap<PostId, Vec<TargetView>> = HashMap::new();
    for t in targets {
        let Some(platform) = SocialPlatform::parse(&t.platform) else { continue };
        by_post.entry(t.post_id).or_default().push(TargetView {
            account_id: t.account_id,
            platform,
            account_name: t.account_name,
            overrides: t
                .custom_content
                .and_then(|c| serde_json::from_value(c).ok())
                .unwrap_or_default(),
            publish_status: PublishStatus::parse(&t.publish_status)
                .unwrap_or(PublishStatus::Pending),
            error: t.error,
            platform_post_id: t.platform_post_id,
            published_at: t.published_at,
            permalink: t.permalink,
            unconfirmed: t.unconfirmed,
            first_comment_error: t.first_comment_error,
        });
    }
    rows.into_iter()
        .map(|row| {
            let content: PostContent = serde_json::from_value(row.content).unwrap_or_default();
            PostSummary {
                id: row.id,
                status: PostStatus::parse(&row.status).unwrap_or(PostStatus::Draft),
                text: content.text,
                tags: row.tags,
                author: row.author,
                scheduled_at: row.scheduled_at,
                published_at: row.published_at,
                updated_at: row.updated_at,
                targets: by_post.remove(&row.id).unwrap_or_default(),
                ai_note: row.ai_metadata.as_ref().map(ai::drafted_note),
                thumbnail_url: thumbnails
                    .get(&row.id)
                    .map(|m| format!("/api/media/file?id={m}&thumb=true")),
                campaign_id: row.campaign_id,
                shorten_links: row.shorten_links,
            }
        })
        .collect()
}

async fn with_targets(
    pg: &PgPool,
    workspace: WorkspaceId,
    rows: Vec<PostRow>,
) -> Result<Vec<PostSummary>, AppError> {
    let ids: Vec<PostId> = rows.iter().map(|r| r.id).collect();
    let targets = repo::targets(pg, workspace, &ids).await?;
    let thumbnails = super::media_repo::first_thumbnails(pg, workspace, &ids).await?;
    Ok(summaries(rows, targets, thumbnails))
}

/// One post, with its targets.
pub async fn get(pg: &PgPool, member: &Member, id: PostId) -> Result<PostSummary, AppError> {
    let row = repo::post(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    Ok(with_targets(pg, member.workspace, vec![row]).await?.remove(0))
}

/// The composer for a new post (`None`) or an existing one.
pub async fn composer(
    pg: &PgPool,
    mongo: &mongodb::Database,
    ai: &AiSettings,
    member: &Member,
    id: Option<PostId>,
) -> Result<Composer, AppError> {
    let (post, accounts, tz, library, media) = tokio::try_join!(
        async {
            match id {
                Some(id) => get(pg, member, id).await.map(Some),
                None => Ok(None),
            }
        },
        social_accounts_of(pg, member.workspace),
        accounts::zone(pg, member.workspace),
        super::media::all_of(pg, member.workspace),
        async {
            match id {
                Some(id) => super::media::of_post(pg, member.workspace, id).await,
                None => Ok(Vec::new()),
            }
        }
    )?;
    let scheduled_local = post
        .as_ref()
        .and_then(|p| p.scheduled_at)
        .map(|at| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default();
    let can_delete = post.as_ref().is_some_and(|p| p.status == PostStatus::Draft)
        && member.can(Permission::new(Resource::Posts, Action::Delete));
    let missing = ai.missing();
    let ai_setup = (!missing.is_empty()).then(|| {
        format!(
            "AI drafting is not set up: an administrator sets {} (and AURA_AI_API_KEY for a hosted provider).",
            missing.join(" and ")
        )
    });
    let notes = match &post {
        Some(p) if p.status == PostStatus::Scheduled => daily_limit_notes(pg, member, p).await?,
        _ => Vec::new(),
    };
    Ok(Composer {
        timezone: tz.name().to_owned(),
        scheduled_local,
        can_delete,
        ai_setup,
        library,
        media: media.into_iter().map(|m| m.id).collect(),
        notes,
        approval_notes: approvals::coverage(pg, member.workspace).await?,
        campaigns: campaigns::choices(pg, member.workspace).await?,
        best_times: best_time_lines(pg, mongo, member.workspace, post.as_ref(), &accounts, tz)
            .await?,
        post,
        accounts,
    })
}

/// The composer's best-time lines (`engagement::server::service::best_time`):
/// for the post's accounts, or every active account of a new post; an account
/// with nothing measured says nothing.
async fn best_time_lines(
    pg: &PgPool,
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    post: Option<&PostSummary>,
    accounts: &[SocialAccount],
    tz: Tz,
) -> Result<Vec<String>, AppError> {
    let chosen: Vec<_> = match post {
        Some(p) => p.targets.iter().map(|t| t.account_id).collect(),
        None => accounts.iter().filter(|a| a.is_active).map(|a| a.id).collect(),
    };
    let mut lines = Vec::new();
    for account in accounts.iter().filter(|a| chosen.contains(&a.id)) {
        let best = engagement::best_time(pg, mongo, workspace, account, tz).await?;
        if best.measured == 0 {
            continue;
        }
        let line = match (best.slots.first(), best.next_free) {
            (Some(slot), Some(at)) => format!(
                "Best time for {}: {} ({:.1}% engagement, from {} measured posts); next free: {}.",
                best.account,
                slot.label,
                slot.rate * 100.0,
                best.measured,
                at.with_timezone(&tz).format("%a %b %-d, %H:%M %Z")
            ),
            (Some(slot), None) => format!(
                "Best time for {}: {} ({:.1}% engagement, from {} measured posts).",
                best.account,
                slot.label,
                slot.rate * 100.0,
                best.measured
            ),
            (None, _) => format!(
                "Best time for {}: {} of the {} measured posts it takes to suggest one.",
                best.account, best.measured, best.needed
            ),
        };
        lines.push(line);
    }
    Ok(lines)
}

/// For each target of a scheduled post whose account's rolling daily limit is
/// already full at the post's time (with its other posts, out or due): a note
/// that the post will wait for room.
async fn daily_limit_notes(
    pg: &PgPool,
    member: &Member,
    post: &PostSummary,
) -> Result<Vec<String>, AppError> {
    let Some(at) = post.scheduled_at else { return Ok(Vec::new()) };
    let mut notes = Vec::new();
    for target in &post.targets {
        let Some(limit) = rules::rules_for(target.platform).daily_posts else { continue };
        let day_before = at - Duration::hours(24);
        let (ws, account) = (member.workspace, target.account_id);
        let before =
            repo::account_post_times(pg, ws, account, post.id, true, day_before, at).await?;
        if rules::quota_frees_at(limit, &before, at).is_some() {
            notes.push(format!(
                "{} on {} already has {limit} posts in the 24 hours before this one, the most {} takes a day from apps: it will wait for room and go out later than planned.",
                target.account_name,
                target.platform.label(),
                target.platform.label()
            ));
        }
    }
    Ok(notes)
}

/// What the composer sent, read from its fields (`text`, `tags`, `when`, `intent`,
/// and per account `on.<id>`, `text.<id>`, `title.<id>`, `board.<id>`,
/// `subreddit.<id>`, `privacy.<id>`, `comment.<id>`, `link.<id>`).
pub struct ComposerForm {
    pub id: Option<PostId>,
    pub fields: HashMap<String, String>,
}

impl ComposerForm {
    fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or_default()
    }

    fn per(&self, name: &str, account: SocialAccountId) -> Option<String> {
        let value = self.field(&format!("{name}.{account}")).trim();
        (!value.is_empty()).then(|| value.to_owned())
    }
}

/// Reads `when` (`YYYY-MM-DDTHH:MM` in `tz`), refusing a time the clocks skip.
fn read_when(raw: &str, tz: Tz) -> Result<Option<DateTime<Utc>>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| "Enter a date and time, such as 2026-12-24 09:30.".to_owned())?;
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(at) => Ok(Some(at.to_utc())),
        // The hour that repeats when clocks go back: the first of the two.
        chrono::LocalResult::Ambiguous(first, _) => Ok(Some(first.to_utc())),
        chrono::LocalResult::None => Err(format!(
            "{raw} does not exist in {} (the clocks go forward then); choose another time.",
            tz.name()
        )),
    }
}

/// Saves the post as a draft (`intent` = `draft`), schedules it (`schedule`),
/// schedules it for now (`publish_now`) or at its accounts' next free posting
/// time (`queue`):
/// scheduling needs a time in the future, at least one account, and no target
/// the platform would refuse; each target's problem is reported on that target
/// (`target.<account id>`). Returns the post's id.
pub async fn save(
    state: &AppState,
    member: &Member,
    form: &ComposerForm,
) -> Result<PostId, AppError> {
    let intent = form.field("intent");
    if intent == "ai_draft" || intent.starts_with("rewrite.") {
        let (fields, meta) = ai_step(state, member, form).await?;
        let drafted = ComposerForm { id: form.id, fields };
        return save_fields(&state.pg, &state.mongo, member, &drafted, Some(&meta)).await;
    }
    save_fields(&state.pg, &state.mongo, member, form, None).await
}

const DRAFT_SYSTEM: &str = "You write social media posts for a small business. Write in a warm, \
    plain voice, with at most three relevant hashtags at the end. Reply with the post's text \
    only: no quotes, no preamble, no notes.";

const REWRITE_SYSTEM: &str = "You adapt social media posts from one platform to another. Keep \
    the meaning and any links; follow the platform's customs and its length limit. Reply \
    with the rewritten text only: no quotes, no preamble, no notes.";

/// Asks the model for a draft (`ai_draft`: from `ai_prompt`, and the text so
/// far) or a rewrite of the text for one account (`rewrite.<account id>`), and
/// returns the form's fields with the answer in place (the draft as the text; the
/// rewrite as that account's own text, the account chosen) and how it was made.
/// A provider that fails or is not set up is an error on `ai_prompt`, and the form
/// comes back with everything typed.
async fn ai_step(
    state: &AppState,
    member: &Member,
    form: &ComposerForm,
) -> Result<(HashMap<String, String>, serde_json::Value), AppError> {
    let settings = state.config::<AiSettings>()?;
    let mut fields = form.fields.clone();
    fields.insert("intent".into(), "draft".into());
    let text = form.field("text").trim().to_owned();
    let (agent, system, prompt, target) = match form.field("intent").strip_prefix("rewrite.") {
        None => {
            let about = form.field("ai_prompt").trim();
            if about.is_empty() {
                return Err(AppError::invalid(
                    "ai_prompt",
                    "Say what the post is about, such as \"our holiday blend is back\".",
                ));
            }
            let mut prompt = format!("Write a post about: {about}");
            if !text.is_empty() {
                prompt.push_str(&format!("\n\nStart from this draft:\n{text}"));
            }
            ("draft", DRAFT_SYSTEM, prompt, None)
        }
        Some(raw) => {
            let account: SocialAccountId = raw.parse().map_err(|_| AppError::NotFound)?;
            let accounts = social_accounts_of(&state.pg, member.workspace).await?;
            let account =
                accounts.into_iter().find(|a| a.id == account).ok_or(AppError::NotFound)?;
            let source = form.per("text", account.id).unwrap_or_else(|| text.clone());
            if source.is_empty() {
                return Err(AppError::invalid(
                    "ai_prompt",
                    "Write the text first; AI rewrites it for each platform.",
                ));
            }
            let limit = rules::rules_for(account.platform).text_max;
            let prompt = format!(
                "Rewrite this post for {} in at most {limit} characters:\n\n{source}",
                account.platform.label()
            );
            ("rewrite", REWRITE_SYSTEM, prompt, Some(account.id))
        }
    };
    let done = ai::complete(
        &state.http,
        &state.mongo,
        &settings,
        member.workspace,
        agent,
        system,
        &prompt,
    )
    .await
    .map_err(|message| AppError::invalid("ai_prompt", message))?;
    match target {
        None => {
            fields.insert("text".into(), done.text.clone());
        }
        Some(account) => {
            fields.insert(format!("on.{account}"), "on".into());
            fields.insert(format!("text.{account}"), done.text.clone());
        }
    }
    let mut meta = done.meta();
    meta["kind"] = agent.into();
    Ok((fields, meta))
}

async fn save_fields(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    form: &ComposerForm,
    ai_meta: Option<&serde_json::Value>,
) -> Result<PostId, AppError> {
    let (accounts, tz, library) = tokio::try_join!(
        social_accounts_of(pg, member.workspace),
        accounts::zone(pg, member.workspace),
        super::media::all_of(pg, member.workspace)
    )?;
    // The ticked files of the library, by their order numbers (unnumbered last,
    // in the library's order).
    let mut media: Vec<(u32, usize, &crate::contexts::content::types::MediaAsset)> = library
        .iter()
        .enumerate()
        .filter(|(_, m)| form.field(&format!("media.{}", m.id)) == "on")
        .map(|(at, m)| {
            let order = form.field(&format!("order.{}", m.id)).trim().parse().unwrap_or(u32::MAX);
            (order, at, m)
        })
        .collect();
    media.sort_by_key(|(order, at, _)| (*order, *at));
    let picked: Vec<&crate::contexts::content::types::MediaAsset> =
        media.into_iter().map(|(_, _, m)| m).collect();
    let media: Vec<crate::kernel::MediaId> = picked.iter().map(|m| m.id).collect();
    // "Publish now" schedules the post for this moment: its targets go out as the
    // queue's next jobs, through the same checks and retries as a scheduled post.
    let now = form.field("intent") == "publish_now";
    // "Add to queue" schedules the post at its accounts' next free posting time.
    let queue = form.field("intent") == "queue";
    let schedule = now || queue || form.field("intent") == "schedule";
    let text = form.field("text").trim().to_owned();
    let mut errors = FieldErrors::new();
    fn add(errors: &mut FieldErrors, field: String, message: String) {
        errors.entry(field).or_default().push(message);
    }
    if text.chars().count() > TEXT_MAX {
        add(&mut errors, "text".into(), format!("Posts take at most {TEXT_MAX} characters."));
    }
    let mut when = if now {
        // Whole seconds: the publish task names this time, and the database keeps
        // microseconds, so the job would not recognise a finer one.
        Some(chrono::SubsecRound::trunc_subsecs(Utc::now(), 0))
    } else if queue {
        None
    } else {
        read_when(form.field("when"), tz).unwrap_or_else(|message| {
            add(&mut errors, "when".into(), message);
            None
        })
    };
    let tags: Vec<String> = form
        .field("tags")
        .split(',')
        .map(|t| t.trim().trim_start_matches('#').to_owned())
        .filter(|t| !t.is_empty())
        .fold(Vec::new(), |mut all, t| {
            if !all.contains(&t) {
                all.push(t);
            }
            all
        });
    if tags.iter().any(|t| t.chars().count() > 50) || tags.len() > 20 {
        add(&mut errors, "tags".into(), "Use at most 20 tags of up to 50 characters each.".into());
    }
    let chosen: Vec<&SocialAccount> =
        accounts.iter().filter(|a| form.field(&format!("on.{}", a.id)) == "on").collect();
    let mut targets = Vec::new();
    for account in &chosen {
        let overrides = TargetOverrides {
            text: form.per("text", account.id),
            title: form.per("title", account.id),
            board: form.per("board", account.id),
            subreddit: form.per("subreddit", account.id),
            privacy: form.per("privacy", account.id),
            first_comment: form.per("comment", account.id),
            link: form.per("link", account.id),
            media: None,
        };
        // The target's own choice of the post's files, by their numbers.
        let chosen_files =
            rules::file_positions(form.field(&format!("files.{}", account.id)), picked.len())
                .unwrap_or_else(|message| {
                    add(&mut errors, format!("target.{}", account.id), message);
                    None
                });
        let files: Vec<&crate::contexts::content::types::MediaAsset> = match &chosen_files {
            Some(positions) => positions.iter().map(|p| picked[*p]).collect(),
            None => picked.clone(),
        };
        let overrides = TargetOverrides {
            media: chosen_files.map(|_| files.iter().map(|m| m.id).collect()),
            ..overrides
        };
        let media_count = MediaCount::of(files.iter().map(|m| m.kind));
        if schedule {
            if !account.is_active || account.health == AccountHealth::Expired {
                add(
                    &mut errors,
                    format!("target.{}", account.id),
                    format!(
                        "{} on {} needs to be turned on or reconnected before posts can go to it.",
                        account.display_name,
                        account.platform.label()
                    ),
                );
            }
            if let Some(board) = overrides.board.as_deref().map(str::trim).filter(|b| {
                !account.boards.is_empty()
                    && !b.is_empty()
                    && !b.chars().all(|c| c.is_ascii_digit())
                    && !account.boards.iter().any(|known| known.eq_ignore_ascii_case(b))
            }) {
                add(
                    &mut errors,
                    format!("target.{}", account.id),
                    format!(
                        "{} has no board \"{board}\": choose one of {}.",
                        account.display_name,
                        account.boards.join(", ")
                    ),
                );
            }
            let draft = rules::draft_of(&text, &overrides, media_count);
            for problem in rules::check_target(account.platform, &draft) {
                if problem.blocking {
                    add(&mut errors, format!("target.{}", account.id), problem.message);
                }
            }
        }
        targets.push((
            account.id,
            account.platform.as_str(),
            serde_json::to_value(&overrides).unwrap_or_default(),
        ));
    }
    if queue && !chosen.is_empty() {
        let ids: Vec<SocialAccountId> = chosen.iter().map(|a| a.id).collect();
        when = super::slots::next_for(pg, member.workspace, tz, &ids).await?;
        if when.is_none() {
            add(
                &mut errors,
                "when".into(),
                "None of the chosen accounts has posting times yet: add them under Calendar → Posting times, or choose a time.".into(),
            );
        }
    }
    // The campaign it belongs to (one that is not completed), and whether its
    // links go out as short links.
    let (prior, open_round) = match form.id {
        Some(id) => (
            repo::post(pg, member.workspace, id).await?,
            approvals::open_round(pg, member.workspace, id).await?,
        ),
        None => (None, None),
    };
    let choices = campaigns::choices(pg, member.workspace).await?;
    let current_campaign = prior.as_ref().and_then(|p| p.campaign_id);
    let campaign = match form.field("campaign").trim() {
        "" => None,
        raw => {
            // One that is not completed, or the one it already belongs to.
            let found = raw
                .parse()
                .ok()
                .filter(|id| choices.iter().any(|c| c.id == *id) || current_campaign == Some(*id));
            if found.is_none() {
                add(&mut errors, "campaign".into(), "Choose one of the campaigns.".into());
            }
            found
        }
    };
    let shorten = form.field("shorten") == "on";
    // The approval chain covering the chosen accounts, and what this version
    // needs from it (an approved version may go out; a changed one starts over).
    let (hashtags, mentions) = rules::tags_and_mentions(&text);
    let content = serde_json::to_value(PostContent { text: text.clone(), hashtags, mentions })
        .unwrap_or_default();
    let version = version_of(&content, &media, &targets, campaign, shorten);
    let chosen_ids: Vec<SocialAccountId> = chosen.iter().map(|a| a.id).collect();
    let needed = if schedule {
        approvals::chain_for(pg, member.workspace, &chosen_ids, campaign).await?.and_then(|chain| {
            let approved = prior.as_ref().and_then(|p| p.approved_version.as_deref());
            match approval_rules::needed(
                &version,
                approved,
                open_round.as_ref().map(|r| r.version.as_str()),
            ) {
                Needed::Nothing => None,
                other => Some((chain, other)),
            }
        })
    } else {
        None
    };
    if now && needed.is_some() {
        add(
            &mut errors,
            "when".into(),
            "Posts to these accounts need approval first: choose a time and schedule it; it goes out once approved.".into(),
        );
    }
    if schedule {
        if chosen.is_empty() {
            add(&mut errors, "targets".into(), "Choose at least one account to post to.".into());
        }
        match when {
            // A post going for approval may wait for its time until it is approved.
            None if needed.is_some() => {}
            None if !errors.contains_key("when") => {
                add(&mut errors, "when".into(), "Choose when to post it.".into());
            }
            Some(at) if at <= Utc::now() && !now => {
                add(&mut errors, "when".into(), "Choose a time in the future.".into());
            }
            _ => {}
        }
    } else if text.is_empty() && chosen.is_empty() {
        add(
            &mut errors,
            "text".into(),
            "Write something, or choose an account, before saving.".into(),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let status = match (&needed, schedule) {
        (Some(_), _) => PostStatus::PendingApproval,
        (None, true) => PostStatus::Scheduled,
        (None, false) => PostStatus::Draft,
    };
    let write = PostWrite {
        content: &content,
        status: status.as_str(),
        scheduled_at: when,
        tags: &tags,
        ai: ai_meta,
        campaign,
        shorten_links: shorten,
    };
    let mut tx = pg.begin().await?;
    // What was decided above was read before this transaction: if a decision,
    // the deadline or another save changed the post meanwhile, say so instead.
    if let (Some(id), Some(before)) = (form.id, &prior) {
        let now_is = repo::lock_post(&mut *tx, member.workspace, id).await?;
        if now_is.is_some_and(|p| p.status != before.status || p.updated_at != before.updated_at) {
            return Err(AppError::invalid(
                "_form",
                "This post changed while you were editing it (someone decided on it or saved it): open it again, then make your change.",
            ));
        }
    }
    let id = match form.id {
        Some(id) => {
            if !repo::update_post(&mut *tx, member.workspace, id, &write).await? {
                // Gone, another workspace's, or already on its way out.
                let exists = repo::post(&mut *tx, member.workspace, id).await?.is_some();
                return Err(if exists {
                    AppError::invalid(
                        "_form",
                        "This post is being published or was published, so it can no longer be edited. Duplicate it to post it again.",
                    )
                } else {
                    AppError::NotFound
                });
            }
            id
        }
        None => repo::insert_post(&mut *tx, member.workspace, member.user, &write).await?,
    };
    repo::set_targets(&mut tx, member.workspace, id, &targets).await?;
    super::media_repo::set_post_media(&mut tx, member.workspace, id, &media).await?;
    let mut to_tell = Vec::new();
    match &needed {
        None => {
            // Withdrawn, or it no longer needs approval: a round under way ends.
            if open_round.is_some() {
                approvals::withdraw(&mut tx, member.workspace, id).await?;
            }
            if let (true, Some(due)) = (schedule, when) {
                book(&mut tx, member.workspace, id, &chosen_ids, due).await?;
            }
        }
        Some((chain, step)) => {
            if *step == Needed::NewRound {
                let author = prior.as_ref().map_or(Some(member.user), |p| p.author_id);
                to_tell = approvals::submit(
                    &mut tx,
                    member.workspace,
                    id,
                    author,
                    member.user,
                    chain,
                    &version,
                    "_form",
                )
                .await?;
            }
            if let Some(due) = when {
                let data = ApprovalDeadline { post_id: id, due };
                let data = serde_json::to_value(&data).map_err(AppError::internal)?;
                queue::enqueue_unique(
                    &mut tx,
                    member.workspace,
                    APPROVAL_DEADLINE,
                    &data,
                    Some(due),
                )
                .await?;
            }
        }
    }
    let (kind, verb) = match status {
        PostStatus::PendingApproval => ("post_submitted", "sent for approval"),
        PostStatus::Scheduled => ("post_scheduled", "scheduled"),
        _ => ("post_saved", "saved as a draft"),
    };
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        kind,
        &format!("Post {verb} for {}", plural_accounts(chosen.len())),
    )
    .await?;
    tx.commit().await?;
    if !to_tell.is_empty() {
        super::review::tell(
            mongo,
            member.workspace,
            &to_tell,
            "approval_requested",
            "A post is waiting for your approval.",
            id,
        )
        .await;
    }
    Ok(id)
}

/// The version of a post an approval approves: a hash of what it says (text,
/// files in order, targets with their overrides), not of when it goes out.
pub(super) fn version_of(
    content: &serde_json::Value,
    media: &[crate::kernel::MediaId],
    targets: &[(SocialAccountId, &str, serde_json::Value)],
    campaign: Option<crate::kernel::CampaignId>,
    shorten: bool,
) -> String {
    use sha2::{Digest, Sha256};
    let mut targets: Vec<(&SocialAccountId, &serde_json::Value)> =
        targets.iter().map(|(a, _, o)| (a, o)).collect();
    targets.sort_by_key(|(a, _)| **a);
    // The campaign and short links change the links it sends.
    let canonical = serde_json::json!({
        "content": content, "media": media, "targets": targets,
        "campaign": campaign, "shorten": shorten,
    });
    let digest = Sha256::digest(canonical.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn plural_accounts(n: usize) -> String {
    if n == 1 { "1 account".to_owned() } else { format!("{n} accounts") }
}

fn parse_day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

fn start_of_day(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    // A day that starts in a skipped hour starts at the first instant it has.
    tz.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(midnight + Duration::hours(1))).earliest())
        .map_or_else(|| midnight.and_utc(), |at| at.to_utc())
}

/// One page of the workspace's posts matching `filters`.
pub async fn list(
    pg: &PgPool,
    member: &Member,
    filters: &PostFilters,
) -> Result<PostList, AppError> {
    let tz = accounts::zone(pg, member.workspace).await?;
    let filter = ListFilter {
        status: PostStatus::parse(&filters.status).map(|s| s.as_str().to_owned()),
        account: filters.account.parse().ok(),
        tag: Some(filters.tag.trim().to_owned()).filter(|t| !t.is_empty()),
        author: filters.author.parse().ok(),
        from: parse_day(&filters.from).map(|d| start_of_day(d, tz)),
        until: parse_day(&filters.to).map(|d| start_of_day(d + Duration::days(1), tz)),
        campaign: filters.campaign.parse().ok(),
    };
    let per_page = i64::from(POSTS_PER_PAGE);
    let offset = |page: u32| i64::from(page - 1) * per_page;
    let asked = filters.page.max(1);
    let (mut rows, total) =
        repo::list(pg, member.workspace, &filter, per_page, offset(asked)).await?;
    let pages = u32::try_from((total + per_page - 1) / per_page).unwrap_or(u32::MAX).max(1);
    let page = asked.min(pages);
    if page != asked {
        // Past the last page: show the last.
        rows = repo::list(pg, member.workspace, &filter, per_page, offset(page)).await?.0;
    }
    let (posts, accounts, authors, tags) = tokio::try_join!(
        with_targets(pg, member.workspace, rows),
        social_accounts_of(pg, member.workspace),
        async { Ok(accounts::members(pg, member.workspace).await?) },
        async { Ok::<_, AppError>(repo::tags(pg, member.workspace).await?) }
    )?;
    Ok(PostList {
        posts,
        total,
        page,
        pages,
        accounts,
        authors: authors
            .into_iter()
            .map(|m| (m.user_id, m.name.unwrap_or(m.email)))
            .collect::<Vec<(UserId, String)>>(),
        tags,
        campaigns: campaigns::all_names(pg, member.workspace).await?,
        can_compose: member.can(Permission::new(Resource::Posts, Action::Create)),
        timezone: tz.name().to_owned(),
    })
}

/// The calendar: `view` `week` or month (the default) around `date`
/// (`YYYY-MM-DD`, default today in the workspace's zone), with its filters.
/// `filters`: (account, status, campaign), each empty for any.
pub async fn calendar(
    pg: &PgPool,
    member: &Member,
    view: &str,
    date: &str,
    filters: (&str, &str, &str),
) -> Result<Calendar, AppError> {
    let (account, status, campaign) = filters;
    let (tz, accounts) = tokio::try_join!(
        accounts::zone(pg, member.workspace),
        social_accounts_of(pg, member.workspace)
    )?;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let week = view == "week";
    let (first, last, anchor) = rules::calendar_range(week, parse_day(date).unwrap_or(today));
    let status = PostStatus::parse(status);
    let filter = ListFilter {
        status: status.map(|s| s.as_str().to_owned()),
        account: account.parse().ok(),
        from: Some(start_of_day(first, tz)),
        until: Some(start_of_day(last + Duration::days(1), tz)),
        campaign: campaign.parse().ok(),
        ..ListFilter::default()
    };
    let rows = repo::in_range(pg, member.workspace, &filter).await?;
    let posts = with_targets(pg, member.workspace, rows).await?;
    let entries = posts
        .into_iter()
        .filter_map(|post| {
            let at = post.published_at.or(post.scheduled_at)?.with_timezone(&tz);
            Some(CalendarEntry { day: at.date_naive(), time: at.format("%H:%M").to_string(), post })
        })
        .collect();
    Ok(Calendar {
        view: if week { "week" } else { "month" }.to_owned(),
        first,
        last,
        anchor,
        today,
        timezone: tz.name().to_owned(),
        entries,
        accounts,
        account: filter.account.map(|a| a.to_string()).unwrap_or_default(),
        status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        campaign: filter.campaign.map(|c| c.to_string()).unwrap_or_default(),
        campaigns: campaigns::all_names(pg, member.workspace).await?,
        can_compose: member.can(Permission::new(Resource::Posts, Action::Update)),
    })
}

/// Moves a post that has not gone out to `day` at `time` (workspace zone), keeping
/// its status; a published post cannot be moved.
pub async fn reschedule(
    pg: &PgPool,
    member: &Member,
    id: PostId,
    day: &str,
    time: &str,
) -> Result<(), AppError> {
    let tz = accounts::zone(pg, member.workspace).await?;
    let at = read_when(&format!("{}T{}", day.trim(), time.trim()), tz)
        .map_err(|m| AppError::invalid("when", m))?
        .ok_or_else(|| AppError::invalid("when", "Choose a day and time."))?;
    if at <= Utc::now() {
        return Err(AppError::invalid("when", "Choose a time in the future."));
    }
    let mut tx = pg.begin().await?;
    if !repo::reschedule(&mut *tx, member.workspace, id, at).await? {
        let exists = repo::post(&mut *tx, member.workspace, id).await?.is_some();
        return Err(if exists {
            AppError::invalid("when", "This post has gone out, so it cannot be moved.")
        } else {
            AppError::NotFound
        });
    }
    let post = repo::post(&mut *tx, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    let status = PostStatus::parse(&post.status);
    if status == Some(PostStatus::Approved) {
        // Approved and given a time: it is scheduled (a new time needs no approval).
        repo::set_approval_state(&mut *tx, member.workspace, id, "scheduled", None).await?;
    }
    if matches!(status, Some(PostStatus::Scheduled | PostStatus::Approved)) {
        let targets: Vec<SocialAccountId> = repo::targets(&mut *tx, member.workspace, &[id])
            .await?
            .into_iter()
            .map(|t| t.account_id)
            .collect();
        book(&mut tx, member.workspace, id, &targets, at).await?;
    }
    if status == Some(PostStatus::PendingApproval) {
        let data = serde_json::to_value(ApprovalDeadline { post_id: id, due: at })
            .map_err(AppError::internal)?;
        queue::enqueue_unique(&mut tx, member.workspace, APPROVAL_DEADLINE, &data, Some(at))
            .await?;
    }
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_rescheduled",
        &format!("Post moved to {}", at.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Books each target's publish task for `due`, in the caller's transaction.
pub(super) async fn book(
    tx: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    post: PostId,
    accounts: &[SocialAccountId],
    due: DateTime<Utc>,
) -> Result<(), AppError> {
    for account in accounts {
        let data = PublishTarget { post_id: post, account_id: *account, due };
        let data = serde_json::to_value(&data).map_err(AppError::internal)?;
        queue::enqueue(&mut *tx, workspace, PUBLISH_TARGET, &data, Some(due)).await?;
    }
    Ok(())
}

/// Sends a failed target again now. For an unconfirmed one, the person has
/// checked the platform and found nothing there.
pub async fn retry_target(
    pg: &PgPool,
    member: &Member,
    post: PostId,
    account: SocialAccountId,
) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let target = repo::targets(&mut *tx, member.workspace, &[post])
        .await?
        .into_iter()
        .find(|t| t.account_id == account)
        .ok_or(AppError::NotFound)?;
    if target.publish_status != PublishStatus::Failed.as_str() {
        return Err(AppError::invalid("_form", "Only a target that failed can be retried."));
    }
    repo::set_target_outcome(
        &mut *tx,
        member.workspace,
        post,
        account,
        &repo::TargetOutcome { status: "pending", ..repo::TargetOutcome::default() },
    )
    .await?;
    repo::roll_up(&mut *tx, member.workspace, post).await?;
    book(&mut tx, member.workspace, post, &[account], Utc::now()).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_retried",
        &format!("Publishing to {} retried", target.account_name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A new draft copied from the post; returns its id.
pub async fn duplicate(pg: &PgPool, member: &Member, id: PostId) -> Result<PostId, AppError> {
    let mut tx = pg.begin().await?;
    let copy = repo::duplicate(&mut tx, member.workspace, id, member.user)
        .await?
        .ok_or(AppError::NotFound)?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_duplicated",
        "Post duplicated as a new draft",
    )
    .await?;
    tx.commit().await?;
    Ok(copy)
}

/// Archives a post (hidden from the calendar; kept with its history), or brings
/// it back as a draft.
pub async fn set_archived(
    pg: &PgPool,
    member: &Member,
    id: PostId,
    archive: bool,
) -> Result<(), AppError> {
    let post = repo::post(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    let status = PostStatus::parse(&post.status).unwrap_or(PostStatus::Draft);
    if archive && matches!(status, PostStatus::Publishing) {
        return Err(AppError::invalid(
            "_form",
            "This post is being published; archive it when that is done.",
        ));
    }
    let next = match (archive, status) {
        (true, _) => PostStatus::Archived,
        (false, PostStatus::Archived) if post.published_at.is_some() => PostStatus::Published,
        (false, _) => PostStatus::Draft,
    };
    let mut tx = pg.begin().await?;
    repo::set_status(&mut *tx, member.workspace, id, next.as_str()).await?;
    // An archived post waits on nobody: its approval round ends.
    approvals::withdraw(&mut tx, member.workspace, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a draft; anything else is archived instead, so its history stays.
pub async fn delete(pg: &PgPool, member: &Member, id: PostId) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    if !repo::delete_draft(&mut *tx, member.workspace, id).await? {
        let exists = repo::post(&mut *tx, member.workspace, id).await?.is_some();
        return Err(if exists {
            AppError::invalid(
                "_form",
                "Only drafts can be deleted; archive this post instead, so its history stays.",
            )
        } else {
            AppError::NotFound
        });
    }
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "post_deleted",
        "Draft deleted",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub use super::repo::PublishedTarget;

/// The targets published since `since` with the platform's id for them (what
/// engagement metrics measure), oldest first.
pub async fn published_targets(
    pg: &PgPool,
    workspace: WorkspaceId,
    since: DateTime<Utc>,
) -> Result<Vec<PublishedTarget>, AppError> {
    Ok(repo::published_targets(pg, workspace, since).await?)
}

/// The post Aura published to `account` that the platform calls
/// `platform_post_id` (for comments on it).
pub async fn post_by_platform_id(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
    account: SocialAccountId,
    platform_post_id: &str,
) -> Result<Option<PostId>, AppError> {
    Ok(repo::post_by_platform_id(db, workspace, account, platform_post_id).await?)
}

/// The text of each of `ids`, for lists of posts kept elsewhere.
pub async fn texts(
    pg: &PgPool,
    workspace: WorkspaceId,
    ids: &[PostId],
) -> Result<Vec<(PostId, String)>, AppError> {
    Ok(repo::texts(pg, workspace, ids).await?)
}

/// When the account's scheduled posts are due between `from` and `to`.
pub async fn scheduled_times(
    pg: &PgPool,
    workspace: WorkspaceId,
    account: SocialAccountId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    let none = PostId(uuid::Uuid::nil());
    Ok(repo::account_post_times(pg, workspace, account, none, true, from, to).await?)
}

/// For Home: failed posts, and posts due in the next seven days.
pub async fn attention(pg: &PgPool, workspace: WorkspaceId) -> Result<(i64, i64), AppError> {
    Ok(repo::attention_counts(pg, workspace).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_the_workspace_zone_and_skipped_hours_refused() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let at = read_when("2026-07-01T09:30", ny).unwrap().unwrap();
        assert_eq!(at.to_rfc3339(), "2026-07-01T13:30:00+00:00");
        // 2027-03-14 02:30 does not exist in New York (clocks jump 02:00 → 03:00).
        let skipped = read_when("2027-03-14T02:30", ny).unwrap_err();
        assert!(skipped.contains("does not exist in America/New_York"), "{skipped}");
        // 2026-11-01 01:30 happens twice: the first (EDT) is taken.
        let twice = read_when("2026-11-01T01:30", ny).unwrap().unwrap();
        assert_eq!(twice.to_rfc3339(), "2026-11-01T05:30:00+00:00");
        assert_eq!(read_when("  ", ny), Ok(None));
        assert!(read_when("tomorrow", ny).is_err());
    }

    #[test]
    fn a_day_starts_at_local_midnight() {
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(start_of_day(day, tokyo).to_rfc3339(), "2026-11-30T15:00:00+00:00");
    }
}
