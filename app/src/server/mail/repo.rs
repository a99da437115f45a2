//! The outbox's repository: every SQL statement on `outbox_emails`.

use sqlx::PgExecutor;
use uuid::Uuid;

/// Keeps an email; returns its id.
pub async fn insert(
    db: impl PgExecutor<'_>,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO outbox_emails (recipient, subject, body) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .fetch_one(db)
    .await
}

pub async fn mark_sent(db: impl PgExecutor<'_>, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox_emails SET status = 'sent', sent_at = now() WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn mark_failed(
    db: impl PgExecutor<'_>,
    id: Uuid,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox_emails SET status = 'failed', error = $2 WHERE id = $1")
        .bind(id)
        .bind(error)
        .execute(db)
        .await?;
    Ok(())
}

/// One kept email, for the development outbox page.
#[derive(Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The newest `limit` emails.
pub async fn recent(db: impl PgExecutor<'_>, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, subject, body, status, error, created_at
         FROM outbox_emails ORDER BY created_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}
