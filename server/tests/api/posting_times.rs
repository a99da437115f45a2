//! Posting times and the queue: "Add to queue" schedules a post at its
//! accounts' next posting time that no other scheduled post of theirs holds; no
//! times is said on the time field; another workspace neither sees nor changes
//! them, through the server functions or the repository.

use app::contexts::content::server::slots_repo;
use app::contexts::integrations::types::SocialPlatform;
use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use sqlx::PgPool;

use crate::helpers::{TestApp, location};
use crate::publishing::connect;

async fn queue(app: &TestApp, account: &str) -> crate::helpers::Reply {
    let editor = app.editor().await.cookie.clone();
    let on = format!("post[on.{account}]");
    let form = [
        ("post_id", ""),
        ("post[text]", "Fresh beans every morning."),
        (on.as_str(), "on"),
        ("post[intent]", "queue"),
    ];
    app.post("/api/posts/save", &form, &editor).await
}

async fn due(app: &TestApp, saved: &crate::helpers::Reply) -> DateTime<Utc> {
    let id: uuid::Uuid = location(saved).trim_start_matches("/posts/").parse().unwrap();
    sqlx::query_scalar("SELECT scheduled_at FROM posts WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pg)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn add_to_queue_takes_the_next_free_posting_time(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let account = li.to_string();

    let refused = queue(&app, &account).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("None of the chosen accounts has posting times yet"));

    let editor = app.editor().await.cookie.clone();
    for time in ["09:00", "17:00"] {
        let form = [("account_id", account.as_str()), ("days", "daily"), ("time", time)];
        let added = app.post("/api/posts/times/add", &form, &editor).await;
        assert!(added.ok(), "{} {}", added.status, added.body);
    }
    let wrong = [("account_id", account.as_str()), ("days", "daily"), ("time", "9 o'clock")];
    let wrong = app.post("/api/posts/times/add", &wrong, &editor).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("like 09:30"), "{}", wrong.body);
    let page = app.post("/api/posts/times", &[], &editor).await.json();
    let times = page["accounts"][0]["times"].as_array().unwrap();
    assert_eq!(times.len(), 14, "{page}");
    assert_eq!(times[0]["day"], "Monday");

    // Two posts queued one after the other take two different times, each on
    // the hour at 09:00 or 17:00 in the workspace's zone.
    let zone: String = sqlx::query_scalar("SELECT timezone FROM workspaces WHERE id = $1")
        .bind(app.a.id)
        .fetch_one(&app.pg)
        .await
        .unwrap();
    let zone: chrono_tz::Tz = zone.parse().unwrap();
    let first = due(&app, &queue(&app, &account).await).await;
    let second = due(&app, &queue(&app, &account).await).await;
    assert!(first > Utc::now() && second > first, "{first} {second}");
    assert!(second - first <= Duration::hours(24));
    for at in [first, second] {
        let local = at.with_timezone(&zone);
        assert!([9, 17].contains(&local.hour()) && local.minute() == 0, "{local}");
    }

    // Another workspace sees none of them and changes none.
    let outsider = app.outsider().await.cookie.clone();
    let theirs = app.post("/api/posts/times", &[], &outsider).await.json();
    assert_eq!(theirs["accounts"].as_array().unwrap().len(), 0);
    let id = times[0]["id"].as_str().unwrap();
    let removed = app.post("/api/posts/times/remove", &[("time_id", id)], &outsider).await;
    assert_eq!(removed.status, 404);
    let form = [("account_id", account.as_str()), ("days", "daily"), ("time", "12:00")];
    assert_eq!(app.post("/api/posts/times/add", &form, &outsider).await.status, 404);
    // The repository takes the workspace in every query.
    let b = app.b.id;
    assert!(slots_repo::slots(&app.pg, b).await.unwrap().is_empty());
    assert!(!slots_repo::remove(&app.pg, b, id.parse().unwrap()).await.unwrap());
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
    assert!(slots_repo::add(&app.pg, b, li, &[1], noon).await.is_err());
    let window = (Utc::now(), Utc::now() + Duration::days(7));
    assert!(slots_repo::taken(&app.pg, b, &[li], window.0, window.1).await.unwrap().is_empty());
    assert_eq!(
        slots_repo::taken(&app.pg, app.a.id, &[li], window.0, window.1).await.unwrap().len(),
        2
    );
    assert_eq!(slots_repo::slots(&app.pg, app.a.id).await.unwrap().len(), 14);
    // Removed by a member of the workspace, it is gone.
    let removed = app.post("/api/posts/times/remove", &[("time_id", id)], &editor).await;
    assert!(removed.ok());
    assert_eq!(slots_repo::slots(&app.pg, app.a.id).await.unwrap().len(), 13);
}
