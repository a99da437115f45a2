//! Aura's integration tests, in one binary so that it links once: the schema and
//! MongoDB collections, repositories and services against the real databases, and
//! the router the binary serves, called in-process as a browser calls it.
//! `helpers` holds what they share, above all `TestApp`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod access_http;
mod accounts_flows;
mod ai_drafting;
mod analytics_http;
mod approvals;
mod auth;
mod auth_http;
mod brands_http;
mod campaigns;
mod content_http;
mod engagement;
mod http;
mod inbox;
mod inbox_chatbot;
mod inbox_polling;
mod inbox_reply_approval;
mod inbox_sla;
mod integration_health;
mod integrations;
mod listening;
mod media_library;
mod mongo;
mod posting_times;
mod publishing;
mod queue;
mod schema;
mod security;
mod social_connect;
mod tenancy;
mod uploads;
