//! Automation: the scheduled-task queue (seed 002 `scheduled_tasks`) every
//! background job runs through, and (later) workflows.
//!
//! Invariants: a task runs on one worker at a time, however many server processes
//! share the database (`FOR UPDATE SKIP LOCKED`); a failed attempt is retried with
//! exponential backoff up to a maximum, then the task is failed with its error kept,
//! and a person can retry it.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
