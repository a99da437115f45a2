//! The integration-health page (every data source and social account, access
//! ending this week first, never another workspace's) and the daily check that
//! warns owners and admins, in the app and by email, a week and a day before
//! access that cannot be renewed ends: once each per token.

use app::contexts::integrations::server::service::{ConnectedAccount, save_social_account};
use app::contexts::integrations::types::SocialPlatform;
use app::server::Secret;
use chrono::{Duration, Utc};
use mongodb::bson::doc;
use serde_json::json;
use sqlx::PgPool;

use crate::helpers::TestApp;

async fn social(
    app: &TestApp,
    platform: SocialPlatform,
    id: &str,
    name: &str,
    refresh: Option<&str>,
    ends_in: Duration,
) {
    let access = Secret::new("token");
    let refresh = refresh.map(Secret::new);
    let account = ConnectedAccount {
        platform,
        platform_account_id: id,
        username: id,
        display_name: name,
        avatar_url: None,
        access_token: &access,
        refresh_token: refresh.as_ref(),
        token_expires_at: Some(Utc::now() + ends_in),
        metadata: json!({}),
    };
    let mut tx = app.pg.begin().await.unwrap();
    save_social_account(&mut tx, &app.state.keyring, app.a.id, &account).await.unwrap();
    tx.commit().await.unwrap();
}

/// Makes the waiting expiry check due and runs the queue.
async fn run_check(app: &TestApp) {
    sqlx::query(
        "UPDATE scheduled_tasks SET scheduled_for = now()
         WHERE type = 'check_token_expiry' AND status = 'pending'",
    )
    .execute(&app.pg)
    .await
    .unwrap();
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
}

async fn notifications(app: &TestApp) -> Vec<String> {
    use futures::TryStreamExt;
    app.mongo
        .collection::<mongodb::bson::Document>("notifications")
        .find(doc! { "type": "token_expiring", "user_id": app.a.owner.to_string() })
        .await
        .unwrap()
        .try_collect::<Vec<_>>()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.get_str("message").unwrap().to_owned())
        .collect()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_page_puts_this_weeks_endings_first_and_the_check_warns_once_each(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let brand = app.brand_in(app.a, "Roasters", "America/New_York").await;
    // Meta's token ends in five days and cannot be renewed; LinkedIn's in three.
    sqlx::query(
        "INSERT INTO connections (workspace_id, kind, brand_id, platform, status, access_token,
                                  token_expires_at, platform_account_id, platform_account_name,
                                  last_sync_at)
         VALUES ($1, 'brand', $2, 'meta', 'connected', 'sealed', now() + interval '5 days',
                 'act_42', 'Roasters Ads', now() - interval '3 hours')",
    )
    .bind(app.a.id)
    .bind(brand)
    .execute(&app.pg)
    .await
    .unwrap();
    social(
        &app,
        SocialPlatform::Linkedin,
        "urn:li:person:ada",
        "Ada Lovelace",
        None,
        Duration::days(3),
    )
    .await;
    // X's two-hour token renews itself: healthy, never warned.
    social(&app, SocialPlatform::Twitter, "2244994945", "Northwind", Some("r"), Duration::hours(1))
        .await;
    sqlx::query("UPDATE social_accounts SET last_error = 'X refused the post', last_error_at = now() WHERE platform = 'twitter'")
        .execute(&app.pg)
        .await
        .unwrap();

    let owner = app.owner().await;
    let page = app.post("/api/integrations/health", &[], owner).await;
    assert!(page.ok(), "{}", page.body);
    let page = page.json();
    let names: Vec<&str> =
        page["entries"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["LinkedIn · Ada Lovelace", "Roasters · Meta Ads", "X · Northwind"]);
    assert_eq!(page["entries"][0]["status"], "Access ends in 3 days");
    assert_eq!(page["entries"][0]["reconnect"], json!({"Social": "linkedin"}));
    assert_eq!(page["entries"][1]["state"], "expiring");
    assert_eq!(page["entries"][1]["reconnect"]["Brand"], brand.to_string());
    assert_eq!(page["entries"][2]["renews"], true);
    assert_eq!(page["entries"][2]["last_error"], "X refused the post");
    assert!(!page.to_string().contains("sealed"), "no token goes to the browser");
    // Home says two need a person (the renewing X account does not count).
    let home = app.post("/api/home", &[], owner).await.json();
    let card =
        home["cards"].as_array().unwrap().iter().find(|c| c["title"] == "Integrations").cloned();
    assert_eq!(card.as_ref().map(|c| c["count"].clone()), Some(json!(2)), "{home}");
    assert_eq!(card.unwrap()["href"], "/integrations");
    // Another workspace sees none of it.
    let theirs = app.post("/api/integrations/health", &[], app.outsider().await).await.json();
    assert_eq!(theirs["entries"], json!([]));

    // Connecting booked the daily check; it warns of both at the week mark.
    let admin = app.admin().await;
    run_check(&app).await;
    let said = notifications(&app).await;
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said.iter().any(|m| m.starts_with("LinkedIn · Ada Lovelace: access to it ends in 3 days")),
        "{said:?}"
    );
    let emails: Vec<(String, String)> =
        sqlx::query_as("SELECT recipient, subject FROM outbox_emails ORDER BY recipient")
            .fetch_all(&app.pg)
            .await
            .unwrap();
    assert_eq!(emails.len(), 2, "the owner and the admin: {emails:?}");
    assert!(emails.iter().any(|(to, _)| *to == admin.email));
    assert!(emails.iter().all(|(_, subject)| subject == "Reconnect 2 accounts soon"));
    let next: chrono::DateTime<Utc> = sqlx::query_scalar(
        "SELECT scheduled_for FROM scheduled_tasks WHERE type = 'check_token_expiry' AND status = 'pending'",
    )
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert!(next > Utc::now() && next < Utc::now() + Duration::hours(25), "tomorrow morning");

    // The next day: nothing new to say.
    run_check(&app).await;
    assert_eq!(notifications(&app).await.len(), 2);
    // A day before LinkedIn's end: the last warning, once.
    sqlx::query("UPDATE social_accounts SET token_expires_at = now() + interval '20 hours' WHERE platform = 'linkedin'")
        .execute(&app.pg)
        .await
        .unwrap();
    run_check(&app).await;
    run_check(&app).await;
    let said = notifications(&app).await;
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(
        said.iter().any(|m| m == "LinkedIn · Ada Lovelace: access to it ends within a day"),
        "{said:?}"
    );
}
