//! Authorization through the real router: every server function of the accounts,
//! analytics, insights, integrations, content and approvals capabilities called as anonymous, VIEWER,
//! EDITOR, ADMIN and as the owner of a different workspace, each answer checked
//! against the expected allow or deny.

use app::contexts::team::server::repo as team;
use app::contexts::team::types::Plan;
use app::kernel::Role;
use chrono::{Duration, Utc};
use sqlx::PgPool;

use crate::helpers::{self, Reply, TestApp};

/// What a caller gets: allowed (2xx or the redirect of a finished form), or the
/// error status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Ok,
    Unauthenticated,
    Forbidden,
    NotFound,
    Invalid,
}
use Answer::*;

/// One server function: its path, the form sent, and the answers for anonymous,
/// viewer, editor, admin and outsider.
type Row<'a> = (&'a str, Vec<(&'a str, &'a str)>, [Answer; 5]);

fn answer(reply: &Reply) -> Answer {
    match reply.status.as_u16() {
        200..=399 => Ok,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        422 => Invalid,
        other => panic!("unexpected {other}: {}", reply.body),
    }
}

/// Both workspaces on the enterprise plan (no limits in the way), an open
/// invitation to A, and the callers' cookies: anonymous (none), viewer, editor,
/// admin, outsider.
async fn world(app: &TestApp) -> (String, [Option<&str>; 5]) {
    app.set_plan(app.a.id, Plan::Enterprise).await;
    app.set_plan(app.b.id, Plan::Enterprise).await;
    let mut tx = app.pg.begin().await.unwrap();
    let invitation = team::insert_invitation(
        &mut tx,
        app.a.id,
        "new@northwind.example",
        Role::Viewer,
        &"a".repeat(64),
        app.admin().await.id,
        Utc::now() + Duration::days(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let cookies = [
        None,
        Some(app.viewer().await.cookie.as_str()),
        Some(app.editor().await.cookie.as_str()),
        Some(app.admin().await.cookie.as_str()),
        Some(app.outsider().await.cookie.as_str()),
    ];
    (invitation.to_string(), cookies)
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn every_server_function_allows_and_denies_by_role_and_workspace(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (invitation, cookies) = world(&app).await;
    // A caller's session id changes when it switches workspace: keep the new one.
    let mut cookies: [Option<String>; 5] = cookies.map(|c| c.map(str::to_owned));
    let viewer = app.viewer().await.id.to_string();
    let editor = app.editor().await.id.to_string();
    let a = app.a.id.to_string();
    let bogus = uuid::Uuid::new_v4().to_string();
    // Endpoint, form, then the answers for anonymous, viewer, editor, admin, outsider.
    // The outsider owns another workspace: where no record is named they act in
    // their own workspace (allowed); records of Northwind are not found for them.
    #[rustfmt::skip]
    let matrix: Vec<Row> = vec![
        ("/api/auth/current_user", vec![], [Ok, Ok, Ok, Ok, Ok]),
        ("/api/auth/profile", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/auth/update_profile", vec![("name", "Someone"), ("avatar_url", ""), ("timezone", "UTC"), ("landing", "/")], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/auth/sessions", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/auth/end_session", vec![("handle", "0000000000000000")], [Unauthenticated, NotFound, NotFound, NotFound, NotFound]),
        ("/api/auth/end_other_sessions", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/auth/change_password", vec![("current_password", "wrong"), ("new_password", "x"), ("confirm_password", "x")], [Unauthenticated, Invalid, Invalid, Invalid, Invalid]),
        ("/api/auth/switch_workspace", vec![("workspace_id", &a)], [Unauthenticated, Ok, Ok, Ok, NotFound]),
        ("/api/auth/request_password_reset", vec![("email", "nobody@example.com")], [Ok, Ok, Ok, Ok, Ok]),
        ("/api/auth/reset_link_status", vec![("token", "nope")], [Ok, Ok, Ok, Ok, Ok]),
        ("/api/auth/reset_password", vec![("token", "nope"), ("new_password", "x"), ("confirm_password", "x")], [Invalid, Invalid, Invalid, Invalid, Invalid]),
        ("/api/analytics/dashboard", vec![("filters[brand]", ""), ("filters[preset]", "last_7_days"), ("filters[from]", ""), ("filters[to]", ""), ("filters[currency]", "")], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/analytics/dashboard", vec![("filters[brand]", &bogus), ("filters[preset]", ""), ("filters[from]", ""), ("filters[to]", ""), ("filters[currency]", "")], [Unauthenticated, NotFound, NotFound, NotFound, NotFound]),
        ("/api/analytics/import", vec![("brand_id", &bogus), ("csv", "date,revenue\n"), ("commit", "false")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/engagement/report", vec![("preset", "last_30_days")], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/engagement/report", vec![("account", &bogus)], [Unauthenticated, NotFound, NotFound, NotFound, NotFound]),
        ("/api/insights/list", vec![("brand", ""), ("priority", ""), ("status", ""), ("page", "1")], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/insights/read", vec![("id", &bogus), ("state", "read")], [Unauthenticated, NotFound, NotFound, NotFound, NotFound]),
        ("/api/insights/refresh", vec![], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/integrations/brand", vec![("brand_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/integrations/connect", vec![("brand_id", &bogus), ("platform", "google_ads"), ("account", "123-456-7890")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/integrations/sync", vec![("connection_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/integrations/disconnect", vec![("connection_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/insights/thresholds", vec![("cpa_increase", "x"), ("roas_floor", "2"), ("conversion_drop", "30"), ("revenue_growth", "25"), ("channel_cpa_gap", "30"), ("min_spend", "100"), ("min_conversions", "5")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/posts/list", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/posts/calendar", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/posts/composer", vec![("post_id", "")], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/posts/composer", vec![("post_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/save", vec![("post_id", ""), ("post[text]", "Hello"), ("post[intent]", "draft")], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/posts/save", vec![("post_id", &bogus), ("post[text]", "Hello"), ("post[intent]", "draft")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/reschedule", vec![("post_id", &bogus), ("day", "2099-01-01"), ("time", "09:00")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/duplicate", vec![("post_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/archive", vec![("post_id", &bogus), ("archive", "true")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/delete", vec![("post_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/posts/retry", vec![("post_id", &bogus), ("account_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/times", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/posts/times/add", vec![("account_id", &bogus), ("days", "daily"), ("time", "09:00")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/times/remove", vec![("time_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/approvals/chains", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/approvals/save_chain", vec![("chain_id", ""), ("chain[name]", "")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/approvals/save_chain", vec![("chain_id", &bogus), ("chain[name]", "Client"), ("chain[level1.role]", "manager")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/approvals/delete_chain", vec![("chain_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/approvals/list", vec![("tab", "waiting")], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/posts/review", vec![("post_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/decide", vec![("post_id", &bogus), ("decision", "approve")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/comment", vec![("post_id", &bogus), ("body", "Looks good")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/share", vec![("post_id", &bogus), ("email", "dana@client.example")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/posts/unshare", vec![("post_id", &bogus), ("link_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        // A client's link needs no sign-in: an unknown token is not found for anyone.
        ("/api/review/shared", vec![("token", &bogus)], [NotFound, NotFound, NotFound, NotFound, NotFound]),
        ("/api/review/decide", vec![("token", &bogus), ("post_id", &bogus), ("decision", "approve")], [NotFound, NotFound, NotFound, NotFound, NotFound]),
        ("/api/inbox/list", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/inbox/get", vec![("conversation_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/triage", vec![("conversation_id", &bogus), ("conversation[status]", "resolved")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/reply", vec![("conversation_id", &bogus), ("reply", "Thanks!")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/note", vec![("conversation_id", &bogus), ("note", "Call back")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/saved/save", vec![("shortcut", "Not Valid"), ("body", "")], [Unauthenticated, Forbidden, Invalid, Invalid, Invalid]),
        ("/api/inbox/saved/delete", vec![("reply_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/inbox/changes", vec![("since", "2026-01-01T00:00:00Z")], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/inbox/lead", vec![("conversation_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/settings", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/inbox/settings/hours", vec![("hours[day1]", "on"), ("hours[opens]", "25:00"), ("hours[closes]", "17:00")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/inbox/settings/round-robin", vec![("round_robin[cap]", "0")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/inbox/availability", vec![("available", "no")], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/inbox/rules/add", vec![("rule[priority]", "high")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/inbox/rules/delete", vec![("index", "99")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/inbox/sla/save", vec![("policy[name]", "")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/inbox/sla/delete", vec![("policy_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/inbox/sla/report", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/inbox/reply/draft", vec![("conversation_id", &bogus), ("reply", "warm")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/reply/decide", vec![("conversation_id", &bogus), ("message_id", &bogus), ("decision", "approve")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/inbox/read-now", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/inbox/settings/chatbot", vec![("chatbot[on]", "on")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/inbox/settings/chatbot/answer", vec![("answer[keywords]", "")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/inbox/settings/chatbot/answer/delete", vec![("index", "99")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/listening/mentions", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/listening/mention", vec![("mention_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/listening/to-inbox", vec![("mention_id", &bogus)], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/listening/queries", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/listening/queries/save", vec![("query[name]", "")], [Unauthenticated, Forbidden, Invalid, Invalid, Invalid]),
        ("/api/listening/queries/delete", vec![("query_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/listening/run", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/listening/influencers", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/listening/influencers/save", vec![("platform", "twitter"), ("username", "nobody"), ("list", "VIP")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/campaigns/list", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/campaigns/get", vec![("campaign_id", &bogus)], [Unauthenticated, NotFound, NotFound, NotFound, NotFound]),
        ("/api/campaigns/save", vec![("campaign_id", ""), ("campaign[name]", "")], [Unauthenticated, Forbidden, Invalid, Invalid, Invalid]),
        ("/api/campaigns/save", vec![("campaign_id", &bogus), ("campaign[name]", "Spring"), ("campaign[start]", "2026-12-01"), ("campaign[end]", "2026-12-31")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/campaigns/delete", vec![("campaign_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/notifications/list", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/notifications/read_all", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/integrations/social_accounts", vec![], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/integrations/social_account_active", vec![("account_id", &bogus), ("active", "false")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/integrations/social_connect", vec![("platform", "twitter")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/integrations/social_connect", vec![("platform", "myspace")], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/integrations/social_choices", vec![], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/integrations/social_add", vec![("chosen[1]", "on")], [Unauthenticated, Forbidden, Forbidden, Invalid, Invalid]),
        ("/api/integrations/social_remove", vec![("account_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/integrations/health", vec![], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/media/list", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/media/update", vec![("media_id", &bogus), ("tags", "x"), ("folder", "")], [Unauthenticated, Forbidden, NotFound, NotFound, NotFound]),
        ("/api/media/delete", vec![("media_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/team/settings", vec![], [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/team/update_settings", vec![("name", "Northwind Coffee"), ("industry", ""), ("website", ""), ("logo_url", ""), ("timezone", "UTC"), ("currency", "USD"), ("primary_color", ""), ("email_footer", "")], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/team/members", vec![], [Unauthenticated, Forbidden, Ok, Ok, Ok]),
        ("/api/team/member", vec![("user_id", &viewer)], [Unauthenticated, Forbidden, Ok, Ok, NotFound]),
        ("/api/team/invite", vec![("email", "guest@northwind.example"), ("role", "viewer")], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/team/revoke_invitation", vec![("invitation_id", &invitation)], [Unauthenticated, Forbidden, Forbidden, Ok, NotFound]),
        ("/api/team/change_role", vec![("user_id", &editor), ("role", "editor")], [Unauthenticated, Forbidden, Forbidden, Ok, NotFound]),
        ("/api/team/grant", vec![("user_id", &viewer), ("resource", "content"), ("action", "update"), ("conditions", "")], [Unauthenticated, Forbidden, Forbidden, Ok, NotFound]),
        ("/api/team/revoke", vec![("user_id", &viewer), ("override_id", &bogus)], [Unauthenticated, Forbidden, Forbidden, NotFound, NotFound]),
        ("/api/team/activity", vec![], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/home/badges", vec![], [Ok, Ok, Ok, Ok, Ok]),
        ("/api/jobs/list", vec![], [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
        ("/api/team/remove_member", vec![("user_id", &viewer)], [Unauthenticated, Forbidden, Forbidden, Ok, NotFound]),
        ("/api/team/invitation", vec![("token", "nope")], [NotFound, NotFound, NotFound, NotFound, NotFound]),
        ("/api/team/accept_invitation", vec![("token", "nope")], [NotFound, NotFound, NotFound, NotFound, NotFound]),
        // In-process calls have no peer address, so the outbox is never local.
        ("/api/system/outbox", vec![], [NotFound, NotFound, NotFound, NotFound, NotFound]),
    ];
    let callers = ["anonymous", "viewer", "editor", "admin", "outsider"];
    let mut checked = 0;
    for (path, form, expected) in &matrix {
        // The outsider first, so Northwind's records still exist when they ask.
        for caller in [4, 0, 1, 2, 3] {
            let reply = app.post(path, form, cookies[caller].as_deref()).await;
            if let Some(renewed) = reply.session_cookie().filter(|_| cookies[caller].is_some()) {
                cookies[caller] = Some(renewed);
            }
            assert_eq!(
                answer(&reply),
                expected[caller],
                "{path} as {}: {} {}",
                callers[caller],
                reply.status,
                reply.body
            );
            checked += 1;
        }
    }
    assert_eq!(checked, matrix.len() * 5);

    // The outsider's own listings never show Northwind.
    let theirs = app.post("/api/team/members", &[], cookies[4].as_deref()).await.json();
    let emails: Vec<&str> = theirs["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["owner@contoso.example"]);
    // Denied calls changed nothing: the viewer's grant came from the admin only.
    let grants: i64 = sqlx::query_scalar("SELECT count(*) FROM user_permissions")
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(grants, 0, "the viewer was removed by the admin, taking the grant along");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_grant_opens_exactly_one_permission(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (viewer, admin) = (app.viewer().await, app.admin().await);
    assert_eq!(answer(&app.post("/api/team/members", &[], viewer).await), Forbidden);
    let user_id = viewer.id.to_string();
    let granted = app
        .post(
            "/api/team/grant",
            &[
                ("user_id", &user_id),
                ("resource", "members"),
                ("action", "read"),
                ("conditions", ""),
            ],
            admin,
        )
        .await;
    assert!(granted.ok(), "{}", granted.body);
    assert_eq!(answer(&app.post("/api/team/members", &[], viewer).await), Ok);
    assert_eq!(answer(&app.post("/api/team/activity", &[], viewer).await), Forbidden);
    let me = app.post("/api/auth/current_user", &[], viewer).await.json();
    assert_eq!(me["workspace"]["grants"][0]["resource"], "members");

    // A grant with conditions is not a blanket grant.
    let conditional = app
        .post(
            "/api/team/grant",
            &[
                ("user_id", &user_id),
                ("resource", "activity"),
                ("action", "read"),
                ("conditions", r#"{"types": ["sign_in"]}"#),
            ],
            admin,
        )
        .await;
    assert!(conditional.ok(), "{}", conditional.body);
    assert_eq!(answer(&app.post("/api/team/activity", &[], viewer).await), Forbidden);

    let bad = app
        .post(
            "/api/team/grant",
            &[
                ("user_id", &user_id),
                ("resource", "leads"),
                ("action", "read"),
                ("conditions", "[1]"),
            ],
            admin,
        )
        .await;
    assert_eq!(answer(&bad), Invalid);
    assert!(bad.body.contains("JSON object"), "{}", bad.body);
}

/// The CSV downloads are GETs, behind the same permissions as their pages; another
/// workspace's brand is not found.
#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn downloads_allow_and_deny_by_role_and_workspace(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (_, cookies) = world(&app).await;
    let brand = app.brand("Northwind Roasters").await;
    let ours = format!("/api/analytics/export?brand={brand}&preset=last_7_days&table=days");
    let bogus = uuid::Uuid::new_v4();
    let their_account = format!("/api/engagement/export?account={bogus}");
    let rows: [(&str, [Answer; 5]); 5] = [
        (&ours, [Unauthenticated, Ok, Ok, Ok, NotFound]),
        ("/api/analytics/export?table=channels", [Unauthenticated, Ok, Ok, Ok, Ok]),
        ("/api/engagement/export?preset=last_7_days", [Unauthenticated, Ok, Ok, Ok, Ok]),
        (&their_account, [Unauthenticated, NotFound, NotFound, NotFound, NotFound]),
        ("/api/team/activity_export", [Unauthenticated, Forbidden, Forbidden, Ok, Ok]),
    ];
    for (path, expected) in rows {
        for (caller, cookie) in cookies.iter().enumerate() {
            let reply = helpers::http::get(&app.router, path, *cookie).await;
            assert_eq!(
                answer(&reply),
                expected[caller],
                "{path} as caller {caller}: {}",
                reply.body
            );
        }
    }
}
