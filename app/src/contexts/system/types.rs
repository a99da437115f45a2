//! Wire types of the system context.

use serde::{Deserialize, Serialize};

/// Whether one service answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Up,
    Down,
}

impl Health {
    pub fn label(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
        }
    }
}

/// The health of every service Aura needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStatus {
    pub postgres: Health,
    pub mongodb: Health,
}

impl ServiceStatus {
    /// Ready to serve only when every service is up.
    pub fn is_ready(&self) -> bool {
        self.postgres == Health::Up && self.mongodb == Health::Up
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_when_every_service_is_up() {
        let up = ServiceStatus { postgres: Health::Up, mongodb: Health::Up };
        assert!(up.is_ready());
        assert!(!ServiceStatus { mongodb: Health::Down, ..up }.is_ready());
        assert!(!ServiceStatus { postgres: Health::Down, ..up }.is_ready());
    }

    #[test]
    fn serializes_as_lowercase_words() {
        let status = ServiceStatus { postgres: Health::Up, mongodb: Health::Down };
        assert_eq!(
            serde_json::to_string(&status).unwrap(),
            r#"{"postgres":"up","mongodb":"down"}"#
        );
    }
}

/// One email in the development outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub id: uuid::Uuid,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `kept` (no SMTP), `sent` or `failed`.
    pub status: String,
    pub error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
