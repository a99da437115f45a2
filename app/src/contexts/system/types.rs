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
    /// Ready to serve when PostgreSQL is up: without MongoDB the pages that read
    /// PostgreSQL keep working, so a load balancer should keep this server.
    pub fn is_ready(&self) -> bool {
        self.postgres == Health::Up
    }

    /// `ok` when every service is up, `degraded` when only PostgreSQL is, `down`
    /// without PostgreSQL.
    pub fn overall(&self) -> &'static str {
        match (self.postgres, self.mongodb) {
            (Health::Up, Health::Up) => "ok",
            (Health::Up, Health::Down) => "degraded",
            (Health::Down, _) => "down",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_while_postgres_is_up_and_degraded_without_mongodb() {
        let up = ServiceStatus { postgres: Health::Up, mongodb: Health::Up };
        assert!(up.is_ready());
        assert_eq!(up.overall(), "ok");
        let no_mongo = ServiceStatus { mongodb: Health::Down, ..up };
        assert!(no_mongo.is_ready());
        assert_eq!(no_mongo.overall(), "degraded");
        let no_pg = ServiceStatus { postgres: Health::Down, ..up };
        assert!(!no_pg.is_ready());
        assert_eq!(no_pg.overall(), "down");
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
