//! The content context's part of the demo workspace (`crate::root::demo`): about
//! sixty posts over the past and the next six weeks, in every status, including a
//! failed one with the platform's refusal, and each text account's posting times.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::PgConnection;

use super::repo::{self, PostWrite, TargetOutcome};
use crate::contexts::content::rules::tags_and_mentions;
use crate::contexts::content::types::{PostContent, PostStatus, TargetOverrides};
use crate::contexts::integrations::types::SocialPlatform;
use crate::error::AppError;
use crate::kernel::{SocialAccountId, UserId, WorkspaceId};

const TEXTS: [&str; 12] = [
    "Our Ethiopia Yirgacheffe is back: bright, floral, with a finish like bergamot. Roasted Monday, shipped Tuesday. #coffee #singleorigin",
    "Cold brew season never ends in our shop. Twelve hours, one filter, zero bitterness. https://northwind.example/coldbrew #coldbrew",
    "Meet Rosa, our head roaster, who has cupped over 4,000 lots. Ask her anything in the comments! @northwindcoffee #meettheteam",
    "Weekend tip: grind just before you brew. Ground coffee loses most of its aroma within 15 minutes. #brewguide",
    "The holiday blend is roasting now: chocolate, cherry and a little spice. Pre-order at https://northwind.example/holiday #holidayblend",
    "Thank you, Chicago! We were voted best neighbourhood roaster for the third year. #chicago #coffee",
    "New in the shop: the Northwind pour-over kit, with our favourite filters and a 250 g bag of House Blend. #pourover",
    "How we pick a green coffee: 3 cuppings, 2 roast profiles, 1 very opinionated team. #behindthescenes",
    "Decaf that tastes like coffee: our Swiss Water Colombia is in stock again. #decaf",
    "Subscribers get 15% off every bag and free shipping. Pause or skip whenever you like. #subscription",
    "Latte art class this Saturday at 10am. Six seats, milk and espresso on us. #latteart",
    "Every bag now carries the farm, the altitude and the day it was roasted. Traceable coffee, from cherry to cup. #traceability",
];

/// Posts over the past six weeks (published, one failed, one archived) and the
/// next six (scheduled, waiting for approval, approved, drafts), each to two or
/// three of `accounts` (text platforms; `seed_media` then attaches pictures).
pub async fn seed_posts(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    author: UserId,
    accounts: &[(SocialAccountId, SocialPlatform)],
    tz: Tz,
    today: NaiveDate,
) -> Result<(), AppError> {
    let text_accounts: Vec<_> = accounts
        .iter()
        .filter(|(_, p)| {
            matches!(
                p,
                SocialPlatform::Facebook
                    | SocialPlatform::Twitter
                    | SocialPlatform::Linkedin
                    | SocialPlatform::Threads
            )
        })
        .copied()
        .collect();
    if text_accounts.is_empty() {
        return Ok(());
    }
    // Posting times: weekdays at 09:00 and 17:15 on each text account, and a
    // Saturday-morning post, so "Add to queue" has somewhere to go.
    let weekdays: Vec<i16> = (1..=5).collect();
    for (account, _) in &text_accounts {
        for (days, at) in [(&weekdays[..], (9, 0)), (&weekdays[..], (17, 15)), (&[6][..], (10, 0))]
        {
            let at = chrono::NaiveTime::from_hms_opt(at.0, at.1, 0).unwrap_or_default();
            super::slots_repo::add(&mut *tx, workspace, *account, days, at).await?;
        }
    }
    let hours = [(9, 0), (12, 30), (17, 15)];
    for n in 0..60i64 {
        let day = today - Duration::days(42) + Duration::days(n * 84 / 60);
        let (hour, minute) = hours[(n % 3) as usize];
        let local = day.and_hms_opt(hour, minute, 0).unwrap_or_default();
        let at: DateTime<Utc> =
            tz.from_local_datetime(&local).earliest().map_or_else(Utc::now, |t| t.to_utc());
        let past = at < Utc::now();
        let status = match (past, n) {
            (true, 7) => PostStatus::Failed,
            (true, 12) => PostStatus::Archived,
            (true, _) => PostStatus::Published,
            (false, n) if n % 9 == 0 => PostStatus::Draft,
            (false, n) if n % 7 == 0 => PostStatus::PendingApproval,
            (false, n) if n % 11 == 0 => PostStatus::Approved,
            (false, _) => PostStatus::Scheduled,
        };
        let text = TEXTS[(n as usize) % TEXTS.len()];
        let (hashtags, mentions) = tags_and_mentions(text);
        let content =
            serde_json::to_value(PostContent { text: text.to_owned(), hashtags, mentions })
                .map_err(AppError::internal)?;
        let tags: Vec<String> = match n % 4 {
            0 => vec!["product".into()],
            1 => vec!["community".into()],
            2 => vec!["education".into()],
            _ => vec!["promotion".into()],
        };
        let scheduled_at = (status != PostStatus::Draft).then_some(at);
        let post = repo::insert_post(
            &mut *tx,
            workspace,
            author,
            &PostWrite {
                content: &content,
                status: status.as_str(),
                scheduled_at,
                tags: &tags,
                ai: None,
                campaign: None,
                shorten_links: false,
            },
        )
        .await?;
        let count = 2 + (n as usize % 2);
        let targets: Vec<_> = (0..count)
            .map(|i| text_accounts[(n as usize + i) % text_accounts.len()])
            .collect::<Vec<_>>();
        let mut unique = targets.clone();
        unique.dedup_by_key(|t| t.0);
        let rows: Vec<(SocialAccountId, &str, serde_json::Value)> = unique
            .iter()
            .map(|(id, p)| {
                (
                    *id,
                    p.as_str(),
                    serde_json::to_value(TargetOverrides::default()).unwrap_or_default(),
                )
            })
            .collect();
        repo::set_targets(&mut *tx, workspace, post, &rows).await?;
        if matches!(status, PostStatus::Published | PostStatus::Archived | PostStatus::Failed) {
            if status != PostStatus::Failed {
                repo::set_published_at(&mut *tx, workspace, post, at).await?;
            }
            for (i, (account, platform)) in unique.iter().enumerate() {
                let failed = status == PostStatus::Failed && i == 0;
                let (state, error, id) = if failed {
                    (
                        "failed",
                        Some(format!(
                            "{} refused the post as a duplicate of one already on the account. Change the text, then retry.",
                            platform.label()
                        )),
                        None,
                    )
                } else {
                    ("published", None, Some(format!("demo-{n}-{i}")))
                };
                repo::set_target_outcome(
                    &mut *tx,
                    workspace,
                    post,
                    *account,
                    &TargetOutcome {
                        status: state,
                        error: error.as_deref(),
                        platform_post_id: id.as_deref(),
                        published_at: (!failed).then_some(at),
                        ..TargetOutcome::default()
                    },
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// The demo's media library: six product and shop pictures (drawn here, stored
/// like uploads, with thumbnails), in two folders, each attached to the demo
/// posts that talk about it.
pub async fn seed_media(
    state: &crate::server::AppState,
    workspace: WorkspaceId,
) -> Result<(), AppError> {
    const PICTURES: [(&str, &str, &str, [u8; 3], &str); 6] = [
        ("holiday-blend.png", "Products", "holiday, blend", [122, 30, 30], "holiday blend"),
        ("cold-brew.png", "Products", "coldbrew, summer", [40, 70, 110], "cold brew"),
        ("pour-over-kit.png", "Products", "pourover, shop", [150, 110, 60], "pour-over kit"),
        ("yirgacheffe.png", "Products", "singleorigin", [190, 140, 40], "yirgacheffe"),
        ("roastery-floor.png", "Shop", "behindthescenes, team", [90, 60, 40], "head roaster"),
        ("latte-art.png", "Shop", "latteart, class", [200, 170, 130], "latte art"),
    ];
    for (name, folder, tags, colour, topic) in PICTURES {
        let bytes = tokio::task::spawn_blocking(move || picture(colour))
            .await
            .map_err(AppError::internal)??;
        let tags = super::media::read_tags(tags);
        super::media::add_generated(state, workspace, name, bytes.into(), Some(folder), &tags)
            .await?;
        super::media_repo::attach_to_posts_about(&state.pg, workspace, name, topic).await?;
    }
    Ok(())
}

/// A 1080×1080 PNG: a warm gradient of `colour` with a lighter disc, like a
/// product shot's backdrop.
fn picture(colour: [u8; 3]) -> Result<Vec<u8>, AppError> {
    let side = 1080u32;
    let centre = f64::from(side) / 2.0;
    let shot = image::RgbImage::from_fn(side, side, |x, y| {
        let (dx, dy) = (f64::from(x) - centre, f64::from(y) - centre);
        let disc = (dx * dx + dy * dy).sqrt() < 300.0;
        let shade = 0.6 + 0.4 * f64::from(y) / f64::from(side);
        let channel = |c: u8| {
            let base = f64::from(c) * shade;
            let value = if disc { base + (255.0 - base) * 0.55 } else { base };
            value.clamp(0.0, 255.0) as u8
        };
        image::Rgb([channel(colour[0]), channel(colour[1]), channel(colour[2])])
    });
    let mut out = Vec::new();
    shot.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(AppError::internal)?;
    Ok(out)
}

/// The demo's posts waiting for approval to an account `chain` covers go
/// through it: every other one has passed level 1 (approved by `level_one`) and
/// waits at level 2, the rest wait at level 1; each expires if still waiting at
/// its time. The others need no approval: they are scheduled. Returns the
/// first post waiting at level 2, for a client to approve.
pub async fn seed_approvals(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    chain: &crate::contexts::approvals::server::service::Chain,
    level_one: UserId,
) -> Result<Option<crate::kernel::PostId>, AppError> {
    use crate::contexts::approvals::server::service as approvals;
    use crate::contexts::approvals::types::Decision;
    use crate::contexts::automation::server::queue;
    use crate::contexts::content::types::{APPROVAL_DEADLINE, ApprovalDeadline};
    let filter = repo::ListFilter {
        status: Some(PostStatus::PendingApproval.as_str().to_owned()),
        ..repo::ListFilter::default()
    };
    let far = Utc::now() + Duration::days(365);
    let waiting = repo::in_range(
        &mut *tx,
        workspace,
        &repo::ListFilter { from: Some(Utc::now()), until: Some(far), ..filter },
    )
    .await?;
    let mut submitted = 0;
    let mut for_client = None;
    for post in &waiting {
        let targets = repo::targets(&mut *tx, workspace, &[post.id]).await?;
        if !targets.iter().any(|t| chain.config.accounts.contains(&t.account_id)) {
            repo::set_approval_state(&mut *tx, workspace, post.id, "scheduled", None).await?;
            continue;
        }
        let rows: Vec<(SocialAccountId, &str, serde_json::Value)> = targets
            .iter()
            .map(|t| {
                (t.account_id, t.platform.as_str(), t.custom_content.clone().unwrap_or_default())
            })
            .collect();
        let media: Vec<crate::kernel::MediaId> =
            super::media_repo::of_post(&mut *tx, workspace, post.id)
                .await?
                .into_iter()
                .map(|m| m.id)
                .collect();
        let version = super::service::version_of(
            &post.content,
            &media,
            &rows,
            post.campaign_id,
            post.shorten_links,
        );
        let sender = post.author_id.unwrap_or(level_one);
        approvals::submit(tx, workspace, post.id, post.author_id, sender, chain, &version, "_form")
            .await?;
        submitted += 1;
        if submitted % 2 == 0 {
            approvals::decide(
                tx,
                workspace,
                post.id,
                post.author_id,
                level_one,
                None,
                Decision::Approve,
                "",
            )
            .await?;
            for_client = for_client.or(Some(post.id));
        }
        if let Some(due) = post.scheduled_at {
            let data = serde_json::to_value(ApprovalDeadline { post_id: post.id, due })
                .map_err(AppError::internal)?;
            queue::enqueue(&mut *tx, workspace, APPROVAL_DEADLINE, &data, Some(due)).await?;
        }
    }
    Ok(for_client)
}

/// The demo's client, who approves without an account.
pub const DEMO_CLIENT: (&str, &str) = ("dana@client.example", "Dana Reyes");

/// Shares `post` with the demo's client for approval, as `by` would from the
/// post's page: the link's email lands in the outbox (`/dev/outbox`).
pub async fn share_with_client(
    state: &crate::server::AppState,
    workspace: WorkspaceId,
    by: UserId,
    post: crate::kernel::PostId,
) -> Result<(), AppError> {
    use crate::contexts::approvals::server::service as approvals;
    let (email, name) = DEMO_CLIENT;
    let mut tx = state.pg.begin().await?;
    let token = approvals::share(&mut tx, workspace, by, email, Some(name), &[post]).await?;
    tx.commit().await?;
    super::review::email_link(state, workspace, email, Some(name), &token).await
}

/// The demo posts whose text mentions `topic` join `campaign` (with short
/// links); returns the published ones' targets: (post, account, platform, when).
pub async fn join_campaign(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    campaign: crate::kernel::CampaignId,
    topic: &str,
) -> Result<Vec<(crate::kernel::PostId, SocialAccountId, String, DateTime<Utc>)>, AppError> {
    let ids: Vec<crate::kernel::PostId> = sqlx::query_scalar(
        "UPDATE posts SET campaign_id = $2, shorten_links = true
         WHERE workspace_id = $1 AND content->>'text' ILIKE '%' || $3 || '%'
         RETURNING id",
    )
    .bind(workspace)
    .bind(campaign)
    .bind(topic)
    .fetch_all(&mut *tx)
    .await?;
    let targets = repo::targets(&mut *tx, workspace, &ids).await?;
    Ok(targets
        .into_iter()
        .filter_map(|t| {
            let at = t.published_at?;
            (t.publish_status == "published").then_some((t.post_id, t.account_id, t.platform, at))
        })
        .collect())
}
