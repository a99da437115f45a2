//! The demo workspace's inbox: about 300 conversations over the last 30 days on
//! its accounts — comments, direct messages, mentions and Facebook reviews —
//! with their sentiment (scored by VADER from their words), priorities,
//! assignees, answers from the team and internal notes; the recent ones open;
//! three saved replies; two SLA policies with their clocks met, missed and
//! running; the team available for round robin (left off).

use chrono::{Duration, Utc};
use sqlx::PgConnection;

use super::repo::sla::{self as sla_repo, DemoClock, NewClock, PolicyRow};
use super::repo::{self, DemoMessage, NewThread, Triage};
use super::service::sentiment_score;
use crate::contexts::auth::server::accounts;
use crate::contexts::automation::server::queue;
use crate::contexts::inbox::rules::{self, BusinessHours, SlaPolicy, SlaTarget};
use crate::contexts::inbox::types::{ConversationKind, Priority, SLA_BREACH, Status};
use crate::contexts::integrations::types::SocialPlatform;
use crate::error::AppError;
use crate::kernel::{SocialAccountId, UserId, WorkspaceId};

const PEOPLE: [&str; 24] = [
    "Ana Brooks",
    "Leo Park",
    "Priya Natarajan",
    "Tom Becker",
    "Sofia Rossi",
    "Kwame Mensah",
    "Hannah Lee",
    "Diego Ramírez",
    "Chloe Martin",
    "Omar Haddad",
    "Grace Kim",
    "Lucas Silva",
    "Mia Novak",
    "Ethan Wright",
    "Aisha Bello",
    "Jonas Weber",
    "Emma Dubois",
    "Ravi Kapoor",
    "Lena Fischer",
    "Noah Clark",
    "Yuki Tanaka",
    "Isabel Costa",
    "Sam Carter",
    "Nora Lindqvist",
];

/// What people write, with what the team answered (if it did).
const OPENERS: [(&str, Option<&str>); 18] = [
    ("Love the new holiday blend, it's amazing!", Some("Thank you! It's back until New Year.")),
    ("What time do you open on Sunday?", Some("We open at 8 on Sundays. See you there!")),
    (
        "My order arrived broken and nobody answers my emails. Terrible.",
        Some("We're so sorry. A replacement is on its way today."),
    ),
    ("Do you ship to Canada?", Some("We do, in 5 to 7 days.")),
    ("I want a refund, the beans were stale.", None),
    ("Is the decaf back in stock?", Some("It's back on Friday!")),
    ("Best latte in town, thank you for the great service", None),
    ("Can I cancel my subscription?", Some("Of course, we've sent you a link to cancel it.")),
    ("The pour-over kit is great but the filters ran out fast", None),
    (
        "Where is my order? It's been two weeks.",
        Some("It left yesterday; here is the tracking link."),
    ),
    ("Do you have oat milk?", Some("Yes, oat and almond.")),
    ("Rude staff this morning, really disappointed.", None),
    ("Can you make it a bit less sweet next time?", None),
    ("Congrats on the new shop, beautiful place!", Some("Thanks for visiting!")),
    ("Are your beans fair trade?", Some("All of them, and we list each farm on the bag.")),
    ("Worst coffee I've had, burnt and bitter.", None),
    ("Could you host our book club on Thursday evenings?", None),
    ("Thanks for the birthday cake, my daughter loved it", Some("Happy birthday to her!")),
];

/// Which kinds each demo platform brings.
fn kinds(platform: SocialPlatform) -> &'static [ConversationKind] {
    use ConversationKind::*;
    match platform {
        SocialPlatform::Facebook => &[Comment, Dm, Review, Comment],
        SocialPlatform::Instagram => &[Comment, Dm, Mention, Comment],
        SocialPlatform::Twitter => &[Mention, Dm],
        _ => &[Comment],
    }
}

/// Seeds the inbox of `workspace` on `accounts`, answered by `team` (the
/// members who work the inbox).
pub async fn seed(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    accounts: &[(SocialAccountId, SocialPlatform)],
    team: &[UserId],
) -> Result<(), AppError> {
    if accounts.is_empty() {
        return Ok(());
    }
    if let Some(author) = team.first() {
        super::chatbot::seed_demo(&mut *tx, workspace, *author).await?;
        for (shortcut, body) in [
            ("hours", "Hi {name}, we open at 7 on weekdays and 8 at weekends."),
            ("shipping", "Hi {name}, we ship in 2 to 3 days in the US and 5 to 7 to Canada."),
            ("sorry", "We're so sorry, {name}. Could you send us your order number by message?"),
        ] {
            repo::save_reply(&mut *tx, workspace, shortcut, body, *author).await?;
        }
    }
    let policies = [
        PolicyRow {
            id: uuid::Uuid::new_v4(),
            name: "Urgent and high".to_owned(),
            priorities: vec!["high".into(), "urgent".into()],
            kinds: Vec::new(),
            first_response_minutes: Some(30),
            next_response_minutes: Some(60),
            resolution_minutes: Some(8 * 60),
            business_hours: false,
        },
        PolicyRow {
            id: uuid::Uuid::new_v4(),
            name: "Standard".to_owned(),
            priorities: Vec::new(),
            kinds: Vec::new(),
            first_response_minutes: Some(60),
            next_response_minutes: Some(4 * 60),
            resolution_minutes: Some(2 * 8 * 60),
            business_hours: true,
        },
    ];
    for p in &policies {
        sla_repo::save_policy(&mut *tx, workspace, p, false).await?;
    }
    let policies: Vec<SlaPolicy> = policies
        .into_iter()
        .map(|p| SlaPolicy {
            id: p.id,
            name: p.name,
            priorities: p.priorities.iter().filter_map(|x| Priority::parse(x)).collect(),
            kinds: Vec::new(),
            first_response_minutes: p.first_response_minutes.map(i64::from),
            next_response_minutes: p.next_response_minutes.map(i64::from),
            resolution_minutes: p.resolution_minutes.map(i64::from),
            business_hours: p.business_hours,
        })
        .collect();
    for member in team {
        sla_repo::set_available(&mut *tx, workspace, *member, true).await?;
    }
    let tz: chrono_tz::Tz = accounts::workspace(&mut *tx, workspace)
        .await?
        .and_then(|w| w.timezone.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let hours = BusinessHours::weekdays_nine_to_five();
    let now = Utc::now();
    for n in 0..300usize {
        let (account, platform) = accounts[n % accounts.len()];
        let kinds = kinds(platform);
        let kind = kinds[(n / accounts.len()) % kinds.len()];
        let person = PEOPLE[(n * 7) % PEOPLE.len()];
        // A person is one participant for 40 conversations in a row: their
        // threads on one account never collide (same account and person recur
        // only 120 apart), and each thread is its own.
        let handle = format!("{}.{}", person.to_lowercase().replace(' ', "."), n / 40);
        let (opener, answer) = OPENERS[(n * 5 + n / 3) % OPENERS.len()];
        // Spread over 30 days, newest first; a few minutes between messages.
        let started = now - Duration::minutes((n as i64) * 143 + 20);
        let post = format!("demo-post-{n}");
        let thread_key = match kind {
            ConversationKind::Dm => handle.clone(),
            _ => format!("{post}:{handle}"),
        };
        let thread = NewThread {
            account,
            platform: platform.as_str(),
            kind: kind.as_str(),
            thread_key: &thread_key,
            participant_id: &handle,
            participant_name: person,
            platform_post_id: (kind != ConversationKind::Dm).then_some(post.as_str()),
            post_id: None,
            started_at: started,
            followers: Some(((n * 7919) % 40_000) as i32),
        };
        let (conversation, _) = repo::thread(tx, workspace, &thread).await?;
        let score = sentiment_score(opener);
        let first = DemoMessage {
            inbound: true,
            content: opener,
            platform_message_id: &format!("demo-{n}-1"),
            author: None,
            sentiment: score,
            at: started,
            ai_generated: false,
        };
        repo::insert_demo_message(tx, workspace, conversation, &first).await?;
        let assignee = (n % 3 != 2 && !team.is_empty()).then(|| team[n % team.len()]);
        // Old ones were answered and resolved; the last day's mostly wait. Some
        // answers came late (past a one-hour first response).
        let recent = n < 40;
        let mut last = started;
        let mut first_response = None;
        if let Some(answer) = answer.filter(|_| !recent || n % 4 == 0) {
            let delay = if n % 5 == 0 { Duration::minutes(190) } else { Duration::minutes(25) };
            let at = (started + delay).min(now);
            let reply = DemoMessage {
                inbound: false,
                content: answer,
                platform_message_id: &format!("demo-{n}-2"),
                author: assignee.or(team.first().copied()),
                sentiment: None,
                at,
                // Some answers began as the model's draft.
                ai_generated: n % 7 == 3,
            };
            repo::insert_demo_message(tx, workspace, conversation, &reply).await?;
            first_response = Some(at);
            last = at;
            if n % 6 == 1 {
                let thanks = DemoMessage {
                    inbound: true,
                    content: "Thank you, that's great!",
                    platform_message_id: &format!("demo-{n}-3"),
                    author: None,
                    sentiment: sentiment_score("Thank you, that's great!"),
                    at: (at + Duration::minutes(12)).min(now),
                    ai_generated: false,
                };
                repo::insert_demo_message(tx, workspace, conversation, &thanks).await?;
                last = thanks.at;
            }
        }
        let status = match (recent, first_response.is_some()) {
            (true, false) => Status::Open,
            (true, true) => Status::Pending,
            (false, _) if n % 9 == 0 => Status::Archived,
            (false, _) => Status::Resolved,
        };
        let lower = opener.to_lowercase();
        let sentiment = score.map(rules::sentiment_of);
        let priority = if lower.contains("refund") || lower.contains("cancel") {
            Priority::Urgent
        } else if sentiment == Some(crate::contexts::inbox::types::Sentiment::Negative) {
            Priority::High
        } else if kind == ConversationKind::Mention {
            Priority::Low
        } else {
            Priority::Medium
        };
        let tags: Vec<String> = match () {
            _ if lower.contains("order") || lower.contains("ship") => vec!["orders".into()],
            _ if lower.contains("refund") || lower.contains("cancel") => vec!["billing".into()],
            _ => Vec::new(),
        };
        let triage = Triage {
            status: status.as_str(),
            priority: priority.as_str(),
            priority_manual: false,
            assignee,
            tags: &tags,
            sentiment: sentiment.map(|s| s.as_str()),
            sentiment_manual: false,
            snoozed_until: None,
        };
        repo::triage(&mut *tx, workspace, conversation, &triage).await?;
        let resolved = matches!(status, Status::Resolved | Status::Archived).then_some(last);
        repo::set_demo_times(tx, workspace, conversation, last, first_response, resolved).await?;
        if let Some(policy) = rules::policy_for(&policies, priority, kind) {
            let business = policy.business_hours.then_some(&hours);
            for target in [SlaTarget::FirstResponse, SlaTarget::Resolution] {
                let Some(minutes) = policy.minutes(target) else { continue };
                let met_at = match target {
                    SlaTarget::Resolution => resolved,
                    _ => first_response,
                };
                let clock = DemoClock {
                    clock: NewClock {
                        conversation,
                        policy: policy.id,
                        policy_name: &policy.name,
                        platform: platform.as_str(),
                        target: target.as_str(),
                        started_at: started,
                        due_at: rules::due_at(started, minutes, business, &tz),
                    },
                    met_at,
                    met_by: met_at.and(assignee.or(team.first().copied())),
                    // Closed unanswered: the response clock stopped then.
                    stopped_at: resolved.filter(|_| met_at.is_none()),
                    owner: assignee,
                };
                if let Some(id) = sla_repo::insert_demo_clock(tx, workspace, &clock).await? {
                    let data = serde_json::json!({ "clock": id });
                    queue::enqueue(
                        &mut *tx,
                        workspace,
                        SLA_BREACH,
                        &data,
                        Some(clock.clock.due_at),
                    )
                    .await?;
                }
            }
            match resolved {
                Some(at) => sla_repo::close_clocks(tx, workspace, conversation, None, at).await?,
                None => sla_repo::refresh_deadline(tx, workspace, conversation).await?,
            }
        }
        if n % 17 == 3
            && let Some(author) = team.first()
        {
            repo::insert_note(
                &mut *tx,
                workspace,
                conversation,
                *author,
                "Called them back; follow up on Friday.",
            )
            .await?;
        }
    }
    Ok(())
}

/// A reply by `author` in the latest open comment thread, held by the reply
/// chain `chain` and waiting for its approvers.
pub async fn seed_held_reply(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    chain: &crate::contexts::approvals::server::service::Chain,
    author: UserId,
) -> Result<(), AppError> {
    let Some(conversation) = repo::latest_open(&mut *tx, workspace, "comment").await? else {
        return Ok(());
    };
    let reply = repo::Outbound {
        author,
        content: "Thanks for telling us! We're looking into it and will get back to you today.",
        ai_generated: false,
        token: None,
        held: true,
    };
    if let Some(message) = repo::insert_outbound(&mut *tx, workspace, conversation, &reply).await? {
        super::approval::hold(tx, workspace, message, author, chain).await?;
    }
    Ok(())
}
