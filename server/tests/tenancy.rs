//! Cross-tenant checks per repository: every team, accounts and connections
//! repository function, given workspace B, neither reads nor changes workspace A's
//! rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::contexts::auth::server::repo as accounts;
use app::contexts::team::server::repo as team;
use app::kernel::{Action, Permission, Resource, Role};
use sqlx::PgPool;

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn workspace_b_cannot_reach_workspace_a(pg: PgPool) {
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = common::workspace(&pg, "Contoso Tea", "contoso").await;
    let ana = common::member(&pg, a, "ana@northwind.example", "x", Role::Owner).await;
    let vera = common::member(&pg, a, "vera@northwind.example", "x", Role::Viewer).await;
    common::member(&pg, b, "bo@contoso.example", "x", Role::Owner).await;
    let read_leads = Permission::new(Resource::Leads, Action::Read);
    team::upsert_override(&pg, a, vera, read_leads, None).await.unwrap();
    let grant = team::overrides(&pg, a, vera).await.unwrap().remove(0).id;
    let mut tx = pg.begin().await.unwrap();
    let invitation = team::insert_invitation(
        &mut tx,
        a,
        "new@northwind.example",
        Role::Viewer,
        &"b".repeat(64),
        ana,
        chrono::Utc::now() + chrono::Duration::days(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    accounts::log_activity(&pg, a, Some(ana), "sign_in", "Signed in").await.unwrap();

    // Reads.
    assert!(team::member(&pg, b, vera).await.unwrap().is_none());
    assert!(
        team::members(&pg, b).await.unwrap().iter().all(|m| m.email.ends_with("contoso.example"))
    );
    assert!(team::overrides(&pg, b, vera).await.unwrap().is_empty());
    assert!(team::open_invitations(&pg, b).await.unwrap().is_empty());
    assert_eq!(team::count_live_invitations(&pg, b).await.unwrap(), 0);
    assert!(!team::is_member_email(&pg, b, "vera@northwind.example").await.unwrap());
    assert!(team::activity(&pg, b, 50, 0).await.unwrap().is_empty());
    assert_eq!(team::count_activity(&pg, b).await.unwrap(), 0);
    assert_eq!(team::workspace(&pg, b).await.unwrap().unwrap().name, "Contoso Tea");
    assert!(accounts::membership_role(&pg, b, vera).await.unwrap().is_none());
    assert!(accounts::workspace_for_member(&pg, b, vera).await.unwrap().is_none());
    assert!(accounts::overrides(&pg, b, vera).await.unwrap().is_empty());

    // Writes.
    assert!(!team::set_role(&pg, b, vera, Role::Owner).await.unwrap());
    assert!(!team::delete_member(&pg, b, vera).await.unwrap());
    assert!(team::delete_override(&pg, b, vera, grant).await.unwrap().is_none());
    assert!(team::revoke_invitation(&pg, b, invitation).await.unwrap().is_none());
    let upsert = team::upsert_override(&pg, b, vera, read_leads, None).await;
    assert!(upsert.is_err(), "a grant needs a membership in the same workspace");

    // Workspace A is as it was.
    assert_eq!(accounts::membership_role(&pg, a, vera).await.unwrap(), Some(Role::Viewer));
    assert_eq!(team::overrides(&pg, a, vera).await.unwrap().len(), 1);
    assert_eq!(team::open_invitations(&pg, a).await.unwrap().len(), 1);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn workspace_b_cannot_reach_workspace_as_connections(pg: PgPool) {
    use app::contexts::integrations::server::repo as connections;
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = common::workspace(&pg, "Contoso Tea", "contoso").await;
    let brand: app::kernel::BrandId = sqlx::query_scalar(
        "INSERT INTO brands (workspace_id, name) VALUES ($1, 'Roasters') RETURNING id",
    )
    .bind(a)
    .fetch_one(&pg)
    .await
    .unwrap();
    let id = connections::insert_demo(&pg, a, brand, "shopify", None).await.unwrap();
    connections::log(&pg, a, id, "connected", "success", "Connected").await.unwrap();

    assert!(connections::find(&pg, b, id).await.unwrap().is_none());
    assert!(connections::for_brand(&pg, b, brand).await.unwrap().is_empty());
    assert!(connections::recent_logs(&pg, b, &[id], 10).await.unwrap().is_empty());
    assert!(!connections::disconnect(&pg, b, id).await.unwrap());
    connections::set_status(&pg, b, id, "error", Some("from B")).await.unwrap();
    connections::set_tokens(&pg, b, id, "v1:x:y", None, None).await.unwrap();
    connections::set_progress(&pg, b, id, &serde_json::json!({ "state": "failed" })).await.unwrap();
    let metrics = app::contexts::analytics::server::repo::delete_for_connection;
    assert_eq!(metrics(&pg, b, id.as_uuid()).await.unwrap(), 0);
    assert!(
        connections::log(&pg, b, id, "sync", "error", "from B").await.is_err(),
        "the log row must belong to B's connection"
    );

    let row = connections::find(&pg, a, id).await.unwrap().unwrap();
    assert_eq!(row.status, "disconnected");
    assert!(row.access_token.is_none());
    assert_eq!(row.metadata, serde_json::json!({ "demo": true }));
    assert_eq!(connections::recent_logs(&pg, a, &[id], 10).await.unwrap().len(), 1);
}
