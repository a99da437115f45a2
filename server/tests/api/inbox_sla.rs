//! How a workspace works its inbox, through the router: SLA policies start
//! clocks on a person's message, a reply meets them, resolving sets the
//! outcome, a late clock is breached once with one notice to whoever has the
//! conversation (and stays missed after the late answer); the report and its
//! CSV; priority rules; round robin with its cap; and another workspace
//! reaching none of it.

use app::contexts::integrations::types::SocialPlatform;
use mongodb::bson::doc;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::helpers::TestApp;
use crate::inbox::{connect_in, deliver};

/// A comment on Page 111's post, written `ago` seconds before now.
fn comment(id: &str, from: (&str, &str), text: &str, ago: i64) -> Value {
    let at = chrono::Utc::now().timestamp() - ago;
    json!({
        "object": "page",
        "entry": [{"id": "111", "time": at, "changes": [{"field": "feed", "value": {
            "from": {"id": from.0, "name": from.1}, "item": "comment", "verb": "add",
            "post_id": "111_5001", "comment_id": id, "parent_id": "111_5001",
            "created_time": at, "message": text
        }}]}]
    })
}

async fn thread_with(app: &TestApp, participant: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(
        "SELECT id FROM conversations WHERE workspace_id = $1 AND participant_id = $2",
    )
    .bind(app.a.id)
    .bind(participant)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    id.to_string()
}

/// (target, met, breached) of each of the thread's clocks, by target.
fn clocks(view: &Value) -> Vec<(String, bool, bool)> {
    let mut clocks: Vec<(String, bool, bool)> = view["sla"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["target"].as_str().unwrap().to_owned(),
                !c["met_at"].is_null(),
                !c["breached_at"].is_null(),
            )
        })
        .collect();
    clocks.sort();
    clocks
}

async fn run_jobs(app: &TestApp) {
    let worker = server::build_worker(&app.state);
    while worker.run_once().await.unwrap().is_some() {}
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sla_clocks_start_meet_and_breach_once(pg: PgPool) {
    use wiremock::matchers::{method, path_regex};
    use wiremock::{Mock, ResponseTemplate};
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let (editor, manager, outsider) =
        (app.editor().await, app.manager().await, app.outsider().await);
    // Each reply gets its own id, as Graph gives it.
    for n in 1..=3 {
        Mock::given(method("POST"))
            .and(path_regex(r"^/meta/v21\.0/[0-9_]+/comments$"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"id": format!("111_reply{n}")})),
            )
            .up_to_n_times(1)
            .mount(app.mock())
            .await;
    }

    // Two policies: urgent conversations get a one-minute first response.
    let standard = [
        ("policy[name]", "Standard"),
        ("policy[first_response_m]", "30"),
        ("policy[next_response_h]", "1"),
        ("policy[resolution_h]", "24"),
    ];
    assert_eq!(app.post("/api/inbox/sla/save", &standard, editor).await.status, 403);
    let saved = app.post("/api/inbox/sla/save", &standard, manager).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    let fast = [
        ("policy[name]", "Urgent"),
        ("policy[priority_urgent]", "on"),
        ("policy[first_response_m]", "1"),
    ];
    assert!(app.post("/api/inbox/sla/save", &fast, manager).await.ok());
    let taken = app.post("/api/inbox/sla/save", &standard, manager).await;
    assert_eq!(taken.status, 422, "a name in use is refused");
    let none = [("policy[name]", "Empty")];
    assert_eq!(app.post("/api/inbox/sla/save", &none, manager).await.status, 422);
    let bad = [("policy[name]", "Bad"), ("policy[first_response_m]", "75")];
    assert_eq!(app.post("/api/inbox/sla/save", &bad, manager).await.status, 422);

    // A question: the first response and resolution clocks run.
    assert!(
        deliver(
            &app,
            &comment("5001_1", ("900", "Ana Brooks"), "Is the decaf back?", 0),
            "meta-secret"
        )
        .await
        .ok()
    );
    let ana = thread_with(&app, "900").await;
    let view = app.post("/api/inbox/get", &[("conversation_id", &ana)], editor).await.json();
    assert_eq!(
        clocks(&view),
        vec![("first_response".into(), false, false), ("resolution".into(), false, false)],
        "{view}"
    );
    let at_risk = app.post("/api/inbox/list", &[("filter[sla]", "risk")], editor).await.json();
    assert_eq!(at_risk["total"], 1, "due within the hour: {at_risk}");
    assert!(!at_risk["lines"][0]["sla_due"].is_null());

    // Answered: met; the person writes again: the next response runs; answered again.
    let sent = app
        .post(
            "/api/inbox/reply",
            &[("conversation_id", ana.as_str()), ("reply", "Back on Friday!")],
            editor,
        )
        .await;
    assert!(sent.ok(), "{} {}", sent.status, sent.body);
    assert!(
        deliver(&app, &comment("5001_2", ("900", "Ana Brooks"), "And oat milk?", 0), "meta-secret")
            .await
            .ok()
    );
    let again = [("conversation_id", ana.as_str()), ("reply", "Yes, oat too.")];
    let second = app.post("/api/inbox/reply", &again, editor).await;
    assert!(second.ok(), "{} {}", second.status, second.body);
    let resolve = [("conversation_id", ana.as_str()), ("conversation[status]", "resolved")];
    assert!(app.post("/api/inbox/triage", &resolve, editor).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &ana)], editor).await.json();
    assert_eq!(
        clocks(&view),
        vec![
            ("first_response".into(), true, false),
            ("next_response".into(), true, false),
            ("resolution".into(), true, false),
        ],
        "{view}"
    );
    assert_eq!(view["sla_outcome"], "hit");

    // "Refund" makes it urgent; written ten minutes ago, its one minute is past.
    assert!(
        deliver(
            &app,
            &comment("5001_3", ("901", "Leo Park"), "I want a refund.", 600),
            "meta-secret"
        )
        .await
        .ok()
    );
    let leo = thread_with(&app, "901").await;
    let assign =
        [("conversation_id", leo.as_str()), ("conversation[assignee]", &editor.id.to_string())];
    assert!(app.post("/api/inbox/triage", &assign, manager).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &leo)], editor).await.json();
    assert_eq!(view["priority"], "urgent");
    assert_eq!(view["sla"][0]["policy"], "Urgent");
    run_jobs(&app).await;
    let notices = || async {
        app.mongo
            .collection::<mongodb::bson::Document>("notifications")
            .count_documents(doc! { "user_id": editor.id.to_string(), "type": "sla_breach" })
            .await
            .unwrap()
    };
    assert_eq!(notices().await, 1, "the assignee is told");
    // The job again (a redelivered task): nothing more.
    let clock: uuid::Uuid = sqlx::query_scalar(
        "SELECT s.id FROM sla_clocks s JOIN conversations c ON c.id = s.conversation_id
         WHERE c.participant_id = '901'",
    )
    .fetch_one(&app.pg)
    .await
    .unwrap();
    let mut tx = app.pg.begin().await.unwrap();
    app::contexts::automation::server::queue::enqueue(
        &mut tx,
        app.a.id,
        app::contexts::inbox::types::SLA_BREACH,
        &json!({ "clock": clock }),
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    run_jobs(&app).await;
    assert_eq!(notices().await, 1, "told once");
    // Answered late and resolved: it stays missed.
    assert!(
        app.post(
            "/api/inbox/reply",
            &[("conversation_id", leo.as_str()), ("reply", "Refunded.")],
            editor
        )
        .await
        .ok()
    );
    let resolve = [("conversation_id", leo.as_str()), ("conversation[status]", "resolved")];
    assert!(app.post("/api/inbox/triage", &resolve, editor).await.ok());
    let view = app.post("/api/inbox/get", &[("conversation_id", &leo)], editor).await.json();
    assert_eq!(clocks(&view), vec![("first_response".into(), true, true)], "{view}");
    assert_eq!(view["sla_outcome"], "missed");

    // The report: three met, one missed, per policy and member; and as CSV.
    let report = app.post("/api/inbox/sla/report", &[], editor).await;
    assert!(report.ok(), "{}", report.body);
    let report = report.json();
    assert_eq!(
        (report["all"]["hit"].as_i64(), report["all"]["missed"].as_i64()),
        (Some(3), Some(1)),
        "{report}"
    );
    assert_eq!(report["all"]["first_responses"], 2);
    let urgent =
        report["policies"].as_array().unwrap().iter().find(|l| l["label"] == "Urgent").unwrap();
    assert_eq!((urgent["hit"].as_i64(), urgent["missed"].as_i64()), (Some(0), Some(1)));
    assert!(
        report["members"].as_array().unwrap().iter().any(|l| l["missed"] == 1 && l["hit"] == 3),
        "{report}"
    );
    let csv = app.get("/api/inbox/sla/export", editor).await;
    assert!(csv.ok(), "{}", csv.body);
    assert!(csv.body.starts_with("group,name,hit,missed,running"), "{}", csv.body);
    assert!(csv.body.contains("policy,Urgent,0,1,0,0.0,"), "{}", csv.body);

    // Another workspace sees and changes none of it.
    let theirs = app.post("/api/inbox/sla/report", &[], outsider).await.json();
    assert_eq!(theirs["all"]["hit"], 0);
    let settings = app.post("/api/inbox/settings", &[], manager).await.json();
    let id = settings["policies"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.post("/api/inbox/sla/delete", &[("policy_id", &id)], outsider).await.status,
        404
    );
    assert_eq!(app.post("/api/inbox/settings", &[], outsider).await.json()["policies"], json!([]));
    assert!(app.post("/api/inbox/sla/delete", &[("policy_id", &id)], manager).await.ok());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn rules_raise_priority_and_round_robin_takes_turns_up_to_the_cap(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    connect_in(&app, app.b.id, SocialPlatform::Facebook, "111").await;
    let (editor, manager, outsider) =
        (app.editor().await, app.manager().await, app.outsider().await);

    // Round robin among the editor and the manager, one open conversation each.
    let editor_field = format!("round_robin[agent_{}]", editor.id);
    let manager_field = format!("round_robin[agent_{}]", manager.id);
    let rr = [
        ("round_robin[on]", "on"),
        ("round_robin[cap]", "1"),
        (editor_field.as_str(), "on"),
        (manager_field.as_str(), "on"),
    ];
    assert_eq!(app.post("/api/inbox/settings/round-robin", &rr, editor).await.status, 403);
    assert!(app.post("/api/inbox/settings/round-robin", &rr, manager).await.ok());
    for (n, who) in ["900", "901", "902"].iter().enumerate() {
        let id = format!("5001_{n}");
        let text = ["Hello", "Hi there", "Good morning"][n];
        assert!(deliver(&app, &comment(&id, (who, "Someone"), text, 0), "meta-secret").await.ok());
    }
    let assigned: Vec<(String, Option<uuid::Uuid>)> = sqlx::query_as(
        "SELECT participant_id, assigned_to_id FROM conversations
         WHERE workspace_id = $1 ORDER BY participant_id",
    )
    .bind(app.a.id)
    .fetch_all(&app.pg)
    .await
    .unwrap();
    let given: Vec<_> = assigned.iter().filter_map(|(_, a)| *a).collect();
    assert_eq!(given.len(), 2, "both at their cap: the third waits unassigned {assigned:?}");
    assert_ne!(given[0], given[1], "turns alternate");
    assert!(assigned[2].1.is_none());
    let theirs: Option<uuid::Uuid> = sqlx::query_scalar(
        "SELECT assigned_to_id FROM conversations WHERE workspace_id = $1 LIMIT 1",
    )
    .bind(app.b.id)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert!(theirs.is_none(), "the other workspace's copy is not handed to this team");
    // The editor stops taking conversations.
    assert!(app.post("/api/inbox/availability", &[("available", "no")], editor).await.ok());
    let settings = app.post("/api/inbox/settings", &[], editor).await.json();
    let me = settings["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a[0] == editor.id.to_string())
        .unwrap()
        .clone();
    assert_eq!(me[2], false);

    // The default rules: "cancel" is urgent. A rule of the workspace's own: "broken" is high.
    let rule = [("rule[keywords]", "Broken, damaged"), ("rule[priority]", "high")];
    assert_eq!(app.post("/api/inbox/rules/add", &rule, editor).await.status, 403);
    assert!(app.post("/api/inbox/rules/add", &rule, manager).await.ok());
    let empty = [("rule[priority]", "high")];
    assert_eq!(app.post("/api/inbox/rules/add", &empty, manager).await.status, 422);
    let settings = app.post("/api/inbox/settings", &[], manager).await.json();
    assert_eq!(settings["rules"].as_array().unwrap().len(), 3, "{settings}");
    assert!(
        deliver(&app, &comment("5001_7", ("910", "Mia"), "It arrived BROKEN", 0), "meta-secret")
            .await
            .ok()
    );
    assert!(
        deliver(
            &app,
            &comment("5001_8", ("911", "Tom"), "Please cancel my order", 0),
            "meta-secret"
        )
        .await
        .ok()
    );
    let priority = |who: &'static str| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT priority FROM conversations WHERE workspace_id = $1 AND participant_id = $2",
            )
            .bind(app.a.id)
            .bind(who)
            .fetch_one(&app.pg)
            .await
            .unwrap()
        }
    };
    assert_eq!(priority("910").await, "high");
    assert_eq!(priority("911").await, "urgent");
    // A priority a person sets stays: the rules never lower nor raise it again.
    let tom = thread_with(&app, "911").await;
    let low = [("conversation_id", tom.as_str()), ("conversation[priority]", "low")];
    assert!(app.post("/api/inbox/triage", &low, editor).await.ok());
    assert!(
        deliver(&app, &comment("5001_9", ("911", "Tom"), "Cancel it now!", 0), "meta-secret")
            .await
            .ok()
    );
    assert_eq!(priority("911").await, "low");
    // Another workspace's manager cannot delete this workspace's rules.
    assert_eq!(app.post("/api/inbox/rules/delete", &[("index", "2")], outsider).await.status, 404);
    assert!(app.post("/api/inbox/rules/delete", &[("index", "2")], manager).await.ok());
    let settings = app.post("/api/inbox/settings", &[], manager).await.json();
    assert_eq!(settings["rules"].as_array().unwrap().len(), 2);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_person_becomes_one_lead_found_again_by_email(pg: PgPool) {
    let app = TestApp::builder(pg).mock_platform().build().await;
    connect_in(&app, app.a.id, SocialPlatform::Facebook, "111").await;
    let (editor, viewer, outsider) = (app.editor().await, app.viewer().await, app.outsider().await);
    let dm = json!({"object": "page", "entry": [{"id": "111", "time": 1764600100, "messaging": [
        {"sender": {"id": "PSID-7"}, "recipient": {"id": "111"}, "timestamp": 1764600001000_i64,
         "message": {"mid": "m_first", "text": "Do you cater for weddings?"}}]}]});
    assert!(deliver(&app, &dm, "meta-secret").await.ok());
    assert!(
        deliver(&app, &comment("5001_1", ("900", "Ana Brooks"), "Lovely cake!", 0), "meta-secret")
            .await
            .ok()
    );
    let (dm, ana) = (thread_with(&app, "PSID-7").await, thread_with(&app, "900").await);
    let leads = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM leads WHERE workspace_id = $1")
            .bind(app.a.id)
            .fetch_one(&app.pg)
            .await
            .unwrap()
    };

    let bad = [("conversation_id", dm.as_str()), ("email", "not an email")];
    assert_eq!(app.post("/api/inbox/lead", &bad, editor).await.status, 422);
    let form = [("conversation_id", dm.as_str()), ("email", "ana@example.com")];
    assert_eq!(app.post("/api/inbox/lead", &form, viewer).await.status, 403);
    assert_eq!(app.post("/api/inbox/lead", &form, outsider).await.status, 404);
    assert!(app.post("/api/inbox/lead", &form, editor).await.ok());
    assert_eq!(leads().await, 1);
    // The same person, known by email on another thread: the same lead.
    let again = [
        ("conversation_id", ana.as_str()),
        ("email", "ANA@example.com"),
        ("phone", "+1 312 555 0100"),
    ];
    assert!(app.post("/api/inbox/lead", &again, editor).await.ok());
    assert_eq!(leads().await, 1, "found again, not made twice");
    let view = app.post("/api/inbox/get", &[("conversation_id", &ana)], editor).await.json();
    assert_eq!(view["lead"]["email"], "ana@example.com", "{view}");
    let phone: Option<String> =
        sqlx::query_scalar("SELECT phone FROM leads WHERE workspace_id = $1")
            .bind(app.a.id)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    assert_eq!(phone.as_deref(), Some("+1 312 555 0100"), "completed with what it lacked");
    assert!(
        view["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["body"] == "Linked to the lead already in the CRM.")
    );
}
