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
