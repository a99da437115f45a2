//! Listening through the router: a search runs on X's recent search (replayed
//! as X documents it), from where it stopped (`since_id`), its mentions stored
//! once, searched by word with the words marked, filtered; a rate limit kept
//! as the reason and the run booked for later; trends and influencers; a
//! mention sent to the inbox; and another workspace reaching none of it.

use app::contexts::integrations::types::SocialPlatform;
use serde_json::{Value, json};
use sqlx::PgPool;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::TestApp;
use crate::inbox::connect_in;

/// X's recent-search answer, as its API reference shows it.
fn found(tweets: &[(&str, &str, &str)], newest: &str, next: Option<&str>) -> Value {
    let now = chrono::Utc::now();
    let data: Vec<Value> = tweets
        .iter()
        .enumerate()
        .map(|(n, (id, author, text))| json!({
            "id": id, "text": text, "author_id": author, "lang": "en",
            "created_at": (now - chrono::Duration::minutes(n as i64 * 5)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "edit_history_tweet_ids": [id],
            "public_metrics": {"retweet_count": 2, "reply_count": 1, "like_count": 10, "quote_count": 0, "bookmark_count": 0, "impression_count": 900}
        }))
        .collect();
    let mut meta = json!({"newest_id": newest, "oldest_id": tweets.last().map(|t| t.0), "result_count": tweets.len()});
    if let Some(token) = next {
        meta["next_token"] = json!(token);
    }
    json!({
        "data": data,
        "includes": {"users": [
            {"id": "2244994945", "name": "Ana Brooks", "username": "anabrooks", "created_at": "2013-12-14T04:35:55.000Z",
             "profile_image_url": "https://pbs.twimg.com/profile_images/1/ana_normal.jpg",
             "public_metrics": {"followers_count": 52000, "following_count": 300, "tweet_count": 4100, "listed_count": 20, "like_count": 900}},
            {"id": "783214", "name": "Leo Park", "username": "leopark", "created_at": "2026-11-20T10:00:00.000Z",
             "public_metrics": {"followers_count": 120, "following_count": 80, "tweet_count": 30, "listed_count": 0}}
        ]},
        "meta": meta
    })
}

async fn run_jobs(app: &TestApp) {
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
}

async fn mention_count(app: &TestApp, workspace: app::kernel::WorkspaceId) -> u64 {
    app.mongo
        .collection::<mongodb::bson::Document>("mentions")
        .count_documents(mongodb::bson::doc! { "workspaceId": workspace.to_string() })
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn searches_run_on_x_from_where_they_stopped_and_mentions_are_searched(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let (editor, manager, viewer, outsider) =
        (app.editor().await, app.manager().await, app.viewer().await, app.outsider().await);
    connect_in(&app, app.a.id, SocialPlatform::Twitter, "1500").await;

    // Page 1 and 2 of the first run; the second run starts from the newest id.
    Mock::given(method("GET"))
        .and(path("/x/2/tweets/search/recent"))
        .and(query_param("query", "(\"Northwind Coffee\" OR #coldbrew) -is:retweet"))
        .and(query_param("expansions", "author_id"))
        .and(query_param("next_token", "b26v89c19zqg8o3f"))
        .respond_with(ResponseTemplate::new(200).set_body_json(found(
            &[("1800000000000000001", "783214", "Northwind Coffee was closed at 8, terrible")],
            "1800000000000000001",
            None,
        )))
        .expect(1)
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/x/2/tweets/search/recent"))
        .and(query_param("since_id", "1800000000000000003"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"meta": {"result_count": 0}})),
        )
        .expect(1)
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/x/2/tweets/search/recent"))
        .respond_with(ResponseTemplate::new(200).set_body_json(found(
            &[
                (
                    "1800000000000000003",
                    "2244994945",
                    "Loving the #coldbrew at Northwind Coffee, roasted to perfection",
                ),
                ("1800000000000000002", "783214", "Is Northwind Coffee open on Sunday?"),
            ],
            "1800000000000000003",
            Some("b26v89c19zqg8o3f"),
        )))
        .up_to_n_times(1)
        .mount(app.mock())
        .await;

    let search = [
        ("query[name]", "Our brand"),
        ("query[kind]", "brand"),
        ("query[terms]", "Northwind Coffee, #coldbrew"),
        ("query[platform_twitter]", "on"),
        ("query[active]", "on"),
    ];
    assert_eq!(app.post("/api/listening/queries/save", &search, viewer).await.status, 403);
    let saved = app.post("/api/listening/queries/save", &search, editor).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    assert_eq!(
        app.post("/api/listening/queries/save", &search, editor).await.status,
        422,
        "a name in use"
    );
    let nothing =
        [("query[name]", "Empty"), ("query[terms]", "the, a"), ("query[platform_twitter]", "on")];
    assert_eq!(app.post("/api/listening/queries/save", &nothing, editor).await.status, 422);
    run_jobs(&app).await;
    assert_eq!(mention_count(&app, app.a.id).await, 3, "both pages stored");
    assert_eq!(mention_count(&app, app.b.id).await, 0);

    // Again: from the newest id, nothing new, nothing twice.
    assert!(app.post("/api/listening/run", &[], editor).await.ok());
    run_jobs(&app).await;
    assert_eq!(mention_count(&app, app.a.id).await, 3);

    // Searched by word in any form, the words marked; filtered by sentiment.
    let page = app.post("/api/listening/mentions", &[("filter[q]", "roasting")], editor).await;
    assert!(page.ok(), "{}", page.body);
    let page = page.json();
    assert_eq!(page["total"], 1, "{page}");
    let marked: Vec<&str> = page["lines"][0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s[1] == true)
        .map(|s| s[0].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["roasted"]);
    assert_eq!(page["lines"][0]["author_username"], "anabrooks");
    assert_eq!(page["lines"][0]["followers"], 52000);
    let negative = app
        .post("/api/listening/mentions", &[("filter[sentiment]", "negative")], editor)
        .await
        .json();
    assert_eq!(negative["total"], 1);
    assert_eq!(app.post("/api/listening/mentions", &[], viewer).await.status, 403);
    let theirs = app.post("/api/listening/mentions", &[], outsider).await.json();
    assert_eq!(theirs["total"], 0, "another workspace sees none of it");

    // Trends and influencers were worked out after the run.
    let trends: Vec<&str> =
        page["trends"].as_array().unwrap().iter().filter_map(|t| t["value"].as_str()).collect();
    assert!(trends.contains(&"coldbrew"), "{trends:?}");
    let influencers = app.post("/api/listening/influencers", &[], editor).await.json();
    let leo = influencers["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["username"] == "leopark")
        .unwrap()
        .clone();
    assert!(
        leo["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("days old")),
        "{leo}"
    );
    let save = [("platform", "twitter"), ("username", "anabrooks"), ("list", "Ambassadors")];
    assert!(app.post("/api/listening/influencers/save", &save, editor).await.ok());
    assert_eq!(app.post("/api/listening/influencers/save", &save, outsider).await.status, 404);
    let list =
        app.post("/api/listening/influencers", &[("list", "Ambassadors")], editor).await.json();
    assert_eq!(list["lines"].as_array().unwrap().len(), 1);

    // One mention opened, sent to the inbox (once), not reachable from elsewhere.
    let id = page["lines"][0]["id"].as_str().unwrap().to_owned();
    let one = app.post("/api/listening/mention", &[("mention_id", &id)], editor).await;
    assert!(one.ok(), "{}", one.body);
    assert_eq!(
        app.post("/api/listening/mention", &[("mention_id", &id)], outsider).await.status,
        404
    );
    assert_eq!(
        app.post("/api/listening/to-inbox", &[("mention_id", &id)], outsider).await.status,
        404
    );
    let sent = app.post("/api/listening/to-inbox", &[("mention_id", &id)], editor).await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);
    let again = app.post("/api/listening/to-inbox", &[("mention_id", &id)], editor).await;
    assert_eq!(sent.json(), again.json(), "the same conversation");
    let conversation = app
        .post("/api/inbox/get", &[("conversation_id", sent.json().as_str().unwrap())], editor)
        .await
        .json();
    assert_eq!(conversation["kind"], "mention");
    assert!(conversation["messages"][0]["content"].as_str().unwrap().contains("roasted"));

    // Deleting the search keeps what it found.
    let queries = app.post("/api/listening/queries", &[], manager).await.json();
    let query = queries["queries"][0]["id"].as_str().unwrap().to_owned();
    assert!(queries["queries"][0]["last_run_at"].is_string());
    assert_eq!(
        app.post("/api/listening/queries/delete", &[("query_id", &query)], editor).await.status,
        403
    );
    assert_eq!(
        app.post("/api/listening/queries/delete", &[("query_id", &query)], outsider).await.status,
        404
    );
    assert!(app.post("/api/listening/queries/delete", &[("query_id", &query)], manager).await.ok());
    assert_eq!(mention_count(&app, app.a.id).await, 3);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_rate_limit_is_kept_and_the_run_booked_for_when_it_ends(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let editor = app.editor().await;
    connect_in(&app, app.a.id, SocialPlatform::Twitter, "1500").await;
    Mock::given(method("GET"))
        .and(path("/x/2/tweets/search/recent"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-rate-limit-reset", (chrono::Utc::now().timestamp() + 600).to_string())
                .set_body_json(json!({"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429})),
        )
        .mount(app.mock())
        .await;
    let search = [
        ("query[name]", "Competitor"),
        ("query[kind]", "competitor"),
        ("query[terms]", "Blue Bottle"),
        ("query[platform_twitter]", "on"),
        ("query[platform_reddit]", "on"),
        ("query[active]", "on"),
    ];
    assert!(app.post("/api/listening/queries/save", &search, editor).await.ok());
    run_jobs(&app).await;
    let page = app.post("/api/listening/queries", &[], editor).await.json();
    let problems = page["queries"][0]["problems"].as_array().unwrap().clone();
    assert!(problems.iter().any(|p| p[0] == "X"), "{page}");
    let booked: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM scheduled_tasks WHERE workspace_id = $1 AND type = 'listen'
           AND status = 'pending' AND scheduled_for > now() + interval '5 minutes'",
    )
    .bind(app.a.id)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(booked, 1, "due again when X's limit ends");
    assert_eq!(mention_count(&app, app.a.id).await, 0);
}

/// Reddit's `/search` Listing of `t3` posts, newest first (the reference
/// gives the Listing and the fields; it shows no sample answer).
fn reddit_posts(posts: &[(&str, &str, &str, i64)], after: Option<&str>) -> Value {
    let children: Vec<Value> = posts
        .iter()
        .map(|(name, author, title, created)| {
            json!({"kind": "t3", "data": {
                "id": name.trim_start_matches("t3_"), "name": name, "title": title, "selftext": "",
                "author": author, "author_fullname": format!("t2_{author}"),
                "created_utc": *created as f64, "score": 12, "ups": 12, "num_comments": 3,
                "permalink": format!("/r/coffee/comments/{}/slug/", name.trim_start_matches("t3_")),
                "subreddit": "coffee", "url": "https://www.reddit.com/r/coffee/", "over_18": false
            }})
        })
        .collect();
    json!({"kind": "Listing", "data": {"after": after, "before": null, "dist": posts.len(), "children": children}})
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn reddit_youtube_and_instagram_hashtags_are_searched_as_documented(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let editor = app.editor().await;
    connect_in(&app, app.a.id, SocialPlatform::Reddit, "t2_northwind").await;
    connect_in(&app, app.a.id, SocialPlatform::Youtube, "UCnorthwind").await;
    connect_in(&app, app.a.id, SocialPlatform::Instagram, "17841400000000001").await;
    let now = chrono::Utc::now().timestamp();

    // Reddit: the first run reads one page; the second stops at the cursor.
    Mock::given(method("GET"))
        .and(path("/reddit/search"))
        .and(query_param("q", "\"Northwind Coffee\" OR #coldbrew"))
        .and(query_param("sort", "new"))
        .and(query_param("type", "link"))
        .respond_with(ResponseTemplate::new(200).set_body_json(reddit_posts(
            &[
                ("t3_1nw002", "beanlover", "Northwind Coffee cold brew is great", now - 60),
                ("t3_1nw001", "[deleted]", "Northwind Coffee?", now - 120),
            ],
            Some("t3_1nw001"),
        )))
        .up_to_n_times(1)
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/reddit/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(reddit_posts(
            &[
                ("t3_1nw003", "roastfan", "Anyone tried Northwind Coffee beans?", now - 30),
                ("t3_1nw002", "beanlover", "Northwind Coffee cold brew is great", now - 60),
                ("t3_1nw000", "oldpost", "Northwind Coffee last year", now - 9000),
            ],
            Some("t3_1nw000"),
        )))
        .mount(app.mock())
        .await;

    // YouTube: search, then the videos' statistics and the channels'.
    let published = (chrono::Utc::now() - chrono::Duration::hours(2))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/search"))
        .and(query_param("q", "\"Northwind Coffee\"|#coldbrew"))
        .and(query_param("order", "date"))
        .and(query_param("type", "video"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#searchListResponse", "etag": "e1", "regionCode": "US",
            "pageInfo": {"totalResults": 1, "resultsPerPage": 50},
            "items": [{"kind": "youtube#searchResult", "etag": "e2",
                "id": {"kind": "youtube#video", "videoId": "dQw4w9WgXcQ"},
                "snippet": {"publishedAt": published, "channelId": "UCbrewtube",
                    "title": "Northwind Coffee&#39;s cold brew &amp; more", "description": "A review",
                    "thumbnails": {"default": {"url": "https://i.ytimg.com/vi/dQw4w9WgXcQ/default.jpg", "width": 120, "height": 90}},
                    "channelTitle": "BrewTube", "liveBroadcastContent": "none"}}]
        })))
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/videos"))
        .and(query_param("part", "statistics"))
        .and(query_param("id", "dQw4w9WgXcQ"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#videoListResponse", "etag": "e3",
            "items": [{"kind": "youtube#video", "etag": "e4", "id": "dQw4w9WgXcQ",
                "statistics": {"viewCount": "48211", "likeCount": "1200", "favoriteCount": "0", "commentCount": "85"}}],
            "pageInfo": {"totalResults": 1, "resultsPerPage": 1}
        })))
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/youtube/youtube/v3/channels"))
        .and(query_param("id", "UCbrewtube"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#channelListResponse", "etag": "e5",
            "items": [{"kind": "youtube#channel", "etag": "e6", "id": "UCbrewtube",
                "snippet": {"title": "BrewTube", "publishedAt": "2015-03-01T10:00:00Z",
                    "thumbnails": {"default": {"url": "https://yt3.ggpht.com/brewtube=s88"}}},
                "statistics": {"viewCount": "9100000", "subscriberCount": "184000", "hiddenSubscriberCount": false, "videoCount": "420"}}]
        })))
        .mount(app.mock())
        .await;

    // Instagram: the hashtag's id, then its recent media (not in time order).
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/ig_hashtag_search"))
        .and(query_param("user_id", "17841400000000001"))
        .and(query_param("q", "coldbrew"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [{"id": "17843857450040591"}]})),
        )
        .mount(app.mock())
        .await;
    let stamp = |minutes: i64| {
        (chrono::Utc::now() - chrono::Duration::minutes(minutes))
            .format("%Y-%m-%dT%H:%M:%S+0000")
            .to_string()
    };
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/17843857450040591/recent_media"))
        .and(query_param("user_id", "17841400000000001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [
                {"id": "17880997618081620", "caption": "Morning #coldbrew at Northwind", "comments_count": 4, "like_count": 77,
                 "permalink": "https://www.instagram.com/p/C1a/", "timestamp": stamp(90)},
                {"id": "17871527143187462", "caption": "#coldbrew season", "comments_count": 2,
                 "permalink": "https://www.instagram.com/p/C1b/", "timestamp": stamp(30)}
            ],
            "paging": {"cursors": {"after": "NTAyYmE4"}}
        })))
        .mount(app.mock())
        .await;

    let search = [
        ("query[name]", "Our brand"),
        ("query[kind]", "brand"),
        ("query[terms]", "Northwind Coffee, #coldbrew"),
        ("query[platform_reddit]", "on"),
        ("query[platform_youtube]", "on"),
        ("query[platform_instagram]", "on"),
        ("query[active]", "on"),
    ];
    let saved = app.post("/api/listening/queries/save", &search, editor).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    run_jobs(&app).await;
    let queries = app.post("/api/listening/queries", &[], editor).await.json();
    assert_eq!(queries["queries"][0]["problems"], json!([]), "{queries}");
    // Reddit 1 (the deleted author's post left out), YouTube 1, Instagram 2.
    assert_eq!(mention_count(&app, app.a.id).await, 4);

    let mentions = app.post("/api/listening/mentions", &[], editor).await.json();
    let line = |platform: &str| {
        mentions["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["platform"] == platform)
            .unwrap_or_else(|| panic!("no {platform} mention in {mentions}"))
            .clone()
    };
    let video = line("youtube");
    assert_eq!(video["author_username"], "BrewTube");
    assert_eq!(video["followers"], 184000);
    let text: String =
        video["segments"].as_array().unwrap().iter().map(|s| s[0].as_str().unwrap()).collect();
    assert!(text.starts_with("Northwind Coffee's cold brew & more"), "unescaped: {text}");
    let post = line("reddit");
    assert_eq!(post["author_username"], "beanlover");

    // The second run: Reddit from its cursor (one new post), nothing twice.
    assert!(app.post("/api/listening/run", &[], editor).await.ok());
    run_jobs(&app).await;
    assert_eq!(mention_count(&app, app.a.id).await, 5);
    let queries = app.post("/api/listening/queries", &[], editor).await.json();
    assert_eq!(queries["queries"][0]["problems"], json!([]), "{queries}");
    // Instagram's media have no author: not an influencer.
    let influencers = app.post("/api/listening/influencers", &[], editor).await.json();
    assert!(
        influencers["lines"].as_array().unwrap().iter().all(|l| l["username"] != ""),
        "{influencers}"
    );
}
