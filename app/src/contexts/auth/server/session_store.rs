//! Sessions in PostgreSQL (seed 004 `sessions`): tower-sessions' store, keeping the
//! session data as JSON text and copying out the signed-in user and the current
//! workspace, so a user can list their sessions and end the others.

use async_trait::async_trait;
use sqlx::PgPool;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use uuid::Uuid;

/// The key under which axum-login keeps the signed-in user (its default).
pub const AUTH_DATA_KEY: &str = "axum-login.data";
/// The key under which Aura keeps the current workspace.
pub const WORKSPACE_KEY: &str = "aura.workspace_id";
/// When the user signed in (Unix seconds), for the absolute session limit.
pub const SIGNED_IN_AT_KEY: &str = "aura.signed_in_at";
/// The browser and address the session was started from, for the sessions list.
pub const USER_AGENT_KEY: &str = "aura.user_agent";
pub const IP_KEY: &str = "aura.ip";

#[derive(Clone, Debug)]
pub struct PgSessionStore {
    pg: PgPool,
    /// Where the user read with a session goes, for axum-login's backend.
    handoff: Option<super::backend::UserHandoff>,
}

impl PgSessionStore {
    pub fn new(pg: PgPool) -> Self {
        Self { pg, handoff: None }
    }

    /// Reads each session's user in the same query and hands it to the backend.
    pub fn with_handoff(mut self, handoff: super::backend::UserHandoff) -> Self {
        self.handoff = Some(handoff);
        self
    }

    /// Deletes sessions that have expired; returns how many.
    pub async fn delete_expired(&self) -> Result<u64, sqlx::Error> {
        super::repo::delete_expired_sessions(&self.pg).await
    }
}

/// The user a session belongs to, if it is signed in.
fn user_of(record: &Record) -> Option<Uuid> {
    record.data.get(AUTH_DATA_KEY)?.get("user_id")?.as_str()?.parse().ok()
}

fn workspace_of(record: &Record) -> Option<Uuid> {
    record.data.get(WORKSPACE_KEY)?.as_str()?.parse().ok()
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn expiry(record: &Record) -> Result<chrono::DateTime<chrono::Utc>, session_store::Error> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| backend("session expiry out of range"))
}

fn encode(record: &Record) -> Result<String, session_store::Error> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        let expires_at = expiry(record)?;
        // A collision of 128 random bits is not expected; if one happens, draw again.
        loop {
            let inserted = super::repo::insert_session(
                &self.pg,
                &record.id.to_string(),
                user_of(record),
                workspace_of(record),
                &data,
                expires_at,
            )
            .await
            .map_err(backend)?;
            if inserted {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        super::repo::upsert_session(
            &self.pg,
            &record.id.to_string(),
            user_of(record),
            workspace_of(record),
            &encode(record)?,
            expiry(record)?,
        )
        .await
        .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let loaded = match &self.handoff {
            Some(handoff) => super::repo::load_session_with_user(&self.pg, &id.to_string())
                .await
                .map_err(backend)?
                .map(|(data, expires_at, user)| {
                    if let Some(user) = user {
                        handoff.put(user);
                    }
                    (data, expires_at)
                }),
            None => super::repo::load_session(&self.pg, &id.to_string()).await.map_err(backend)?,
        };
        let Some((data, expires_at)) = loaded else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        super::repo::delete_session(&self.pg, &id.to_string()).await.map_err(backend)
    }
}
