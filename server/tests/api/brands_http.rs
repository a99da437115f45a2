//! Brands through the real router: create, validate, edit, archive and restore,
//! who may do which, plan limits, and another workspace's brands staying out of
//! reach.

use app::contexts::brands::server::repo;
use app::contexts::team::types::Plan;
use sqlx::PgPool;

use crate::helpers::{Actor, Reply, TestApp};

fn brand_form<'a>(name: &'a str, currency: &'a str, timezone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("domain", "roasters.northwind.example"),
        ("currency", currency),
        ("timezone", timezone),
    ]
}

async fn create(app: &TestApp, form: &[(&str, &str)], who: &Actor) -> Reply {
    app.post("/api/brands/create", form, who).await
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn brands_are_created_edited_archived_and_restored(pg: PgPool) {
    let app = TestApp::new(pg).await;
    app.set_plan(app.a.id, Plan::Starter).await;
    let (owner, viewer, editor) = (app.owner().await, app.viewer().await, app.editor().await);

    let bad = create(&app, &brand_form("", "DOLLARS", "Mars/Base"), owner).await;
    assert_eq!(bad.status.as_u16(), 422);
    for field in ["name", "currency", "timezone"] {
        assert!(bad.json()["Invalid"][field].is_array(), "{field}: {}", bad.body);
    }
    let denied = create(&app, &brand_form("Roasters", "USD", "America/Chicago"), viewer).await;
    assert_eq!(denied.status.as_u16(), 403);
    let denied = create(&app, &brand_form("Roasters", "USD", "America/Chicago"), editor).await;
    assert_eq!(denied.status.as_u16(), 403, "editors read brands but do not create them");

    let created = create(&app, &brand_form("Roasters", "USD", "America/Chicago"), owner).await;
    assert!(created.ok(), "{}", created.body);
    let list = app.post("/api/brands/list", &[], viewer).await.json();
    assert_eq!(list["brands"][0]["name"], "Roasters");
    assert_eq!(list["can_create"], false);
    let id = list["brands"][0]["id"].as_str().unwrap().to_owned();

    let twin = create(&app, &brand_form("roasters", "EUR", "Europe/Lisbon"), owner).await;
    assert!(twin.body.contains("already has this name"), "{}", twin.body);

    let mut edit = brand_form("Northwind Roasters", "JPY", "Asia/Tokyo");
    edit.push(("brand_id", &id));
    edit.push(("sync_hour", "25"));
    let reply = app.post("/api/brands/update", &edit, owner).await;
    assert!(reply.body.contains("Choose an hour from 0 to 23."), "{}", reply.body);
    edit.pop();
    edit.push(("sync_hour", "4"));
    assert!(app.post("/api/brands/update", &edit, owner).await.ok());
    let brand = app.post("/api/brands/get", &[("brand_id", &id)], viewer).await.json();
    assert_eq!(
        (brand["currency"].as_str(), brand["timezone"].as_str(), brand["sync_hour"].as_i64()),
        (Some("JPY"), Some("Asia/Tokyo"), Some(4))
    );

    // Starter allows three active brands.
    for name in ["Cold Brew", "Tea"] {
        assert!(create(&app, &brand_form(name, "USD", "UTC"), owner).await.ok());
    }
    let full = create(&app, &brand_form("Fourth", "USD", "UTC"), owner).await;
    assert!(full.body.contains("includes 3 active brands"), "{}", full.body);

    let archive = [("brand_id", id.as_str()), ("archive", "true")];
    assert_eq!(app.post("/api/brands/archive", &archive, viewer).await.status.as_u16(), 403);
    assert!(app.post("/api/brands/archive", &archive, owner).await.ok());
    assert!(create(&app, &brand_form("Fourth", "USD", "UTC"), owner).await.ok());
    let restore = [("brand_id", id.as_str()), ("archive", "false")];
    let no_room = app.post("/api/brands/archive", &restore, owner).await;
    assert!(no_room.body.contains("includes 3 active brands"), "{}", no_room.body);

    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT type FROM activity_logs WHERE type LIKE 'brand_%'")
            .fetch_all(&app.pg)
            .await
            .unwrap();
    for kind in ["brand_created", "brand_updated", "brand_archived"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn another_workspace_cannot_see_or_change_a_brand(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (a, b, pg) = (app.a.id, app.b.id, &app.pg);
    let brand = app.brand("Roasters").await;
    let id = brand.to_string();

    let outsider = app.outsider().await;
    let mine = [
        ("brand_id", id.as_str()),
        ("name", "Mine"),
        ("domain", ""),
        ("currency", "USD"),
        ("timezone", "UTC"),
    ];
    for (path, form) in [
        ("/api/brands/get", &[("brand_id", id.as_str())][..]),
        ("/api/brands/update", &mine[..]),
        ("/api/brands/archive", &[("brand_id", id.as_str()), ("archive", "true")][..]),
    ] {
        let reply = app.post(path, form, outsider).await;
        assert_eq!(reply.status.as_u16(), 404, "{path}: {}", reply.body);
    }
    let theirs = app.post("/api/brands/list", &[], outsider).await.json();
    assert_eq!(theirs["brands"], serde_json::json!([]));

    // The repository itself, given workspace B.
    let fields = repo::BrandFields {
        name: "Roasters",
        domain: None,
        currency: "USD",
        timezone: "UTC",
        sync_hour: 6,
    };
    assert!(repo::find(pg, b, brand).await.unwrap().is_none());
    assert!(repo::list(pg, b).await.unwrap().is_empty());
    assert!(!repo::update(pg, b, brand, &fields).await.unwrap());
    assert!(!repo::set_archived(pg, b, brand, true).await.unwrap());
    assert!(!repo::name_taken(pg, b, "Roasters", None).await.unwrap());
    assert_eq!(repo::count_active(pg, b).await.unwrap(), 0);
    assert_eq!(repo::find(pg, a, brand).await.unwrap().unwrap().name, "Roasters");
}
