//! PostgreSQL: the pool, the embedded migrations and the classification of
//! constraint violations into something a service can act on.

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use super::Settings;

/// Every migration in `migrations/`, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Opens the pool, failing fast when PostgreSQL does not answer.
pub async fn connect(settings: &Settings) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(settings.pg_max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect(settings.database_url.expose())
        .await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    Unique,
    ForeignKey,
    Check,
    NotNull,
    /// A value longer than its column (`value too long for type ...`); the
    /// services check lengths first, so this is the net under them.
    TooLong,
    /// A character PostgreSQL text cannot hold (a NUL byte).
    BadCharacter,
}

/// A constraint the database enforced, by kind and name (for NOT NULL, the column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintViolation {
    pub kind: ConstraintKind,
    pub constraint: String,
}

/// Recognises a violated constraint in a database error; `None` for anything else.
pub fn classify(err: &sqlx::Error) -> Option<ConstraintViolation> {
    let db = err.as_database_error()?;
    let kind = match db.code()?.as_ref() {
        "23505" => ConstraintKind::Unique,
        "23503" => ConstraintKind::ForeignKey,
        "23514" => ConstraintKind::Check,
        "23502" => ConstraintKind::NotNull,
        "22001" => ConstraintKind::TooLong,
        "22021" | "22P05" => ConstraintKind::BadCharacter,
        _ => return None,
    };
    let constraint = match kind {
        ConstraintKind::NotNull => db
            .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
            .and_then(|pg| pg.column())
            .map(str::to_owned),
        _ => db.constraint().map(str::to_owned),
    }
    .unwrap_or_default();
    Some(ConstraintViolation { kind, constraint })
}
