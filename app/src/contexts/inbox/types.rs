//! Wire types of the inbox: what a conversation is and how it feels.

use serde::{Deserialize, Serialize};

/// What started a conversation (`conversations.type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationKind {
    /// A comment on one of the account's posts (a thread per person and post).
    Comment,
    /// A direct message (a thread per person).
    Dm,
    /// The account named somewhere else (a thread per person and post).
    Mention,
    /// A review of the business.
    Review,
}

impl ConversationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationKind::Comment => "comment",
            ConversationKind::Dm => "dm",
            ConversationKind::Mention => "mention",
            ConversationKind::Review => "review",
        }
    }
}

/// How a message or a conversation reads (`conversations.sentiment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
}

impl Sentiment {
    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Positive => "positive",
            Sentiment::Neutral => "neutral",
            Sentiment::Negative => "negative",
        }
    }
}
