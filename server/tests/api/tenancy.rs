//! Cross-tenant checks per repository: every team, accounts, connections and
//! insights repository function, given workspace B, neither reads nor changes
//! workspace A's rows.

use app::contexts::auth::server::guard::Member;
use app::contexts::auth::server::repo as accounts;
use app::contexts::insights::rules::Finding;
use app::contexts::insights::server::repo::{self as insights, Filter};
use app::contexts::insights::server::service as insight_service;
use app::contexts::insights::types::{InsightType, Priority, Thresholds};
use app::contexts::team::server::repo as team;
use app::kernel::{Action, Period, Permission, Resource, Role};
use chrono::{Duration, NaiveDate, Utc};
use sqlx::PgPool;

use crate::helpers::TestApp;

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn workspace_b_cannot_reach_workspace_a(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (a, b, pg) = (app.a.id, app.b.id, &app.pg);
    let vera = app.add_member(a, "vera@northwind.example", Role::Viewer).await;
    let read_leads = Permission::new(Resource::Leads, Action::Read);
    team::upsert_override(pg, a, vera, read_leads, None).await.unwrap();
    let grant = team::overrides(pg, a, vera).await.unwrap().remove(0).id;
    let mut tx = pg.begin().await.unwrap();
    let invitation = team::insert_invitation(
        &mut tx,
        a,
        "new@northwind.example",
        Role::Viewer,
        &"b".repeat(64),
        app.a.owner,
        Utc::now() + Duration::days(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    accounts::log_activity(pg, a, Some(app.a.owner), "sign_in", "Signed in").await.unwrap();

    // Reads.
    assert!(team::member(pg, b, vera).await.unwrap().is_none());
    let emails: Vec<String> =
        team::members(pg, b).await.unwrap().into_iter().map(|m| m.email).collect();
    assert_eq!(emails, ["owner@contoso.example"]);
    assert!(team::overrides(pg, b, vera).await.unwrap().is_empty());
    assert!(team::open_invitations(pg, b).await.unwrap().is_empty());
    assert_eq!(team::count_live_invitations(pg, b).await.unwrap(), 0);
    assert!(!team::is_member_email(pg, b, "vera@northwind.example").await.unwrap());
    let any = team::ActivityFilter::default();
    assert!(team::activity(pg, b, &any, 50, 0).await.unwrap().is_empty());
    assert_eq!(team::count_activity(pg, b, &any).await.unwrap(), 0);
    assert_eq!(team::activity_choices(pg, b).await.unwrap(), (vec![], vec![]));
    assert_eq!(team::workspace(pg, b).await.unwrap().unwrap().name, "Contoso Tea");
    assert!(accounts::membership_role(pg, b, vera).await.unwrap().is_none());
    assert!(accounts::workspace_for_member(pg, b, vera).await.unwrap().is_none());
    assert!(accounts::overrides(pg, b, vera).await.unwrap().is_empty());

    // Writes.
    assert!(!team::set_role(pg, b, vera, Role::Owner).await.unwrap());
    assert!(!team::delete_member(pg, b, vera).await.unwrap());
    assert!(team::delete_override(pg, b, vera, grant).await.unwrap().is_none());
    assert!(team::revoke_invitation(pg, b, invitation).await.unwrap().is_none());
    let upsert = team::upsert_override(pg, b, vera, read_leads, None).await;
    assert!(upsert.is_err(), "a grant needs a membership in the same workspace");

    // Workspace A is as it was.
    assert_eq!(accounts::membership_role(pg, a, vera).await.unwrap(), Some(Role::Viewer));
    assert_eq!(team::overrides(pg, a, vera).await.unwrap().len(), 1);
    assert_eq!(team::open_invitations(pg, a).await.unwrap().len(), 1);
    assert_eq!(team::count_activity(pg, a, &any).await.unwrap(), 1);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn workspace_b_cannot_reach_workspace_as_connections(pg: PgPool) {
    use app::contexts::integrations::server::repo as connections;
    let app = TestApp::new(pg).await;
    let (a, b, pg) = (app.a.id, app.b.id, &app.pg);
    let brand = app.brand("Roasters").await;
    let id = connections::insert_demo(pg, a, brand, "shopify", None).await.unwrap();
    connections::log(pg, a, id, "connected", "success", "Connected").await.unwrap();

    assert!(connections::find(pg, b, id).await.unwrap().is_none());
    assert!(connections::for_brand(pg, b, brand).await.unwrap().is_empty());
    assert!(connections::recent_logs(pg, b, &[id], 10).await.unwrap().is_empty());
    assert!(connections::all_of_workspace(pg, b).await.unwrap().is_empty());
    assert_eq!(connections::all_of_workspace(pg, a).await.unwrap().len(), 1);
    assert!(!connections::disconnect(pg, b, id).await.unwrap());
    connections::set_status(pg, b, id, "error", Some("from B")).await.unwrap();
    connections::set_tokens(pg, b, id, "v1:x:y", None, None).await.unwrap();
    connections::set_progress(pg, b, id, &serde_json::json!({ "state": "failed" })).await.unwrap();
    let metrics = app::contexts::analytics::server::repo::delete_for_connection;
    assert_eq!(metrics(pg, b, id.as_uuid()).await.unwrap(), 0);
    assert!(
        connections::log(pg, b, id, "sync", "error", "from B").await.is_err(),
        "the log row must belong to B's connection"
    );

    let row = connections::find(pg, a, id).await.unwrap().unwrap();
    assert_eq!(row.status, "disconnected");
    assert!(row.access_token.is_none());
    assert_eq!(row.metadata, serde_json::json!({ "demo": true }));
    assert_eq!(connections::recent_logs(pg, a, &[id], 10).await.unwrap().len(), 1);
}

fn finding(kind: InsightType) -> Finding {
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let period = Period { from: day(1), to: day(7) };
    Finding {
        kind,
        priority: Priority::High,
        title: "Cost per acquisition rose 80 %".into(),
        description: "The last 7 days cost more per order than the 28 before.".into(),
        action_items: vec!["Check the campaigns that spend most.".into()],
        related_data: serde_json::json!({ "recent_cpa": 36.0 }),
        period,
        chart: "chart-cpa",
        chart_period: period,
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn workspace_b_cannot_reach_workspace_as_insights(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let (a, b, pg) = (app.a.id, app.b.id, &app.pg);
    // Thresholds live in the workspace's settings (auth owns `workspaces`); the
    // insights service reads and writes them for the member's own workspace only.
    let owner_of = |workspace, user| Member {
        user,
        workspace,
        role: Role::Owner,
        grants: Vec::new(),
        conditional: Vec::new(),
    };
    let (member_a, member_b) = (owner_of(a, app.a.owner), owner_of(b, app.b.owner));
    let brand = app.brand("Roasters").await;
    let expires = Utc::now() + Duration::days(7);
    assert!(insights::insert(pg, a, brand, &finding(InsightType::HighCpa), expires).await.unwrap());
    let all = Filter { include_expired: true, ..Filter::default() };
    let id = insights::list(pg, a, &all, 10, 0).await.unwrap()[0].id;
    let ours = Thresholds { cpa_increase: 0.8, ..Thresholds::default() };
    insight_service::save_thresholds(pg, &member_a, &ours).await.unwrap();

    // Reads: nothing of A's, by any filter.
    assert!(insights::list(pg, b, &all, 10, 0).await.unwrap().is_empty());
    let of_brand = Filter { brand: Some(brand), ..all.clone() };
    assert!(insights::list(pg, b, &of_brand, 10, 0).await.unwrap().is_empty());
    assert_eq!(insights::count(pg, b, &all).await.unwrap(), (0, 0));
    assert_eq!(insights::count(pg, b, &of_brand).await.unwrap(), (0, 0));
    assert_eq!(insight_service::thresholds(pg, b).await.unwrap(), Thresholds::default());

    // Writes: marking read misses, an insight on A's brand is refused, B's own
    // thresholds stay B's.
    let mut conn = pg.acquire().await.unwrap();
    let read = insights::ReadState::Read;
    assert!(!insights::set_read_state(&mut conn, b, app.b.owner, id, read).await.unwrap());
    assert_eq!(insights::count_unread(pg, b, app.b.owner).await.unwrap(), 0);
    drop(conn);
    let onto_a = insights::insert(pg, b, brand, &finding(InsightType::LowRoas), expires).await;
    assert!(onto_a.is_err(), "an insight of B cannot name A's brand");
    let theirs = Thresholds { roas_floor: 9.0, ..Thresholds::default() };
    insight_service::save_thresholds(pg, &member_b, &theirs).await.unwrap();
    assert_eq!(insight_service::thresholds(pg, b).await.unwrap(), theirs);

    // Through the router, B's owner neither lists it nor marks it read.
    let outsider = app.outsider().await;
    let (brand_id, insight) = (brand.to_string(), id.to_string());
    let form = [("brand", brand_id.as_str()), ("priority", ""), ("status", "all"), ("page", "1")];
    let list = app.post("/api/insights/list", &form, outsider).await;
    assert!(list.ok(), "{}", list.body);
    assert_eq!(list.json()["total"], 0);
    assert_eq!(list.json()["insights"], serde_json::json!([]));
    let read = [("id", insight.as_str()), ("state", "read")];
    assert_eq!(app.post("/api/insights/read", &read, outsider).await.status.as_u16(), 404);

    // Workspace A is as it was.
    assert_eq!(insights::count(pg, a, &all).await.unwrap(), (1, 1), "one, still unread");
    let rows = insights::list(pg, a, &all, 10, 0).await.unwrap();
    assert_eq!((rows[0].id, rows[0].insight_type.as_str()), (id, "high_cpa"));
    assert_eq!(insight_service::thresholds(pg, a).await.unwrap(), ours);
}
