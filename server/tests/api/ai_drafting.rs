//! "Draft with AI" and "rewrite for <platform>" against an OpenAI-compatible
//! chat completions server (wiremock, answering as OpenAI documents it): the
//! draft lands as the post's text and is marked as AI-drafted, the same request
//! within a day comes from `ai_cache` without a second call, a rewrite fills one
//! account's own text; a provider's refusal or a missing setup is said on the
//! form, and nothing typed is lost (the form's fields come back in the echo).

use app::contexts::integrations::server::service::add_demo_social_account;
use app::contexts::integrations::types::SocialPlatform;
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::{TestApp, location};

fn completion(text: &str) -> serde_json::Value {
    json!({
        "id": "chatcmpl-123",
        "object": "chat.completion",
        "created": 1764590400,
        "model": "llama3.1:8b",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 56, "completion_tokens": 31, "total_tokens": 87}
    })
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_draft_comes_from_the_model_once_and_then_from_the_cache(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mut tx = app.pg.begin().await.unwrap();
    let x = add_demo_social_account(&mut tx, app.a.id, SocialPlatform::Twitter, "nw", "Northwind")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let draft = "Our holiday blend is back: chocolate, cherry and a little spice. #holidayblend";
    Mock::given(method("POST"))
        .and(path("/openai/v1/chat/completions"))
        .and(header("authorization", "Bearer sk-test"))
        .and(body_partial_json(json!({"model": "llama3.1:8b", "messages": [{"role": "system"}, {"role": "user", "content": "Write a post about: the holiday blend is back"}]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion(draft)))
        .expect(1)
        .mount(app.mock())
        .await;
    Mock::given(method("POST"))
        .and(path("/openai/v1/chat/completions"))
        .and(body_partial_json(json!({"messages": [{"role": "system"}, {"role": "user", "content": format!("Rewrite this post for X in at most 280 characters:\n\n{draft}")}]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(completion("Holiday blend is back ☕ #holidayblend")))
        .expect(1)
        .mount(app.mock())
        .await;
    let editor = app.editor().await.cookie.clone();
    let form = [
        ("post_id", ""),
        ("post[text]", ""),
        ("post[ai_prompt]", "the holiday blend is back"),
        ("post[intent]", "ai_draft"),
    ];
    let saved = app.post("/api/posts/save", &form, &editor).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    let id = location(&saved).trim_start_matches("/posts/").to_owned();
    let post =
        app.post("/api/posts/composer", &[("post_id", &id)], &editor).await.json()["post"].clone();
    assert_eq!(post["text"], draft);
    assert_eq!(post["status"], "draft");
    assert_eq!(post["ai_note"], "Drafted with AI (llama3.1:8b, 87 tokens)");

    // The same request again: from the cache, and it says so.
    let again = app.post("/api/posts/save", &form, &editor).await;
    let again_id = location(&again).trim_start_matches("/posts/").to_owned();
    let post =
        app.post("/api/posts/composer", &[("post_id", &again_id)], &editor).await.json()["post"]
            .clone();
    assert_eq!(post["text"], draft);
    assert_eq!(post["ai_note"], "Drafted with AI (llama3.1:8b, answered from the day's cache)");
    let cached = app
        .mongo
        .collection::<mongodb::bson::Document>("ai_cache")
        .count_documents(
            mongodb::bson::doc! { "workspaceId": app.a.id.to_string(), "agentType": "draft" },
        )
        .await
        .unwrap();
    assert_eq!(cached, 1);

    // Rewritten for X: that account's own text, the account chosen.
    let rewrite = format!("rewrite.{x}");
    let form =
        [("post_id", id.as_str()), ("post[text]", draft), ("post[intent]", rewrite.as_str())];
    assert!(app.post("/api/posts/save", &form, &editor).await.ok());
    let post =
        app.post("/api/posts/composer", &[("post_id", &id)], &editor).await.json()["post"].clone();
    assert_eq!(post["targets"][0]["overrides"]["text"], "Holiday blend is back ☕ #holidayblend");
    assert_eq!(post["text"], draft);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn provider_errors_and_a_missing_setup_are_said_on_the_form(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    Mock::given(method("POST"))
        .and(path("/openai/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {
            "message": "Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.",
            "type": "invalid_request_error", "param": null, "code": "invalid_api_key"
        }})))
        .mount(app.mock())
        .await;
    let editor = app.editor().await.cookie.clone();
    let form = [
        ("post_id", ""),
        ("post[text]", "Kept"),
        ("post[ai_prompt]", "winter hours"),
        ("post[intent]", "ai_draft"),
    ];
    let refused = app.post("/api/posts/save", &form, &editor).await;
    assert_eq!(refused.status, 422);
    let said = refused.json()["Invalid"]["ai_prompt"][0].as_str().unwrap().to_owned();
    assert!(
        said.starts_with("The AI provider refused Aura's key: \"Incorrect API key provided"),
        "{said}"
    );
    assert!(said.ends_with("Check AURA_AI_API_KEY."), "{said}");
    let empty = [
        ("post_id", ""),
        ("post[text]", ""),
        ("post[ai_prompt]", " "),
        ("post[intent]", "ai_draft"),
    ];
    let refused = app.post("/api/posts/save", &empty, &editor).await;
    assert!(
        refused.json()["Invalid"]["ai_prompt"][0]
            .as_str()
            .unwrap()
            .starts_with("Say what the post is about")
    );
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_server_without_ai_settings_names_them_in_the_composer_and_on_the_form(pg: PgPool) {
    let bare = TestApp::new(pg).await;
    let editor = bare.editor().await.cookie.clone();
    let form = [
        ("post_id", ""),
        ("post[text]", "Kept"),
        ("post[ai_prompt]", "winter hours"),
        ("post[intent]", "ai_draft"),
    ];
    let composer = bare.post("/api/posts/composer", &[("post_id", "")], &editor).await.json();
    assert!(
        composer["ai_setup"].as_str().unwrap().contains("AURA_AI_BASE_URL and AURA_AI_MODEL"),
        "{composer}"
    );
    let refused = bare.post("/api/posts/save", &form, &editor).await;
    assert!(
        refused.json()["Invalid"]["ai_prompt"][0]
            .as_str()
            .unwrap()
            .starts_with("AI drafting is not set up")
    );
}
