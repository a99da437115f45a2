//! The inbox's intake through the router: Meta's webhook handshake, the
//! signature checked before anything is stored, Page comments, Messenger and
//! Instagram items landing as threads in the workspace that connected the
//! account (and never in another), and a redelivery storing nothing twice.

use app::contexts::integrations::server::service::{ConnectedAccount, save_social_account};
use app::contexts::integrations::types::SocialPlatform;
use app::kernel::{SocialAccountId, WorkspaceId};
use app::server::Secret;
use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::helpers::{TestApp, send};

pub(crate) async fn connect_in(
    app: &TestApp,
    workspace: WorkspaceId,
    platform: SocialPlatform,
    id: &str,
) -> SocialAccountId {
    let mut tx = app.pg.begin().await.unwrap();
    let token = Secret::new("page-token");
    let account = ConnectedAccount {
        platform,
        platform_account_id: id,
        username: "northwind",
        display_name: "Northwind Coffee",
        avatar_url: None,
        access_token: &token,
        refresh_token: None,
        token_expires_at: None,
        metadata: json!({}),
    };
    let saved =
        save_social_account(&mut tx, &app.state.keyring, workspace, &account).await.unwrap();
    tx.commit().await.unwrap();
    saved
}

fn signature(body: &str, secret: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// Delivers `payload` as Meta does: no cookie, no Origin, signed with `secret`.
pub(crate) async fn deliver(app: &TestApp, payload: &Value, secret: &str) -> crate::helpers::Reply {
    let body = payload.to_string();
    let request = Request::post("/webhooks/meta")
        .header("content-type", "application/json")
        .header("x-hub-signature-256", signature(&body, secret))
        .body(Body::from(body))
        .unwrap();
    send(&app.router, request).await
}

/// (type, participant, thread key, sentiment) of each thread of the workspace.
async fn threads(
    app: &TestApp,
    workspace: WorkspaceId,
) -> Vec<(String, String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT type, participant_name, thread_key, sentiment FROM conversations
         WHERE workspace_id = $1 ORDER BY created_at, thread_key",
    )
    .bind(workspace)
    .fetch_all(&app.pg)
    .await
    .unwrap()
}

async fn messages(app: &TestApp, workspace: WorkspaceId) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT m.platform_message_id, m.content FROM messages m
         WHERE m.workspace_id = $1 ORDER BY m.created_at",
    )
    .bind(workspace)
    .fetch_all(&app.pg)
    .await
    .unwrap()
}

pub(crate) fn page_comment(page: &str, comment: &str, from: (&str, &str), text: &str) -> Value {
    json!({
        "object": "page",
        "entry": [{"id": page, "time": 1764600000, "changes": [{"field": "feed", "value": {
            "from": {"id": from.0, "name": from.1}, "item": "comment", "verb": "add",
            "post_id": format!("{page}_5001"), "comment_id": comment, "parent_id": format!("{page}_5001"),
            "created_time": 1764599990, "message": text
        }}]}]
    })
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn meta_webhooks_are_verified_signed_and_land_once_in_the_workspace_with_the_account(
    pg: PgPool,
) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    // The handshake: the challenge back for our token only.
    let ok = app
        .get(
            "/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444",
            crate::helpers::Anonymous,
        )
        .await;
    assert_eq!((ok.status.as_u16(), ok.body.as_str()), (200, "1158201444"));
    let wrong = app
        .get(
            "/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
            crate::helpers::Anonymous,
        )
        .await;
    assert_eq!(wrong.status, 403);

    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    connect_in(&app, app.a.id, SocialPlatform::Instagram, "178").await;
    connect_in(&app, app.b.id, SocialPlatform::Facebook, "222").await;

    // A bad signature is refused and writes nothing.
    let comment = page_comment(
        "111",
        "5001_9001",
        ("900", "Cinderella Hoover"),
        "Love the new roast, thank you!",
    );
    let forged = deliver(&app, &comment, "not-the-secret").await;
    assert_eq!(forged.status, 403);
    assert!(threads(&app, app.a.id).await.is_empty());

    // Signed: a comment thread in A, with its sentiment; again: nothing new.
    let first = deliver(&app, &comment, "meta-secret").await;
    assert!(first.ok(), "{} {}", first.status, first.body);
    assert!(deliver(&app, &comment, "meta-secret").await.ok(), "a redelivery is still accepted");
    let a = threads(&app, app.a.id).await;
    assert_eq!(
        a,
        vec![(
            "comment".into(),
            "Cinderella Hoover".into(),
            "111_5001:900".into(),
            Some("positive".into())
        )]
    );
    assert_eq!(messages(&app, app.a.id).await.len(), 1);

    // Two Messenger messages from one person: one thread, in order; the Page's
    // own echo is not a message from them.
    let dms = json!({
        "object": "page",
        "entry": [{"id": "111", "time": 1764600100, "messaging": [
            {"sender": {"id": "PSID-7"}, "recipient": {"id": "111"}, "timestamp": 1764600001000_i64,
             "message": {"mid": "m_first", "text": "My order arrived broken. This is terrible."}},
            {"sender": {"id": "PSID-7"}, "recipient": {"id": "111"}, "timestamp": 1764600002000_i64,
             "message": {"mid": "m_second", "text": "Can I get a refund?"}},
            {"sender": {"id": "111"}, "recipient": {"id": "PSID-7"}, "timestamp": 1764600003000_i64,
             "message": {"is_echo": true, "app_id": 1517776481860111_i64, "mid": "m_echo", "text": "On it"}}
        ]}]
    });
    assert!(deliver(&app, &dms, "meta-secret").await.ok());
    let a = threads(&app, app.a.id).await;
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!(
        (a[1].0.as_str(), a[1].2.as_str(), a[1].3.as_deref()),
        ("dm", "PSID-7", Some("negative"))
    );
    let ids: Vec<String> = messages(&app, app.a.id).await.into_iter().map(|m| m.0).collect();
    assert_eq!(ids, vec!["5001_9001", "m_first", "m_second"]);

    // Instagram: a comment and a mention on the connected account.
    let ig = json!({
        "object": "instagram",
        "entry": [{"id": "178", "time": 1764600200, "changes": [
            {"field": "comments", "value": {"from": {"id": "848", "username": "ana.b"}, "id": "17865",
                "text": "What are your hours on Sunday?", "media": {"id": "1805", "media_product_type": "FEED"}}},
            {"field": "mentions", "value": {"comment_id": "17894227972186120", "media_id": "17918195224117851"}}
        ]}]
    });
    assert!(deliver(&app, &ig, "meta-secret").await.ok());
    let mut kinds: Vec<String> = threads(&app, app.a.id).await.into_iter().map(|t| t.0).collect();
    kinds.sort();
    assert_eq!(kinds, vec!["comment", "comment", "dm", "mention"]);

    // Page 222 is B's: its comment lands in B, never in A; an unknown Page's
    // comment lands nowhere.
    let theirs = page_comment("222", "7001_1", ("901", "Dana"), "Do you ship to Canada?");
    assert!(deliver(&app, &theirs, "meta-secret").await.ok());
    let unknown = page_comment("333", "8001_1", ("902", "Lee"), "Hello?");
    assert!(deliver(&app, &unknown, "meta-secret").await.ok());
    assert_eq!(threads(&app, app.b.id).await.len(), 1);
    assert_eq!(messages(&app, app.a.id).await.len(), 5);
    let everywhere: i64 =
        sqlx::query_scalar("SELECT count(*) FROM messages").fetch_one(&app.pg).await.unwrap();
    assert_eq!(everywhere, 6);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn without_the_app_secret_the_webhook_takes_nothing(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let comment = page_comment("111", "5001_9001", ("900", "Cinderella Hoover"), "Hi");
    assert_eq!(deliver(&app, &comment, "meta-secret").await.status, 404);
    let handshake = app
        .get(
            "/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1",
            crate::helpers::Anonymous,
        )
        .await;
    assert_eq!(handshake.status, 404);
}

/// The first thread of workspace A of `kind`.
pub(crate) async fn thread_of(app: &TestApp, kind: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(
        "SELECT id FROM conversations WHERE workspace_id = $1 AND type = $2 LIMIT 1",
    )
    .bind(app.a.id)
    .bind(kind)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    id.to_string()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn members_work_a_conversation_and_replies_go_out_through_the_graph_api(pg: PgPool) {
    use wiremock::matchers::{body_partial_json, body_string_contains, method, path};
    use wiremock::{Mock, ResponseTemplate};
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let comment =
        page_comment("111", "5001_9001", ("900", "Cinderella Hoover"), "Is the decaf back?");
    assert!(deliver(&app, &comment, "meta-secret").await.ok());
    let dm = json!({"object": "page", "entry": [{"id": "111", "time": 1764600100, "messaging": [
        {"sender": {"id": "PSID-7"}, "recipient": {"id": "111"}, "timestamp": 1764600001000_i64,
         "message": {"mid": "m_first", "text": "Where is my order?"}}]}]});
    assert!(deliver(&app, &dm, "meta-secret").await.ok());
    let (comment_thread, dm_thread) =
        (thread_of(&app, "comment").await, thread_of(&app, "dm").await);
    let (editor, manager, viewer, outsider) =
        (app.editor().await, app.manager().await, app.viewer().await, app.outsider().await);

    // The list: both open, unread for the editor; the navigation counts them.
    let list = app.post("/api/inbox/list", &[], editor).await;
    assert!(list.ok(), "{} {}", list.status, list.body);
    let list = list.json();
    assert_eq!(list["total"], 2, "{list}");
    assert_eq!(list["lines"][0]["unread"], true);
    assert_eq!(app.post("/api/inbox/list", &[], viewer).await.status, 403);
    let theirs = app.post("/api/inbox/list", &[], outsider).await.json();
    assert_eq!(theirs["total"], 0, "another workspace sees none of it");
    let only_dms = app.post("/api/inbox/list", &[("filter[kind]", "dm")], editor).await.json();
    assert_eq!(only_dms["total"], 1);

    // Opening marks it read; another workspace cannot open it.
    let view = app.post("/api/inbox/get", &[("conversation_id", &comment_thread)], editor).await;
    assert!(view.ok(), "{}", view.body);
    assert_eq!(view.json()["messages"][0]["content"], "Is the decaf back?");
    assert_eq!(
        app.post("/api/inbox/get", &[("conversation_id", &comment_thread)], outsider).await.status,
        404
    );
    let list = app.post("/api/inbox/list", &[("filter[kind]", "comment")], editor).await.json();
    assert_eq!(list["lines"][0]["unread"], false);

    // Triage: assign to the manager, urgent, tagged, a sentiment set by hand.
    let form = [
        ("conversation_id", comment_thread.as_str()),
        ("conversation[status]", "pending"),
        ("conversation[priority]", "urgent"),
        ("conversation[assignee]", &manager.id.to_string()),
        ("conversation[tags]", "Decaf, #restock"),
        ("conversation[sentiment]", "negative"),
    ];
    assert!(app.post("/api/inbox/triage", &form, editor).await.ok());
    assert_eq!(app.post("/api/inbox/triage", &form, outsider).await.status, 404);
    let bad = [("conversation_id", comment_thread.as_str()), ("conversation[priority]", "asap")];
    assert_eq!(app.post("/api/inbox/triage", &bad, editor).await.status, 422);
    let mine = app
        .post(
            "/api/inbox/list",
            &[("filter[status]", "pending"), ("filter[assignee]", "me")],
            manager,
        )
        .await
        .json();
    assert_eq!(mine["total"], 1, "{mine}");
    let view =
        app.post("/api/inbox/get", &[("conversation_id", &comment_thread)], editor).await.json();
    assert_eq!(
        (view["priority"].as_str(), view["sentiment"].as_str(), view["sentiment_manual"].as_bool()),
        (Some("urgent"), Some("negative"), Some(true))
    );
    assert_eq!(view["tags"], json!(["decaf", "restock"]));

    // A note stays inside the team.
    assert!(
        app.post(
            "/api/inbox/note",
            &[("conversation_id", &comment_thread), ("note", "Restock lands Friday.")],
            editor
        )
        .await
        .ok()
    );
    assert_eq!(
        app.post("/api/inbox/note", &[("conversation_id", &comment_thread), ("note", " ")], editor)
            .await
            .status,
        422
    );

    // Replies: under the comment, and in Messenger.
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/5001_9001/comments"))
        .and(body_string_contains("message=Back+on+Friday"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5001_9100"})))
        .expect(1)
        .mount(app.mock())
        .await;
    let sent = app
        .post(
            "/api/inbox/reply",
            &[("conversation_id", &comment_thread), ("reply", "Back on Friday!")],
            editor,
        )
        .await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);
    let view =
        app.post("/api/inbox/get", &[("conversation_id", &comment_thread)], editor).await.json();
    assert_eq!(view["messages"][1]["delivery"], "sent", "{view}");
    assert_eq!(view["messages"][1]["inbound"], false);
    let first: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT first_response_at FROM conversations WHERE id = $1::uuid")
            .bind(&comment_thread)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    assert!(first.is_some(), "the first response is recorded");

    // Outside Messenger's 24-hour window: Meta's documented error, in words;
    // the reply keeps its text in the thread, marked failed.
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/111/messages"))
        .and(body_partial_json(json!({"recipient": {"id": "PSID-7"}, "messaging_type": "RESPONSE"})))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "(#10) This message is sent outside of allowed window.",
            "type": "OAuthException", "code": 10, "error_subcode": 2018278, "fbtrace_id": "BLBz/WZt8dN"}})))
        .mount(app.mock())
        .await;
    let late = app
        .post(
            "/api/inbox/reply",
            &[("conversation_id", &dm_thread), ("reply", "Sorry for the wait!")],
            editor,
        )
        .await;
    assert_eq!(late.status, 422);
    assert!(late.body.contains("within 24 hours"), "{}", late.body);
    let view = app.post("/api/inbox/get", &[("conversation_id", &dm_thread)], editor).await.json();
    assert_eq!(view["messages"][1]["content"], "Sorry for the wait!");
    assert_eq!(view["messages"][1]["delivery"], "failed");
    assert!(view["messages"][1]["error"].as_str().unwrap().contains("within 24 hours"));
    // Empty replies and other workspaces' replies go nowhere.
    assert_eq!(
        app.post("/api/inbox/reply", &[("conversation_id", &dm_thread), ("reply", "  ")], editor)
            .await
            .status,
        422
    );
    assert_eq!(
        app.post("/api/inbox/reply", &[("conversation_id", &dm_thread), ("reply", "Hi")], outsider)
            .await
            .status,
        404
    );
    assert_eq!(
        app.post("/api/inbox/reply", &[("conversation_id", &dm_thread), ("reply", "Hi")], viewer)
            .await
            .status,
        403
    );

    // A new message from the person opens a resolved thread again.
    let done = [("conversation_id", comment_thread.as_str()), ("conversation[status]", "resolved")];
    assert!(app.post("/api/inbox/triage", &done, editor).await.ok());
    let again = page_comment("111", "5001_9002", ("900", "Cinderella Hoover"), "Thanks!");
    assert!(deliver(&app, &again, "meta-secret").await.ok());
    let view =
        app.post("/api/inbox/get", &[("conversation_id", &comment_thread)], editor).await.json();
    assert_eq!(view["status"], "open");
    assert_eq!(view["sentiment"], "negative", "a person's sentiment stays");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_demo_inbox_has_300_conversations_to_work(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let mut accounts = Vec::new();
    for (platform, id) in [
        (SocialPlatform::Instagram, "ig"),
        (SocialPlatform::Facebook, "fb"),
        (SocialPlatform::Twitter, "x"),
        (SocialPlatform::Linkedin, "li"),
        (SocialPlatform::Threads, "th"),
    ] {
        accounts.push((connect_in(&app, app.a.id, platform, id).await, platform));
    }
    let team = vec![app.manager().await.id, app.editor().await.id];
    let mut tx = app.pg.begin().await.unwrap();
    app::contexts::inbox::server::demo::seed(&mut tx, app.a.id, &accounts, &team).await.unwrap();
    tx.commit().await.unwrap();
    let by_status: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM conversations WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1",
    )
    .bind(app.a.id)
    .fetch_all(&app.pg)
    .await
    .unwrap();
    let total: i64 = by_status.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 300, "{by_status:?}");
    let open = by_status.iter().find(|(s, _)| s == "open").map_or(0, |(_, n)| *n);
    assert!(open >= 20, "{by_status:?}");
    let kinds: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT type) FROM conversations WHERE workspace_id = $1",
    )
    .bind(app.a.id)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(kinds, 4, "comments, DMs, mentions and reviews");
    let page = app.post("/api/inbox/list", &[], app.editor().await).await.json();
    assert_eq!(page["total"], open);
    assert_eq!(page["lines"][0]["priority"], "urgent", "{}", page["lines"][0]);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_saved_reply_goes_out_with_the_persons_first_name(pg: PgPool) {
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, ResponseTemplate};
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let comment =
        page_comment("111", "5001_9001", ("900", "Cinderella Hoover"), "When do you open?");
    assert!(deliver(&app, &comment, "meta-secret").await.ok());
    let thread = thread_of(&app, "comment").await;
    let (editor, manager, outsider) =
        (app.editor().await, app.manager().await, app.outsider().await);

    let bad = app
        .post("/api/inbox/saved/save", &[("shortcut", "Opening Hours"), ("body", "x")], editor)
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("letters, digits and dashes"), "{}", bad.body);
    let form = [("shortcut", "/hours"), ("body", "Hi {name}, we open at 8 every day.")];
    assert!(app.post("/api/inbox/saved/save", &form, editor).await.ok());

    // An unknown shortcut sends nothing.
    let unknown = app
        .post("/api/inbox/reply", &[("conversation_id", &thread), ("reply", "/prices")], editor)
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("no saved reply"), "{}", unknown.body);

    Mock::given(method("POST"))
        .and(path("/meta/v21.0/5001_9001/comments"))
        .and(body_string_contains("message=Hi+Cinderella%2C+we+open+at+8+every+day."))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5001_9100"})))
        .expect(1)
        .mount(app.mock())
        .await;
    let sent = app
        .post("/api/inbox/reply", &[("conversation_id", &thread), ("reply", "/hours")], editor)
        .await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);

    // Listed on the conversation; only a manager may delete it, and only in
    // its own workspace.
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(view["saved_replies"][0][1], "hours");
    let id = view["saved_replies"][0][0].as_str().unwrap().to_owned();
    assert_eq!(app.post("/api/inbox/saved/delete", &[("reply_id", &id)], editor).await.status, 403);
    assert_eq!(
        app.post("/api/inbox/saved/delete", &[("reply_id", &id)], outsider).await.status,
        404
    );
    assert!(app.post("/api/inbox/saved/delete", &[("reply_id", &id)], manager).await.ok());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn triage_keeps_what_it_is_not_told_and_the_persons_next_message_reopens(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let first = page_comment("111", "5001_9001", ("900", "Cinderella Hoover"), "Hello?");
    assert!(deliver(&app, &first, "meta-secret").await.ok());
    let thread = thread_of(&app, "comment").await;
    let (editor, manager) = (app.editor().await, app.manager().await);
    let manager_id = manager.id.to_string();
    let form = [
        ("conversation_id", thread.as_str()),
        ("conversation[assignee]", manager_id.as_str()),
        ("conversation[tags]", "vip"),
        ("conversation[snooze]", "24"),
    ];
    assert!(app.post("/api/inbox/triage", &form, editor).await.ok());
    // Only the priority: the assignee, tags and snooze stay.
    let only = [("conversation_id", thread.as_str()), ("conversation[priority]", "high")];
    assert!(app.post("/api/inbox/triage", &only, editor).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(view["assignee"], manager_id.as_str(), "{view}");
    assert_eq!(view["tags"], json!(["vip"]));
    assert_eq!(view["status"], "pending");
    assert!(view["snoozed_until"].is_string(), "{view}");
    // Their next message opens it again, snooze or not.
    let next = page_comment("111", "5001_9002", ("900", "Cinderella Hoover"), "Anyone there?");
    assert!(deliver(&app, &next, "meta-secret").await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(view["status"], "open");
    assert!(view["snoozed_until"].is_null());

    // A delivery with an item the database cannot keep as sent (a NUL, an
    // over-long name) keeps the rest and is not refused for ever.
    let long = "x".repeat(400);
    let odd = json!({"object": "page", "entry": [{"id": "111", "time": 1764600100, "messaging": [
        {"sender": {"id": long}, "recipient": {"id": "111"}, "timestamp": 1764600001000_i64,
         "message": {"mid": "m_odd", "text": "nul \u{0} here"}},
        {"sender": {"id": "PSID-8"}, "recipient": {"id": "111"}, "timestamp": 1764600002000_i64,
         "message": {"mid": "m_fine", "text": "Fine message"}}]}]});
    assert!(deliver(&app, &odd, "meta-secret").await.ok());
    let dms: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations WHERE type = 'dm'")
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(dms, 2);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_reply_drafted_with_ai_waits_on_the_thread_and_goes_out_marked(pg: PgPool) {
    use wiremock::matchers::{body_partial_json, body_string_contains, method, path};
    use wiremock::{Mock, ResponseTemplate};
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let comment =
        page_comment("111", "5001_9001", ("900", "Cinderella Hoover"), "Is the decaf back?");
    assert!(deliver(&app, &comment, "meta-secret").await.ok());
    let thread = thread_of(&app, "comment").await;
    let (editor, viewer, outsider) = (app.editor().await, app.viewer().await, app.outsider().await);

    // The model reads the thread and the member's notes (OpenAI's documented
    // chat completions shape, as in ai_drafting.rs).
    let prompt = "Where: Facebook comment\nCustomer: Cinderella Hoover\n\nThe thread, oldest first:\nCustomer: Is the decaf back?\n\nWrite our next reply, following these notes from the team: restock lands Friday";
    Mock::given(method("POST"))
        .and(path("/openai/v1/chat/completions"))
        .and(body_partial_json(
            json!({"messages": [{"role": "system"}, {"role": "user", "content": prompt}]}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "chatcmpl-7", "object": "chat.completion", "created": 1764590400,
            "model": "llama3.1:8b",
            "choices": [{"index": 0, "message": {"role": "assistant",
                "content": "Hi Cinderella! Decaf is back on Friday."}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 60, "completion_tokens": 12, "total_tokens": 72}
        })))
        .expect(1)
        .mount(app.mock())
        .await;
    let form = [("conversation_id", thread.as_str()), ("reply", "restock lands Friday")];
    assert_eq!(app.post("/api/inbox/reply/draft", &form, viewer).await.status, 403);
    assert_eq!(app.post("/api/inbox/reply/draft", &form, outsider).await.status, 404);
    let drafted = app.post("/api/inbox/reply/draft", &form, editor).await;
    assert!(drafted.ok(), "{} {}", drafted.status, drafted.body);
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(view["draft"]["text"], "Hi Cinderella! Decaf is back on Friday.");
    assert_eq!(view["draft"]["note"], "Drafted with AI (llama3.1:8b, 72 tokens)");
    assert_eq!(view["messages"].as_array().unwrap().len(), 1, "a draft is not sent");

    // Sent from the draft (changed a little): marked, and the draft is gone.
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/5001_9001/comments"))
        .and(body_string_contains("message=Hi+Cinderella%21+Decaf+is+back+on+Friday+morning."))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5001_9100"})))
        .expect(1)
        .mount(app.mock())
        .await;
    let token = uuid::Uuid::new_v4().to_string();
    let send = [
        ("conversation_id", thread.as_str()),
        ("reply", "Hi Cinderella! Decaf is back on Friday morning."),
        ("drafted", "ai"),
        ("reply_token", token.as_str()),
    ];
    let sent = app.post("/api/inbox/reply", &send, editor).await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);
    // The same form again (a double click): nothing more is stored or sent
    // (the Graph mock expects one call).
    let again = app.post("/api/inbox/reply", &send, editor).await;
    assert!(again.ok(), "{} {}", again.status, again.body);
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(view["draft"], Value::Null);
    assert_eq!(view["messages"][1]["drafted_with_ai"], true, "{view}");
    assert_eq!(view["messages"][1]["automatic"], false);

    // Nothing to answer in a thread of our own replies only is said, and the
    // model is not asked.
    let none: Vec<uuid::Uuid> =
        sqlx::query_scalar("DELETE FROM messages WHERE direction = 'inbound' RETURNING id")
            .fetch_all(&app.pg)
            .await
            .unwrap();
    assert_eq!(none.len(), 1);
    let refused = app.post("/api/inbox/reply/draft", &form, editor).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("nothing to answer"), "{}", refused.body);
}
