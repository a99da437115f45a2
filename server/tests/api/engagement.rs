//! Engagement metrics end to end: the `collect_engagement` job reads every
//! platform's insights API on a local mock answering with the documented
//! payloads (docs/integrations.md → Engagement metrics), keeps the figures, rolls
//! them up, and the social analytics page and its CSV read them; a second run
//! measures nothing that is not due and rewrites the same roll-ups; a refusal
//! stays with its post, a rate limit waits as the platform says; another
//! workspace sees none of it.

use app::contexts::engagement::server::collections::{ANALYTICS_AGGREGATIONS, ENGAGEMENT_METRICS};
use app::contexts::engagement::server::service as engagement;
use app::contexts::integrations::types::SocialPlatform;
use app::kernel::{SocialAccountId, WorkspaceId};
use chrono::{DateTime, Duration, Utc};
use mongodb::bson::{Document, doc};
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::TestApp;
use crate::publishing::{connect, run_all};

/// A post published `days_ago` on `account` with the platform's id `platform_id`.
async fn published(
    app: &TestApp,
    workspace: WorkspaceId,
    account: SocialAccountId,
    platform: SocialPlatform,
    platform_id: &str,
    days_ago: i64,
) -> String {
    let at: DateTime<Utc> = Utc::now() - Duration::days(days_ago) - Duration::hours(2);
    let post: uuid::Uuid = sqlx::query_scalar(
        "INSERT INTO posts (workspace_id, content, status, published_at)
         VALUES ($1, jsonb_build_object('text', $2::text), 'published', $3) RETURNING id",
    )
    .bind(workspace)
    .bind(format!("A post on {} about the holiday blend", platform.label()))
    .bind(at)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO platform_posts (workspace_id, post_id, account_id, platform, platform_post_id,
                                     publish_status, published_at)
         VALUES ($1, $2, $3, $4, $5, 'published', $6)",
    )
    .bind(workspace)
    .bind(post)
    .bind(account)
    .bind(platform.as_str())
    .bind(platform_id)
    .bind(at)
    .execute(&app.pg)
    .await
    .unwrap();
    post.to_string()
}

async fn collect(app: &TestApp, workspace: WorkspaceId) {
    let mut tx = app.pg.begin().await.unwrap();
    engagement::book_collection(&mut tx, workspace, None).await.unwrap();
    tx.commit().await.unwrap();
    run_all(app).await;
}

async fn figures(app: &TestApp, post: &str) -> Document {
    app.mongo
        .collection::<Document>(ANALYTICS_AGGREGATIONS)
        .find_one(doc! { "granularity": "post", "postId": post })
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no figures for {post}"))
        .get_document("counts")
        .unwrap()
        .clone()
}

async fn count(app: &TestApp, collection: &str, filter: Document) -> u64 {
    app.mongo.collection::<Document>(collection).count_documents(filter).await.unwrap()
}

fn n(d: &Document, key: &str) -> i64 {
    d.get_i64(key).unwrap_or_else(|_| panic!("{key} missing in {d}"))
}

async fn mock_get(app: &TestApp, at: &str, query: Option<(&str, &str)>, body: serde_json::Value) {
    let mut mock = Mock::given(method("GET")).and(path(at));
    if let Some((k, v)) = query {
        mock = mock.and(query_param(k, v));
    }
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(app.mock()).await;
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn posts_and_accounts_are_measured_on_nine_platforms_and_rolled_up(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let ws = app.a.id;
    let fb = connect(&app, SocialPlatform::Facebook, "1234567890", "northwind", "fb-token").await;
    let ig = connect(&app, SocialPlatform::Instagram, "17841405822304914", "northwind", "ig-token")
        .await;
    let th =
        connect(&app, SocialPlatform::Threads, "17841400000000000", "northwind", "th-token").await;
    let x = connect(&app, SocialPlatform::Twitter, "2244994945", "northwind", "x-token").await;
    let li = connect(
        &app,
        SocialPlatform::Linkedin,
        "urn:li:organization:5515715",
        "northwind",
        "li-token",
    )
    .await;
    let yt =
        connect(&app, SocialPlatform::Youtube, "UC_x5XG1OV2P6uZZ5FSM9Ttw", "nw", "yt-token").await;
    let pin =
        connect(&app, SocialPlatform::Pinterest, "2783136121146311751", "nw", "pin-token").await;
    let tt = connect(&app, SocialPlatform::Tiktok, "723f24d7-e717", "northwind", "tt-token").await;
    let rd =
        connect(&app, SocialPlatform::Reddit, "northwind_bot", "northwind_bot", "rd-token").await;

    let fb_post =
        published(&app, ws, fb, SocialPlatform::Facebook, "1234567890_987654321", 3).await;
    let ig_post = published(&app, ws, ig, SocialPlatform::Instagram, "17895695668004550", 3).await;
    let th_post = published(&app, ws, th, SocialPlatform::Threads, "18031234567890123", 3).await;
    let x_post = published(&app, ws, x, SocialPlatform::Twitter, "1445880548472328192", 3).await;
    let x_gone = published(&app, ws, x, SocialPlatform::Twitter, "1445880548472328193", 2).await;
    let li_post =
        published(&app, ws, li, SocialPlatform::Linkedin, "urn:li:share:7100000000000000000", 3)
            .await;
    let yt_post = published(&app, ws, yt, SocialPlatform::Youtube, "Ks-_Mh1QhMc", 3).await;
    let pin_post =
        published(&app, ws, pin, SocialPlatform::Pinterest, "813744226420795884", 3).await;
    let tt_post = published(&app, ws, tt, SocialPlatform::Tiktok, "7077642457847991554", 3).await;
    let tt_waiting =
        published(&app, ws, tt, SocialPlatform::Tiktok, "v_pub_url~v2.123456789", 1).await;
    let rd_post = published(&app, ws, rd, SocialPlatform::Reddit, "t3_abc123", 3).await;

    // Facebook: insights (lifetime, values[0].value; a breakdown object summed)
    // and the post's own summary fields; the Page's followers.
    mock_get(
        &app,
        "/meta/v21.0/1234567890_987654321/insights",
        Some(("metric", "post_media_view,post_total_media_view_unique,post_clicks")),
        json!({"data": [
            {"name": "post_media_view", "period": "lifetime", "values": [{"value": 5120}],
             "title": "Lifetime Post Media Views", "description": "Lifetime: The number of times your content was played or displayed.",
             "id": "1234567890_987654321/insights/post_media_view/lifetime"},
            {"name": "post_total_media_view_unique", "period": "lifetime", "values": [{"value": 3900}],
             "title": "Lifetime Post Total Media Viewers", "description": "Lifetime: unique viewers",
             "id": "1234567890_987654321/insights/post_total_media_view_unique/lifetime"},
            {"name": "post_clicks", "period": "lifetime", "values": [{"value": 64}],
             "title": "Lifetime Post Clicks", "description": "Lifetime: clicks",
             "id": "1234567890_987654321/insights/post_clicks/lifetime"}
        ], "paging": {"previous": "https://graph.facebook.com/x", "next": "https://graph.facebook.com/y"}}),
    )
    .await;
    mock_get(
        &app,
        "/meta/v21.0/1234567890_987654321",
        Some(("fields", "shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)")),
        json!({
            "shares": {"count": 12},
            "reactions": {"data": [], "summary": {"total_count": 210, "viewer_reaction": "NONE"}},
            "comments": {"data": [], "summary": {"order": "ranked", "total_count": 18, "can_comment": true}},
            "id": "1234567890_987654321"
        }),
    )
    .await;
    mock_get(
        &app,
        "/meta/v21.0/1234567890",
        Some(("fields", "followers_count,fan_count")),
        json!({"fan_count": 2890, "followers_count": 2904, "id": "1234567890"}),
    )
    .await;
    // Instagram: media insights and the account's counts.
    let ig_metric = |name: &str, value: i64| {
        json!({"name": name, "period": "lifetime", "values": [{"value": value}],
               "title": name, "description": "", "id": format!("17895695668004550/insights/{name}/lifetime")})
    };
    mock_get(
        &app,
        "/meta/v21.0/17895695668004550/insights",
        Some(("metric", "reach,likes,comments,shares,saved,views")),
        json!({"data": [ig_metric("reach", 2400), ig_metric("likes", 180), ig_metric("comments", 9),
                        ig_metric("shares", 7), ig_metric("saved", 31), ig_metric("views", 3300)]}),
    )
    .await;
    mock_get(
        &app,
        "/meta/v21.0/17841405822304914",
        Some(("fields", "followers_count,follows_count,media_count")),
        json!({"followers_count": 4210, "follows_count": 312, "media_count": 640, "id": "17841405822304914"}),
    )
    .await;
    // Threads: media insights; followers as a total value.
    let th_metric = |name: &str, value: i64| {
        json!({"name": name, "period": "lifetime", "values": [{"value": value}],
               "title": name, "description": "", "id": format!("18031234567890123/insights/{name}/lifetime")})
    };
    mock_get(
        &app,
        "/threads/v1.0/18031234567890123/insights",
        Some(("metric", "views,likes,replies,reposts,quotes,shares")),
        json!({"data": [th_metric("views", 800), th_metric("likes", 40), th_metric("replies", 6),
                        th_metric("reposts", 3), th_metric("quotes", 1), th_metric("shares", 2)]}),
    )
    .await;
    mock_get(
        &app,
        "/threads/v1.0/17841400000000000/threads_insights",
        Some(("metric", "followers_count")),
        json!({"data": [{"name": "followers_count", "period": "day", "title": "followers_count",
                         "description": "The number of followers.", "total_value": {"value": 1105},
                         "id": "17841400000000000/insights/followers_count/day"}]}),
    )
    .await;
    // X: one lookup for both posts; the deleted one comes back in `errors`.
    Mock::given(method("GET"))
        .and(path("/x/2/tweets"))
        .and(header("authorization", "Bearer x-token"))
        .and(query_param("ids", "1445880548472328192,1445880548472328193"))
        .and(query_param("tweet.fields", "public_metrics"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"id": "1445880548472328192", "text": "The holiday blend is roasting now.",
                      "edit_history_tweet_ids": ["1445880548472328192"],
                      "public_metrics": {"retweet_count": 8, "reply_count": 5, "like_count": 96,
                                         "quote_count": 2, "bookmark_count": 4, "impression_count": 4100}}],
            "errors": [{"value": "1445880548472328193", "detail": "Could not find tweet with ids: [1445880548472328193].",
                        "title": "Not Found Error", "resource_type": "tweet", "parameter": "ids",
                        "resource_id": "1445880548472328193", "type": "https://api.twitter.com/2/problems/resource-not-found"}]
        })))
        .expect(1)
        .mount(app.mock())
        .await;
    mock_get(
        &app,
        "/x/2/users/me",
        Some(("user.fields", "public_metrics")),
        json!({"data": {"id": "2244994945", "name": "Northwind", "username": "northwind",
                        "public_metrics": {"followers_count": 1810, "following_count": 240,
                                           "tweet_count": 3120, "listed_count": 12, "like_count": 900}}}),
    )
    .await;
    // LinkedIn: social actions, the organization's share statistics, followers.
    Mock::given(method("GET"))
        .and(path("/linkedin/rest/socialActions/urn%3Ali%3Ashare%3A7100000000000000000"))
        .and(header("linkedin-version", "202611"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "likesSummary": {"totalLikes": 50, "likedByCurrentUser": false, "aggregatedTotalLikes": 50},
            "commentsSummary": {"totalFirstLevelComments": 4, "aggregatedTotalComments": 6},
            "target": "urn:li:share:7100000000000000000"
        })))
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/linkedin/rest/organizationalEntityShareStatistics"))
        .and(query_param("q", "organizationalEntity"))
        .and(query_param("organizationalEntity", "urn:li:organization:5515715"))
        .and(query_param("shares", "List(urn:li:share:7100000000000000000)"))
        .and(header("x-restli-protocol-version", "2.0.0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "paging": {"count": 10, "start": 0, "links": []},
            "elements": [{
                "organizationalEntity": "urn:li:organization:5515715",
                "share": "urn:li:share:7100000000000000000",
                "totalShareStatistics": {"uniqueImpressionsCount": 700, "shareCount": 3, "engagement": 0.08,
                                         "clickCount": 22, "likeCount": 52, "impressionCount": 1000, "commentCount": 6}
            }]
        })))
        .mount(app.mock())
        .await;
    Mock::given(method("GET"))
        .and(path("/linkedin/rest/networkSizes/urn%3Ali%3Aorganization%3A5515715"))
        .and(query_param("edgeType", "COMPANY_FOLLOWED_BY_MEMBER"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"firstDegreeSize": 960})))
        .mount(app.mock())
        .await;
    // YouTube: counts are strings.
    mock_get(
        &app,
        "/youtube/youtube/v3/videos",
        Some(("id", "Ks-_Mh1QhMc")),
        json!({"kind": "youtube#videoListResponse", "etag": "x", "items": [{
            "kind": "youtube#video", "etag": "y", "id": "Ks-_Mh1QhMc",
            "statistics": {"viewCount": "2500", "likeCount": "120", "favoriteCount": "0", "commentCount": "14"}
        }], "pageInfo": {"totalResults": 1, "resultsPerPage": 1}}),
    )
    .await;
    mock_get(
        &app,
        "/youtube/youtube/v3/channels",
        Some(("mine", "true")),
        json!({"kind": "youtube#channelListResponse", "items": [{"kind": "youtube#channel", "id": "UC_x5XG1OV2P6uZZ5FSM9Ttw",
            "statistics": {"viewCount": "90000", "subscriberCount": "1300", "hiddenSubscriberCount": false, "videoCount": "85"}}]}),
    )
    .await;
    // Pinterest: the pin's analytics (summary over the range, lifetime totals).
    mock_get(
        &app,
        "/pinterest/v5/pins/813744226420795884/analytics",
        Some(("metric_types", "IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS")),
        json!({"all": {
            "daily_metrics": [{"data_status": "READY", "date": "2026-11-29",
                               "metrics": {"IMPRESSION": 240, "SAVE": 20, "PIN_CLICK": 37, "OUTBOUND_CLICK": 20, "SAVE_RATE": 0.18}}],
            "lifetime_metrics": {"TOTAL_COMMENTS": 10, "TOTAL_REACTIONS": 12},
            "summary_metrics": {"IMPRESSION": 240, "SAVE": 20, "PIN_CLICK": 37, "OUTBOUND_CLICK": 20, "SAVE_RATE": 0.18}
        }}),
    )
    .await;
    mock_get(
        &app,
        "/pinterest/v5/user_account",
        None,
        json!({"account_type": "BUSINESS", "id": "2783136121146311751", "username": "northwind",
               "follower_count": 640, "following_count": 347, "pin_count": 339, "monthly_views": 16300, "board_count": 14}),
    )
    .await;
    // TikTok: the video query (a public id only) and the user's counts.
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/video/query/"))
        .and(query_param("fields", "id,like_count,comment_count,share_count,view_count"))
        .and(body_partial_json(json!({"filters": {"video_ids": ["7077642457847991554"]}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"videos": [{"id": "7077642457847991554", "like_count": 300, "comment_count": 21,
                                 "share_count": 15, "view_count": 9000}], "cursor": 0, "has_more": false},
            "error": {"code": "ok", "message": "", "log_id": "20220829194722CBE87ED59D524E727021"}
        })))
        .expect(1)
        .mount(app.mock())
        .await;
    mock_get(
        &app,
        "/tiktok/v2/user/info/",
        Some(("fields", "follower_count,following_count,video_count")),
        json!({"data": {"user": {"follower_count": 5100, "following_count": 80, "video_count": 41}},
               "error": {"code": "ok", "message": "", "log_id": "20220829194722CBE87ED59D524E727021"}}),
    )
    .await;
    // Reddit: a Listing of things; the profile's subscribers.
    mock_get(
        &app,
        "/reddit/api/info",
        Some(("id", "t3_abc123")),
        json!({"kind": "Listing", "data": {"after": null, "dist": 1, "modhash": "", "geo_filter": "",
            "children": [{"kind": "t3", "data": {"name": "t3_abc123", "id": "abc123", "score": 57, "ups": 57,
                                                "downs": 0, "upvote_ratio": 0.96, "num_comments": 11, "view_count": null}}],
            "before": null}}),
    )
    .await;
    mock_get(
        &app,
        "/reddit/api/v1/me",
        None,
        json!({"name": "northwind_bot", "total_karma": 420, "link_karma": 300, "comment_karma": 120,
               "subreddit": {"display_name": "u_northwind_bot", "subscribers": 75}}),
    )
    .await;

    collect(&app, ws).await;

    let c = figures(&app, &fb_post).await;
    assert_eq!(
        (
            n(&c, "impressions"),
            n(&c, "reach"),
            n(&c, "clicks"),
            n(&c, "likes"),
            n(&c, "comments"),
            n(&c, "shares")
        ),
        (5120, 3900, 64, 210, 18, 12)
    );
    let c = figures(&app, &ig_post).await;
    assert_eq!((n(&c, "impressions"), n(&c, "reach"), n(&c, "saves")), (3300, 2400, 31));
    let c = figures(&app, &th_post).await;
    assert_eq!((n(&c, "impressions"), n(&c, "comments"), n(&c, "shares")), (800, 6, 6));
    let c = figures(&app, &x_post).await;
    assert_eq!(
        (n(&c, "impressions"), n(&c, "likes"), n(&c, "shares"), n(&c, "saves")),
        (4100, 96, 10, 4)
    );
    let c = figures(&app, &li_post).await;
    assert_eq!(
        (n(&c, "impressions"), n(&c, "clicks"), n(&c, "likes"), n(&c, "comments")),
        (1000, 22, 52, 6)
    );
    let c = figures(&app, &yt_post).await;
    assert_eq!((n(&c, "videoViews"), n(&c, "likes"), n(&c, "comments")), (2500, 120, 14));
    let c = figures(&app, &pin_post).await;
    assert_eq!(
        (n(&c, "impressions"), n(&c, "saves"), n(&c, "clicks"), n(&c, "likes")),
        (240, 20, 57, 12)
    );
    let c = figures(&app, &tt_post).await;
    assert_eq!((n(&c, "videoViews"), n(&c, "shares")), (9000, 15));
    let c = figures(&app, &rd_post).await;
    assert_eq!((n(&c, "likes"), n(&c, "comments")), (57, 11));
    // The deleted post and the TikTok post without a public id say why.
    for (post, words) in [(&x_gone, "may have been deleted"), (&tt_waiting, "public video id")] {
        let doc = app
            .mongo
            .collection::<Document>(ANALYTICS_AGGREGATIONS)
            .find_one(doc! { "granularity": "post", "postId": post })
            .await
            .unwrap()
            .unwrap();
        assert!(doc.get_str("error").unwrap().contains(words), "{doc}");
    }
    // Nine posts and nine accounts in the time series, with the seed's metadata.
    let posts = count(&app, ENGAGEMENT_METRICS, doc! { "metadata.metricType": "engagement" }).await;
    let accounts = count(&app, ENGAGEMENT_METRICS, doc! { "metadata.metricType": "account" }).await;
    assert_eq!((posts, accounts), (9, 9));
    let ig_point = app
        .mongo
        .collection::<Document>(ENGAGEMENT_METRICS)
        .find_one(doc! { "metadata.metricType": "account", "metadata.platform": "instagram" })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n(&ig_point, "followers"), 4210);
    assert_eq!(
        ig_point.get_document("metadata").unwrap().get_str("workspaceId").unwrap(),
        ws.to_string()
    );

    // The roll-ups: daily, weekly and monthly per account.
    let daily = count(&app, ANALYTICS_AGGREGATIONS, doc! { "granularity": "daily" }).await;
    assert!(daily >= 9, "{daily} daily roll-ups");
    let rollups =
        count(&app, ANALYTICS_AGGREGATIONS, doc! { "granularity": { "$ne": "post" } }).await;

    // The page reads them.
    let owner = app.owner().await.cookie.clone();
    let report = app.post("/api/engagement/report", &[("preset", "last_7_days")], &owner).await;
    assert!(report.ok(), "{} {}", report.status, report.body);
    let report = report.json();
    assert_eq!(report["current"]["posts"], 9, "{report}");
    assert_eq!(report["top_posts"][0]["platform"], "TikTok", "{}", report["top_posts"]);
    assert_eq!(report["top_posts"][0]["engagement"], 336);
    let csv = app.get("/api/engagement/export?preset=last_7_days", &owner).await;
    assert!(csv.ok(), "{}", csv.body);
    assert!(csv.body.starts_with("date,posts,engagement,impressions"), "{}", csv.body);
    // A custom range to today, whose audience was read today.
    let from = (Utc::now() - Duration::days(10)).date_naive().to_string();
    let to = (Utc::now() + Duration::days(1)).date_naive().to_string();
    let ig_id = ig.to_string();
    let form = [("preset", "custom"), ("from", &from), ("to", &to), ("account", &ig_id)];
    let one = app.post("/api/engagement/report", &form, &owner).await.json();
    assert_eq!(one["current"]["posts"], 1);
    assert_eq!(one["current"]["followers"], 4210);
    assert_eq!(one["best_time"]["measured"], 1);
    assert_eq!(one["best_time"]["slots"], json!([]));

    // Again at once: nothing is due, the audiences are read again, the
    // roll-ups are rewritten the same.
    collect(&app, ws).await;
    let posts = count(&app, ENGAGEMENT_METRICS, doc! { "metadata.metricType": "engagement" }).await;
    assert_eq!(posts, 9, "nothing was due");
    let again =
        count(&app, ANALYTICS_AGGREGATIONS, doc! { "granularity": { "$ne": "post" } }).await;
    assert_eq!(again, rollups);
    // Two roll-up runs at once still leave one document per period.
    let from = (Utc::now() - Duration::days(10)).date_naive();
    let (a, b) = tokio::join!(
        engagement::rollup(&app.pg, &app.mongo, ws, from),
        engagement::rollup(&app.pg, &app.mongo, ws, from)
    );
    a.unwrap();
    b.unwrap();
    let together =
        count(&app, ANALYTICS_AGGREGATIONS, doc! { "granularity": { "$ne": "post" } }).await;
    assert_eq!(together, rollups, "no period rolled up twice");

    // Another workspace sees nothing of it, and cannot name its accounts.
    let outsider = app.outsider().await.cookie.clone();
    let theirs = app.post("/api/engagement/report", &[], &outsider).await.json();
    assert_eq!(theirs["current"]["posts"], 0);
    assert_eq!(theirs["measured_any"], false);
    assert_eq!(theirs["top_posts"], json!([]));
    let reach =
        app.post("/api/engagement/report", &[("account", &ig.to_string())], &outsider).await;
    assert_eq!(reach.status, 404, "{}", reach.body);
    let csv = app.get(&format!("/api/engagement/export?account={ig}"), &outsider).await;
    assert_eq!(csv.status, 404);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_rate_limit_waits_as_the_platform_says_and_keeps_what_was_measured(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let ws = app.a.id;
    let x = connect(&app, SocialPlatform::Twitter, "2244994945", "northwind", "x-token").await;
    let rd =
        connect(&app, SocialPlatform::Reddit, "northwind_bot", "northwind_bot", "rd-token").await;
    published(&app, ws, x, SocialPlatform::Twitter, "1445880548472328192", 3).await;
    let rd_post = published(&app, ws, rd, SocialPlatform::Reddit, "t3_abc123", 3).await;
    // Facebook answers the first post and limits the second: the first is kept.
    let fb = connect(&app, SocialPlatform::Facebook, "1234567890", "northwind", "fb-token").await;
    let fb_first = published(&app, ws, fb, SocialPlatform::Facebook, "1234567890_1", 4).await;
    let fb_second = published(&app, ws, fb, SocialPlatform::Facebook, "1234567890_2", 3).await;
    mock_get(
        &app,
        "/meta/v21.0/1234567890",
        Some(("fields", "followers_count,fan_count")),
        json!({"fan_count": 2890, "followers_count": 2904, "id": "1234567890"}),
    )
    .await;
    mock_get(
        &app,
        "/meta/v21.0/1234567890_1/insights",
        None,
        json!({"data": [{"name": "post_media_view", "period": "lifetime", "values": [{"value": 700}],
                         "title": "t", "description": "d", "id": "1234567890_1/insights/post_media_view/lifetime"}]}),
    )
    .await;
    mock_get(
        &app,
        "/meta/v21.0/1234567890_1",
        None,
        json!({"reactions": {"data": [], "summary": {"total_count": 21, "viewer_reaction": "NONE"}},
               "comments": {"data": [], "summary": {"order": "ranked", "total_count": 2, "can_comment": true}},
               "id": "1234567890_1"}),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/meta/v21.0/1234567890_2/insights"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "(#4) Application request limit reached", "type": "OAuthException",
            "is_transient": true, "code": 4, "fbtrace_id": "A1b2C3"}})))
        .mount(app.mock())
        .await;
    let reset = (Utc::now().timestamp() + 600).to_string();
    Mock::given(method("GET"))
        .and(path("/x/2/users/me"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-rate-limit-reset", reset.as_str())
                .set_body_json(json!({"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429})),
        )
        .mount(app.mock())
        .await;
    mock_get(
        &app,
        "/reddit/api/info",
        Some(("id", "t3_abc123")),
        json!({"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_abc123", "score": 9, "num_comments": 2}}]}}),
    )
    .await;
    mock_get(
        &app,
        "/reddit/api/v1/me",
        None,
        json!({"name": "northwind_bot", "subreddit": {"subscribers": 75}}),
    )
    .await;

    let mut tx = app.pg.begin().await.unwrap();
    engagement::book_collection(&mut tx, ws, None).await.unwrap();
    tx.commit().await.unwrap();
    // Everything due (connecting the accounts booked the inbox's first read too).
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
    let (status, error, due): (String, Option<String>, DateTime<Utc>) = sqlx::query_as(
        "SELECT status, error, scheduled_for FROM scheduled_tasks WHERE type = 'collect_engagement'
         ORDER BY created_at LIMIT 1",
    )
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(status, "pending");
    assert!(error.unwrap_or_default().contains("limiting how often Aura may read"));
    let wait = (due - Utc::now()).num_seconds();
    assert!((500..=600).contains(&wait), "due in {wait} s");
    // Reddit's figures were kept meanwhile, and Facebook's first post's.
    assert_eq!(n(&figures(&app, &rd_post).await, "likes"), 9);
    assert_eq!(n(&figures(&app, &fb_first).await, "likes"), 21);
    let second = app
        .mongo
        .collection::<Document>(ANALYTICS_AGGREGATIONS)
        .find_one(doc! { "granularity": "post", "postId": &fb_second })
        .await
        .unwrap();
    assert!(second.is_none(), "the limited post waits for the repeated run");
}
