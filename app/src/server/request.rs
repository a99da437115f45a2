//! Facts about the current request that server functions need: the client's
//! address (for sign-in rate limits and the list of sessions) and its user agent.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;

/// The peer address, when the server was started with connection info (the
/// binary always is; in-process tests are not).
pub async fn client_ip() -> Option<IpAddr> {
    leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.ok().map(|ConnectInfo(addr)| addr.ip())
}

/// The `User-Agent` header, shortened to what a list of sessions needs.
pub async fn user_agent() -> Option<String> {
    let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
    let agent = headers.get(axum::http::header::USER_AGENT)?.to_str().ok()?;
    Some(agent.chars().take(200).collect())
}
