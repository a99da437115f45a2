//! Outgoing email. Every message is first kept in `outbox_emails`; when SMTP is
//! configured (`AURA_SMTP_URL`) it is then sent through lettre and marked sent, or
//! marked failed with the error kept. Without SMTP the outbox is the mailbox: the
//! development-only page `/dev/outbox` shows it, so emailed links work with no mail
//! server. The outbox's SQL is in `repo.rs`.

mod repo;

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use uuid::Uuid;

pub use self::repo::{OutboxRow, recent};
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
    let id = repo::insert(pg, &email.to, &email.subject, &email.body).await?;
    let Some(url) = &settings.smtp_url else { return Ok(id) };
    match deliver(url.expose(), &settings.mail_from, email).await {
        Ok(()) => repo::mark_sent(pg, id).await?,
        Err(err) => {
            tracing::warn!(outbox_id = %id, "sending email failed: {err:#}");
            repo::mark_failed(pg, id, &format!("{err:#}")).await?;
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
