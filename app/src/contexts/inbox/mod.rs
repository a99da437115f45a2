//! The unified inbox (seed 003 `conversations`, `messages`): comments, direct
//! messages, mentions and reviews from every connected social account, one
//! thread per participant and post (or DM thread), with each message's
//! sentiment and the clock its SLA runs on.
//!
//! Built so far: getting conversations in through Meta's webhooks (Facebook Page
//! comments, Messenger, Instagram comments, mentions and messages; the
//! `hub.challenge` handshake and the `X-Hub-Signature-256` check before anything
//! is stored), sentiment per message and thread (VADER), and the SLA clock with
//! business hours. The inbox page, replies, polling and listening come next.
//!
//! Invariants: a webhook whose signature does not match the app secret writes
//! nothing; a message is stored once per thread whatever the platform
//! redelivers (unique platform message id per conversation); an item lands only
//! in the workspaces that connected the account it was sent to.

pub mod api;
pub mod chatbot;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
