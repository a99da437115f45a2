//! The accounts flows through the real router and PostgreSQL: sign-in rate limits,
//! the absolute session limit, password change and reset by emailed link,
//! invitations, the last-owner rule, and mail through a real SMTP sink.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::kernel::Role;
use common::{log_in, member, post};
use sqlx::PgPool;

const PASSWORD: &str = "granite kettle orbit";

/// The token in the link of the newest kept email to `to`.
async fn emailed_token(pg: &PgPool, to: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body FROM outbox_emails WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(pg)
    .await
    .expect("an email was kept");
    let start = body.find("token=").expect("a link with a token") + "token=".len();
    body[start..start + 64].to_owned()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn repeated_failures_make_the_account_wait(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    let wrong = [("email", "ana@northwind.example"), ("password", "not the password")];
    for attempt in 1..=5 {
        let reply = post(&app, "/api/auth/log_in", &wrong, None).await;
        assert_eq!(reply.status.as_u16(), 422, "attempt {attempt}: {}", reply.body);
    }
    let right = [("email", "ANA@northwind.example"), ("password", PASSWORD)];
    let blocked = post(&app, "/api/auth/log_in", &right, None).await;
    assert_eq!(blocked.status.as_u16(), 429, "{}", blocked.body);
    let error: app::error::AppError = serde_json::from_str(&blocked.body).unwrap();
    assert_eq!(error.to_string(), "Too many attempts. Try again in 15 minutes.");
    assert!(blocked.session_cookie().is_none());

    // Another account is not held back by Ana's failures.
    member(&pg, a, "ben@northwind.example", PASSWORD, Role::Viewer).await;
    log_in(&app, "ben@northwind.example", PASSWORD).await;

    // Once the failures are older than the window, the right password works.
    sqlx::query("UPDATE login_attempts SET created_at = created_at - interval '16 minutes'")
        .execute(&pg)
        .await
        .unwrap();
    log_in(&app, "ana@northwind.example", PASSWORD).await;
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_session_ends_after_the_absolute_limit_however_used(pg: PgPool) {
    let mut settings = common::settings();
    settings.session_max_hours = 0;
    let state =
        server::state_from_parts(settings, pg.clone(), common::fresh_mongo().await).unwrap();
    let app = server::build_app(state);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    let cookie = log_in(&app, "ana@northwind.example", PASSWORD).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let me = post(&app, "/api/auth/current_user", &[], Some(&cookie)).await;
    assert_eq!(me.json(), serde_json::Value::Null, "{}", me.body);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE user_id IS NOT NULL")
        .fetch_one(&pg)
        .await
        .unwrap();
    assert_eq!(left, 0, "the old session is deleted, not only ignored");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn changing_the_password_keeps_this_session_and_ends_the_others(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    let laptop = log_in(&app, "ana@northwind.example", PASSWORD).await;
    let phone = log_in(&app, "ana@northwind.example", PASSWORD).await;
    let sessions = post(&app, "/api/auth/sessions", &[], Some(&laptop)).await.json();
    assert_eq!(sessions.as_array().unwrap().len(), 2);
    assert!(!sessions.to_string().contains(laptop.trim_start_matches("aura_session=")));

    let mismatch = post(
        &app,
        "/api/auth/change_password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "velvet harbor lantern"),
            ("confirm_password", "velvet harbor lanterns"),
        ],
        Some(&laptop),
    )
    .await;
    assert!(mismatch.body.contains("do not match"), "{}", mismatch.body);
    let changed = post(
        &app,
        "/api/auth/change_password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "velvet harbor lantern"),
            ("confirm_password", "velvet harbor lantern"),
        ],
        Some(&laptop),
    )
    .await;
    assert!(changed.ok(), "{}", changed.body);
    let laptop = changed.session_cookie().unwrap_or(laptop);
    let me = post(&app, "/api/auth/current_user", &[], Some(&laptop)).await.json();
    assert_eq!(me["email"], "ana@northwind.example", "this browser stays signed in");
    let other = post(&app, "/api/auth/current_user", &[], Some(&phone)).await.json();
    assert_eq!(other, serde_json::Value::Null, "the phone is signed out");
    log_in(&app, "ana@northwind.example", "velvet harbor lantern").await;
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_reset_link_works_once_and_signs_out_everywhere(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    let old_session = log_in(&app, "ana@northwind.example", PASSWORD).await;

    let unknown =
        post(&app, "/api/auth/request_password_reset", &[("email", "who@example.com")], None).await;
    let known =
        post(&app, "/api/auth/request_password_reset", &[("email", "Ana@Northwind.example")], None)
            .await;
    assert_eq!(unknown.status, known.status, "the answer does not tell who has an account");
    let kept: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox_emails").fetch_one(&pg).await.unwrap();
    assert_eq!(kept, 1, "mail only for the real account");
    let token = emailed_token(&pg, "ana@northwind.example").await;
    let stored: String =
        sqlx::query_scalar("SELECT token_hash FROM password_resets").fetch_one(&pg).await.unwrap();
    assert_ne!(stored, token, "only the hash is stored");

    let weak = post(
        &app,
        "/api/auth/reset_password",
        &[("token", &token), ("new_password", "short"), ("confirm_password", "short")],
        None,
    )
    .await;
    assert_eq!(weak.status.as_u16(), 422);
    let open = post(&app, "/api/auth/reset_link_status", &[("token", &token)], None).await;
    assert_eq!(open.json(), serde_json::json!(true), "a weak choice does not burn the link");

    let form = [
        ("token", token.as_str()),
        ("new_password", "velvet harbor lantern"),
        ("confirm_password", "velvet harbor lantern"),
    ];
    assert!(post(&app, "/api/auth/reset_password", &form, None).await.ok());
    let again = post(&app, "/api/auth/reset_password", &form, None).await;
    assert!(again.body.contains("expired or was already used"), "{}", again.body);
    let me = post(&app, "/api/auth/current_user", &[], Some(&old_session)).await.json();
    assert_eq!(me, serde_json::Value::Null, "sessions from before the reset end");
    log_in(&app, "ana@northwind.example", "velvet harbor lantern").await;

    sqlx::query(
        "UPDATE password_resets SET used_at = NULL, expires_at = now() - interval '1 second'",
    )
    .execute(&pg)
    .await
    .unwrap();
    let expired = post(&app, "/api/auth/reset_link_status", &[("token", &token)], None).await;
    assert_eq!(expired.json(), serde_json::json!(false));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_invitation_creates_the_account_and_the_membership_once(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await;
    let admin = member(&pg, a, "adam@northwind.example", PASSWORD, Role::Admin).await;
    let _ = admin;
    let adam = log_in(&app, "adam@northwind.example", PASSWORD).await;

    let too_high = post(
        &app,
        "/api/team/invite",
        &[("email", "vera@northwind.example"), ("role", "owner")],
        Some(&adam),
    )
    .await;
    assert!(too_high.body.contains("above your own"), "{}", too_high.body);
    let invited = post(
        &app,
        "/api/team/invite",
        &[("email", "Vera@Northwind.example"), ("role", "viewer")],
        Some(&adam),
    )
    .await;
    assert!(invited.ok(), "{}", invited.body);
    let token = emailed_token(&pg, "vera@northwind.example").await;

    let preview = post(&app, "/api/team/invitation", &[("token", &token)], None).await.json();
    assert_eq!(preview["workspace_name"], "Northwind Coffee");
    assert_eq!(preview["role"], "viewer");
    assert_eq!(preview["account_exists"], false);

    let weak = post(
        &app,
        "/api/team/accept_invitation",
        &[("token", &token), ("name", "Vera Vance"), ("password", "short")],
        None,
    )
    .await;
    assert_eq!(weak.status.as_u16(), 422);
    let accepted = post(
        &app,
        "/api/team/accept_invitation",
        &[("token", &token), ("name", "Vera Vance"), ("password", "cobalt meadow pilot")],
        None,
    )
    .await;
    assert!(accepted.ok(), "{}", accepted.body);
    let vera = accepted.session_cookie().expect("signed in after accepting");
    let me = post(&app, "/api/auth/current_user", &[], Some(&vera)).await.json();
    assert_eq!(me["workspace"]["name"], "Northwind Coffee");
    assert_eq!(me["workspace"]["role"], "viewer");

    let twice = post(
        &app,
        "/api/team/accept_invitation",
        &[("token", &token), ("name", "Mallory"), ("password", "cobalt meadow pilot")],
        None,
    )
    .await;
    assert_eq!(twice.status.as_u16(), 422, "{}", twice.body);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT type FROM activity_logs WHERE workspace_id = $1")
            .bind(a)
            .fetch_all(&pg)
            .await
            .unwrap();
    for kind in ["member_invited", "invitation_accepted", "sign_in"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_last_owner_stays(pg: PgPool) {
    let app = common::app(pg.clone(), common::fresh_mongo().await);
    let a = common::workspace(&pg, "Northwind Coffee", "northwind").await;
    let ana = member(&pg, a, "ana@northwind.example", PASSWORD, Role::Owner).await.to_string();
    let adam = member(&pg, a, "adam@northwind.example", PASSWORD, Role::Admin).await.to_string();
    let owner = log_in(&app, "ana@northwind.example", PASSWORD).await;
    let admin = log_in(&app, "adam@northwind.example", PASSWORD).await;

    let leave = post(&app, "/api/team/remove_member", &[("user_id", &ana)], Some(&owner)).await;
    assert!(leave.body.contains("only owner"), "{}", leave.body);
    let demote =
        post(&app, "/api/team/change_role", &[("user_id", &ana), ("role", "admin")], Some(&owner))
            .await;
    assert!(demote.body.contains("needs an owner"), "{}", demote.body);
    let by_admin = post(&app, "/api/team/remove_member", &[("user_id", &ana)], Some(&admin)).await;
    assert_eq!(by_admin.status.as_u16(), 403, "an admin cannot remove an owner");

    let promote =
        post(&app, "/api/team/change_role", &[("user_id", &adam), ("role", "owner")], Some(&owner))
            .await;
    assert!(promote.ok(), "{}", promote.body);
    let now_ok =
        post(&app, "/api/team/change_role", &[("user_id", &ana), ("role", "admin")], Some(&owner))
            .await;
    assert!(now_ok.ok(), "with two owners one may step down: {}", now_ok.body);
}

/// With `AURA_SMTP_URL` set, mail goes through SMTP: here a real aiosmtpd sink.
#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn mail_is_sent_through_smtp_when_configured(pg: PgPool) {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let python = std::env::var("AURA_PYTHON")
        .unwrap_or_else(|_| format!("{}/../.data/venv/bin/python", env!("CARGO_MANIFEST_DIR")));
    let mut sink = tokio::process::Command::new(&python)
        .args(["-u", "-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c"])
        .arg("aiosmtpd.handlers.Debugging")
        .arg("stdout")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start aiosmtpd with {python}: {err}"));
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut settings = common::settings();
    settings.smtp_url = Some(app::server::Secret::new(format!("smtp://127.0.0.1:{port}")));
    let email = app::server::mail::Email {
        to: "ana@northwind.example".into(),
        subject: "Reset your Aura password".into(),
        body: "A link: http://127.0.0.1:3000/reset-password?token=abc".into(),
    };
    app::server::mail::send(&pg, &settings, &email).await.unwrap();
    let (status, error): (String, Option<String>) =
        sqlx::query_as("SELECT status, error FROM outbox_emails").fetch_one(&pg).await.unwrap();
    assert_eq!(status, "sent", "{error:?}");

    sink.start_kill().unwrap();
    let output = sink.wait_with_output().await.unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("Subject: Reset your Aura password"), "{printed}");
    assert!(printed.contains("ana@northwind.example"), "{printed}");

    // A server that does not answer: the email is kept as failed, with the error.
    settings.smtp_url = Some(app::server::Secret::new(format!("smtp://127.0.0.1:{port}")));
    app::server::mail::send(&pg, &settings, &email).await.unwrap();
    let failed: (String, Option<String>) =
        sqlx::query_as("SELECT status, error FROM outbox_emails ORDER BY created_at DESC LIMIT 1")
            .fetch_one(&pg)
            .await
            .unwrap();
    assert_eq!(failed.0, "failed");
    assert!(failed.1.is_some());
}
