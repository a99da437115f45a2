//! Publishing files to the platforms that take the bytes themselves, against a
//! local mock replaying their documented answers: X's chunked media upload
//! (initialize → append → finalize → STATUS, then `media.media_ids`), LinkedIn's
//! Images and Videos APIs (initialize, `PUT` the bytes or each part with its
//! `ETag`, finalize, wait for `AVAILABLE`, then `content.media` or
//! `content.multiImage`), TikTok's Content Posting API (creator info, a
//! `FILE_UPLOAD` video or `PULL_FROM_URL` photos, the status fetch) and
//! YouTube's resumable `videos.insert` (the session in `Location`, the bytes
//! by `PUT`, the first comment as a comment thread). Also the failures: a
//! privacy level the TikTok account does not allow, a TikTok post that FAILED,
//! and YouTube's daily quota, which waits until midnight Pacific time.

use app::contexts::integrations::types::SocialPlatform;
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::TestApp;
use crate::publishing::{connect, picture, run_all, schedule, stored, target, targets};

fn on(account: impl std::fmt::Display, field: &str, value: &str) -> (String, String) {
    (format!("post[{field}.{account}]"), value.to_owned())
}

/// TikTok's answer: `data` in its envelope, with `error.code` "ok".
fn tiktok_ok(data: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data,
        "error": {"code": "ok", "message": "", "log_id": "202612010900000"}
    }))
}

/// Schedules a post with `fields`, runs the queue, and returns its id and how it went.
async fn publish(app: &TestApp, fields: &[(String, String)]) -> (String, serde_json::Value) {
    let id = schedule(app, fields).await;
    run_all(app).await;
    let post = targets(app, &id).await;
    (id, post)
}

fn media(id: &str, order: usize) -> [(String, String); 2] {
    [(format!("post[media.{id}]"), "on".into()), (format!("post[order.{id}]"), order.to_string())]
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_video_is_uploaded_to_x_linkedin_tiktok_and_youtube_as_each_documents(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let base = mock.uri();
    let x = connect(&app, SocialPlatform::Twitter, "2244994945", "northwind", "x-token").await;
    let li = connect(
        &app,
        SocialPlatform::Linkedin,
        "urn:li:organization:5515715",
        "northwind",
        "li-token",
    )
    .await;
    let tt = connect(&app, SocialPlatform::Tiktok, "_000abc", "northwindcoffee", "tt-token").await;
    let yt = connect(
        &app,
        SocialPlatform::Youtube,
        "UC_x5XG1OV2P6uZZ5FSM9Ttw",
        "@northwind",
        "yt-token",
    )
    .await;
    let video_bytes = crate::helpers::files::mp4();
    let size = video_bytes.len();
    let video = stored(&app, "teaser.mp4", video_bytes.clone()).await;

    // X: initialize, one segment, finalize (still processing), STATUS succeeded.
    Mock::given(method("POST"))
        .and(path("/x/2/media/upload/initialize"))
        .and(header("authorization", "Bearer x-token"))
        .and(body_partial_json(json!({
            "media_type": "video/mp4", "total_bytes": size, "media_category": "tweet_video"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {
            "id": "1880028106020515840", "media_key": "13_1880028106020515840",
            "expires_after_secs": 1295999
        }})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/media/upload/1880028106020515840/append"))
        .and(|r: &wiremock::Request| {
            // The body holds the video's bytes: not text, so searched as bytes.
            let field: &[u8] = b"name=\"segment_index\"\r\n\r\n0\r\n";
            r.body.windows(field.len()).any(|w| w == field)
        })
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"expires_at": 1767225600}})),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/media/upload/1880028106020515840/finalize"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {
            "id": "1880028106020515840", "media_key": "13_1880028106020515840", "size": size,
            "expires_after_secs": 86400,
            "processing_info": {"state": "pending", "check_after_secs": 1}
        }})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/x/2/media/upload"))
        .and(query_param("command", "STATUS"))
        .and(query_param("media_id", "1880028106020515840"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {
            "id": "1880028106020515840", "media_key": "13_1880028106020515840",
            "processing_info": {"state": "succeeded", "progress_percent": 100}
        }})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/x/2/tweets"))
        .and(body_partial_json(json!({
            "text": "The holiday blend is roasting now.",
            "media": {"media_ids": ["1880028106020515840"]}
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "data": {"id": "1445880548472328192", "text": "The holiday blend is roasting now."}
        })))
        .expect(1)
        .mount(mock)
        .await;

    // LinkedIn: the video API, one part, its ETag handed back at finalize.
    Mock::given(method("POST"))
        .and(path("/linkedin/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .and(header("linkedin-version", "202611"))
        .and(body_partial_json(json!({"initializeUploadRequest": {
            "owner": "urn:li:organization:5515715", "fileSizeBytes": size
        }})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": {
            "uploadUrlsExpireAt": 1633234498985u64,
            "video": "urn:li:video:C5505AQH-oV1qvnFtKA",
            "uploadInstructions": [{
                "uploadUrl": format!("{base}/linkedin-upload/dms-uploads/part1"),
                "firstByte": 0, "lastByte": size - 1
            }],
            "uploadToken": ""
        }})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("PUT"))
        .and(path("/linkedin-upload/dms-uploads/part1"))
        .respond_with(
            ResponseTemplate::new(200).insert_header("etag", "/ambry-video/signedId/part1"),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/linkedin/rest/videos"))
        .and(query_param("action", "finalizeUpload"))
        .and(body_partial_json(json!({"finalizeUploadRequest": {
            "video": "urn:li:video:C5505AQH-oV1qvnFtKA", "uploadToken": "",
            "uploadedPartIds": ["/ambry-video/signedId/part1"]
        }})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/linkedin/rest/videos/urn%3Ali%3Avideo%3AC5505AQH-oV1qvnFtKA"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "urn:li:video:C5505AQH-oV1qvnFtKA", "status": "AVAILABLE",
            "owner": "urn:li:organization:5515715"
        })))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/linkedin/rest/posts"))
        .and(body_partial_json(json!({
            "author": "urn:li:organization:5515715",
            "content": {"media": {"id": "urn:li:video:C5505AQH-oV1qvnFtKA"}}
        })))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn:li:ugcPost:7100000000000000001"),
        )
        .expect(1)
        .mount(mock)
        .await;

    // TikTok: what the creator allows, the file in one piece, then published.
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/creator_info/query/"))
        .and(header("authorization", "Bearer tt-token"))
        .respond_with(tiktok_ok(json!({
            "creator_avatar_url": "https://p16.tiktokcdn.com/avatar.jpeg",
            "creator_username": "northwindcoffee", "creator_nickname": "Northwind Coffee",
            "privacy_level_options": ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
            "comment_disabled": false, "duet_disabled": false, "stitch_disabled": true,
            "max_video_post_duration_sec": 300
        })))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/video/init/"))
        .and(body_partial_json(json!({
            "post_info": {"title": "The holiday blend is roasting now.", "privacy_level": "PUBLIC_TO_EVERYONE"},
            "source_info": {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": size, "total_chunk_count": 1}
        })))
        .respond_with(tiktok_ok(json!({
                "publish_id": "v_pub_file~v2-1.123456789",
                "upload_url": format!("{base}/tiktok-upload/video/?upload_id=67890&upload_token=Xza123")
            })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("PUT"))
        .and(path("/tiktok-upload/video/"))
        .and(query_param("upload_token", "Xza123"))
        .and(header("content-type", "video/mp4"))
        .and(header("content-range", format!("bytes 0-{}/{size}", size - 1).as_str()))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/status/fetch/"))
        .and(body_partial_json(json!({"publish_id": "v_pub_file~v2-1.123456789"})))
        .respond_with(tiktok_ok(json!({"status": "PUBLISH_COMPLETE", "publicaly_available_post_id": [7080213458555737986i64], "uploaded_bytes": size})))
        .mount(mock)
        .await;

    // YouTube: the resumable session, then the bytes, then the first comment.
    Mock::given(method("POST"))
        .and(path("/youtube/upload/youtube/v3/videos"))
        .and(query_param("uploadType", "resumable"))
        .and(query_param("part", "snippet,status"))
        .and(header("authorization", "Bearer yt-token"))
        .and(header("x-upload-content-length", size.to_string().as_str()))
        .and(header("x-upload-content-type", "video/mp4"))
        .and(body_partial_json(json!({
            "snippet": {"title": "Holiday blend, roasted", "description": "The holiday blend is roasting now."},
            "status": {"privacyStatus": "unlisted"}
        })))
        .respond_with(ResponseTemplate::new(200).insert_header(
            "location",
            format!("{base}/youtube/upload/youtube/v3/videos?uploadType=resumable&upload_id=xa298sd_f&part=snippet,status").as_str(),
        ))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("PUT"))
        .and(path("/youtube/upload/youtube/v3/videos"))
        .and(query_param("upload_id", "xa298sd_f"))
        .and(header("content-type", "video/mp4"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "kind": "youtube#video", "etag": "\"Xk1\"", "id": "dQw4w9WgXcQ",
            "snippet": {"title": "Holiday blend, roasted"},
            "status": {"uploadStatus": "uploaded", "privacyStatus": "unlisted"}
        })))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/youtube/youtube/v3/commentThreads"))
        .and(body_partial_json(json!({"snippet": {
            "channelId": "UC_x5XG1OV2P6uZZ5FSM9Ttw", "videoId": "dQw4w9WgXcQ",
            "topLevelComment": {"snippet": {"textOriginal": "Which roast should we do next?"}}
        }})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "youtube#commentThread", "id": "UgzDE2tasfmrYLyNkGt4AaABAg"
        })))
        .expect(1)
        .mount(mock)
        .await;

    let mut fields = vec![
        on(x, "on", "on"),
        on(li, "on", "on"),
        on(tt, "on", "on"),
        on(tt, "privacy", "PUBLIC_TO_EVERYONE"),
        on(yt, "on", "on"),
        on(yt, "title", "Holiday blend, roasted"),
        on(yt, "privacy", "unlisted"),
        on(yt, "comment", "Which roast should we do next?"),
    ];
    fields.extend(media(&video, 1));
    let (_, post) = publish(&app, &fields).await;
    assert_eq!(post["status"], "published", "{post}");
    assert_eq!(
        target(&post, "twitter")["permalink"],
        "https://x.com/northwind/status/1445880548472328192"
    );
    assert_eq!(
        target(&post, "linkedin")["permalink"],
        "https://www.linkedin.com/feed/update/urn:li:ugcPost:7100000000000000001/"
    );
    assert_eq!(
        target(&post, "tiktok")["permalink"],
        "https://www.tiktok.com/@northwindcoffee/video/7080213458555737986"
    );
    assert_eq!(
        target(&post, "youtube")["permalink"],
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    );
    assert_eq!(target(&post, "youtube")["first_comment_error"], serde_json::Value::Null);

    // The bytes each platform received are the file's own.
    let requests = mock.received_requests().await.unwrap();
    for upload in [
        "/tiktok-upload/video/",
        "/youtube/upload/youtube/v3/videos",
        "/linkedin-upload/dms-uploads/part1",
    ] {
        let put =
            requests.iter().find(|r| r.method.as_str() == "PUT" && r.url.path() == upload).unwrap();
        assert_eq!(put.body, video_bytes, "{upload}");
    }
    // The upload addresses carry their own credentials: the account's token is
    // not sent to them.
    let tiktok_put = requests.iter().find(|r| r.url.path() == "/tiktok-upload/video/").unwrap();
    assert!(!tiktok_put.headers.contains_key("authorization"));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn images_go_to_linkedin_as_a_multi_image_post_and_to_tiktok_as_photos(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let base = mock.uri();
    let li =
        connect(&app, SocialPlatform::Linkedin, "urn:li:person:8675309", "northwind", "li-token")
            .await;
    let tt = connect(&app, SocialPlatform::Tiktok, "_000abc", "northwindcoffee", "tt-token").await;
    let (cup, beans) = (picture(&app, "cup.png").await, picture(&app, "beans.png").await);

    for n in ["1", "2"] {
        Mock::given(method("POST"))
            .and(path("/linkedin/rest/images"))
            .and(query_param("action", "initializeUpload"))
            .and(body_partial_json(
                json!({"initializeUploadRequest": {"owner": "urn:li:person:8675309"}}),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": {
                "uploadUrlExpiresAt": 1650567510704u64,
                "uploadUrl": format!("{base}/linkedin-upload/dms-uploads/image{n}"),
                "image": format!("urn:li:image:C4E10AQFoyyAjHPMQu{n}")
            }})))
            .up_to_n_times(1)
            .mount(mock)
            .await;
        Mock::given(method("PUT"))
            .and(path(format!("/linkedin-upload/dms-uploads/image{n}")))
            .and(header("authorization", "Bearer li-token"))
            .respond_with(ResponseTemplate::new(201))
            .expect(1)
            .mount(mock)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/linkedin/rest/posts"))
        .and(body_partial_json(json!({"content": {"multiImage": {"images": [
            {"id": "urn:li:image:C4E10AQFoyyAjHPMQu1"}, {"id": "urn:li:image:C4E10AQFoyyAjHPMQu2"}
        ]}}})))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn:li:share:7100000000000000002"),
        )
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/creator_info/query/"))
        .respond_with(tiktok_ok(
            json!({"privacy_level_options": ["PUBLIC_TO_EVERYONE", "SELF_ONLY"]}),
        ))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/content/init/"))
        .and(body_partial_json(json!({
            "post_info": {"privacy_level": "SELF_ONLY", "description": "The holiday blend is roasting now."},
            "source_info": {"source": "PULL_FROM_URL", "photo_cover_index": 0},
            "post_mode": "DIRECT_POST", "media_type": "PHOTO"
        })))
        .respond_with(tiktok_ok(json!({"publish_id": "p_pub_url~v2.123456789"})))
        .expect(1)
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/status/fetch/"))
        .respond_with(tiktok_ok(
            json!({"status": "PUBLISH_COMPLETE", "publicaly_available_post_id": []}),
        ))
        .mount(mock)
        .await;

    let mut fields = vec![on(li, "on", "on"), on(tt, "on", "on"), on(tt, "privacy", "SELF_ONLY")];
    fields.extend(media(&cup, 1));
    fields.extend(media(&beans, 2));
    // TikTok names its own order of the post's files; a number the post does not
    // have is said on TikTok's target.
    let mut wrong = fields.clone();
    wrong.push(on(tt, "files", "3, 1"));
    let editor = app.editor().await.cookie.clone();
    let mut form: Vec<(&str, &str)> = vec![("post_id", ""), ("post[text]", "Two cups")];
    form.extend(wrong.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    form.push(("post[intent]", "draft"));
    let refused = app.post("/api/posts/save", &form, &editor).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("There is no file 3: this post has files 1 to 2."));
    fields.push(on(tt, "files", "2, 1"));
    let (_, post) = publish(&app, &fields).await;
    assert_eq!(post["status"], "published", "{post}");
    // A private TikTok post has no public id: the publish id is kept, no permalink.
    assert_eq!(target(&post, "tiktok")["platform_post_id"], "p_pub_url~v2.123456789");
    assert_eq!(target(&post, "tiktok")["permalink"], serde_json::Value::Null);
    // TikTok fetched the photos as JPEG copies, from signed links.
    let requests = mock.received_requests().await.unwrap();
    let init =
        requests.iter().find(|r| r.url.path() == "/tiktok/v2/post/publish/content/init/").unwrap();
    let body: serde_json::Value = serde_json::from_slice(&init.body).unwrap();
    let photos = body["source_info"]["photo_images"].as_array().unwrap();
    assert_eq!(photos.len(), 2);
    assert!(photos.iter().all(|p| p.as_str().unwrap().contains("jpeg=true&sig=")), "{photos:?}");
    assert!(photos[0].as_str().unwrap().contains(&beans), "{photos:?}");
    assert!(photos[1].as_str().unwrap().contains(&cup), "{photos:?}");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn tiktok_and_youtube_refusals_and_limits_are_said_in_words(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let mock = app.mock();
    let base = mock.uri();
    let tt = connect(&app, SocialPlatform::Tiktok, "_000abc", "northwindcoffee", "tt-token").await;
    let yt = connect(
        &app,
        SocialPlatform::Youtube,
        "UC_x5XG1OV2P6uZZ5FSM9Ttw",
        "@northwind",
        "yt-token",
    )
    .await;
    let video = stored(&app, "teaser.mp4", crate::helpers::files::mp4()).await;

    // TikTok: a private account offers no public posting.
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/creator_info/query/"))
        .respond_with(tiktok_ok(json!({"privacy_level_options": ["FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"]})))
        .mount(mock)
        .await;
    // YouTube: the project's daily quota is spent.
    Mock::given(method("POST"))
        .and(path("/youtube/upload/youtube/v3/videos"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"error": {
            "code": 403,
            "message": "The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
            "errors": [{"message": "The request cannot be completed because you have exceeded your quota.", "domain": "youtube.quota", "reason": "quotaExceeded"}]
        }})))
        .mount(mock)
        .await;

    let mut fields = vec![
        on(tt, "on", "on"),
        on(tt, "privacy", "PUBLIC_TO_EVERYONE"),
        on(yt, "on", "on"),
        on(yt, "title", "Holiday blend"),
        on(yt, "privacy", "public"),
    ];
    fields.extend(media(&video, 1));
    let (post_id, post) = publish(&app, &fields).await;
    let tiktok = target(&post, "tiktok");
    assert_eq!(tiktok["publish_status"], "failed", "{post}");
    assert_eq!(
        tiktok["error"],
        "This TikTok account allows only FOLLOWER_OF_CREATOR, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY: choose one of those for who may see the post."
    );
    let youtube = target(&post, "youtube");
    assert_eq!(youtube["publish_status"], "pending", "{post}");
    let error = youtube["error"].as_str().unwrap();
    assert!(error.starts_with("YouTube has reached its limit for now: \"The request cannot be completed because you have exceeded your"), "{error}");
    // The task waits until midnight Pacific time, not a fixed quarter hour.
    let due: chrono::DateTime<chrono::Utc> = sqlx::query_scalar(
        "SELECT scheduled_for FROM scheduled_tasks WHERE type = 'publish_target' AND status = 'pending'",
    )
    .fetch_one(&app.pg)
    .await
    .unwrap();
    let pacific = due.with_timezone(&chrono_tz::America::Los_Angeles);
    assert_eq!(pacific.format("%H:%M").to_string(), "00:00", "{due}");

    // A TikTok post that FAILED says why in words.
    mock.reset().await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/creator_info/query/"))
        .respond_with(tiktok_ok(json!({"privacy_level_options": ["PUBLIC_TO_EVERYONE"]})))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/video/init/"))
        .respond_with(tiktok_ok(json!({"publish_id": "v_pub_file~v2-1.2", "upload_url": format!("{base}/tiktok-upload/video/?upload_id=2&upload_token=T2")})))
        .mount(mock)
        .await;
    Mock::given(method("PUT"))
        .and(path("/tiktok-upload/video/"))
        .respond_with(ResponseTemplate::new(201))
        .mount(mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/tiktok/v2/post/publish/status/fetch/"))
        .respond_with(tiktok_ok(json!({"status": "FAILED", "fail_reason": "duration_check_failed", "publicaly_available_post_id": [], "uploaded_bytes": 1000})))
        .mount(mock)
        .await;
    let retry = app
        .post(
            "/api/posts/retry",
            &[("post_id", post_id.as_str()), ("account_id", &tt.to_string())],
            &app.editor().await.cookie.clone(),
        )
        .await;
    assert!(retry.ok() || retry.status == 303, "{} {}", retry.status, retry.body);
    sqlx::query("UPDATE scheduled_tasks SET scheduled_for = now() WHERE type = 'publish_target' AND status = 'pending' AND data->>'account_id' = $1")
        .bind(tt.to_string())
        .execute(&app.pg)
        .await
        .unwrap();
    run_all(&app).await;
    let post = targets(&app, &post_id).await;
    assert_eq!(
        target(&post, "tiktok")["error"],
        "TikTok did not publish the post: the video is longer or shorter than this account may post.",
        "{post}"
    );
}
