//! Brands through the real router: create, validate, edit, archive and restore,
//! who may do which, plan limits, and another workspace's brands staying out of
//! reach.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::kernel::Role;
use common::{log_in, member, post};
use sqlx::PgPool;

const PASSWORD: &str = "granite kettle orbit";

fn brand_form<'a>(name: &'a str, currency: &'a str, timezone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("domain", "roasters.northwind.example"),
        ("currency", currency),
        ("timezone", timezone),
    ]
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn brands_are_created_edited_archived_and_restored(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    sqlx::query("UPDATE workspaces SET plan = 'starter'").execute(&pg).await.unwrap();
    member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    member(&pg, a, "vera@northwind.example", PASSWORD, Role::Viewer).await;
    member(&pg, a, "ed@northwind.example", PASSWORD, Role::Editor).await;
    let owner = log_in(&app, "ana@northwind.example", PASSWORD).await;
    let viewer = log_in(&app, "vera@northwind.example", PASSWORD).await;
    let editor = log_in(&app, "ed@northwind.example", PASSWORD).await;

    let bad =
        post(&app, "/api/brands/create", &brand_form("", "DOLLARS", "Mars/Base"), Some(&owner))
            .await;
    assert_eq!(bad.status.as_u16(), 422);
    for field in ["name", "currency", "timezone"] {
        assert!(bad.json()["Invalid"][field].is_array(), "{field}: {}", bad.body);
    }
    let denied = post(
        &app,
        "/api/brands/create",
        &brand_form("Roasters", "USD", "America/Chicago"),
        Some(&viewer),
    )
    .await;
    assert_eq!(denied.status.as_u16(), 403);
    let denied = post(
        &app,
        "/api/brands/create",
        &brand_form("Roasters", "USD", "America/Chicago"),
        Some(&editor),
    )
    .await;
    assert_eq!(denied.status.as_u16(), 403, "editors read brands but do not create them");

    let created = post(
        &app,
        "/api/brands/create",
        &brand_form("Roasters", "USD", "America/Chicago"),
        Some(&owner),
    )
    .await;
    assert!(created.ok(), "{}", created.body);
    let list = post(&app, "/api/brands/list", &[], Some(&viewer)).await.json();
    assert_eq!(list["brands"][0]["name"], "Roasters");
    assert_eq!(list["can_create"], false);
    let id = list["brands"][0]["id"].as_str().unwrap().to_owned();

    let twin = post(
        &app,
        "/api/brands/create",
        &brand_form("roasters", "EUR", "Europe/Lisbon"),
        Some(&owner),
    )
    .await;
    assert!(twin.body.contains("already has this name"), "{}", twin.body);

    let mut edit = brand_form("Northwind Roasters", "JPY", "Asia/Tokyo");
    edit.push(("brand_id", &id));
    edit.push(("sync_hour", "25"));
    let reply = post(&app, "/api/brands/update", &edit, Some(&owner)).await;
    assert!(reply.body.contains("Choose an hour from 0 to 23."), "{}", reply.body);
    edit.pop();
    edit.push(("sync_hour", "4"));
    assert!(post(&app, "/api/brands/update", &edit, Some(&owner)).await.ok());
    let brand = post(&app, "/api/brands/get", &[("brand_id", &id)], Some(&viewer)).await.json();
    assert_eq!(
        (brand["currency"].as_str(), brand["timezone"].as_str(), brand["sync_hour"].as_i64()),
        (Some("JPY"), Some("Asia/Tokyo"), Some(4))
    );

    // Starter allows three active brands.
    for name in ["Cold Brew", "Tea"] {
        assert!(
            post(&app, "/api/brands/create", &brand_form(name, "USD", "UTC"), Some(&owner))
                .await
                .ok()
        );
    }
    let full =
        post(&app, "/api/brands/create", &brand_form("Fourth", "USD", "UTC"), Some(&owner)).await;
    assert!(full.body.contains("includes 3 active brands"), "{}", full.body);

    let archive = [("brand_id", id.as_str()), ("archive", "true")];
    assert_eq!(
        post(&app, "/api/brands/archive", &archive, Some(&viewer)).await.status.as_u16(),
        403
    );
    assert!(post(&app, "/api/brands/archive", &archive, Some(&owner)).await.ok());
    assert!(
        post(&app, "/api/brands/create", &brand_form("Fourth", "USD", "UTC"), Some(&owner))
            .await
            .ok()
    );
    let restore = [("brand_id", id.as_str()), ("archive", "false")];
    let no_room = post(&app, "/api/brands/archive", &restore, Some(&owner)).await;
    assert!(no_room.body.contains("includes 3 active brands"), "{}", no_room.body);

    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT type FROM activity_logs WHERE type LIKE 'brand_%'")
            .fetch_all(&pg)
            .await
            .unwrap();
    for kind in ["brand_created", "brand_updated", "brand_archived"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn another_workspace_cannot_see_or_change_a_brand(pg: PgPool) {
    use app::contexts::brands::server::repo;
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let b = common::workspace(&pg, "Contoso Tea", "contoso").await;
    let ana = member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    member(&pg, b, "bo@contoso.example", PASSWORD, Role::Owner).await;
    let fields = repo::BrandFields {
        name: "Roasters",
        domain: None,
        currency: "USD",
        timezone: "UTC",
        sync_hour: 6,
    };
    let brand = repo::insert(&pg, a, ana, &fields).await.unwrap();
    let id = brand.to_string();

    let outsider = log_in(&app, "bo@contoso.example", PASSWORD).await;
    for (path, form) in [
        ("/api/brands/get", vec![("brand_id", id.as_str())]),
        (
            "/api/brands/update",
            vec![
                ("brand_id", id.as_str()),
                ("name", "Mine"),
                ("domain", ""),
                ("currency", "USD"),
                ("timezone", "UTC"),
            ],
        ),
        ("/api/brands/archive", vec![("brand_id", id.as_str()), ("archive", "true")]),
    ] {
        let reply = post(&app, path, &form, Some(&outsider)).await;
        assert_eq!(reply.status.as_u16(), 404, "{path}: {}", reply.body);
    }
    let theirs = post(&app, "/api/brands/list", &[], Some(&outsider)).await.json();
    assert_eq!(theirs["brands"], serde_json::json!([]));

    // The repository itself, given workspace B.
    assert!(repo::find(&pg, b, brand).await.unwrap().is_none());
    assert!(repo::list(&pg, b).await.unwrap().is_empty());
    assert!(!repo::update(&pg, b, brand, &fields).await.unwrap());
    assert!(!repo::set_archived(&pg, b, brand, true).await.unwrap());
    assert!(!repo::name_taken(&pg, b, "Roasters", None).await.unwrap());
    assert_eq!(repo::count_active(&pg, b).await.unwrap(), 0);
    assert_eq!(repo::find(&pg, a, brand).await.unwrap().unwrap().name, "Roasters");
}
