//! Social publishing through the router: composing a post for several accounts
//! (a per-target refusal names only the target whose limit the text passes),
//! scheduling it, the list, the calendar, moving, duplicating, archiving and
//! deleting; and the content and social-account repositories against a second
//! workspace.

use app::contexts::content::server::repo::{self as posts, ListFilter, PostWrite};
use app::contexts::integrations::server::repo as social;
use app::contexts::integrations::server::service::add_demo_social_account;
use app::contexts::integrations::types::SocialPlatform;
use app::kernel::{SocialAccountId, WorkspaceId};
use chrono::{Duration, Utc};
use sqlx::PgPool;

use crate::helpers::{TestApp, location};

async fn account(app: &TestApp, ws: WorkspaceId, platform: SocialPlatform) -> SocialAccountId {
    let mut tx = app.pg.begin().await.unwrap();
    let id =
        add_demo_social_account(&mut tx, ws, platform, "northwind", "Northwind").await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// A time three days ahead, as the composer's `datetime-local` field sends it
/// (the test workspace's zone is UTC).
fn in_three_days() -> (String, String, String) {
    let at = Utc::now() + Duration::days(3);
    (at.format("%Y-%m-%dT10:30").to_string(), at.format("%Y-%m-%d").to_string(), "10:30".into())
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_post_is_composed_for_three_accounts_checked_per_target_and_scheduled(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let x = account(&app, app.a.id, SocialPlatform::Twitter).await;
    let facebook = account(&app, app.a.id, SocialPlatform::Facebook).await;
    let reddit = account(&app, app.a.id, SocialPlatform::Reddit).await;
    let editor = app.editor().await.cookie.clone();
    let (when, day, _) = in_three_days();
    let long = "Our holiday blend is roasting now. ".repeat(9);
    let (on_x, on_fb, on_reddit) =
        (format!("post[on.{x}]"), format!("post[on.{facebook}]"), format!("post[on.{reddit}]"));
    let (title, sub, x_text) = (
        format!("post[title.{reddit}]"),
        format!("post[subreddit.{reddit}]"),
        format!("post[text.{x}]"),
    );
    let mut form = vec![
        ("post_id", ""),
        ("post[text]", long.as_str()),
        ("post[tags]", "holiday, #launch"),
        ("post[when]", when.as_str()),
        ("post[intent]", "schedule"),
        (on_x.as_str(), "on"),
        (on_fb.as_str(), "on"),
        (on_reddit.as_str(), "on"),
        (title.as_str(), "The holiday blend is here"),
        (sub.as_str(), "r/coffee"),
    ];
    let refused = app.post("/api/posts/save", &form, &editor).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let errors = &refused.json()["Invalid"];
    let on_target = errors[format!("target.{x}")][0].as_str().unwrap();
    assert!(on_target.starts_with("X takes at most 280 characters"), "{on_target}");
    // Facebook and Reddit take the same text: nothing is said about them.
    assert!(errors.get(format!("target.{facebook}")).is_none(), "{}", refused.body);
    assert!(errors.get(format!("target.{reddit}")).is_none(), "{}", refused.body);

    // X gets its own, shorter text; the post is scheduled.
    form.push((x_text.as_str(), "The holiday blend is roasting now. #holidayblend"));
    let saved = app.post("/api/posts/save", &form, &editor).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    let opened = location(&saved);
    let id = opened.trim_start_matches("/posts/").to_owned();
    assert!(id.parse::<uuid::Uuid>().is_ok(), "{opened}");

    let list = app.post("/api/posts/list", &[("filters[status]", "scheduled")], &editor).await;
    let listed = &list.json()["posts"][0];
    assert_eq!(listed["id"], id.as_str());
    assert_eq!(listed["tags"], serde_json::json!(["holiday", "launch"]));
    assert_eq!(listed["targets"].as_array().unwrap().len(), 3);
    let x_target =
        listed["targets"].as_array().unwrap().iter().find(|t| t["platform"] == "twitter").unwrap();
    assert_eq!(x_target["overrides"]["text"], "The holiday blend is roasting now. #holidayblend");
    assert_eq!(x_target["publish_status"], "pending");

    // The calendar shows it on its day, at its time.
    let month =
        app.post("/api/posts/calendar", &[("view", "month"), ("date", &day)], &editor).await;
    let entry = month.json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["post"]["id"] == id.as_str())
        .cloned()
        .expect("on the calendar");
    assert_eq!(
        (entry["day"].as_str().unwrap(), entry["time"].as_str().unwrap()),
        (day.as_str(), "10:30")
    );

    // Moved a day later; a time in the past is refused.
    let next_day = (Utc::now() + Duration::days(4)).format("%Y-%m-%d").to_string();
    let moved = app
        .post(
            "/api/posts/reschedule",
            &[("post_id", &id), ("day", &next_day), ("time", "08:00")],
            &editor,
        )
        .await;
    assert!(moved.ok(), "{}", moved.body);
    let past = app
        .post(
            "/api/posts/reschedule",
            &[("post_id", &id), ("day", "2020-01-01"), ("time", "08:00")],
            &editor,
        )
        .await;
    assert_eq!(past.json()["Invalid"]["when"][0], "Choose a time in the future.");
    let composer = app.post("/api/posts/composer", &[("post_id", &id)], &editor).await;
    assert_eq!(composer.json()["scheduled_local"], format!("{next_day}T08:00"));

    // A viewer reads the calendar but cannot compose; another workspace finds nothing.
    let viewer = app.viewer().await.cookie.clone();
    assert!(app.post("/api/posts/calendar", &[], &viewer).await.ok());
    assert_eq!(app.post("/api/posts/save", &form, &viewer).await.status, 403);
    let outsider = app.outsider().await.cookie.clone();
    assert_eq!(app.post("/api/posts/composer", &[("post_id", &id)], &outsider).await.status, 404);
    let theirs = app.post("/api/posts/list", &[], &outsider).await;
    assert_eq!(theirs.json()["total"], 0);

    // Only drafts are deleted; a duplicate is a draft with the same targets.
    let admin = app.admin().await.cookie.clone();
    let refused = app.post("/api/posts/delete", &[("post_id", &id)], &admin).await;
    assert_eq!(refused.status, 422);
    let copy = app.post("/api/posts/duplicate", &[("post_id", &id)], &editor).await;
    let copy_id = location(&copy).trim_start_matches("/posts/").to_owned();
    let copied = app.post("/api/posts/composer", &[("post_id", &copy_id)], &editor).await.json();
    assert_eq!(copied["post"]["status"], "draft");
    assert_eq!(copied["post"]["targets"].as_array().unwrap().len(), 3);
    assert!(app.post("/api/posts/delete", &[("post_id", &copy_id)], &admin).await.ok());
    assert_eq!(
        app.post("/api/posts/composer", &[("post_id", &copy_id)], &editor).await.status,
        404
    );

    // Archived: off the calendar, kept in the list under its status.
    assert!(
        app.post("/api/posts/archive", &[("post_id", &id), ("archive", "true")], &editor)
            .await
            .ok()
    );
    let month =
        app.post("/api/posts/calendar", &[("view", "month"), ("date", &next_day)], &editor).await;
    assert!(
        month.json()["entries"].as_array().unwrap().iter().all(|e| e["post"]["id"] != id.as_str())
    );
    let archived = app.post("/api/posts/list", &[("filters[status]", "archived")], &editor).await;
    assert_eq!(archived.json()["total"], 1);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn scheduling_needs_an_account_and_a_future_time_and_a_draft_keeps_anything(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let editor = app.editor().await.cookie.clone();
    let bare = [
        ("post_id", ""),
        ("post[text]", "Hello"),
        ("post[when]", ""),
        ("post[intent]", "schedule"),
    ];
    let refused = app.post("/api/posts/save", &bare, &editor).await;
    let errors = &refused.json()["Invalid"];
    assert_eq!(errors["targets"][0], "Choose at least one account to post to.");
    assert_eq!(errors["when"][0], "Choose when to post it.");
    let odd = [
        ("post_id", ""),
        ("post[text]", "Hello"),
        ("post[when]", "next tuesday"),
        ("post[intent]", "draft"),
    ];
    let refused = app.post("/api/posts/save", &odd, &editor).await;
    assert!(refused.json()["Invalid"]["when"][0].as_str().unwrap().starts_with("Enter a date"));
    let draft = [("post_id", ""), ("post[text]", "Just an idea"), ("post[intent]", "draft")];
    assert!(app.post("/api/posts/save", &draft, &editor).await.ok());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn workspace_b_cannot_reach_workspace_a_posts_or_accounts(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (a, b, pg) = (app.a.id, app.b.id, &app.pg);
    let x = account(&app, a, SocialPlatform::Twitter).await;
    let content = serde_json::json!({"text": "Hi"});
    let tags = vec!["launch".to_owned()];
    let at = Utc::now() + Duration::days(1);
    let write = PostWrite {
        content: &content,
        status: "scheduled",
        scheduled_at: Some(at),
        tags: &tags,
        ai: None,
        campaign: None,
        shorten_links: false,
    };
    let post = posts::insert_post(pg, a, app.a.owner, &write).await.unwrap();
    let mut tx = pg.begin().await.unwrap();
    posts::set_targets(&mut tx, a, post, &[(x, "twitter", serde_json::json!({}))]).await.unwrap();
    tx.commit().await.unwrap();

    // Reads.
    assert!(posts::post(pg, b, post).await.unwrap().is_none());
    assert!(posts::targets(pg, b, &[post]).await.unwrap().is_empty());
    let any = ListFilter::default();
    assert_eq!(posts::list(pg, b, &any, 10, 0).await.unwrap().1, 0);
    let range = ListFilter {
        from: Some(at - Duration::days(1)),
        until: Some(at + Duration::days(1)),
        ..ListFilter::default()
    };
    assert!(posts::in_range(pg, b, &range).await.unwrap().is_empty());
    assert_eq!(posts::in_range(pg, a, &range).await.unwrap().len(), 1);
    assert!(posts::tags(pg, b).await.unwrap().is_empty());
    assert_eq!(posts::attention_counts(pg, b).await.unwrap(), (0, 0));
    assert!(social::social_accounts(pg, b).await.unwrap().is_empty());

    // Writes.
    assert!(!posts::update_post(pg, b, post, &write).await.unwrap());
    assert!(!posts::reschedule(pg, b, post, at).await.unwrap());
    assert!(!posts::set_status(pg, b, post, "archived").await.unwrap());
    assert!(!posts::delete_draft(pg, b, post).await.unwrap());
    let mut tx = pg.begin().await.unwrap();
    assert!(posts::duplicate(&mut tx, b, post, app.b.owner).await.unwrap().is_none());
    // B cannot aim its own post at A's account: the composite key refuses it.
    let theirs = posts::insert_post(&mut *tx, b, app.b.owner, &write).await.unwrap();
    assert!(
        posts::set_targets(&mut tx, b, theirs, &[(x, "twitter", serde_json::json!({}))])
            .await
            .is_err()
    );
    tx.rollback().await.unwrap();
    assert!(!social::set_social_account_active(pg, b, x, false).await.unwrap());
    assert!(social::social_tokens(pg, b, x).await.unwrap().is_none());
    social::set_social_tokens(pg, b, x, "forged", None, None).await.unwrap();
    social::note_social_outcome(pg, b, x, Some("forged")).await.unwrap();
    assert!(!social::remove_social_account(pg, b, x).await.unwrap());
    let (token, error): (String, Option<String>) =
        sqlx::query_as("SELECT access_token, last_error FROM social_accounts WHERE id = $1")
            .bind(x)
            .fetch_one(pg)
            .await
            .unwrap();
    assert!(token != "forged" && error.is_none(), "B changed nothing of A's account");
    assert!(!posts::start_target(pg, b, post, x).await.unwrap());
    assert!(posts::roll_up(pg, b, post).await.unwrap().is_none());
    let outcome = posts::TargetOutcome { status: "published", ..posts::TargetOutcome::default() };
    posts::set_target_outcome(pg, b, post, x, &outcome).await.unwrap();
    assert_eq!(posts::targets(pg, a, &[post]).await.unwrap()[0].publish_status, "pending");
    // A's rows are as they were.
    assert_eq!(posts::post(pg, a, post).await.unwrap().unwrap().status, "scheduled");
    assert!(social::social_accounts(pg, a).await.unwrap()[0].is_active);
}
