//! The job queue on `scheduled_tasks` against the real PostgreSQL: two workers never
//! run a task twice, failures back off and then fail with the error kept, a person
//! can retry, a crashed worker's task is claimed again, and `NOTIFY` wakes a
//! sleeping worker.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::contexts::automation::server::queue::{
    self, Job, JobError, Outcome, Task, Worker, WorkerConfig,
};
use async_trait::async_trait;
use sqlx::PgPool;
use tokio::sync::Mutex;

use crate::helpers::TestApp;

fn fast() -> WorkerConfig {
    WorkerConfig {
        backoff: Duration::from_millis(200),
        max_retries: 2,
        lease: Duration::from_secs(600),
        idle_poll: Duration::from_secs(30),
    }
}

/// Records which task ran, and how often, after a short pause (so workers overlap).
struct Recorder(Mutex<Vec<uuid::Uuid>>);

#[async_trait]
impl Job for Recorder {
    async fn run(&self, task: &Task) -> Result<serde_json::Value, JobError> {
        tokio::time::sleep(Duration::from_millis(5)).await;
        self.0.lock().await.push(task.id);
        Ok(serde_json::json!({ "ok": true }))
    }
}

/// Fails the first `failures` attempts.
struct Flaky {
    failures: usize,
    attempts: AtomicUsize,
}

#[async_trait]
impl Job for Flaky {
    async fn run(&self, _task: &Task) -> Result<serde_json::Value, JobError> {
        let attempt = self.attempts.fetch_add(1, Ordering::SeqCst) + 1;
        if attempt <= self.failures {
            Err(format!("Shopify answered 503 (attempt {attempt})").into())
        } else {
            Ok(serde_json::json!({ "attempt": attempt }))
        }
    }
}

async fn drain(worker: Worker) -> usize {
    let mut ran = 0;
    while let Some(outcome) = worker.run_once().await.unwrap() {
        assert!(matches!(outcome, Outcome::Completed(_)));
        ran += 1;
    }
    ran
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn two_workers_share_the_queue_and_run_each_task_once(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (pg, a) = (&app.pg, app.a.id);
    for n in 0..60 {
        queue::enqueue(
            &mut pg.acquire().await.unwrap(),
            a,
            "record",
            &serde_json::json!({ "n": n }),
            None,
        )
        .await
        .unwrap();
    }
    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    let worker = Worker::new(pg.clone(), fast()).with_job("record", recorder.clone());
    let (one, two) = tokio::join!(drain(worker.clone()), drain(worker));
    assert_eq!(one + two, 60);
    assert!(one > 0 && two > 0, "both workers took tasks: {one} and {two}");
    let mut ran = recorder.0.lock().await.clone();
    ran.sort();
    ran.dedup();
    assert_eq!(ran.len(), 60, "no task ran twice");
    let completed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM scheduled_tasks WHERE status = 'completed' AND result = '{\"ok\": true}'",
    )
    .fetch_one(pg)
    .await
    .unwrap();
    assert_eq!(completed, 60);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn failures_back_off_then_fail_with_the_error_and_can_be_retried(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (pg, a) = (&app.pg, app.a.id);
    let flaky = Arc::new(Flaky { failures: 3, attempts: AtomicUsize::new(0) });
    let worker = Worker::new(pg.clone(), fast()).with_job("sync", flaky.clone());
    let id =
        queue::enqueue(&mut pg.acquire().await.unwrap(), a, "sync", &serde_json::json!({}), None)
            .await
            .unwrap();

    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Retrying(id)));
    assert_eq!(worker.run_once().await.unwrap(), None, "not due again before the backoff");
    let (due_in, error): (f64, Option<String>) = sqlx::query_as(
        "SELECT extract(epoch FROM scheduled_for - now())::float8, error FROM scheduled_tasks",
    )
    .fetch_one(pg)
    .await
    .unwrap();
    assert!(due_in > 0.05 && due_in <= 0.2, "first retry after the backoff: {due_in}");
    assert_eq!(error.as_deref(), Some("Shopify answered 503 (attempt 1)"));

    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Retrying(id)));
    let due_in: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM scheduled_for - now())::float8 FROM scheduled_tasks",
    )
    .fetch_one(pg)
    .await
    .unwrap();
    assert!(due_in > 0.25 && due_in <= 0.4, "the second delay doubles: {due_in}");
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Failed(id)));
    let (status, retries, error): (String, i32, Option<String>) =
        sqlx::query_as("SELECT status, retry_count, error FROM scheduled_tasks")
            .fetch_one(pg)
            .await
            .unwrap();
    assert_eq!((status.as_str(), retries), ("failed", 2));
    assert_eq!(error.as_deref(), Some("Shopify answered 503 (attempt 3)"));

    assert!(!queue::retry(pg, app.b.id, id).await.unwrap(), "another workspace cannot retry it");
    assert!(queue::retry(pg, a, id).await.unwrap());
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Completed(id)));
}

/// Fails for good with its message: a person has to act first.
struct FailsWith(&'static str);

#[async_trait]
impl Job for FailsWith {
    async fn run(&self, _task: &Task) -> Result<serde_json::Value, JobError> {
        Err(JobError::permanent(self.0))
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn permanent_errors_fail_at_once_without_retries(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (pg, a) = (&app.pg, app.a.id);
    let worker = Worker::new(pg.clone(), fast())
        .with_job("sync", Arc::new(FailsWith("Reconnect Google Ads: access was revoked.")));
    let id =
        queue::enqueue(&mut pg.acquire().await.unwrap(), a, "sync", &serde_json::json!({}), None)
            .await
            .unwrap();
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Failed(id)));
    let (status, retries, error): (String, i32, Option<String>) =
        sqlx::query_as("SELECT status, retry_count, error FROM scheduled_tasks")
            .fetch_one(pg)
            .await
            .unwrap();
    assert_eq!((status.as_str(), retries), ("failed", 0));
    assert_eq!(error.as_deref(), Some("Reconnect Google Ads: access was revoked."));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn unknown_kinds_fail_and_abandoned_tasks_are_claimed_again(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (pg, a) = (&app.pg, app.a.id);
    let config = WorkerConfig { max_retries: 0, lease: Duration::from_secs(1), ..fast() };
    let worker = Worker::new(pg.clone(), config);
    let id = queue::enqueue(
        &mut pg.acquire().await.unwrap(),
        a,
        "mystery",
        &serde_json::json!({}),
        None,
    )
    .await
    .unwrap();
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Failed(id)));
    let error: Option<String> =
        sqlx::query_scalar("SELECT error FROM scheduled_tasks").fetch_one(pg).await.unwrap();
    assert!(error.unwrap().contains("mystery"));

    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    let worker = worker.with_job("record", recorder.clone());
    let abandoned =
        queue::enqueue(&mut pg.acquire().await.unwrap(), a, "record", &serde_json::json!({}), None)
            .await
            .unwrap();
    let claimed = worker.claim().await.unwrap().unwrap();
    assert_eq!(claimed.id, abandoned);
    // The worker "crashes": the task stays processing. Before the lease ends nobody
    // takes it; after, it is claimed again.
    assert!(worker.claim().await.unwrap().is_none());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Completed(abandoned)));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_notification_wakes_a_sleeping_worker(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (pg, a) = (&app.pg, app.a.id);
    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    let worker = Worker::new(pg.clone(), fast()).with_job("record", recorder.clone());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(worker.run(stopped));
    // Let it drain the empty queue and go to sleep (idle_poll is 30 s).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let id =
        queue::enqueue(&mut pg.acquire().await.unwrap(), a, "record", &serde_json::json!({}), None)
            .await
            .unwrap();
    let started = std::time::Instant::now();
    while recorder.0.lock().await.is_empty() {
        assert!(started.elapsed() < Duration::from_secs(5), "the worker did not wake");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(recorder.0.lock().await.as_slice(), &[id]);
    stop.send(true).unwrap();
    running.await.unwrap().unwrap();
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_jobs_page_shows_tasks_to_managers_and_retries_failed_ones(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let id = queue::enqueue(
        &mut app.pg.acquire().await.unwrap(),
        app.a.id,
        "sync",
        &serde_json::json!({}),
        None,
    )
    .await
    .unwrap();
    let worker =
        Worker::new(app.pg.clone(), fast()).with_job("sync", Arc::new(FailsWith("token expired")));
    assert_eq!(worker.run_once().await.unwrap(), Some(Outcome::Failed(id)));
    let (manager, editor, outsider) =
        (app.manager().await, app.editor().await, app.outsider().await);

    let page = app.post("/api/jobs/list", &[], manager).await.json();
    assert_eq!(page["tasks"][0]["status"], "failed");
    assert_eq!(page["tasks"][0]["error"], "token expired");
    assert_eq!(app.post("/api/jobs/list", &[], editor).await.status.as_u16(), 403);
    let theirs = app.post("/api/jobs/list", &[], outsider).await.json();
    assert_eq!(theirs["tasks"], serde_json::json!([]));

    // Filters: a brand's task says what it is for, and each filter narrows.
    let brand = app.brand("Northwind Roasters").await;
    let data = serde_json::json!({ "brand_id": brand.to_string() });
    queue::enqueue(&mut app.pg.acquire().await.unwrap(), app.a.id, "report", &data, None)
        .await
        .unwrap();
    let all = app.post("/api/jobs/list", &[], manager).await.json();
    let failed = [("query[status]", "failed")];
    let page = app.post("/api/jobs/list", &failed, manager).await.json();
    assert_eq!(
        (page["total"].clone(), page["tasks"][0]["status"].clone()),
        (1.into(), "failed".into())
    );
    let brand_id = brand.to_string();
    let theirs_only = [("query[brand]", brand_id.as_str())];
    let page = app.post("/api/jobs/list", &theirs_only, manager).await.json();
    // Everything but the first task (about no brand) is the brand's: the report and
    // the daily insights its creation booked.
    assert_eq!(page["total"].as_u64().unwrap() + 1, all["total"].as_u64().unwrap(), "{page}");
    let tasks = page["tasks"].as_array().unwrap();
    assert!(tasks.iter().any(|t| t["kind"] == "report"), "{page}");
    assert!(tasks.iter().all(|t| t["subject"] == "Northwind Roasters"), "{page}");
    // Another workspace's brand is not a choice.
    let page = app.post("/api/jobs/list", &theirs_only, outsider).await;
    assert_eq!(page.status.as_u16(), 422, "{}", page.body);

    let id = id.to_string();
    let retry = [("task_id", id.as_str())];
    assert_eq!(app.post("/api/jobs/retry", &retry, outsider).await.status.as_u16(), 404);
    assert_eq!(app.post("/api/jobs/retry", &retry, editor).await.status.as_u16(), 403);
    assert!(app.post("/api/jobs/retry", &retry, manager).await.ok());
    let status: String =
        sqlx::query_scalar("SELECT status FROM scheduled_tasks").fetch_one(&app.pg).await.unwrap();
    assert_eq!(status, "pending");
}
