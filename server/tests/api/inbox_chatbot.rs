//! The inbox's chatbot through the router and the queue: a manager sets it up;
//! a Messenger message that says a keyword is answered through the Graph API
//! (replayed as Meta documents it), once however often it is delivered or
//! looked at, marked automatic and not counted as the team's first response;
//! asking for a person hands the thread over and the bot stays out of it;
//! outside business hours with no answer the away message comes once, then the
//! team has the thread; another workspace's chatbot is its own.

use app::contexts::inbox::server::chatbot::{Answered, answer};
use app::contexts::integrations::server::service::Deps;
use app::contexts::integrations::types::SocialPlatform;
use serde_json::{Value, json};
use sqlx::PgPool;
use wiremock::matchers::{body_partial_json, body_string_contains, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::TestApp;
use crate::inbox::{connect_in, deliver};

async fn run_jobs(app: &TestApp) {
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
}

fn messenger(mid: &str, text: &str) -> Value {
    json!({"object": "page", "entry": [{"id": "111", "time": 1764600100, "messaging": [
        {"sender": {"id": "PSID-7"}, "recipient": {"id": "111"}, "timestamp": 1764600001000_i64,
         "message": {"mid": mid, "text": text}}]}]})
}

async fn view_of(app: &TestApp, kind: &str) -> Value {
    let id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM conversations WHERE workspace_id = $1 AND type = $2")
            .bind(app.a.id)
            .bind(kind)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    let editor = app.editor().await;
    app.post("/api/inbox/get", &[("conversation_id", &id.to_string())], editor).await.json()
}

async fn set_up(app: &TestApp, kinds: &[(&str, &str)], away: &str) {
    let manager = app.manager().await;
    let answer = [
        ("answer[keywords]", "hours, open"),
        ("answer[reply]", "Hi {name}, we open 8–18 every day."),
    ];
    let added = app.post("/api/inbox/settings/chatbot/answer", &answer, manager).await;
    assert!(added.ok(), "{} {}", added.status, added.body);
    let mut form = vec![
        ("chatbot[on]", "on"),
        ("chatbot[handover_words]", "human, agent"),
        ("chatbot[handover_reply]", "Someone from the team will answer soon."),
        ("chatbot[away]", away),
    ];
    form.extend_from_slice(kinds);
    let saved = app.post("/api/inbox/settings/chatbot", &form, manager).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_chatbot_answers_a_keyword_once_and_hands_over_when_asked(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let (editor, outsider) = (app.editor().await, app.outsider().await);

    // Managers only; refused forms say why.
    let on = [("chatbot[on]", "on")];
    assert_eq!(app.post("/api/inbox/settings/chatbot", &on, editor).await.status, 403);
    let none = app.post("/api/inbox/settings/chatbot", &on, app.manager().await).await;
    assert_eq!(none.status, 422);
    assert!(none.body.contains("Choose what the chatbot answers"), "{}", none.body);
    let empty = [("answer[keywords]", " , "), ("answer[reply]", "")];
    let refused = app.post("/api/inbox/settings/chatbot/answer", &empty, app.manager().await).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("at least one word") && refused.body.contains("Write the answer")
    );
    set_up(&app, &[("chatbot[dm]", "on")], "").await;
    let settings = app.post("/api/inbox/settings", &[], editor).await.json();
    assert_eq!(settings["chatbot"]["on"], true);
    assert_eq!(settings["chatbot"]["bot"]["answers"][0]["keywords"], json!(["hours", "open"]));
    let theirs = app.post("/api/inbox/settings", &[], outsider).await.json();
    assert_eq!(theirs["chatbot"]["on"], false, "another workspace's chatbot is its own");
    assert_eq!(theirs["chatbot"]["bot"]["answers"], json!([]));

    // A keyword: answered through Messenger, once, whatever is delivered again.
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/111/messages"))
        .and(body_partial_json(json!({"recipient": {"id": "PSID-7"},
            "message": {"text": "Hi there, we open 8–18 every day."}})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"recipient_id": "PSID-7", "message_id": "m_bot1"})),
        )
        .expect(1)
        .mount(app.mock())
        .await;
    let first = messenger("m_1", "When are you open on Sunday?");
    assert!(deliver(&app, &first, "meta-secret").await.ok());
    run_jobs(&app).await;
    assert!(deliver(&app, &first, "meta-secret").await.ok());
    run_jobs(&app).await;
    let view = view_of(&app, "dm").await;
    let messages = view["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2, "{view}");
    assert_eq!(messages[1]["automatic"], true);
    assert_eq!(messages[1]["delivery"], "sent");
    let (message, first_response): (uuid::Uuid, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as(
            "SELECT m.id, c.first_response_at FROM messages m
             JOIN conversations c ON c.id = m.conversation_id
             WHERE m.platform_message_id = 'm_1'",
        )
        .fetch_one(&app.pg)
        .await
        .unwrap();
    assert_eq!(first_response, None, "an automatic answer is not the team's first response");
    // Looked at again directly: already answered, nothing sent.
    let again = answer(&Deps::from_state(&app.state), app.a.id, message).await.unwrap();
    assert_eq!(again, Answered::Nothing);

    // Asking for a person: the hand-over reply, then the bot stays out.
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/111/messages"))
        .and(body_string_contains("Someone from the team will answer soon."))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"recipient_id": "PSID-7", "message_id": "m_bot2"})),
        )
        .expect(1)
        .mount(app.mock())
        .await;
    assert!(deliver(&app, &messenger("m_2", "Can I talk to a human?"), "meta-secret").await.ok());
    run_jobs(&app).await;
    assert!(
        deliver(&app, &messenger("m_3", "Also, are you open today?"), "meta-secret").await.ok()
    );
    run_jobs(&app).await;
    let view = view_of(&app, "dm").await;
    assert_eq!(view["bot_handover"], "they asked for a person");
    let messages = view["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 5, "{view}");
    let automatic = messages.iter().filter(|m| m["automatic"] == true).count();
    assert_eq!(automatic, 2, "no answer after the hand-over: {view}");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn outside_business_hours_the_away_message_comes_once_then_the_team_has_it(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    set_up(&app, &[("chatbot[comment]", "on")], "We're closed now and answer in the morning.")
        .await;
    // Sunday 2026-11-29 03:00 UTC: outside Monday–Friday 9–17.
    let sunday = 1764385200_i64;
    let comment = |id: &str, text: &str| {
        json!({"object": "page", "entry": [{"id": "111", "time": sunday, "changes": [{"field": "feed", "value": {
            "from": {"id": "900", "name": "Cinderella Hoover"}, "item": "comment", "verb": "add",
            "post_id": "111_5001", "comment_id": id, "parent_id": "111_5001",
            "created_time": sunday, "message": text}}]}]})
    };
    Mock::given(method("POST"))
        .and(path("/meta/v21.0/5001_9001/comments"))
        .and(body_string_contains("message=We%27re+closed+now"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5001_9100"})))
        .expect(1)
        .mount(app.mock())
        .await;
    assert!(
        deliver(&app, &comment("5001_9001", "My beans arrived stale"), "meta-secret").await.ok()
    );
    run_jobs(&app).await;
    assert!(deliver(&app, &comment("5001_9002", "Hello??"), "meta-secret").await.ok());
    run_jobs(&app).await;
    let view = view_of(&app, "comment").await;
    let messages = view["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3, "{view}");
    let automatic: Vec<&Value> = messages.iter().filter(|m| m["automatic"] == true).collect();
    assert_eq!(automatic.len(), 1, "one away message: {view}");
    assert_eq!(automatic[0]["content"], "We're closed now and answer in the morning.");
    assert_eq!(view["bot_handover"], "the bot had no answer");
}
