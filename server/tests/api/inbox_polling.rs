//! The inbox's polling through the queue, against the platforms' documented
//! answers (replayed by wiremock): connecting an X, YouTube or Reddit account
//! books a read; each read starts from the account's cursor (X's `since_id`
//! and `pagination_token`, YouTube's and Reddit's newest time), pages through
//! what is new, stores a message once however often it is read, and keeps a
//! rate limit's words with the cursor where it was; replies go back through
//! each platform's API; another workspace sees none of it.

use app::contexts::integrations::types::SocialPlatform;
use serde_json::{Value, json};
use sqlx::PgPool;
use wiremock::matchers::{
    body_partial_json, body_string_contains, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::TestApp;
use crate::inbox::connect_in;

async fn run_jobs(app: &TestApp) {
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
}

/// "Read now", as a member presses it, then the queue's work.
async fn read_now(app: &TestApp) {
    let editor = app.editor().await;
    let asked = app.post("/api/inbox/read-now", &[], editor).await;
    assert!(asked.ok(), "{} {}", asked.status, asked.body);
    run_jobs(app).await;
}

/// X's mention timeline answer, as its API reference shows it.
fn mentions(tweets: &[(&str, &str)], next: Option<&str>) -> Value {
    let data: Vec<Value> = tweets
        .iter()
        .map(|(id, text)| json!({
            "id": id, "text": text, "author_id": "1593010003", "conversation_id": "1860000000000000000",
            // Later ids were posted later (X's ids grow with time).
            "created_at": format!("2026-12-01T10:0{}:00.000Z", &id[id.len() - 1..]),
            "edit_history_tweet_ids": [id]
        }))
        .collect();
    let mut meta = json!({"newest_id": tweets[0].0, "oldest_id": tweets.last().unwrap().0, "result_count": tweets.len()});
    if let Some(token) = next {
        meta["next_token"] = json!(token);
    }
    json!({
        "data": data,
        "includes": {"users": [{"id": "1593010003", "name": "Mia Chen", "username": "miachen",
            "public_metrics": {"followers_count": 12500, "following_count": 300, "tweet_count": 1200, "listed_count": 4}}]},
        "meta": meta
    })
}

async fn thread_messages(app: &TestApp, kind: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT c.participant_name, m.content, m.platform_message_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.workspace_id = $1 AND c.type = $2 AND m.direction = 'inbound'
         ORDER BY m.created_at, m.platform_message_id",
    )
    .bind(app.a.id)
    .bind(kind)
    .fetch_all(&app.pg)
    .await
    .unwrap()
}

async fn cursor(app: &TestApp) -> (Option<String>, Option<String>) {
    sqlx::query_as("SELECT cursor, last_error FROM inbox_poll_cursors WHERE workspace_id = $1")
        .bind(app.a.id)
        .fetch_one(&app.pg)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn x_mentions_are_read_from_where_the_last_read_stopped_and_answered(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let timeline = "/x/2/users/2244994945/mentions";
    // The first read: the latest page only, from no cursor.
    Mock::given(method("GET"))
        .and(path(timeline))
        .and(query_param_is_missing("since_id"))
        .and(query_param("expansions", "author_id"))
        .respond_with(ResponseTemplate::new(200).set_body_json(mentions(
            &[("1861000000000000002", "@northwind is the decaf back?")],
            Some("never-followed"),
        )))
        .expect(1)
        .mount(app.mock())
        .await;
    connect_in(&app, app.a.id, SocialPlatform::Twitter, "2244994945").await;
    run_jobs(&app).await;
    let heard = thread_messages(&app, "mention").await;
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert_eq!(heard[0].0, "Mia Chen (@miachen)");
    assert_eq!(cursor(&app).await, (Some("1861000000000000002".into()), None));
    let followers: Option<i32> = sqlx::query_scalar(
        "SELECT participant_followers FROM conversations WHERE type = 'mention'",
    )
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(followers, Some(12500));

    // The next read: since the newest seen, every page (pagination_token from
    // next_token); a post read again is not stored twice.
    Mock::given(method("GET"))
        .and(path(timeline))
        .and(query_param("since_id", "1861000000000000002"))
        .and(query_param_is_missing("pagination_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(mentions(
            &[("1861000000000000004", "@northwind also, oat milk?")],
            Some("7140dibdnow9c7btw3z2vwioavpvutgzrzm9icis4ndix"),
        )))
        .expect(1)
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path(timeline))
        .and(query_param("since_id", "1861000000000000002"))
        .and(query_param("pagination_token", "7140dibdnow9c7btw3z2vwioavpvutgzrzm9icis4ndix"))
        .respond_with(ResponseTemplate::new(200).set_body_json(mentions(
            &[
                ("1861000000000000003", "@northwind and the cups?"),
                ("1861000000000000002", "@northwind is the decaf back?"),
            ],
            None,
        )))
        .expect(1)
        .mount(app.mock())
        .await;
    read_now(&app).await;
    let heard = thread_messages(&app, "mention").await;
    assert_eq!(heard.len(), 3, "one thread, each post once: {heard:?}");
    assert_eq!(cursor(&app).await.0.as_deref(), Some("1861000000000000004"));

    // A rate limit: X's words kept, the cursor where it was, the next read
    // booked for when X says.
    // (The earlier answers are for other cursors.)
    let reset = (chrono::Utc::now().timestamp() + 900).to_string();
    Mock::given(method("GET"))
        .and(path(timeline))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-rate-limit-reset", reset.as_str())
                .set_body_json(json!({"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429})),
        )
        .mount(app.mock())
        .await;
    read_now(&app).await;
    let (kept, error) = cursor(&app).await;
    assert_eq!(kept.as_deref(), Some("1861000000000000004"));
    assert!(error.as_deref().unwrap().starts_with("X is limiting how often Aura may read it"));
    let due: chrono::DateTime<chrono::Utc> = sqlx::query_scalar(
        "SELECT scheduled_for FROM scheduled_tasks
         WHERE type = 'inbox_poll' AND status = 'pending' AND workspace_id = $1",
    )
    .bind(app.a.id)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert!(due > chrono::Utc::now() + chrono::Duration::minutes(10), "{due}");

    // The settings page says how it went; another workspace sees none of it.
    let editor = app.editor().await;
    let settings = app.post("/api/inbox/settings", &[], editor).await.json();
    assert_eq!(settings["polled"][0]["heard"], 3, "{settings}");
    assert!(settings["polled"][0]["error"].as_str().unwrap().contains("limiting"));
    let outsider = app.outsider().await;
    let theirs = app.post("/api/inbox/settings", &[], outsider).await.json();
    assert_eq!(theirs["polled"], json!([]));
    assert_eq!(app.post("/api/inbox/list", &[], outsider).await.json()["total"], 0);
    assert_eq!(app.post("/api/inbox/read-now", &[], app.viewer().await).await.status, 403);

    // An answer goes out as X's reply to the latest post.
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .and(body_partial_json(json!({"text": "Yes, oat milk every day!", "reply": {"in_reply_to_tweet_id": "1861000000000000004"}})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"data": {
            "id": "1861000000000000009", "text": "Yes, oat milk every day!",
            "edit_history_tweet_ids": ["1861000000000000009"]}})))
        .expect(1)
        .mount(app.mock())
        .await;
    let thread: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM conversations WHERE type = 'mention'")
            .fetch_one(&app.pg)
            .await
            .unwrap();
    let form =
        [("conversation_id", thread.to_string()), ("reply", "Yes, oat milk every day!".into())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = app.post("/api/inbox/reply", &form, editor).await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn youtube_comments_and_reddit_replies_and_messages_land_and_are_answered(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    // YouTube: the channel's comment threads, newest first, as the Data API
    // reference shapes them.
    let comment = |id: &str, text: &str, at: &str| {
        json!({"kind": "youtube#commentThread", "etag": "e", "id": id, "snippet": {
            "channelId": "UCnorthwind", "videoId": "dQw4w9WgXcQ", "canReply": true,
            "totalReplyCount": 0, "isPublic": true,
            "topLevelComment": {"kind": "youtube#comment", "etag": "e", "id": id, "snippet": {
                "channelId": "UCnorthwind", "videoId": "dQw4w9WgXcQ", "textDisplay": text,
                "authorDisplayName": "@brewnerd", "authorProfileImageUrl": "https://yt3.ggpht.com/a",
                "authorChannelUrl": "http://www.youtube.com/@brewnerd",
                "authorChannelId": {"value": "UCbrewnerd"}, "canRate": true,
                "viewerRating": "none", "likeCount": 3, "publishedAt": at, "updatedAt": at}}}})
    };
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/commentThreads"))
        .and(query_param("allThreadsRelatedToChannelId", "UCnorthwind"))
        .and(query_param("textFormat", "plainText"))
        .and(query_param_is_missing("pageToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#commentThreadListResponse", "etag": "e",
            "pageInfo": {"totalResults": 1, "resultsPerPage": 100},
            "items": [comment("UgzFirst", "What grinder is that?", "2026-12-01T09:00:00Z")]})))
        .up_to_n_times(1)
        .mount(app.mock())
        .await;
    // Reddit: the account's inbox, a comment reply and a private message.
    Mock::given(method("GET"))
        .and(path("/reddit/message/inbox"))
        .and(query_param("mark", "false"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"kind": "Listing", "data": {
            "after": null, "before": null, "dist": 2, "modhash": null, "geo_filter": "",
            "children": [
                {"kind": "t4", "data": {"id": "4c96mt", "name": "t4_4c96mt", "author": "hamfast42",
                    "body": "Do you ship to Canada?", "created_utc": 1764583200.0, "subject": "shipping",
                    "subreddit": null, "context": "", "parent_id": null, "was_comment": false,
                    "first_message": null, "first_message_name": null, "new": true, "dest": "northwind"}},
                {"kind": "t1", "data": {"id": "nhy70wb", "name": "t1_nhy70wb", "author": "lidiiaaooa",
                    "body": "This roast is great", "created_utc": 1764579600.0, "subject": "post reply",
                    "subreddit": "coffee", "link_title": "Our winter roast",
                    "context": "/r/coffee/comments/1nwcf64/our_winter_roast/nhy70wb/?context=3",
                    "parent_id": "t3_1nwcf64", "was_comment": true, "first_message": null,
                    "first_message_name": null, "new": true, "type": "post_reply", "dest": "northwind"}}
            ]}})))
        .mount(app.mock())
        .await;
    connect_in(&app, app.a.id, SocialPlatform::Youtube, "UCnorthwind").await;
    connect_in(&app, app.a.id, SocialPlatform::Reddit, "northwind").await;
    run_jobs(&app).await;
    let comments = thread_messages(&app, "comment").await;
    assert_eq!(comments.len(), 2, "{comments:?}");
    assert!(comments.iter().any(|c| c.0 == "@brewnerd" && c.2 == "UgzFirst"));
    assert!(comments.iter().any(|c| c.0 == "u/lidiiaaooa" && c.2 == "t1_nhy70wb"));
    let dms = thread_messages(&app, "dm").await;
    assert_eq!(
        dms,
        vec![("u/hamfast42".into(), "Do you ship to Canada?".into(), "t4_4c96mt".into())]
    );

    // YouTube again: two pages; the read stops at the comment it had seen.
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/commentThreads"))
        .and(query_param_is_missing("pageToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#commentThreadListResponse", "nextPageToken": "QURTSl9p",
            "pageInfo": {"totalResults": 3, "resultsPerPage": 1},
            "items": [comment("UgzThird", "Price of the beans?", "2026-12-01T11:00:00Z")]})))
        .expect(1)
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/commentThreads"))
        .and(query_param("pageToken", "QURTSl9p"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#commentThreadListResponse", "nextPageToken": "QURTSl9q",
            "pageInfo": {"totalResults": 3, "resultsPerPage": 2},
            "items": [comment("UgzSecond", "Love it", "2026-12-01T10:00:00Z"),
                      comment("UgzFirst", "What grinder is that?", "2026-12-01T09:00:00Z")]})))
        .expect(1)
        .mount(app.mock())
        .await;
    read_now(&app).await;
    let comments = thread_messages(&app, "comment").await;
    assert_eq!(comments.len(), 4, "{comments:?}");

    // Answers: a YouTube comment reply to the top-level comment, a Reddit
    // reply to the private message by its fullname.
    Mock::given(method("POST"))
        .and(path("/youtube/youtube/v3/comments"))
        .and(query_param("part", "snippet"))
        .and(body_partial_json(json!({"snippet": {"parentId": "UgzThird", "textOriginal": "18 dollars a bag."}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#comment", "etag": "e", "id": "UgzThird.9zQ",
            "snippet": {"parentId": "UgzThird", "textDisplay": "18 dollars a bag.", "textOriginal": "18 dollars a bag."}})))
        .expect(1)
        .mount(app.mock())
        .await;
    Mock::given(method("POST"))
        .and(path("/reddit/api/comment"))
        .and(body_string_contains("thing_id=t4_4c96mt"))
        .and(body_string_contains("api_type=json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"json": {"errors": [], "data": {
            "things": [{"kind": "t4", "data": {"id": "4ca1zz", "name": "t4_4ca1zz", "body": "We do!"}}]}}})))
        .expect(1)
        .mount(app.mock())
        .await;
    let editor = app.editor().await;
    let thread_of = |participant: &'static str| {
        let pg = app.pg.clone();
        async move {
            let id: uuid::Uuid = sqlx::query_scalar(
                "SELECT id FROM conversations WHERE participant_name = $1 ORDER BY last_message_at DESC LIMIT 1",
            )
            .bind(participant)
            .fetch_one(&pg)
            .await
            .unwrap();
            id.to_string()
        }
    };
    let youtube = thread_of("@brewnerd").await;
    let sent = app
        .post(
            "/api/inbox/reply",
            &[("conversation_id", &youtube), ("reply", "18 dollars a bag.")],
            editor,
        )
        .await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);
    let dm = thread_of("u/hamfast42").await;
    let sent = app
        .post("/api/inbox/reply", &[("conversation_id", &dm), ("reply", "We do!")], editor)
        .await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);

    // Reddit's refusal arrives as a 200 with its errors; said in its words.
    Mock::given(method("POST"))
        .and(path("/reddit/api/comment"))
        .and(body_string_contains("thing_id=t1_nhy70wb"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"json": {"errors": [
            ["THREAD_LOCKED", "Comments are locked.", "parent"]]}})))
        .mount(app.mock())
        .await;
    let locked = thread_of("u/lidiiaaooa").await;
    let refused = app
        .post("/api/inbox/reply", &[("conversation_id", &locked), ("reply", "Thanks!")], editor)
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Comments are locked."), "{}", refused.body);
}
