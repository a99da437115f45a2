//! Campaigns through the router: made and changed on their page, a post of one
//! sent with its links tagged with the campaign's UTM parameters as short links,
//! the short link redirecting only to its stored address and counting people's
//! clicks (not bots'), the campaign page's figures and CSV, and other workspaces
//! kept out.

use app::contexts::campaigns::server::repo as campaigns;
use app::contexts::integrations::types::SocialPlatform;
use app::kernel::CampaignId;
use axum::body::Body;
use axum::http::{Request, header};
use chrono::{Duration, Utc};
use serde_json::json;
use sqlx::PgPool;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::{TestApp, location, send};
use crate::publishing::{connect, run_all};

const CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

pub(crate) async fn create(app: &TestApp, name: &str) -> CampaignId {
    let owner = app.owner().await.cookie.clone();
    let start = (Utc::now() - Duration::days(3)).date_naive().to_string();
    let end = (Utc::now() + Duration::days(27)).date_naive().to_string();
    let form = [
        ("campaign_id", ""),
        ("campaign[name]", name),
        ("campaign[status]", "active"),
        ("campaign[start]", start.as_str()),
        ("campaign[end]", end.as_str()),
        ("campaign[budget]", "500"),
        ("campaign[spend]", "120.50"),
        ("campaign[goal.clicks]", "10"),
        ("campaign[utm.term]", "beans"),
        ("campaign[audience]", "Coffee lovers in Chicago"),
    ];
    let saved = app.post("/api/campaigns/save", &form, &owner).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    location(&saved).trim_start_matches("/campaigns/").parse().unwrap()
}

async fn follow(app: &TestApp, link: &str, agent: Option<&str>) -> crate::helpers::Reply {
    let mut request = Request::get(link);
    if let Some(agent) = agent {
        request = request.header(header::USER_AGENT, agent);
    }
    send(&app.router, request.body(Body::empty()).unwrap()).await
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_campaign_post_goes_out_with_tagged_short_links_that_count_peoples_clicks(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    let li =
        connect(&app, SocialPlatform::Linkedin, "urn:li:organization:5515715", "nw", "li-token")
            .await;
    let campaign = create(&app, "Holiday Blend").await;
    let editor = app.editor().await.cookie.clone();

    // Bad input is refused in words, and nothing is lost.
    let owner = app.owner().await.cookie.clone();
    let bad = [
        ("campaign_id", ""),
        ("campaign[name]", ""),
        ("campaign[start]", "2026-12-10"),
        ("campaign[end]", "2026-12-01"),
        ("campaign[budget]", "-5"),
    ];
    let refused = app.post("/api/campaigns/save", &bad, &owner).await;
    assert_eq!(refused.status, 422);
    for words in
        ["Name the campaign", "ends on or after the day it starts", "Enter a number of 0 or more"]
    {
        assert!(refused.body.contains(words), "{words}: {}", refused.body);
    }

    Mock::given(method("POST"))
        .and(path("/linkedin/rest/posts"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn:li:share:7100000000000000001"),
        )
        .expect(1)
        .mount(app.mock())
        .await;
    let on = format!("post[on.{li}]");
    let when = (Utc::now() + Duration::days(1)).format("%Y-%m-%dT09:00").to_string();
    let id = campaign.to_string();
    let form = [
        ("post_id", ""),
        ("post[text]", "Pre-order the holiday blend: https://northwind.example/holiday?ref=feed"),
        (on.as_str(), "on"),
        ("post[when]", when.as_str()),
        ("post[campaign]", id.as_str()),
        ("post[shorten]", "on"),
        ("post[intent]", "schedule"),
    ];
    let saved = app.post("/api/posts/save", &form, &editor).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    sqlx::query("UPDATE scheduled_tasks SET scheduled_for = now() WHERE type = 'publish_target'")
        .execute(&app.pg)
        .await
        .unwrap();
    run_all(&app).await;

    // LinkedIn got the short link; the short link holds the tagged address.
    let sent: serde_json::Value = app
        .mock()
        .received_requests()
        .await
        .unwrap()
        .iter()
        .find(|r| r.url.path() == "/linkedin/rest/posts")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .unwrap();
    let commentary = sent["commentary"].as_str().unwrap();
    let public = &app.state.settings.public_url;
    let at = commentary.find(&format!("{public}/l/")).expect(commentary) + public.len();
    let short = commentary[at..].to_owned();
    assert!(!commentary.contains("northwind.example"), "{commentary}");
    let (url,): (String,) =
        sqlx::query_as("SELECT url FROM short_links").fetch_one(&app.pg).await.unwrap();
    assert_eq!(
        url,
        "https://northwind.example/holiday?ref=feed&utm_source=linkedin&utm_medium=social&utm_campaign=holiday-blend&utm_term=beans"
    );

    // A person's click is counted and sent exactly there; a bot's is not counted.
    let clicked = follow(&app, &short, Some(CHROME)).await;
    assert_eq!(clicked.status, 302);
    assert_eq!(location(&clicked), url);
    assert_eq!(follow(&app, &short, Some("Twitterbot/1.0")).await.status, 302);
    assert_eq!(follow(&app, &short, None).await.status, 302);
    assert_eq!(follow(&app, "/l/nOsuchCode", Some(CHROME)).await.status, 404);
    assert_eq!(follow(&app, "/l/..%2F..%2Fevil", Some(CHROME)).await.status, 404);

    let page = app.post("/api/campaigns/get", &[("campaign_id", &id)], &editor).await.json();
    assert_eq!(page["clicks"], 1, "{page}");
    assert_eq!(page["goals"][0]["percent"], 10);
    assert_eq!(page["by_status"], json!([["Published", 1]]));
    assert_eq!(page["posts"][0]["clicks"], 1);
    assert!(page["chart_svg"].as_str().unwrap().starts_with("<svg"));
    let csv = app.get(&format!("/api/campaigns/export?campaign_id={id}"), &editor).await;
    assert!(csv.ok(), "{}", csv.status);
    let today = Utc::now().date_naive().to_string();
    assert!(csv.body.contains(&format!("{today},1")), "{}", csv.body);

    // The posts list and the calendar narrow to the campaign.
    let listed = app.post("/api/posts/list", &[("filters[campaign]", &id)], &editor).await.json();
    assert_eq!(listed["total"], 1, "{listed}");
    let day = Utc::now().date_naive().to_string();
    let week = [("view", "week"), ("date", day.as_str()), ("campaign", id.as_str())];
    let calendar = app.post("/api/posts/calendar", &week, &editor).await.json();
    assert_eq!(calendar["entries"].as_array().unwrap().len(), 1, "{calendar}");
    let other = uuid::Uuid::new_v4().to_string();
    let week = [("view", "week"), ("date", day.as_str()), ("campaign", other.as_str())];
    let calendar = app.post("/api/posts/calendar", &week, &editor).await.json();
    assert_eq!(calendar["entries"].as_array().unwrap().len(), 0, "{calendar}");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn another_workspace_neither_sees_nor_changes_nor_uses_a_campaign(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let campaign = create(&app, "Spring").await;
    let id = campaign.to_string();
    let outsider = app.outsider().await;
    assert_eq!(app.post("/api/campaigns/get", &[("campaign_id", &id)], outsider).await.status, 404);
    let change = [
        ("campaign_id", id.as_str()),
        ("campaign[name]", "Mine"),
        ("campaign[start]", "2026-12-01"),
        ("campaign[end]", "2026-12-02"),
    ];
    assert_eq!(app.post("/api/campaigns/save", &change, outsider).await.status, 404);
    assert_eq!(
        app.post("/api/campaigns/delete", &[("campaign_id", &id)], outsider).await.status,
        404
    );
    let theirs = app.post("/api/campaigns/list", &[], outsider).await.json();
    assert_eq!(theirs["lines"].as_array().unwrap().len(), 0);
    let export = app.get(&format!("/api/campaigns/export?campaign_id={id}"), outsider).await;
    assert_eq!(export.status, 404);
    // Their posts cannot join it.
    let form = [
        ("post_id", ""),
        ("post[text]", "Hi"),
        ("post[campaign]", id.as_str()),
        ("post[intent]", "draft"),
    ];
    let joined = app.post("/api/posts/save", &form, outsider).await;
    assert_eq!(joined.status, 422);
    assert!(joined.body.contains("Choose one of the campaigns"), "{}", joined.body);
    // The repository answers nothing for another workspace's id.
    assert!(campaigns::get(&app.pg, app.b.id, campaign).await.unwrap().is_none());
    assert!(!campaigns::delete(&app.pg, app.b.id, campaign).await.unwrap());
    assert!(campaigns::get(&app.pg, app.a.id, campaign).await.unwrap().is_some());
    // Its owner deletes it; posts would stay.
    let owner = app.owner().await;
    assert!(app.post("/api/campaigns/delete", &[("campaign_id", &id)], owner).await.ok());
    assert!(campaigns::get(&app.pg, app.a.id, campaign).await.unwrap().is_none());
}
