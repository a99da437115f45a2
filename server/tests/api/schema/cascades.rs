//! What goes when a workspace, brand, connection or user is deleted, and the
//! generated columns that follow a row's status.

use sqlx::PgPool;
use uuid::Uuid;

use super::{brand, count, user, workspace};

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
