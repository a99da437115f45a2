//! The accounts flows through the real router and PostgreSQL: sign-in rate limits,
//! the absolute session limit, password change and reset by emailed link,
//! invitations, the last-owner rule, and mail through a real SMTP sink.

use serde_json::{Value, json};
use sqlx::PgPool;

use crate::helpers::{self, Anonymous, PASSWORD, TestApp};

const OWNER: &str = "owner@northwind.example";
const NEW_PASSWORD: &str = "velvet harbor lantern";

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
    let app = TestApp::new(pg).await;
    let wrong = [("email", OWNER), ("password", "not the password")];
    for attempt in 1..=5 {
        let reply = app.post("/api/auth/log_in", &wrong, Anonymous).await;
        assert_eq!(reply.status.as_u16(), 422, "attempt {attempt}: {}", reply.body);
    }
    let right = [("email", "OWNER@northwind.example"), ("password", PASSWORD)];
    let blocked = app.post("/api/auth/log_in", &right, Anonymous).await;
    assert_eq!(blocked.status.as_u16(), 429, "{}", blocked.body);
    let error: app::error::AppError = serde_json::from_str(&blocked.body).unwrap();
    assert_eq!(error.to_string(), "Too many attempts. Try again in 15 minutes.");
    assert!(blocked.session_cookie().is_none());

    // Another account is not held back by the owner's failures.
    app.viewer().await;

    // Once the failures are older than the window, the right password works.
    sqlx::query("UPDATE login_attempts SET created_at = created_at - interval '16 minutes'")
        .execute(&app.pg)
        .await
        .unwrap();
    app.log_in(OWNER, PASSWORD).await;
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_session_ends_after_the_absolute_limit_however_used(pg: PgPool) {
    let app = TestApp::builder(pg).settings(|s| s.session_max_hours = 0).build().await;
    let owner = app.owner().await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let me = app.post("/api/auth/current_user", &[], owner).await;
    assert_eq!(me.json(), Value::Null, "{}", me.body);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE user_id IS NOT NULL")
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(left, 0, "the old session is deleted, not only ignored");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn changing_the_password_keeps_this_session_and_ends_the_others(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let laptop = app.log_in(OWNER, PASSWORD).await;
    let phone = app.log_in(OWNER, PASSWORD).await;
    let sessions = app.post("/api/auth/sessions", &[], &laptop).await.json();
    assert_eq!(sessions.as_array().unwrap().len(), 2);
    assert!(!sessions.to_string().contains(laptop.trim_start_matches("aura_session=")));

    let change = |confirm| {
        [
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", confirm),
        ]
    };
    let mismatch =
        app.post("/api/auth/change_password", &change("velvet harbor lanterns"), &laptop).await;
    assert!(mismatch.body.contains("do not match"), "{}", mismatch.body);
    let changed = app.post("/api/auth/change_password", &change(NEW_PASSWORD), &laptop).await;
    assert!(changed.ok(), "{}", changed.body);
    let laptop = changed.session_cookie().unwrap_or(laptop);
    let me = app.post("/api/auth/current_user", &[], &laptop).await.json();
    assert_eq!(me["email"], OWNER, "this browser stays signed in");
    let other = app.post("/api/auth/current_user", &[], &phone).await.json();
    assert_eq!(other, Value::Null, "the phone is signed out");
    app.log_in(OWNER, NEW_PASSWORD).await;
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_reset_link_works_once_and_signs_out_everywhere(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let owner = app.owner().await;

    let reset = "/api/auth/request_password_reset";
    let unknown = app.post(reset, &[("email", "who@example.com")], Anonymous).await;
    let known = app.post(reset, &[("email", "Owner@Northwind.example")], Anonymous).await;
    assert_eq!(unknown.status, known.status, "the answer does not tell who has an account");
    let kept: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox_emails").fetch_one(&app.pg).await.unwrap();
    assert_eq!(kept, 1, "mail only for the real account");
    let token = emailed_token(&app.pg, &owner.email).await;
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM password_resets")
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_ne!(stored, token, "only the hash is stored");

    let weak =
        [("token", token.as_str()), ("new_password", "short"), ("confirm_password", "short")];
    assert_eq!(app.post("/api/auth/reset_password", &weak, Anonymous).await.status.as_u16(), 422);
    let open = app.post("/api/auth/reset_link_status", &[("token", &token)], Anonymous).await;
    assert_eq!(open.json(), json!(true), "a weak choice does not burn the link");

    let form = [
        ("token", token.as_str()),
        ("new_password", NEW_PASSWORD),
        ("confirm_password", NEW_PASSWORD),
    ];
    assert!(app.post("/api/auth/reset_password", &form, Anonymous).await.ok());
    let again = app.post("/api/auth/reset_password", &form, Anonymous).await;
    assert!(again.body.contains("expired or was already used"), "{}", again.body);
    let me = app.post("/api/auth/current_user", &[], owner).await.json();
    assert_eq!(me, Value::Null, "sessions from before the reset end");
    app.log_in(OWNER, NEW_PASSWORD).await;

    sqlx::query(
        "UPDATE password_resets SET used_at = NULL, expires_at = now() - interval '1 second'",
    )
    .execute(&app.pg)
    .await
    .unwrap();
    let expired = app.post("/api/auth/reset_link_status", &[("token", &token)], Anonymous).await;
    assert_eq!(expired.json(), json!(false));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_invitation_creates_the_account_and_the_membership_once(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let admin = app.admin().await;

    let invite = |email, role| [("email", email), ("role", role)];
    let too_high =
        app.post("/api/team/invite", &invite("vera@northwind.example", "owner"), admin).await;
    assert!(too_high.body.contains("above your own"), "{}", too_high.body);
    let invited =
        app.post("/api/team/invite", &invite("Vera@Northwind.example", "viewer"), admin).await;
    assert!(invited.ok(), "{}", invited.body);
    let token = emailed_token(&app.pg, "vera@northwind.example").await;

    let preview = app.post("/api/team/invitation", &[("token", &token)], Anonymous).await.json();
    assert_eq!(preview["workspace_name"], "Northwind Coffee");
    assert_eq!(preview["role"], "viewer");
    assert_eq!(preview["account_exists"], false);

    let accept =
        |name, password| [("token", token.as_str()), ("name", name), ("password", password)];
    let weak =
        app.post("/api/team/accept_invitation", &accept("Vera Vance", "short"), Anonymous).await;
    assert_eq!(weak.status.as_u16(), 422);
    let accepted = app
        .post(
            "/api/team/accept_invitation",
            &accept("Vera Vance", "cobalt meadow pilot"),
            Anonymous,
        )
        .await;
    assert!(accepted.ok(), "{}", accepted.body);
    let vera = accepted.session_cookie().expect("signed in after accepting");
    let me = app.post("/api/auth/current_user", &[], &vera).await.json();
    assert_eq!(me["workspace"]["name"], "Northwind Coffee");
    assert_eq!(me["workspace"]["role"], "viewer");

    let twice = app
        .post("/api/team/accept_invitation", &accept("Mallory", "cobalt meadow pilot"), Anonymous)
        .await;
    assert_eq!(twice.status.as_u16(), 422, "{}", twice.body);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT type FROM activity_logs WHERE workspace_id = $1")
            .bind(app.a.id)
            .fetch_all(&app.pg)
            .await
            .unwrap();
    for kind in ["member_invited", "invitation_accepted", "sign_in"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from {kinds:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_last_owner_stays(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (owner, admin) = (app.owner().await, app.admin().await);
    let (ana, adam) = (owner.id.to_string(), admin.id.to_string());
    let change = |user, role| [("user_id", user), ("role", role)];

    let leave = app.post("/api/team/remove_member", &[("user_id", &ana)], owner).await;
    assert!(leave.body.contains("only owner"), "{}", leave.body);
    let demote = app.post("/api/team/change_role", &change(ana.as_str(), "admin"), owner).await;
    assert!(demote.body.contains("needs an owner"), "{}", demote.body);
    let by_admin = app.post("/api/team/remove_member", &[("user_id", &ana)], admin).await;
    assert_eq!(by_admin.status.as_u16(), 403, "an admin cannot remove an owner");

    let promote = app.post("/api/team/change_role", &change(adam.as_str(), "owner"), owner).await;
    assert!(promote.ok(), "{}", promote.body);
    let now_ok = app.post("/api/team/change_role", &change(ana.as_str(), "admin"), owner).await;
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
    let mut settings = helpers::settings();
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
