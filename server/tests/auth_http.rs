//! Sign-up, sign-in and sign-out through the real router, as a browser does it:
//! form posts to the server functions, a session cookie carried between calls.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use common::post;
use serde_json::Value;
use sqlx::PgPool;

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
    let mongo = common::fresh_mongo().await;
    let app = common::app(pg.clone(), mongo.clone());

    let signed_up = post(&app, "/api/auth/sign_up", ANA, None).await;
    assert!(
        signed_up.status.is_success() || signed_up.status.is_redirection(),
        "{}",
        signed_up.body
    );
    let set_cookie =
        signed_up.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    let cookie = signed_up.session_cookie().expect("session cookie");

    let me = post(&app, "/api/auth/current_user", &[], Some(&cookie)).await.json();
    assert_eq!(me["name"], "Ana Lopez");
    assert_eq!(me["email"], "ana@northwind.example");
    assert_eq!(me["workspace"]["name"], "Northwind Coffee");
    assert_eq!(me["workspace"]["role"], "owner");
    let slug: String =
        sqlx::query_scalar("SELECT slug FROM workspaces").fetch_one(&pg).await.unwrap();
    assert_eq!(slug, "northwind-coffee");

    post(&app, "/api/auth/log_out", &[], Some(&cookie)).await;
    let after = post(&app, "/api/auth/current_user", &[], Some(&cookie)).await;
    assert_eq!(after.json(), Value::Null, "signed out: {}", after.body);

    let wrong = post(
        &app,
        "/api/auth/log_in",
        &[("email", "ana@northwind.example"), ("password", "blue otter roastinG")],
        None,
    )
    .await;
    assert!(wrong.body.contains("That email and password do not match."), "{}", wrong.body);
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "a typo is not a server fault");
    if let Some(after_wrong) = wrong.session_cookie() {
        let nobody = post(&app, "/api/auth/current_user", &[], Some(&after_wrong)).await;
        assert_eq!(nobody.json(), Value::Null, "a wrong password signs no one in");
    }

    let right = post(
        &app,
        "/api/auth/log_in",
        &[("email", "ANA@northwind.example"), ("password", "blue otter roasting")],
        None,
    )
    .await;
    let new_cookie = right.session_cookie().expect("a new session");
    assert_ne!(new_cookie, cookie, "a new session id at sign-in");
    let me = post(&app, "/api/auth/current_user", &[], Some(&new_cookie)).await.json();
    assert_eq!(me["workspace"]["role"], "owner");

    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT type FROM activity_logs ORDER BY created_at, type")
            .fetch_all(&pg)
            .await
            .unwrap();
    for kind in ["sign_up", "sign_in", "sign_out"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
    }
    mongo.drop().await.unwrap();
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sign_up_explains_what_is_wrong(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    post(&app, "/api/auth/sign_up", ANA, None).await;

    let mut again: Vec<(&str, &str)> = ANA.to_vec();
    again[1] = ("email", "Ana@Northwind.Example");
    let taken = post(&app, "/api/auth/sign_up", &again, None).await;
    assert!(taken.body.contains("already exists"), "{}", taken.body);
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut weak: Vec<(&str, &str)> = ANA.to_vec();
    weak[1] = ("email", "ben@northwind.example");
    weak[2] = ("password", "short");
    let weak = post(&app, "/api/auth/sign_up", &weak, None).await;
    assert!(weak.body.contains("at least 12 characters"), "{}", weak.body);
    assert!(weak.session_cookie().is_none());
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&pg).await.unwrap();
    assert_eq!(users, 1, "nothing half-written");
}
