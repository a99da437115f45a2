//! The inbox's chatbot (a `workflows` row of type `chatbot`, its settings a
//! [`Chatbot`]): a person's new message in a direct message or comment thread
//! books the `chatbot_reply` task in the transaction that stored it; the job
//! decides ([`crate::contexts::inbox::chatbot::decide`]) and answers through
//! the platform. An answer is kept before it is sent and names the message it
//! answers (unique), so no message is answered twice; it is marked automatic
//! (`ai_generated`, no author) and does not count as the team's first
//! response. Once the bot hands over, or a person on the team answers, the
//! thread is the team's.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use sqlx::{PgConnection, PgPool};

use super::repo;
use super::service::{no_reply, reply_target};
use super::sla;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::automation::server::workflows::{self, WorkflowWrite};
use crate::contexts::inbox::chatbot::{
    ANSWER_MAX, AWAY_EVERY_HOURS, BotAction, BotAnswer, Chatbot, decide, words_of,
};
use crate::contexts::inbox::rules;
use crate::contexts::inbox::types::{CHATBOT_REPLY, ChatbotView, ConversationKind};
use crate::contexts::integrations::server::service::{Deps, reply_as};
use crate::contexts::integrations::server::social::replies::ReplyRequest;
use crate::contexts::integrations::types::SocialPlatform;
use crate::error::{AppError, FieldErrors, add_message};
use crate::kernel::{ConversationId, WorkspaceId};

/// The workflow type of chatbots.
const KIND: &str = "chatbot";

/// The workspace's chatbot workflow (the oldest), its settings read.
async fn first(
    db: impl sqlx::PgExecutor<'_>,
    workspace: WorkspaceId,
) -> Result<Option<(workflows::WorkflowRow, Chatbot)>, AppError> {
    let rows = workflows::list(db, workspace, KIND).await?;
    Ok(rows.into_iter().next().map(|row| {
        let bot = serde_json::from_value(row.settings.clone()).unwrap_or_default();
        (row, bot)
    }))
}

/// Books the bot's look at `message` when an active chatbot answers threads
/// of `kind` and this thread is still the bot's.
pub(super) async fn after_inbound(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    conversation: ConversationId,
    kind: ConversationKind,
    message: uuid::Uuid,
) -> Result<(), AppError> {
    let active = workflows::active(&mut *tx, workspace, KIND).await?;
    let covers = active.iter().any(|row| {
        serde_json::from_value::<Chatbot>(row.settings.clone()).is_ok_and(|b| b.covers(kind))
    });
    if !covers {
        return Ok(());
    }
    let data = serde_json::json!({ "message": message, "conversation": conversation });
    queue::enqueue(&mut *tx, workspace, CHATBOT_REPLY, &data, None).await?;
    Ok(())
}

/// What the bot did with a message, for the task's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answered {
    /// Not the bot's to answer (no chatbot, the team's thread, answered before).
    Nothing,
    Sent,
    /// The platform refused; the answer stays in the thread, marked failed.
    Failed,
    HandedOver,
}

/// Lets the workspace's chatbot answer `message`.
pub async fn answer(
    deps: &Deps,
    workspace: WorkspaceId,
    message: uuid::Uuid,
) -> Result<Answered, AppError> {
    let pg = &deps.pg;
    let Some(m) = repo::bot_message(pg, workspace, message).await? else {
        return Ok(Answered::Nothing);
    };
    if !m.inbound || m.bot_stopped || m.person_replied {
        return Ok(Answered::Nothing);
    }
    let Some(row) = repo::conversation(pg, workspace, m.conversation_id).await? else {
        return Ok(Answered::Nothing);
    };
    let kind = ConversationKind::parse(&row.kind).unwrap_or(ConversationKind::Comment);
    let Some((flow, bot)) = first(pg, workspace).await? else { return Ok(Answered::Nothing) };
    if flow.status != "active" || !bot.covers(kind) {
        return Ok(Answered::Nothing);
    }
    let platform = SocialPlatform::parse(&row.platform).unwrap_or(SocialPlatform::Facebook);
    let hours = sla::settings(pg, workspace).await?.hours;
    let open_now = hours.open_at(&accounts::zone(pg, workspace).await?, m.created_at);
    let away_lately =
        m.bot_said_at.is_some_and(|at| at > Utc::now() - Duration::hours(AWAY_EVERY_HOURS));
    let (say, hand_over) = match decide(&bot, &m.content, open_now, away_lately) {
        BotAction::Answer(text) | BotAction::Away(text) => (Some(text), None),
        BotAction::HandOver { reply, why } => (reply, Some(why)),
    };
    let mut outcome = Answered::Nothing;
    // A platform Aura cannot answer on gets no automatic answer; the team has it.
    if let Some(text) = say.filter(|_| no_reply(platform, kind).is_none()) {
        outcome = send(deps, workspace, &row, message, &text).await?;
        if outcome == Answered::Nothing {
            return Ok(outcome);
        }
    }
    if let Some(why) = hand_over {
        repo::stop_bot(pg, workspace, row.id, why).await?;
        outcome = Answered::HandedOver;
    }
    Ok(outcome)
}

/// Sends `text` (its `{name}` filled in) as the automatic answer to `message`
/// in `row`'s thread: kept first, once per message (another run that got
/// there first leaves [`Answered::Nothing`]), then sent through the platform
/// and marked sent or failed with the platform's words.
async fn send(
    deps: &Deps,
    workspace: WorkspaceId,
    row: &repo::ConversationRow,
    message: uuid::Uuid,
    text: &str,
) -> Result<Answered, AppError> {
    let pg = &deps.pg;
    let text = rules::expand(text, &[], first_name(row)).unwrap_or_else(|_| text.to_owned());
    let text: String = text.chars().take(ANSWER_MAX).collect();
    let Some(kept) = repo::insert_automatic(pg, workspace, row.id, &text, message).await? else {
        return Ok(Answered::Nothing);
    };
    let to = reply_target(pg, workspace, row).await?;
    let sent = reply_as(deps, workspace, row.account_id, &ReplyRequest { to, text }).await;
    let sent = sent.map_err(|why| why.to_string());
    let mut tx = pg.begin().await?;
    let outcome = sent.as_ref().map(String::as_str).map_err(String::as_str);
    repo::finish_outbound(&mut tx, workspace, row.id, kept, outcome).await?;
    tx.commit().await?;
    Ok(if sent.is_ok() { Answered::Sent } else { Answered::Failed })
}

/// The person's name as `{name}` takes it (none for a thread known by an id).
fn first_name(row: &repo::ConversationRow) -> &str {
    let known = row.participant_name != row.participant_id
        && row.participant_name.chars().any(char::is_alphabetic);
    if known { row.participant_name.as_str() } else { "" }
}

// ---- The settings page --------------------------------------------------------

pub async fn view(pg: &PgPool, workspace: WorkspaceId) -> Result<ChatbotView, AppError> {
    Ok(match first(pg, workspace).await? {
        Some((row, bot)) => ChatbotView { on: row.status == "active", bot },
        None => ChatbotView {
            on: false,
            bot: Chatbot {
                kinds: vec![ConversationKind::Dm],
                handover_words: words_of("human, agent, a person, someone"),
                handover_reply: "Thanks! Someone from the team will answer you here soon.".into(),
                ..Chatbot::default()
            },
        },
    })
}

async fn write(pg: &PgPool, member: &Member, on: bool, bot: &Chatbot) -> Result<(), AppError> {
    // Plain fields and lists: serializing cannot fail.
    let settings = serde_json::to_value(bot).unwrap_or_default();
    let write = WorkflowWrite {
        name: "Inbox chatbot",
        description: Some("Answers direct messages and comments in the inbox by keyword."),
        status: if on { "active" } else { "paused" },
        settings: &settings,
    };
    match first(pg, member.workspace).await? {
        Some((row, _)) => {
            workflows::update(pg, member.workspace, KIND, row.id, &write).await?;
        }
        None => {
            workflows::insert(pg, member.workspace, KIND, member.user, &write).await?;
        }
    }
    Ok(())
}

/// Saves the chatbot's switch, kinds, hand-over and away message (`on`, `dm`,
/// `comment`, `handover_words`, `handover_reply`, `away`).
pub async fn save(
    pg: &PgPool,
    member: &Member,
    form: &HashMap<String, String>,
) -> Result<(), AppError> {
    let field = |k: &str| form.get(k).map_or("", |v| v.trim());
    let mut bot = view(pg, member.workspace).await?.bot;
    bot.kinds = [ConversationKind::Dm, ConversationKind::Comment]
        .into_iter()
        .filter(|k| !field(k.as_str()).is_empty())
        .collect();
    bot.handover_words = words_of(field("handover_words"));
    bot.handover_reply = field("handover_reply").to_owned();
    bot.away = field("away").to_owned();
    let on = !field("on").is_empty();
    let mut errors = FieldErrors::new();
    if on && bot.kinds.is_empty() {
        add_message(
            &mut errors,
            "dm",
            "Choose what the chatbot answers: messages, comments or both.",
        );
    }
    for (name, text) in [("handover_reply", &bot.handover_reply), ("away", &bot.away)] {
        if text.chars().count() > ANSWER_MAX {
            add_message(&mut errors, name, format!("At most {ANSWER_MAX} characters."));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    write(pg, member, on, &bot).await
}

/// Adds an answer (`keywords`: comma-separated, `reply`).
pub async fn add_answer(
    pg: &PgPool,
    member: &Member,
    form: &HashMap<String, String>,
) -> Result<(), AppError> {
    let keywords = words_of(form.get("keywords").map_or("", String::as_str));
    let reply = form.get("reply").map_or("", |r| r.trim()).to_owned();
    let mut errors = FieldErrors::new();
    if keywords.is_empty() {
        add_message(&mut errors, "keywords", "Give at least one word, like \"hours\".");
    }
    if reply.is_empty() {
        add_message(&mut errors, "reply", "Write the answer.");
    } else if reply.chars().count() > ANSWER_MAX {
        add_message(&mut errors, "reply", format!("At most {ANSWER_MAX} characters."));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let ChatbotView { on, mut bot } = view(pg, member.workspace).await?;
    bot.answers.push(BotAnswer { keywords, reply });
    write(pg, member, on, &bot).await
}

/// Deletes the answer at `index` (as listed).
pub async fn delete_answer(pg: &PgPool, member: &Member, index: &str) -> Result<(), AppError> {
    let ChatbotView { on, mut bot } = view(pg, member.workspace).await?;
    let index: usize = index.parse().map_err(|_| AppError::NotFound)?;
    if index >= bot.answers.len() {
        return Err(AppError::NotFound);
    }
    bot.answers.remove(index);
    write(pg, member, on, &bot).await
}

/// The demo's chatbot: on for direct messages, with answers about hours,
/// shipping and prices, and an away message.
pub async fn seed_demo(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    by: crate::kernel::UserId,
) -> Result<(), AppError> {
    let bot = Chatbot {
        answers: vec![
            BotAnswer {
                keywords: words_of("hours, open, closing"),
                reply: "Hi {name}! We open at 7 on weekdays and 8 at weekends, until 6.".into(),
            },
            BotAnswer {
                keywords: words_of("shipping, delivery, ship"),
                reply: "We ship in 2 to 3 days in the US and 5 to 7 to Canada.".into(),
            },
            BotAnswer {
                keywords: words_of("price, cost, how much"),
                reply: "Our beans are $18 a bag, and the holiday blend $21.".into(),
            },
        ],
        handover_words: words_of("human, agent, a person, someone"),
        handover_reply: "Thanks! Someone from the team will answer you here soon.".into(),
        away: "Thanks for writing! We're closed right now and answer first thing in the morning."
            .into(),
        kinds: vec![ConversationKind::Dm],
    };
    let settings = serde_json::to_value(&bot).unwrap_or_default();
    let write = WorkflowWrite {
        name: "Inbox chatbot",
        description: Some("Answers direct messages and comments in the inbox by keyword."),
        status: "active",
        settings: &settings,
    };
    workflows::insert(&mut *tx, workspace, KIND, by, &write).await?;
    Ok(())
}
