//! The unified PostgreSQL schema against a real server: migrations, the seeds'
//! constraints (as typed errors), cascades and indexes. Each test gets a fresh
//! database from `#[sqlx::test]`. The statements here are the subject: they write SQL
//! on purpose, to see what the schema itself accepts and refuses.

mod cascades;
mod constraints;
mod indexes;

use app::error::AppError;
use app::server::db::MIGRATOR;
use sqlx::PgPool;
use uuid::Uuid;

const TABLES: &[&str] = &[
    // Not in the seeds: each member's insight reads, the all-brands roll-up, and
    // the one-time outcomes of forms posted without JavaScript.
    "insight_reads",
    "metric_rollups",
    "form_flashes",
    "workspaces",
    "users",
    "user_settings",
    "memberships",
    "user_permissions",
    "sessions",
    "activity_logs",
    "login_attempts",
    "invitations",
    "password_resets",
    "outbox_emails",
    "brands",
    "connections",
    "connection_logs",
    "scheduled_audits",
    "audit_templates",
    "metrics",
    "insights",
    "leads",
    "interactions",
    "reviews",
    "referrals",
    "content",
    "analytics",
    "campaigns",
    "campaign_content",
    "workflows",
    "scheduled_tasks",
    "social_accounts",
    "posts",
    "platform_posts",
    "media_assets",
    "post_media",
    "conversations",
    "messages",
    "approvals",
    "efficiency_metrics",
    "quick_wins",
    "usage_analytics",
    // Not in the seeds: each account's posting times (the queue).
    "posting_slots",
    // Not in the seeds: a post's internal comments (approvals).
    "post_comments",
    // Not in the seeds: external approvers' links, and failed tries of them.
    "approval_links",
    "approval_link_posts",
    "approval_link_failures",
    // Not in the seeds: campaign short links and their clicks per day.
    "short_links",
    "short_link_clicks",
    // Not in the seeds: the inbox's notes, who read what, and saved replies.
    "conversation_notes",
    "conversation_reads",
    "saved_replies",
    // Not in the seeds: how a workspace works its inbox (business hours, rules,
    // round robin, SLA policies and their clocks), and listening's searches.
    "inbox_settings",
    "inbox_agents",
    "sla_policies",
    "sla_clocks",
    // Not in the seeds: where the inbox's polling of each account stopped.
    "inbox_poll_cursors",
    "listening_queries",
];

async fn workspace(pg: &PgPool, slug: &str) -> Uuid {
    sqlx::query_scalar("INSERT INTO workspaces (name, slug) VALUES ($1, $1) RETURNING id")
        .bind(slug)
        .fetch_one(pg)
        .await
        .unwrap()
}

async fn user(pg: &PgPool, email: &str) -> Result<Uuid, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name) VALUES ($1, 'argon2id$test', 'Test') RETURNING id",
    )
    .bind(email)
    .fetch_one(pg)
    .await?)
}

async fn brand(pg: &PgPool, workspace: Uuid) -> Result<Uuid, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO brands (workspace_id, name) VALUES ($1, 'Northwind Roasters') RETURNING id",
    )
    .bind(workspace)
    .fetch_one(pg)
    .await?)
}

async fn count(pg: &PgPool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(pg).await.unwrap()
}

#[sqlx::test(migrations = false)]
async fn migrations_apply_from_empty_and_are_idempotent(pg: PgPool) {
    MIGRATOR.run(&pg).await.unwrap();
    MIGRATOR.run(&pg).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(&pg)
    .await
    .unwrap();
    let mut expected: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    expected.sort();
    assert_eq!(tables, expected);
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&pg)
        .await
        .unwrap();
    assert_eq!(applied as usize, MIGRATOR.iter().count());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn every_tenant_owned_table_carries_workspace_id(pg: PgPool) {
    // Global: the tenant itself, people, and what belongs to a person or an email
    // address before any workspace (sign-in attempts, reset links, sent mail).
    let global = [
        "workspaces",
        "users",
        "user_settings",
        "sessions",
        "login_attempts",
        "approval_link_failures",
        "password_resets",
        "outbox_emails",
        // A form's outcome belongs to a browser, signed in or not.
        "form_flashes",
    ];
    for table in TABLES.iter().filter(|t| !global.contains(t)) {
        let not_null: Option<String> = sqlx::query_scalar(
            "SELECT is_nullable::text FROM information_schema.columns
             WHERE table_name = $1 AND column_name = 'workspace_id'",
        )
        .bind(table)
        .fetch_optional(&pg)
        .await
        .unwrap();
        assert_eq!(not_null.as_deref(), Some("NO"), "{table}.workspace_id must be NOT NULL");
    }
}
