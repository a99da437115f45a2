//! Sign-up, sign-in and sign-out through the real router, as a browser does it:
//! form posts to the server functions, a session cookie carried between calls.

use axum::http::{StatusCode, header};
use serde_json::Value;
use sqlx::PgPool;

use crate::helpers::{Anonymous, TestApp};

const ANA: &[(&str, &str)] = &[
    ("name", "Ana Lopez"),
    ("email", "ana@northwind.example"),
    ("password", "blue otter roasting"),
    ("workspace_name", "Northwind Coffee"),
    ("industry", "Coffee"),
    ("website", "https://northwind.example"),
    ("timezone", "Europe/Lisbon"),
    ("currency", "EUR"),
];

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sign_up_sign_out_and_sign_in_again(pg: PgPool) {
    let app = TestApp::new(pg).await;

    let signed_up = app.post("/api/auth/sign_up", ANA, Anonymous).await;
    assert!(signed_up.ok(), "{}", signed_up.body);
    let set_cookie =
        signed_up.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    let cookie = signed_up.session_cookie().expect("session cookie");

    let me = app.post("/api/auth/current_user", &[], &cookie).await.json();
    assert_eq!(me["name"], "Ana Lopez");
    assert_eq!(me["email"], "ana@northwind.example");
    assert_eq!(me["workspace"]["name"], "Northwind Coffee");
    assert_eq!(me["workspace"]["role"], "owner");
    let workspace: uuid::Uuid = me["workspace"]["id"].as_str().unwrap().parse().unwrap();
    assert_ne!(workspace, app.a.id.as_uuid(), "a workspace of her own");
    let slug: String = sqlx::query_scalar("SELECT slug FROM workspaces WHERE id = $1")
        .bind(workspace)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(slug, "northwind-coffee");

    app.post("/api/auth/log_out", &[], &cookie).await;
    let after = app.post("/api/auth/current_user", &[], &cookie).await;
    assert_eq!(after.json(), Value::Null, "signed out: {}", after.body);

    let wrong = [("email", "ana@northwind.example"), ("password", "blue otter roastinG")];
    let wrong = app.post("/api/auth/log_in", &wrong, Anonymous).await;
    assert!(wrong.body.contains("That email and password do not match."), "{}", wrong.body);
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "a typo is not a server fault");
    if let Some(after_wrong) = wrong.session_cookie() {
        let nobody = app.post("/api/auth/current_user", &[], &after_wrong).await;
        assert_eq!(nobody.json(), Value::Null, "a wrong password signs no one in");
    }

    let new_cookie = app.log_in("ANA@northwind.example", "blue otter roasting").await;
    assert_ne!(new_cookie, cookie, "a new session id at sign-in");
    let me = app.post("/api/auth/current_user", &[], &new_cookie).await.json();
    assert_eq!(me["workspace"]["role"], "owner");

    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT type FROM activity_logs WHERE workspace_id = $1")
            .bind(workspace)
            .fetch_all(&app.pg)
            .await
            .unwrap();
    for kind in ["sign_up", "sign_in", "sign_out"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sign_up_explains_what_is_wrong(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let before = users(&app.pg).await;
    assert!(app.post("/api/auth/sign_up", ANA, Anonymous).await.ok());

    let mut again: Vec<(&str, &str)> = ANA.to_vec();
    again[1] = ("email", "Ana@Northwind.Example");
    let taken = app.post("/api/auth/sign_up", &again, Anonymous).await;
    assert!(taken.body.contains("already exists"), "{}", taken.body);
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut weak: Vec<(&str, &str)> = ANA.to_vec();
    weak[1] = ("email", "ben@northwind.example");
    weak[2] = ("password", "short");
    let weak = app.post("/api/auth/sign_up", &weak, Anonymous).await;
    assert!(weak.body.contains("at least 12 characters"), "{}", weak.body);
    assert!(weak.session_cookie().is_none());
    assert_eq!(users(&app.pg).await, before + 1, "nothing half-written");
}

async fn users(pg: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(pg).await.unwrap()
}
