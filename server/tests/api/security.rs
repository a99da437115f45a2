//! Holding under attack, through the real router (docs/security.md): writes from
//! other sites refused, security headers, safe redirects, session ids cycled,
//! limits that hold against parallel requests, per-address rate limits, odd
//! input answered 4xx, and form errors shown only to the browser they belong to.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use futures::future::join_all;
use sqlx::PgPool;

use crate::helpers::http::{Reply, location, send, urlencode};
use crate::helpers::{Anonymous, PASSWORD, TestApp};

const OWNER: &str = "owner@northwind.example";

/// A form post with the given extra headers (none: no `Origin`, no
/// `Sec-Fetch-Site`), from `peer` when given.
async fn post_with(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
    peer: Option<[u8; 4]>,
) -> Reply {
    let body =
        form.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&");
    let mut request = Request::post(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let has = |wanted: &str| headers.iter().any(|(name, _)| name.eq_ignore_ascii_case(wanted));
    if !has("content-type") {
        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    if !has("accept") {
        request = request.header(header::ACCEPT, "application/json");
    }
    let mut request = request.body(Body::from(body)).unwrap();
    if let Some(ip) = peer {
        request.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    }
    send(&app.router, request).await
}

const SAME_SITE: (&str, &str) = ("sec-fetch-site", "same-origin");

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn writes_from_other_sites_or_in_other_types_are_refused(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let path = "/api/system/status";
    let status = |reply: Reply| reply.status;
    for refused in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![],
    ] {
        let reply = post_with(&app, path, &[], &refused, None).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{refused:?}");
        assert!(reply.body.contains("refused"), "said in words: {}", reply.body);
    }
    // The site's own origin, or the browser's word that it is the same site.
    let public = app.state.settings.public_url.clone();
    let ours = post_with(&app, path, &[], &[("origin", &public)], None).await;
    assert_eq!(ours.status, StatusCode::OK, "{}", ours.body);
    assert_eq!(status(post_with(&app, path, &[], &[SAME_SITE], None).await), StatusCode::OK);
    // A cross-site form can send text/plain without asking: never read.
    let plain =
        post_with(&app, path, &[], &[SAME_SITE, ("content-type", "text/plain")], None).await;
    assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A cross-site sign-in is refused before any password is checked.
    let form = [("email", OWNER), ("password", PASSWORD)];
    let forged =
        post_with(&app, "/api/auth/log_in", &form, &[("origin", "https://evil.example")], None)
            .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.session_cookie().is_none());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn every_answer_carries_the_security_headers(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let page = app.get("/login", Anonymous).await;
    let header = |reply: &Reply, name: &str| {
        reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };
    assert_eq!(header(&page, "x-content-type-options"), "nosniff");
    assert_eq!(header(&page, "referrer-policy"), "same-origin");
    assert_eq!(header(&page, "x-frame-options"), "DENY");
    assert_eq!(header(&page, "cache-control"), "no-store");
    assert!(header(&page, "strict-transport-security").is_empty(), "no HSTS over http");
    // The page's policy names a fresh nonce, and the page's scripts carry it.
    let policy = header(&page, "content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("'unsafe-inline' 'wasm"), "{policy}");
    assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "the island loader carries it");
    let again = app.get("/login", Anonymous).await;
    assert_ne!(header(&again, "content-security-policy"), policy, "a new nonce per page");
    // Server-function answers are not kept by caches either, and not framed.
    let answer = app.post("/api/system/status", &[], Anonymous).await;
    assert_eq!(header(&answer, "cache-control"), "no-store");
    assert!(header(&answer, "content-security-policy").contains("default-src 'none'"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn behind_https_browsers_are_told_to_stay_on_https(pg: PgPool) {
    let app = TestApp::builder(pg)
        .settings(|s| s.public_url = "https://aura.example".into())
        .build()
        .await;
    let page = app.get("/", Anonymous).await;
    let hsts = page.headers.get("strict-transport-security").and_then(|v| v.to_str().ok());
    assert_eq!(hsts, Some("max-age=31536000; includeSubDomains"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sign_in_sends_people_only_to_paths_on_this_site(pg: PgPool) {
    let app = TestApp::new(pg).await;
    app.owner().await;
    for (next, expected) in [
        ("/dashboard?brand=all", "/dashboard?brand=all"),
        ("/\t/evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
        ("/dashboard\r\nSet-Cookie: planted=1", "/"),
    ] {
        let form = [("email", OWNER), ("password", PASSWORD), ("next", next)];
        // As a browser without JavaScript posts it: the answer is a redirect.
        let reply = post_with(
            &app,
            "/api/auth/log_in",
            &form,
            &[SAME_SITE, ("accept", "text/html"), ("referer", "http://127.0.0.1:3000/login")],
            None,
        )
        .await;
        assert!(reply.status.is_redirection(), "{next:?}: {} {}", reply.status, reply.body);
        assert_eq!(location(&reply), expected, "{next:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_session_id_changes_at_every_sign_in_and_workspace_switch(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let viewer = app.viewer().await;
    // An attacker's signed-in cookie planted in the victim's browser...
    let planted = viewer.cookie.clone();
    let form = [("email", OWNER), ("password", PASSWORD)];
    let reply = app.post("/api/auth/log_in", &form, planted.as_str()).await;
    assert!(reply.ok(), "{}", reply.body);
    let victim = reply.session_cookie().expect("a new session cookie");
    assert_ne!(victim, planted, "the victim's session is not the planted one");
    // ...no longer reaches anyone's session.
    let me = app.post("/api/auth/current_user", &[], planted.as_str()).await;
    assert_eq!(me.json(), serde_json::Value::Null, "{}", me.body);

    let workspace = app.a.id.to_string();
    let switched = app
        .post("/api/auth/switch_workspace", &[("workspace_id", &workspace)], victim.as_str())
        .await;
    assert!(switched.ok(), "{}", switched.body);
    let after = switched.session_cookie().expect("a new id after the switch");
    assert_ne!(after, victim);
    let me = app.post("/api/auth/current_user", &[], after.as_str()).await;
    assert_eq!(me.json()["email"], OWNER);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn parallel_wrong_passwords_get_exactly_the_limit_tried(pg: PgPool) {
    let app = TestApp::new(pg).await;
    app.owner().await;
    let wrong = [("email", OWNER), ("password", "not the password")];
    let from = [192, 0, 2, 10];
    let replies = join_all(
        (0..30).map(|_| post_with(&app, "/api/auth/log_in", &wrong, &[SAME_SITE], Some(from))),
    )
    .await;
    let tried = replies.iter().filter(|r| r.status.as_u16() == 422).count();
    let held = replies.iter().filter(|r| r.status.as_u16() == 429).count();
    assert_eq!(
        (tried, held),
        (5, 25),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        replies
            .iter()
            .filter(|r| r.status == 429)
            .all(|r| r.headers.contains_key(header::RETRY_AFTER))
    );

    // The rightful owner, elsewhere, is not locked out by someone guessing.
    let right = [("email", OWNER), ("password", PASSWORD)];
    let owner =
        post_with(&app, "/api/auth/log_in", &right, &[SAME_SITE], Some([198, 51, 100, 7])).await;
    assert!(owner.ok(), "{} {}", owner.status, owner.body);
    // The guessing address stays held back, even with the right password.
    let guesser = post_with(&app, "/api/auth/log_in", &right, &[SAME_SITE], Some(from)).await;
    assert_eq!(guesser.status.as_u16(), 429);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sign_in_calls_are_limited_per_address_at_the_door(pg: PgPool) {
    let app = TestApp::builder(pg)
        .settings(|s| {
            s.auth_burst = 3;
            s.auth_rate_per_minute = 1;
        })
        .build()
        .await;
    let form = [("email", "nobody@example.com"), ("password", "whatever it is")];
    let from = Some([203, 0, 113, 5]);
    for _ in 0..3 {
        let reply = post_with(&app, "/api/auth/log_in", &form, &[SAME_SITE], from).await;
        assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
    }
    let over = post_with(&app, "/api/auth/log_in", &form, &[SAME_SITE], from).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = over.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(over.body.contains("Try again in"), "{}", over.body);
    // Another address has its own allowance; other calls are not counted.
    let other =
        post_with(&app, "/api/auth/log_in", &form, &[SAME_SITE], Some([203, 0, 113, 6])).await;
    assert_eq!(other.status.as_u16(), 422);
    let status = post_with(&app, "/api/system/status", &[], &[SAME_SITE], from).await;
    assert_eq!(status.status, StatusCode::OK);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn plan_limits_hold_against_parallel_requests(pg: PgPool) {
    use app::contexts::team::types::Plan;
    let app = TestApp::new(pg).await;
    app.set_plan(app.a.id, Plan::Free).await;
    let owner = app.owner().await;
    let max_brands = Plan::Free.limits().max_brands.unwrap();
    let names: Vec<String> = (0..10).map(|i| format!("Roastery {i}")).collect();
    let app = &app;
    let creates = names.iter().map(|name| {
        let form =
            [("name", name.as_str()), ("domain", ""), ("currency", "USD"), ("timezone", "UTC")];
        async move { app.post("/api/brands/create", &form, owner).await }
    });
    let created = join_all(creates).await.iter().filter(|r| r.ok()).count();
    let brands: i64 = sqlx::query_scalar("SELECT count(*) FROM brands WHERE workspace_id = $1")
        .bind(app.a.id)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!((created, brands), (max_brands as usize, i64::from(max_brands)));

    let max_members = Plan::Free.limits().max_members.unwrap();
    let members: i64 =
        sqlx::query_scalar("SELECT count(*) FROM memberships WHERE workspace_id = $1")
            .bind(app.a.id)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    let emails: Vec<String> = (0..10).map(|i| format!("guest{i}@northwind.example")).collect();
    let invites = emails.iter().map(|email| {
        let form = [("email", email.as_str()), ("role", "viewer")];
        async move { app.post("/api/team/invite", &form, owner).await }
    });
    join_all(invites).await;
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM invitations WHERE workspace_id = $1")
        .bind(app.a.id)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(
        members + open,
        i64::from(max_members).max(members),
        "members {members} + open {open}"
    );
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn members_cannot_change_their_own_plan(pg: PgPool) {
    use app::contexts::team::types::Plan;
    let app = TestApp::new(pg).await;
    app.set_plan(app.a.id, Plan::Free).await;
    let owner = app.owner().await;
    let form = [
        ("name", "Northwind Coffee"),
        ("industry", ""),
        ("website", ""),
        ("logo_url", ""),
        ("timezone", "UTC"),
        ("currency", "USD"),
        ("plan", "enterprise"),
        ("primary_color", ""),
        ("email_footer", ""),
    ];
    app.post("/api/team/update_settings", &form, owner).await;
    let plan: String = sqlx::query_scalar("SELECT plan FROM workspaces WHERE id = $1")
        .bind(app.a.id)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(plan, "free");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn password_reset_mail_goes_out_once_however_many_ask(pg: PgPool) {
    let app = TestApp::new(pg).await;
    app.owner().await;
    let form = [("email", OWNER)];
    let asks = (0..20).map(|_| app.post("/api/auth/request_password_reset", &form, Anonymous));
    let replies = join_all(asks).await;
    assert!(replies.iter().all(Reply::ok), "the same answer every time");
    let sent: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox_emails WHERE recipient = $1")
        .bind(OWNER)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(sent, 1);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn odd_input_is_answered_4xx_never_5xx(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let owner = app.owner().await;
    let client_error = |reply: &Reply| reply.status.is_client_error();

    // Dates at the calendar's edges: the dashboard says which field, no panic.
    for (from, to) in [
        ("-262143-01-01", "2026-01-01"),
        ("2026-01-01", "+262142-12-31"),
        ("1999-12-31", "2000-01-05"),
    ] {
        let form = [
            ("filters[brand]", ""),
            ("filters[preset]", ""),
            ("filters[from]", from),
            ("filters[to]", to),
            ("filters[currency]", ""),
        ];
        let reply = app.post("/api/analytics/dashboard", &form, owner).await;
        assert_eq!(reply.status.as_u16(), 422, "{from}..{to}: {}", reply.body);
    }
    let page = app.get("/dashboard?from=-262143-01-01&to=2026-01-01", owner).await;
    assert!(!page.status.is_server_error(), "the page answers: {}", page.status);
    assert!(page.body.contains("between the years 2000 and 2100"), "and says why");

    // Every field at its column's length + 1.
    let long_site = format!("https://{}.example", "w".repeat(250));
    let long_industry = "i".repeat(101);
    let sign_up = [
        ("name", "Ana Lopez"),
        ("email", "ana@northwind.example"),
        ("password", "blue otter roasting"),
        ("workspace_name", "Ana's Roastery"),
        ("industry", long_industry.as_str()),
        ("website", long_site.as_str()),
        ("timezone", "UTC"),
        ("currency", "USD"),
    ];
    let reply = app.post("/api/auth/sign_up", &sign_up, Anonymous).await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
    let err: app::error::AppError = serde_json::from_str(&reply.body).unwrap();
    assert!(
        !err.field_messages("industry").is_empty() && !err.field_messages("website").is_empty()
    );
    let long_email = format!("{}@northwind.example", "e".repeat(300));
    let reply =
        app.post("/api/auth/log_in", &[("email", &long_email), ("password", "x")], Anonymous).await;
    assert!(client_error(&reply), "{} {}", reply.status, reply.body);

    // A body that is not UTF-8, and one over the limit.
    let mut request = Request::post("/api/auth/log_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(SAME_SITE.0, SAME_SITE.1)
        .body(Body::from(vec![b'e', b'=', 0xff, 0xfe, b'&', b'p', b'=', 0xc3]))
        .unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 99], 1))));
    let reply = send(&app.router, request).await;
    assert!(client_error(&reply), "{} {}", reply.status, reply.body);
    let huge = format!("csv={}", "x".repeat(3 * 1024 * 1024));
    let request = Request::post("/api/analytics/import")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, huge.len())
        .header(SAME_SITE.0, SAME_SITE.1)
        .header(header::COOKIE, owner.cookie.as_str())
        .body(Body::from(huge))
        .unwrap();
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", reply.body);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_forms_error_is_shown_once_only_to_the_browser_that_sent_it(pg: PgPool) {
    let app = TestApp::new(pg).await;
    app.owner().await;
    // A rejected sign-in sent without JavaScript goes back to a clean address; the
    // outcome waits on the server for this browser's next view of the page.
    let form = [("email", OWNER), ("password", "not the password")];
    let reply = post_with(
        &app,
        "/api/auth/log_in",
        &form,
        &[SAME_SITE, ("accept", "text/html"), ("referer", "http://127.0.0.1:3000/login")],
        None,
    )
    .await;
    let back = location(&reply);
    assert!(!back.contains("__err") && !back.contains("__form"), "{back}");
    let set = |name: &str| {
        reply
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(|v| v.split(';').next().unwrap().to_owned())
            .unwrap_or_else(|| panic!("no {name} cookie"))
    };
    let (visitor, flash) = (set("aura_form"), set("aura_flash"));
    let path = back.trim_start_matches("http://127.0.0.1:3000");
    let message = "That email and password do not match.";
    let page_view = |cookies: String| {
        let request = axum::http::Request::get(path)
            .header("accept", "text/html")
            .header(header::COOKIE, cookies)
            .body(axum::body::Body::empty())
            .unwrap();
        send(&app.router, request)
    };
    // Another browser holding the token is not the one that posted: nothing.
    let elsewhere = page_view(format!("aura_form=someone-else; {flash}")).await;
    assert!(!elsewhere.body.contains(message) && !elsewhere.body.contains(OWNER));
    let shown = page_view(format!("{visitor}; {flash}")).await;
    assert!(shown.body.contains(message), "its own browser sees the message");
    assert!(shown.body.contains(OWNER), "and what it typed");
    // Once: a reload shows the page clean.
    let again = page_view(format!("{visitor}; {flash}")).await;
    assert!(!again.body.contains(message));

    // An address bringing its own error shows nothing of it. The error would travel
    // as base64 of its JSON: this one says "Your account is locked; call +1 555
    // 0100." under the password field.
    let words = "eyJJbnZhbGlkIjp7InBhc3N3b3JkIjpbIllvdXIgYWNjb3VudCBpcyBsb2NrZWQ7IGNhbGwgKzEgNTU1IDAxMDAuIl19fQ%3D%3D";
    let crafted = format!("/login?__path=%2Fapi%2Fauth%2Flog_in&__err={words}");
    assert!(!app.get(&crafted, visitor.as_str()).await.body.contains("call +1 555"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_brands_list_comes_in_pages(pg: PgPool) {
    use app::contexts::team::types::Plan;
    let app = TestApp::new(pg).await;
    app.set_plan(app.a.id, Plan::Enterprise).await;
    for i in 0..55 {
        app.brand(&format!("Brand {i:02}")).await;
    }
    let owner = app.owner().await;
    let first = app.post("/api/brands/page", &[("page", "1")], owner).await.json();
    assert_eq!(first["brands"].as_array().unwrap().len(), 50);
    assert_eq!((first["total"].as_i64(), first["pages"].as_u64()), (Some(55), Some(2)));
    let second = app.post("/api/brands/page", &[("page", "2")], owner).await.json();
    assert_eq!(second["brands"].as_array().unwrap().len(), 5);
    let past = app.post("/api/brands/page", &[("page", "9")], owner).await.json();
    assert_eq!(past["page"].as_u64(), Some(2), "a page past the last shows the last");
    let html = app.get("/brands?page=2", owner).await.body;
    assert!(
        html.contains("Page 2 of 2") && html.contains("Brand 54") && !html.contains("Brand 00")
    );
}

/// Every server function a member writes through, each field in turn sent far
/// longer than any column, with a NUL byte, and with a control character: the
/// answer is never a 5xx (the rest of the form valid, as the owner).
#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn every_field_of_every_form_survives_hostile_values(pg: PgPool) {
    use app::contexts::team::types::Plan;
    let app = TestApp::new(pg).await;
    app.set_plan(app.a.id, Plan::Enterprise).await;
    let owner = app.owner().await;
    let brand = app.brand("Northwind Roasters").await.to_string();
    let viewer = app.viewer().await.id.to_string();
    let sign_up: Vec<(&str, &str)> = vec![
        ("name", "Ana Lopez"),
        ("email", "ana@northwind.example"),
        ("password", "blue otter roasting"),
        ("workspace_name", "Ana's Roastery"),
        ("industry", "Coffee"),
        ("website", "https://ana.example"),
        ("timezone", "UTC"),
        ("currency", "USD"),
    ];
    let new_brand: Vec<(&str, &str)> = vec![
        ("name", "Tea Room"),
        ("domain", "tea.northwind.example"),
        ("currency", "EUR"),
        ("timezone", "Europe/Lisbon"),
        ("sync_hour", "7"),
    ];
    let mut edited_brand = new_brand.clone();
    edited_brand.insert(0, ("brand_id", brand.as_str()));
    #[rustfmt::skip]
    let forms: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/auth/sign_up", sign_up),
        ("/api/auth/log_in", vec![("email", "someone@northwind.example"), ("password", "a long password"), ("next", "/")]),
        ("/api/auth/request_password_reset", vec![("email", "someone@northwind.example")]),
        ("/api/auth/reset_password", vec![("token", "nope"), ("new_password", "velvet harbor lantern"), ("confirm_password", "velvet harbor lantern")]),
        ("/api/auth/update_profile", vec![("name", "Olivia"), ("avatar_url", "https://a.example/o.png"), ("timezone", "UTC"), ("landing", "/")]),
        ("/api/team/update_settings", vec![("name", "Northwind Coffee"), ("industry", "Coffee"), ("website", "https://northwind.example"), ("logo_url", ""), ("timezone", "UTC"), ("currency", "USD"), ("primary_color", "#4f46e5"), ("email_footer", "Northwind")]),
        ("/api/team/invite", vec![("email", "guest@northwind.example"), ("role", "viewer")]),
        ("/api/team/grant", vec![("user_id", &viewer), ("resource", "content"), ("action", "update"), ("conditions", "")]),
        ("/api/brands/create", new_brand),
        ("/api/brands/update", edited_brand),
        ("/api/analytics/dashboard", vec![("filters[brand]", ""), ("filters[preset]", ""), ("filters[from]", "2026-01-01"), ("filters[to]", "2026-01-31"), ("filters[currency]", "USD")]),
        ("/api/analytics/import", vec![("brand_id", &brand), ("csv", "date,revenue\n2026-03-01,10\n"), ("commit", "false")]),
        ("/api/insights/list", vec![("brand", ""), ("priority", ""), ("status", ""), ("page", "1")]),
        ("/api/insights/thresholds", vec![("cpa_increase", "20"), ("roas_floor", "2"), ("conversion_drop", "30"), ("revenue_growth", "25"), ("channel_cpa_gap", "30"), ("min_spend", "100"), ("min_conversions", "5")]),
        ("/api/integrations/connect", vec![("brand_id", &brand), ("platform", "google_ads"), ("account", "123-456-7890")]),
    ];
    let long = "x".repeat(10_000);
    let hostile = [long.as_str(), "nul\0byte", "bell\u{7}and\u{1b}escape"];
    let mut sent = 0;
    for (path, form) in &forms {
        for (i, (field, _)) in form.iter().enumerate() {
            for value in hostile {
                let mut odd = form.clone();
                odd[i] = (field, value);
                let reply = app.post(path, &odd, owner).await;
                assert!(
                    !reply.status.is_server_error(),
                    "{path} {field}={:?}: {} {}",
                    &value[..value.len().min(12)],
                    reply.status,
                    reply.body
                );
                sent += 1;
            }
        }
    }
    assert!(sent > 150, "{sent} requests");
}
