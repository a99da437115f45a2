//! Readiness: both services are asked at once, each within a short deadline.

use std::future::Future;
use std::time::Duration;

use super::repo;
use crate::contexts::system::types::{Health, ServiceStatus};
use crate::server::AppState;

/// How long a service may take to answer a ping before it counts as down.
const PING_DEADLINE: Duration = Duration::from_secs(2);

pub async fn readiness(state: &AppState) -> ServiceStatus {
    let (postgres, mongodb) = tokio::join!(
        health("postgres", repo::ping_postgres(&state.pg)),
        health("mongodb", repo::ping_mongodb(&state.mongo)),
    );
    ServiceStatus { postgres, mongodb }
}

async fn health<E: std::fmt::Display>(
    service: &'static str,
    ping: impl Future<Output = Result<(), E>>,
) -> Health {
    match tokio::time::timeout(PING_DEADLINE, ping).await {
        Ok(Ok(())) => Health::Up,
        Ok(Err(err)) => {
            tracing::warn!(service, error = %err, "service is down");
            Health::Down
        }
        Err(_) => {
            tracing::warn!(service, deadline = ?PING_DEADLINE, "service did not answer in time");
            Health::Down
        }
    }
}
