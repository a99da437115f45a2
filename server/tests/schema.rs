//! The unified PostgreSQL schema against a real server: migrations, the seeds'
//! constraints (as typed errors), cascades and indexes. Each test gets a fresh
//! database from `#[sqlx::test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::error::AppError;
use app::server::db::MIGRATOR;
use sqlx::PgPool;
use uuid::Uuid;

const TABLES: &[&str] = &[
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
        "password_resets",
        "outbox_emails",
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

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn duplicate_email_is_a_conflict_whatever_its_case(pg: PgPool) {
    user(&pg, "owner@northwind.example").await.unwrap();
    let err = user(&pg, "Owner@Northwind.example").await.unwrap_err();
    assert_eq!(err, AppError::Conflict("users_email_key".into()));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn efficiency_score_must_be_between_0_and_100(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let insert = |score: i32| {
        sqlx::query(
            "INSERT INTO efficiency_metrics (workspace_id, efficiency_score, period_start, period_end)
             VALUES ($1, $2, '2026-11-01', '2026-11-30')",
        )
        .bind(ws)
        .bind(score)
        .execute(&pg)
    };
    insert(100).await.unwrap();
    insert(0).await.unwrap();
    let err = AppError::from(insert(101).await.unwrap_err());
    assert!(!err.field_messages("efficiency_metrics_efficiency_score_check").is_empty(), "{err:?}");
    assert!(matches!(AppError::from(insert(-1).await.unwrap_err()), AppError::Invalid(_)));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn unknown_enum_values_are_rejected(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let member = user(&pg, "editor@northwind.example").await.unwrap();
    let err = sqlx::query(
        "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'superuser')",
    )
    .bind(ws)
    .bind(member)
    .execute(&pg)
    .await
    .unwrap_err();
    assert!(!AppError::from(err).field_messages("memberships_role_check").is_empty());

    let cases = [
        (
            "INSERT INTO workspaces (name, slug, plan) VALUES ('x', 'x', 'platinum')",
            "workspaces_plan_check",
        ),
        ("INSERT INTO posts (workspace_id, status) VALUES ($1, 'deleted')", "posts_status_check"),
        (
            "INSERT INTO leads (workspace_id, name, status) VALUES ($1, 'Ann', 'warm')",
            "leads_status_check",
        ),
        (
            "INSERT INTO quick_wins (workspace_id, title, category, impact) VALUES ($1, 't', 'c', 'huge')",
            "quick_wins_impact_check",
        ),
        (
            "INSERT INTO insights (workspace_id, brand_id, insight_type, title, description) VALUES ($1, gen_random_uuid(), 'vibes', 't', 'd')",
            "insights_insight_type_check",
        ),
    ];
    for (sql, constraint) in cases {
        let query = sqlx::query(sql);
        let query = if sql.contains("$1") { query.bind(ws) } else { query };
        let err = AppError::from(query.execute(&pg).await.unwrap_err());
        assert!(!err.field_messages(constraint).is_empty(), "{sql}: {err:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn dangling_and_cross_tenant_references_are_rejected(pg: PgPool) {
    let err = brand(&pg, Uuid::new_v4()).await.unwrap_err();
    assert!(!err.field_messages("brands_workspace_id_fkey").is_empty(), "{err:?}");

    // A metric of workspace B cannot point at a brand of workspace A.
    let a = workspace(&pg, "alpha").await;
    let b = workspace(&pg, "beta").await;
    let brand_of_a = brand(&pg, a).await.unwrap();
    let err = sqlx::query(
        "INSERT INTO metrics (workspace_id, brand_id, date, metric_type, value)
         VALUES ($1, $2, '2026-11-20', 'revenue', 10)",
    )
    .bind(b)
    .bind(brand_of_a)
    .execute(&pg)
    .await
    .unwrap_err();
    assert!(!AppError::from(err).field_messages("metrics_brand_fkey").is_empty());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_metric_is_stored_once_per_brand_source_day_and_type(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let brand_id = brand(&pg, ws).await.unwrap();
    let insert = || {
        sqlx::query(
            "INSERT INTO metrics (workspace_id, brand_id, date, metric_type, value)
             VALUES ($1, $2, '2026-11-20', 'revenue', 10)",
        )
        .bind(ws)
        .bind(brand_id)
        .execute(&pg)
    };
    insert().await.unwrap();
    let err = AppError::from(insert().await.unwrap_err());
    assert_eq!(err, AppError::Conflict("metrics_brand_source_day_key".into()));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn deleting_a_workspace_deletes_what_it_owns(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let owner = user(&pg, "owner@northwind.example").await.unwrap();
    sqlx::query("INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'owner')")
        .bind(ws)
        .bind(owner)
        .execute(&pg)
        .await
        .unwrap();
    let brand_id = brand(&pg, ws).await.unwrap();
    sqlx::query("INSERT INTO metrics (workspace_id, brand_id, date, metric_type, value) VALUES ($1, $2, '2026-11-20', 'orders', 3)")
        .bind(ws).bind(brand_id).execute(&pg).await.unwrap();
    sqlx::query("INSERT INTO leads (workspace_id, name) VALUES ($1, 'Ann')")
        .bind(ws)
        .execute(&pg)
        .await
        .unwrap();

    sqlx::query("DELETE FROM workspaces WHERE id = $1").bind(ws).execute(&pg).await.unwrap();
    for table in ["memberships", "brands", "metrics", "leads"] {
        assert_eq!(count(&pg, table).await, 0, "{table} should be empty");
    }
    assert_eq!(count(&pg, "users").await, 1, "users outlive their workspaces");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn brand_and_connection_deletes_follow_the_seed_rules(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let brand_id = brand(&pg, ws).await.unwrap();
    let connection: Uuid = sqlx::query_scalar(
        "INSERT INTO connections (workspace_id, kind, brand_id, platform, status)
         VALUES ($1, 'brand', $2, 'shopify', 'connected') RETURNING id",
    )
    .bind(ws)
    .bind(brand_id)
    .fetch_one(&pg)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO metrics (workspace_id, brand_id, connection_id, date, metric_type, value)
         VALUES ($1, $2, $3, '2026-11-20', 'revenue', 99.5)",
    )
    .bind(ws)
    .bind(brand_id)
    .bind(connection)
    .execute(&pg)
    .await
    .unwrap();

    // Seed 001: metrics.integration_id ON DELETE SET NULL (the workspace id stays).
    sqlx::query("DELETE FROM connections WHERE id = $1")
        .bind(connection)
        .execute(&pg)
        .await
        .unwrap();
    let (source, tenant): (Option<Uuid>, Uuid) =
        sqlx::query_as("SELECT connection_id, workspace_id FROM metrics")
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!((source, tenant), (None, ws));

    // Seed 001: everything of a brand goes with it.
    sqlx::query("INSERT INTO insights (workspace_id, brand_id, insight_type, title, description) VALUES ($1, $2, 'low_roas', 't', 'd')")
        .bind(ws).bind(brand_id).execute(&pg).await.unwrap();
    sqlx::query("DELETE FROM brands WHERE id = $1").bind(brand_id).execute(&pg).await.unwrap();
    assert_eq!(count(&pg, "metrics").await, 0);
    assert_eq!(count(&pg, "insights").await, 0);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn deleting_a_user_deletes_their_sessions_and_keeps_their_work(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let author = user(&pg, "editor@northwind.example").await.unwrap();
    sqlx::query("INSERT INTO sessions (id, user_id, data, expires_at) VALUES ('s1', $1, '{}', now() + interval '1 day')")
        .bind(author).execute(&pg).await.unwrap();
    sqlx::query("INSERT INTO posts (workspace_id, author_id) VALUES ($1, $2)")
        .bind(ws)
        .bind(author)
        .execute(&pg)
        .await
        .unwrap();
    sqlx::query("INSERT INTO quick_wins (workspace_id, user_id, title, category) VALUES ($1, $2, 'Batch replies', 'inbox')")
        .bind(ws).bind(author).execute(&pg).await.unwrap();

    sqlx::query("DELETE FROM users WHERE id = $1").bind(author).execute(&pg).await.unwrap();
    assert_eq!(count(&pg, "sessions").await, 0);
    assert_eq!(count(&pg, "quick_wins").await, 0, "seed 004: quick wins cascade with the user");
    let author_left: Option<Uuid> =
        sqlx::query_scalar("SELECT author_id FROM posts").fetch_one(&pg).await.unwrap();
    assert_eq!(author_left, None, "a post outlives its author");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn generated_flags_follow_status(pg: PgPool) {
    let ws = workspace(&pg, "northwind").await;
    let active: bool = sqlx::query_scalar(
        "INSERT INTO workflows (workspace_id, name, type, status) VALUES ($1, 'Nurture', 'lead_nurturing', 'active') RETURNING is_active",
    )
    .bind(ws)
    .fetch_one(&pg)
    .await
    .unwrap();
    assert!(active);
    let touched: bool = sqlx::query_scalar(
        "UPDATE workflows SET status = 'paused' WHERE workspace_id = $1 RETURNING NOT is_active AND updated_at > created_at",
    )
    .bind(ws)
    .fetch_one(&pg)
    .await
    .unwrap();
    assert!(touched, "is_active follows status and updated_at is touched");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_indexes_the_seeds_name_exist(pg: PgPool) {
    let expected = [
        "users_email_key",
        "workspaces_slug_key",
        "idx_sessions_user_id",
        "idx_sessions_expires_at",
        "idx_activity_logs_user_id",
        "idx_activity_logs_created_at",
        "idx_activity_logs_type",
        "idx_memberships_workspace_role",
        "user_permissions_user_resource_action_key",
        "unique_brand_platform",
        "idx_connections_platform",
        "idx_connections_status",
        "idx_connections_is_active",
        "idx_metrics_brand_date",
        "idx_metrics_type_date",
        "idx_metrics_created",
        "idx_insights_brand_created",
        "idx_insights_priority",
        "idx_insights_is_read",
        "idx_leads_workspace_status",
        "idx_leads_workspace_created",
        "idx_interactions_lead_created",
        "idx_reviews_workspace_status",
        "idx_referrals_workspace",
        "referrals_code_key",
        "idx_content_workspace_status",
        "idx_content_workspace_type",
        "idx_analytics_workspace_date",
        "idx_analytics_workspace_metric_type",
        "idx_campaigns_workspace_status",
        "idx_campaigns_workspace_start",
        "idx_campaigns_status",
        "idx_workflows_workspace_type",
        "idx_workflows_workspace_status",
        "idx_workflows_workspace_type_active",
        "idx_scheduled_tasks_scheduled_status",
        "social_accounts_workspace_platform_account_key",
        "idx_social_accounts_platform",
        "idx_social_accounts_is_active",
        "idx_posts_author_id",
        "idx_posts_status",
        "idx_posts_scheduled_at",
        "idx_posts_published_at",
        "idx_posts_campaign_id",
        "idx_posts_workspace_status_scheduled",
        "idx_posts_workspace_created",
        "platform_posts_post_account_key",
        "idx_platform_posts_account_id",
        "idx_platform_posts_publish_status",
        "idx_platform_posts_platform_status",
        "idx_media_assets_type",
        "idx_media_assets_folder",
        "idx_media_assets_workspace_created",
        "post_media_pkey",
        "idx_conversations_account_id",
        "idx_conversations_status",
        "idx_conversations_assigned_to_id",
        "idx_conversations_platform",
        "idx_conversations_sentiment",
        "idx_conversations_priority",
        "idx_conversations_workspace_status_created",
        "idx_conversations_workspace_priority",
        "idx_messages_direction",
        "idx_messages_conversation_created",
        "idx_approvals_post_status",
        "idx_approvals_approver_status",
        "idx_efficiency_metrics_user_id",
        "idx_efficiency_metrics_period",
        "idx_quick_wins_user_id",
        "idx_quick_wins_category",
        "idx_quick_wins_is_completed",
        "idx_usage_analytics_user_id",
        "idx_usage_analytics_platform",
        "idx_usage_analytics_period",
    ];
    let present: Vec<String> =
        sqlx::query_scalar("SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'")
            .fetch_all(&pg)
            .await
            .unwrap();
    let missing: Vec<_> =
        expected.iter().filter(|name| !present.iter().any(|p| p == *name)).collect();
    assert!(missing.is_empty(), "missing indexes: {missing:?}");
}
