//! Outgoing email. Every message is first kept in `outbox_emails`; when SMTP is
//! configured (`AURA_SMTP_URL`) it is then sent through lettre and marked sent, or
//! marked failed with the error kept. Without SMTP the outbox is the mailbox: the
//! development-only page `/dev/outbox` shows it, so emailed links work with no mail
//! server.

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use uuid::Uuid;

use super::Settings;
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Keeps `email` in the outbox and, when SMTP is configured, sends it. A failed
/// send is logged and recorded on the outbox row; it does not fail the caller,
/// whose own work (a reset link, an invitation) is already stored.
pub async fn send(pg: &PgPool, settings: &Settings, email: &Email) -> Result<Uuid, AppError> {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO outbox_emails (recipient, subject, body) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body)
    .fetch_one(pg)
    .await?;
    let Some(url) = &settings.smtp_url else { return Ok(id) };
    match deliver(url.expose(), &settings.mail_from, email).await {
        Ok(()) => {
            sqlx::query("UPDATE outbox_emails SET status = 'sent', sent_at = now() WHERE id = $1")
                .bind(id)
                .execute(pg)
                .await?;
        }
        Err(err) => {
            tracing::warn!(outbox_id = %id, "sending email failed: {err:#}");
            sqlx::query("UPDATE outbox_emails SET status = 'failed', error = $2 WHERE id = $1")
                .bind(id)
                .bind(format!("{err:#}"))
                .execute(pg)
                .await?;
        }
    }
    Ok(id)
}

async fn deliver(url: &str, from: &str, email: &Email) -> anyhow::Result<()> {
    let message = Message::builder()
        .from(from.parse()?)
        .to(email.to.parse()?)
        .subject(&email.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build();
    transport.send(message).await?;
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
pub async fn recent(pg: &PgPool, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, subject, body, status, error, created_at
         FROM outbox_emails ORDER BY created_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pg)
    .await
}
