//! Server functions of the system context.

use leptos::prelude::*;

use super::types::ServiceStatus;
use crate::error::AppError;

/// Which services answer right now. Public on purpose: it says only up or down,
/// exactly what `/readyz` says to a load balancer.
#[server(prefix = "/api", endpoint = "system/status")]
pub async fn get_service_status() -> Result<ServiceStatus, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(super::server::service::readiness(&state).await)
}

/// The newest kept emails. Only in development, only without SMTP, and only to a
/// browser on the same machine: the outbox holds one-time links.
#[server(prefix = "/api", endpoint = "system/outbox")]
pub async fn get_outbox() -> Result<Vec<super::types::OutboxEmail>, AppError> {
    use crate::server::settings::Environment;
    let state = crate::server::state::app_state()?;
    let local = crate::server::request::client_ip().await.is_some_and(|ip| ip.is_loopback());
    if state.settings.environment != Environment::Development
        || state.settings.smtp_url.is_some()
        || !local
    {
        return Err(AppError::NotFound);
    }
    let rows = crate::server::mail::recent(&state.pg, 50).await?;
    Ok(rows
        .into_iter()
        .map(|row| super::types::OutboxEmail {
            id: row.id,
            to: row.recipient,
            subject: row.subject,
            body: row.body,
            status: row.status,
            error: row.error,
            created_at: row.created_at,
        })
        .collect())
}
