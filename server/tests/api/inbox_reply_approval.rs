//! Reply approval through the router: a chain for inbox replies holds an
//! editor's reply (nothing reaches the platform), the approver asks for
//! changes (the reply comes back with the comment), the edited reply is
//! approved and only then sent through the Graph API; the chain's own
//! approvers send directly; posts' chains and lists are untouched; another
//! workspace reaches none of it.

use app::contexts::integrations::types::SocialPlatform;
use serde_json::{Value, json};
use sqlx::PgPool;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::TestApp;
use crate::inbox::{connect_in, deliver, page_comment, thread_of};

fn replies(view: &Value) -> Vec<Value> {
    view["messages"].as_array().unwrap().iter().filter(|m| m["inbound"] == false).cloned().collect()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_reply_chain_holds_a_reply_until_it_is_approved_then_sends_it(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let comment = page_comment("111", "5001_9001", ("900", "Ana Brooks"), "Do you ship to Canada?");
    assert!(deliver(&app, &comment, "meta-secret").await.ok());
    let thread = thread_of(&app, "comment").await;
    let (owner, manager, editor, outsider) =
        (app.owner().await, app.manager().await, app.editor().await, app.outsider().await);

    let chain = [
        ("chain_id", ""),
        ("chain[name]", "Reply check"),
        ("chain[active]", "on"),
        ("chain[subject]", "replies"),
        ("chain[level1.mode]", "any"),
        ("chain[level1.role]", "manager"),
    ];
    let saved = app.post("/api/approvals/save_chain", &chain, owner).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    let chains = app.post("/api/approvals/chains", &[], owner).await.json();
    assert_eq!(chains["chains"][0]["covers"], "Inbox replies from every account");

    // Sent only once approved: the Graph API hears one reply, the edited one.
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/5001_9001/comments"))
        .and(body_string_contains("message=Yes%2C+we+ship+to+Canada+in+5+days."))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5001_9100"})))
        .expect(1)
        .mount(app.mock())
        .await;

    let reply = [("conversation_id", thread.as_str()), ("reply", "Yes we ship")];
    let held = app.post("/api/inbox/reply", &reply, editor).await;
    assert!(held.ok(), "{} {}", held.status, held.body);
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], manager).await.json();
    let waiting = &replies(&view)[0];
    assert_eq!(waiting["delivery"], "awaiting_approval", "{view}");
    assert_eq!(waiting["can_decide"], true);
    assert!(!waiting["waiting_on"].as_array().unwrap().is_empty());
    let message = waiting["id"].as_str().unwrap().to_owned();
    let mine = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(replies(&mine)[0]["can_decide"], false, "the author never approves");

    // The Home card points the approver at it.
    let home = app.post("/api/home", &[], manager).await;
    assert!(home.ok() && home.body.contains("Reply approvals"), "{}", home.body);
    let decide = |decision: &'static str, comment: &'static str, who| {
        let (app, thread, message) = (&app, thread.clone(), message.clone());
        async move {
            let form = [
                ("conversation_id", thread.as_str()),
                ("message_id", message.as_str()),
                ("decision", decision),
                ("comment", comment),
            ];
            app.post("/api/inbox/reply/decide", &form, who).await
        }
    };
    assert_eq!(decide("approve", "", outsider).await.status, 404, "another workspace");
    let own = decide("approve", "", editor).await;
    assert_eq!(own.status, 422);
    assert!(own.body.contains("You wrote this reply"), "{}", own.body);
    assert_eq!(decide("request_changes", "", manager).await.status, 422, "a comment is needed");
    assert!(decide("request_changes", "Say how long it takes.", manager).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    let returned = &replies(&view)[0];
    assert_eq!(returned["delivery"], "returned");
    assert!(returned["error"].as_str().unwrap().contains("Say how long it takes."), "{returned}");
    assert_eq!(decide("approve", "", manager).await.status, 422, "decided already");

    // The edited reply waits again, and goes out once approved.
    let edited =
        [("conversation_id", thread.as_str()), ("reply", "Yes, we ship to Canada in 5 days.")];
    assert!(app.post("/api/inbox/reply", &edited, editor).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], manager).await.json();
    let second = replies(&view)[1].clone();
    assert_eq!(second["delivery"], "awaiting_approval");
    let pairs = [
        ("conversation_id", thread.as_str()),
        ("message_id", second["id"].as_str().unwrap()),
        ("decision", "approve"),
    ];
    let approved = app.post("/api/inbox/reply/decide", &pairs, manager).await;
    assert!(approved.ok(), "{} {}", approved.status, approved.body);
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], editor).await.json();
    assert_eq!(replies(&view)[1]["delivery"], "sent", "{view}");

    // A first-level approver's own reply is not held (and is sent).
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/5001_9001/comments"))
        .and(body_string_contains("message=Thanks+Ana"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5001_9101"})))
        .expect(1)
        .mount(app.mock())
        .await;
    let direct = [("conversation_id", thread.as_str()), ("reply", "Thanks Ana")];
    assert!(app.post("/api/inbox/reply", &direct, manager).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &thread)], manager).await.json();
    assert_eq!(replies(&view)[2]["delivery"], "sent");

    // Posts' approvals are not the replies': nothing listed, nothing counted.
    let waiting_posts: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM approvals WHERE workspace_id = $1 AND post_id IS NOT NULL",
    )
    .bind(app.a.id)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(waiting_posts, 0);
}
