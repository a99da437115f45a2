//! Chatbot workflows (seed 003 `workflows` of type CHATBOT, their `settings`
//! holding a [`Chatbot`]): automatic answers to direct messages and comments by
//! keyword, an away message outside business hours, and the hand-over to a
//! person when asked for or when the bot has no answer. Pure: what to do with
//! one message ([`decide`]); the inbox's `chatbot_reply` job does it.

use serde::{Deserialize, Serialize};

use super::rules::starts_a_word;
use super::types::ConversationKind;

/// Longest automatic answer (the inbox's reply limit).
pub const ANSWER_MAX: usize = 2000;

/// How long an away message covers a thread: one per thread in this time.
pub const AWAY_EVERY_HOURS: i64 = 12;

/// A workspace's chatbot, as its workflow's settings keep it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chatbot {
    /// Answers by keyword, the first that matches wins.
    #[serde(default)]
    pub answers: Vec<BotAnswer>,
    /// Words that ask for a person ("human", "agent").
    #[serde(default)]
    pub handover_words: Vec<String>,
    /// Said when handing over (empty: nothing is said).
    #[serde(default)]
    pub handover_reply: String,
    /// Said outside business hours when no answer fits (empty: nothing).
    #[serde(default)]
    pub away: String,
    /// The types of conversation it answers (direct messages, comments).
    #[serde(default)]
    pub kinds: Vec<ConversationKind>,
}

/// "When someone writes one of these words, answer this."
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotAnswer {
    /// Words or phrases, each at the start of a word, in any case.
    pub keywords: Vec<String>,
    /// `{name}` becomes the person's first name.
    pub reply: String,
}

/// What the bot does with a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BotAction {
    /// Answer with this text.
    Answer(String),
    /// Say the away message (outside business hours, no answer fits).
    Away(String),
    /// Leave the thread to a person, saying `reply` first if there is one.
    HandOver { reply: Option<String>, why: &'static str },
}

/// The kinds a chatbot may answer (mentions are on other people's posts and
/// reviews deserve a person).
pub const ANSWERABLE: [ConversationKind; 2] = [ConversationKind::Dm, ConversationKind::Comment];

/// The list of words a person typed, split on commas, trimmed, lowercase,
/// without empties or repeats.
pub fn words_of(raw: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in raw.split(',').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()) {
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

impl Chatbot {
    /// Whether it answers conversations of `kind`.
    pub fn covers(&self, kind: ConversationKind) -> bool {
        ANSWERABLE.contains(&kind) && self.kinds.contains(&kind)
    }
}

/// What to do with `text`, a person's message in a thread the bot still
/// holds: a hand-over word first, then the first answer whose keyword starts
/// a word of it, then (outside business hours, once per [`AWAY_EVERY_HOURS`])
/// the away message; otherwise the bot has no answer and hands over.
pub fn decide(bot: &Chatbot, text: &str, open_now: bool, away_said_lately: bool) -> BotAction {
    let text = text.to_lowercase();
    let said = |words: &[String]| words.iter().any(|w| starts_a_word(&text, &w.to_lowercase()));
    if said(&bot.handover_words) {
        let reply = Some(bot.handover_reply.trim().to_owned()).filter(|r| !r.is_empty());
        return BotAction::HandOver { reply, why: "they asked for a person" };
    }
    if let Some(answer) = bot.answers.iter().find(|a| said(&a.keywords)) {
        return BotAction::Answer(answer.reply.clone());
    }
    if !open_now && !away_said_lately && !bot.away.trim().is_empty() {
        return BotAction::Away(bot.away.trim().to_owned());
    }
    BotAction::HandOver { reply: None, why: "the bot had no answer" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bot() -> Chatbot {
        Chatbot {
            answers: vec![
                BotAnswer {
                    keywords: words_of("hours, open"),
                    reply: "We open 8–18 every day, {name}.".into(),
                },
                BotAnswer { keywords: words_of("price"), reply: "Beans are 18 a bag.".into() },
            ],
            handover_words: words_of("human, agent, a person"),
            handover_reply: "Someone from the team will answer soon.".into(),
            away: "We're closed now and answer in the morning.".into(),
            kinds: vec![ConversationKind::Dm],
        }
    }

    #[test]
    fn a_keyword_at_the_start_of_a_word_answers() {
        let bot = bot();
        assert_eq!(
            decide(&bot, "When are you OPEN on Sunday?", true, false),
            BotAction::Answer("We open 8–18 every day, {name}.".into())
        );
        assert_eq!(
            decide(&bot, "Prices please", true, false),
            BotAction::Answer("Beans are 18 a bag.".into())
        );
        // "reopen" does not start with "open".
        assert!(matches!(
            decide(&bot, "Will you reopen?", true, false),
            BotAction::HandOver { reply: None, .. }
        ));
    }

    #[test]
    fn asking_for_a_person_hands_over_before_any_answer() {
        assert_eq!(
            decide(&bot(), "What are your hours? I want a human", true, false),
            BotAction::HandOver {
                reply: Some("Someone from the team will answer soon.".into()),
                why: "they asked for a person",
            }
        );
    }

    #[test]
    fn outside_hours_the_away_message_comes_once_then_the_team_takes_over() {
        let bot = bot();
        assert_eq!(
            decide(&bot, "My order never came", false, false),
            BotAction::Away("We're closed now and answer in the morning.".into())
        );
        assert_eq!(
            decide(&bot, "Hello??", false, true),
            BotAction::HandOver { reply: None, why: "the bot had no answer" }
        );
        // An answer still comes outside hours.
        assert!(matches!(decide(&bot, "price?", false, true), BotAction::Answer(_)));
    }

    #[test]
    fn it_answers_only_the_kinds_chosen_and_never_mentions_or_reviews() {
        let mut bot = bot();
        assert!(bot.covers(ConversationKind::Dm));
        assert!(!bot.covers(ConversationKind::Comment));
        bot.kinds = vec![ConversationKind::Review, ConversationKind::Mention];
        assert!(!bot.covers(ConversationKind::Review));
        assert!(!bot.covers(ConversationKind::Mention));
        assert_eq!(words_of(" Hours, ,open,hours "), vec!["hours", "open"]);
    }
}
