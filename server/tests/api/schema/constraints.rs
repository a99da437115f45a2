//! The seeds' constraints, each surfacing as a typed `AppError`: unique keys as
//! conflicts, checks and foreign keys (including cross-tenant ones) as invalid.

use app::error::AppError;
use sqlx::PgPool;
use uuid::Uuid;

use super::{brand, user, workspace};

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
