//! Approval chains through the router: a chain made on its page, a post walked
//! through two levels (a request for changes, an edit back to level 1, moving it
//! without a new round), "all of" levels, the author never approving, expiry at
//! the post's time, comments with @mentions, and other workspaces kept out.

use app::contexts::approvals::server::repo as approvals_repo;
use app::contexts::automation::server::workflows;
use app::contexts::integrations::types::SocialPlatform;
use app::kernel::{PostId, SocialAccountId, UserId, WorkflowId};
use chrono::{Duration, SubsecRound, Utc};
use mongodb::bson::doc;
use sqlx::PgPool;

use crate::helpers::{Caller, TestApp, location};
use crate::publishing::{connect, run_all};

/// Makes a chain as the owner: `levels` are (mode, role, members) per level.
async fn chain(app: &TestApp, name: &str, levels: &[(&str, &str, Vec<UserId>)]) -> WorkflowId {
    let owner = app.owner().await.cookie.clone();
    let mut form: Vec<(String, String)> = vec![
        ("chain_id".into(), String::new()),
        ("chain[name]".into(), name.into()),
        ("chain[active]".into(), "on".into()),
    ];
    for (at, (mode, role, members)) in levels.iter().enumerate() {
        let n = at + 1;
        form.push((format!("chain[level{n}.mode]"), (*mode).into()));
        form.push((format!("chain[level{n}.role]"), (*role).into()));
        for m in members {
            form.push((format!("chain[level{n}.member.{m}]"), "on".into()));
        }
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = app.post("/api/approvals/save_chain", &form, &owner).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    let rows = workflows::list(&app.pg, app.a.id, "approval").await.unwrap();
    rows.into_iter().find(|r| r.name == name).unwrap().id
}

fn when(days: i64) -> String {
    (Utc::now() + Duration::days(days)).format("%Y-%m-%dT09:00").to_string()
}

/// Saves the composer as `who`; returns the reply.
async fn save(
    app: &TestApp,
    who: impl Caller,
    post: &str,
    account: SocialAccountId,
    text: &str,
    at: &str,
) -> crate::helpers::Reply {
    let on = format!("post[on.{account}]");
    let form = [
        ("post_id", post),
        ("post[text]", text),
        (on.as_str(), "on"),
        ("post[when]", at),
        ("post[intent]", "schedule"),
    ];
    app.post("/api/posts/save", &form, who).await
}

async fn status(app: &TestApp, post: &str) -> String {
    sqlx::query_scalar("SELECT status FROM posts WHERE id = $1::uuid")
        .bind(post)
        .fetch_one(&app.pg)
        .await
        .unwrap()
}

/// (round, level, approver, status) of every approval of the post.
async fn rows(app: &TestApp, post: &str) -> Vec<(i32, i32, UserId, String)> {
    sqlx::query_as(
        "SELECT round, level, approver_id, status FROM approvals WHERE post_id = $1::uuid
         ORDER BY round, level, status, approver_id",
    )
    .bind(post)
    .fetch_all(&app.pg)
    .await
    .unwrap()
}

async fn decide(
    app: &TestApp,
    who: impl Caller,
    post: &str,
    decision: &str,
    comment: &str,
) -> crate::helpers::Reply {
    let form = [("post_id", post), ("decision", decision), ("comment", comment)];
    app.post("/api/posts/decide", &form, who).await
}

async fn publish_tasks(app: &TestApp, post: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM scheduled_tasks
         WHERE type = 'publish_target' AND data->>'post_id' = $1",
    )
    .bind(post)
    .fetch_one(&app.pg)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_post_climbs_two_levels_and_an_edit_sends_it_back_to_the_first(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (owner, admin, manager, editor) =
        (app.owner().await, app.admin().await, app.manager().await, app.editor().await);
    // Level 1: any one of the manager and the admin; level 2: the owner.
    chain(
        &app,
        "Client sign-off",
        &[("any", "", vec![manager.id, admin.id]), ("all", "owner", vec![])],
    )
    .await;

    let saved = save(&app, editor, "", li, "The holiday blend is back.", &when(3)).await;
    assert!(saved.ok(), "{} {}", saved.status, saved.body);
    let post = location(&saved).trim_start_matches("/posts/").to_owned();
    assert_eq!(status(&app, &post).await, "pending_approval");
    assert_eq!(publish_tasks(&app, &post).await, 0, "nothing goes out before approval");
    let waiting = rows(&app, &post).await;
    assert_eq!(waiting.len(), 2);
    assert!(waiting.iter().all(|r| r.0 == 1 && r.1 == 1 && r.3 == "pending"));

    // Nobody else decides: not the author, not the owner before level 2.
    let refused = decide(&app, editor, &post, "approve", "").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("someone else approves it"), "{}", refused.body);
    let early = decide(&app, owner, &post, "approve", "").await;
    assert_eq!(early.status, 422);
    assert!(early.body.contains("not waiting for your approval"), "{}", early.body);
    // The manager's waiting list and the navigation count show it.
    let list = app.post("/api/approvals/list", &[("tab", "waiting")], manager).await.json();
    assert_eq!(list["waiting"], 1, "{list}");
    assert_eq!(list["items"][0]["post_id"], post.as_str());
    let badges = app.post("/api/home/badges", &[], manager).await.json();
    assert!(
        badges.as_array().unwrap().iter().any(|b| b[0] == "/approvals" && b[1] == 1),
        "{badges}"
    );

    // Level 1 approved by one of its two: level 2 starts with the owner.
    assert!(decide(&app, manager, &post, "approve", "").await.ok());
    let after = rows(&app, &post).await;
    assert!(after.contains(&(1, 1, manager.id, "approved".into())), "{after:?}");
    assert!(after.contains(&(1, 1, admin.id, "superseded".into())), "{after:?}");
    assert!(after.contains(&(1, 2, owner.id, "pending".into())), "{after:?}");
    assert_eq!(status(&app, &post).await, "pending_approval");

    // Asking for changes needs a comment; with one, the post goes back to its author.
    let bare = decide(&app, owner, &post, "request_changes", " ").await;
    assert_eq!(bare.status, 422);
    assert!(bare.body.contains("Say what should change"), "{}", bare.body);
    assert!(decide(&app, owner, &post, "request_changes", "Say it ships Friday.").await.ok());
    assert_eq!(status(&app, &post).await, "draft");
    let review = app.post("/api/posts/review", &[("post_id", &post)], editor).await.json();
    assert!(
        review["state"].as_str().unwrap().starts_with("Changes requested by owner at level 2"),
        "{review}"
    );
    let told = app
        .mongo
        .collection::<mongodb::bson::Document>("notifications")
        .count_documents(doc! { "user_id": editor.id.to_string(), "type": "post_returned" })
        .await
        .unwrap();
    assert_eq!(told, 1);

    // Edited and scheduled again: a new round from level 1, then both levels.
    let text = "The holiday blend is back. It ships Friday.";
    assert!(save(&app, editor, &post, li, text, &when(3)).await.ok());
    assert_eq!(status(&app, &post).await, "pending_approval");
    assert!(rows(&app, &post).await.iter().any(|r| *r == (2, 1, manager.id, "pending".into())));
    assert!(decide(&app, admin, &post, "approve", "").await.ok());
    assert!(decide(&app, owner, &post, "approve", "Good to go").await.ok());
    assert_eq!(status(&app, &post).await, "scheduled");
    assert_eq!(publish_tasks(&app, &post).await, 1);

    // Moving it is not an edit: still scheduled, no new round.
    assert!(save(&app, editor, &post, li, text, &when(4)).await.ok());
    assert_eq!(status(&app, &post).await, "scheduled");
    assert!(rows(&app, &post).await.iter().all(|r| r.0 <= 2));
    // Changing its text is: back to level 1 (round 3), and nothing booked goes out.
    assert!(save(&app, editor, &post, li, "Now with a new photo.", &when(4)).await.ok());
    assert_eq!(status(&app, &post).await, "pending_approval");
    assert!(rows(&app, &post).await.iter().any(|r| r.0 == 3 && r.1 == 1 && r.3 == "pending"));
    // Saving it as a draft withdraws it: nothing waits any more.
    let on = format!("post[on.{li}]");
    let draft = [
        ("post_id", post.as_str()),
        ("post[text]", "Now with a new photo."),
        (on.as_str(), "on"),
        ("post[intent]", "draft"),
    ];
    assert!(app.post("/api/posts/save", &draft, editor).await.ok());
    assert!(rows(&app, &post).await.iter().all(|r| r.3 != "pending"));
    let list = app.post("/api/approvals/list", &[("tab", "history")], manager).await.json();
    assert!(list["items"].as_array().unwrap().len() >= 4, "{list}");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_all_of_level_waits_for_everyone_and_the_author_is_never_an_approver(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (owner, admin, manager) = (app.owner().await, app.admin().await, app.manager().await);
    chain(&app, "Managers", &[("all", "manager", vec![])]).await;

    // The owner writes it: the managers and above but the owner approve.
    let saved = save(&app, owner, "", li, "Cupping night on Thursday.", &when(2)).await;
    let post = location(&saved).trim_start_matches("/posts/").to_owned();
    let approvers: Vec<UserId> = rows(&app, &post).await.into_iter().map(|r| r.2).collect();
    assert_eq!(approvers.len(), 2);
    assert!(approvers.contains(&admin.id) && approvers.contains(&manager.id));
    assert!(decide(&app, admin, &post, "approve", "").await.ok());
    assert_eq!(status(&app, &post).await, "pending_approval", "all of them, not one");
    assert!(decide(&app, manager, &post, "approve", "").await.ok());
    assert_eq!(status(&app, &post).await, "scheduled");

    // A level only the author could approve cannot be submitted to.
    let solo = chain(&app, "Solo", &[("any", "", vec![owner.id])]).await;
    // Covering this account wins over the chain for all accounts.
    let mut settings =
        workflows::get(&app.pg, app.a.id, "approval", solo).await.unwrap().unwrap().settings;
    settings["accounts"] = serde_json::json!([li]);
    sqlx::query("UPDATE workflows SET settings = $2 WHERE id = $1")
        .bind(solo)
        .bind(settings)
        .execute(&app.pg)
        .await
        .unwrap();
    let refused = save(&app, owner, "", li, "Another post.", &when(2)).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("no approver besides the post's author"), "{}", refused.body);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_chain_naming_a_campaign_covers_only_that_campaigns_posts(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (owner, editor, manager) = (app.owner().await, app.editor().await, app.manager().await);
    let launch = crate::campaigns::create(&app, "Spring launch").await.to_string();
    let other = crate::campaigns::create(&app, "Summer menu").await.to_string();
    let ticked = format!("chain[campaign.{launch}]");
    let member = format!("chain[level1.member.{}]", manager.id);
    let form = [
        ("chain_id", ""),
        ("chain[name]", "Launch sign-off"),
        ("chain[active]", "on"),
        (ticked.as_str(), "on"),
        ("chain[level1.mode]", "any"),
        (member.as_str(), "on"),
    ];
    assert!(app.post("/api/approvals/save_chain", &form, &owner.cookie).await.ok());
    let page = app.post("/api/approvals/chains", &[] as &[(&str, &str)], &owner.cookie).await;
    assert!(
        page.body.contains("Posts to every account in the campaign Spring launch"),
        "{}",
        page.body
    );

    let in_campaign = |campaign: &str| {
        let on = format!("post[on.{li}]");
        vec![
            ("post_id".to_owned(), String::new()),
            ("post[text]".to_owned(), format!("Post for {campaign}")),
            (on, "on".to_owned()),
            ("post[when]".to_owned(), when(2)),
            ("post[intent]".to_owned(), "schedule".to_owned()),
            ("post[campaign]".to_owned(), campaign.to_owned()),
        ]
    };
    for (campaign, expected) in
        [(&launch, "pending_approval"), (&other, "scheduled"), (&String::new(), "scheduled")]
    {
        let form = in_campaign(campaign);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let saved = app.post("/api/posts/save", &form, editor).await;
        assert!(saved.ok(), "{} {}", saved.status, saved.body);
        let post = location(&saved).trim_start_matches("/posts/").to_owned();
        assert_eq!(status(&app, &post).await, expected, "campaign {campaign:?}");
    }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_post_still_waiting_at_its_time_is_not_published(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (editor, manager) = (app.editor().await, app.manager().await);
    chain(&app, "Managers", &[("any", "manager", vec![])]).await;
    let saved = save(&app, editor, "", li, "Flash sale at noon.", &when(1)).await;
    let post = location(&saved).trim_start_matches("/posts/").to_owned();

    // Its time comes while it still waits.
    let past = (Utc::now() - Duration::minutes(1)).trunc_subsecs(0);
    sqlx::query("UPDATE posts SET scheduled_at = $2 WHERE id = $1::uuid")
        .bind(&post)
        .bind(past)
        .execute(&app.pg)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE scheduled_tasks SET scheduled_for = now(), data = jsonb_set(data, '{due}', to_jsonb($1::timestamptz))
         WHERE type = 'approval_deadline'",
    )
    .bind(past)
    .execute(&app.pg)
    .await
    .unwrap();
    run_all(&app).await;

    assert_eq!(status(&app, &post).await, "draft");
    assert_eq!(publish_tasks(&app, &post).await, 0);
    assert!(
        rows(&app, &post).await.iter().all(|r| r.3 == "expired"),
        "{:?}",
        rows(&app, &post).await
    );
    let review = app.post("/api/posts/review", &[("post_id", &post)], editor).await.json();
    assert!(review["state"].as_str().unwrap().starts_with("Approval expired"), "{review}");
    // The author and the approvers are told.
    let notifications = app.mongo.collection::<mongodb::bson::Document>("notifications");
    for user in [editor.id, manager.id] {
        let n = notifications
            .count_documents(doc! { "user_id": user.to_string(), "type": "approval_expired" })
            .await
            .unwrap();
        assert_eq!(n, 1, "{user}");
    }
    // Too late to approve.
    assert_eq!(decide(&app, manager, &post, "approve", "").await.status, 422);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn comments_tell_the_members_they_mention_and_other_workspaces_see_nothing(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (editor, manager, outsider) =
        (app.editor().await, app.manager().await, app.outsider().await);
    let workflow = chain(&app, "Managers", &[("any", "manager", vec![])]).await;
    let saved = save(&app, editor, "", li, "New mugs in store.", &when(2)).await;
    let post = location(&saved).trim_start_matches("/posts/").to_owned();

    let empty = app.post("/api/posts/comment", &[("post_id", &post), ("body", "  ")], editor).await;
    assert_eq!(empty.status, 422);
    let said = [("post_id", post.as_str()), ("body", "@manager can you check the price?")];
    assert!(app.post("/api/posts/comment", &said, editor).await.ok());
    let review = app.post("/api/posts/review", &[("post_id", &post)], manager).await.json();
    assert_eq!(review["comments"][0]["body"], "@manager can you check the price?");
    assert_eq!(review["can_decide"], true);
    let mention = app
        .mongo
        .collection::<mongodb::bson::Document>("notifications")
        .find_one(doc! { "user_id": manager.id.to_string(), "type": "mention" })
        .await
        .unwrap()
        .unwrap();
    assert!(mention.get_str("message").unwrap().contains("editor mentioned you"), "{mention}");

    // Another workspace: no review, no comment, no decision, no chain of theirs.
    for (path, form) in [
        ("/api/posts/review", vec![("post_id", post.as_str())]),
        ("/api/posts/comment", vec![("post_id", post.as_str()), ("body", "hi")]),
        ("/api/posts/decide", vec![("post_id", post.as_str()), ("decision", "approve")]),
    ] {
        assert_eq!(app.post(path, &form, outsider).await.status, 404, "{path}");
    }
    let id = workflow.to_string();
    let theirs = app.post("/api/approvals/chains", &[], outsider).await.json();
    assert_eq!(theirs["chains"].as_array().unwrap().len(), 0);
    let change =
        [("chain_id", id.as_str()), ("chain[name]", "Mine"), ("chain[level1.role]", "owner")];
    assert_eq!(app.post("/api/approvals/save_chain", &change, outsider).await.status, 404);
    assert_eq!(
        app.post("/api/approvals/delete_chain", &[("chain_id", &id)], outsider).await.status,
        404
    );
    let list = app.post("/api/approvals/list", &[("tab", "history")], outsider).await.json();
    assert_eq!(list["waiting"], 0);

    // The repositories answer nothing for another workspace's ids.
    let post_id: PostId = post.parse().unwrap();
    assert!(workflows::get(&app.pg, app.b.id, "approval", workflow).await.unwrap().is_none());
    assert!(!workflows::delete(&app.pg, app.b.id, "approval", workflow).await.unwrap());
    // The manager and the owner (managers and above) wait on it in its own workspace.
    assert_eq!(approvals_repo::open_rows(&app.pg, app.a.id, post_id).await.unwrap().len(), 2);
    assert!(approvals_repo::open_rows(&app.pg, app.b.id, post_id).await.unwrap().is_empty());
    assert!(approvals_repo::history(&app.pg, app.b.id, post_id).await.unwrap().is_empty());
    assert_eq!(approvals_repo::count_waiting(&app.pg, app.b.id, manager.id).await.unwrap(), 0);
}

/// A client's decision through the link `token`.
async fn client(
    app: &TestApp,
    token: &str,
    post: &str,
    decision: &str,
    comment: &str,
) -> crate::helpers::Reply {
    let form = [("token", token), ("post_id", post), ("decision", decision), ("comment", comment)];
    app.post("/api/review/decide", &form, crate::helpers::Anonymous).await
}

/// The latest email to `to` and the approval link's token in it.
async fn link_token(app: &TestApp, to: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body FROM outbox_emails WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    let at = body.find("/review/").expect("a review link") + "/review/".len();
    body[at..at + 64].to_owned()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_client_approves_through_their_link_and_sees_only_what_is_shared(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (editor, manager, outsider) =
        (app.editor().await, app.manager().await, app.outsider().await);
    chain(&app, "Managers", &[("any", "", vec![manager.id])]).await;
    let first = save(&app, editor, "", li, "New mugs in store.", &when(2)).await;
    let first = location(&first).trim_start_matches("/posts/").to_owned();
    let second = save(&app, editor, "", li, "Latte art class on Saturday.", &when(3)).await;
    let second = location(&second).trim_start_matches("/posts/").to_owned();
    let comment = [("post_id", first.as_str()), ("body", "Internal: margin is thin on these.")];
    assert!(app.post("/api/posts/comment", &comment, editor).await.ok());

    // Shared with the client; someone else's workspace cannot share it.
    let share = [("post_id", first.as_str()), ("email", "dana@client.example"), ("name", "Dana")];
    assert_eq!(app.post("/api/posts/share", &share, outsider).await.status, 404);
    let bad = [("post_id", first.as_str()), ("email", "dana"), ("name", "")];
    assert_eq!(app.post("/api/posts/share", &bad, editor).await.status, 422);
    assert!(app.post("/api/posts/share", &share, editor).await.ok());
    let token = link_token(&app, "dana@client.example").await;
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM approval_links WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&app.pg)
            .await
            .unwrap();
    assert_eq!(stored, 0, "only the token's hash is kept");

    // The link shows that post and nothing internal; signed out.
    let view =
        app.post("/api/review/shared", &[("token", &token)], crate::helpers::Anonymous).await;
    assert!(view.ok(), "{} {}", view.status, view.body);
    assert!(
        !view.body.contains("margin is thin") && !view.body.contains("Latte art"),
        "{}",
        view.body
    );
    let view = view.json();
    assert_eq!(view["posts"].as_array().unwrap().len(), 1);
    assert_eq!(view["posts"][0]["state"], "Waiting for your approval");
    assert_eq!(view["posts"][0]["can_decide"], true);

    // Only shared posts, and changes need a comment.
    assert_eq!(client(&app, &token, &second, "approve", "").await.status, 404);
    assert_eq!(client(&app, &token, &first, "request_changes", "").await.status, 422);
    assert!(client(&app, &token, &first, "approve", "").await.ok());
    // One level, "any one of": the client's approval schedules it.
    assert_eq!(status(&app, &first).await, "scheduled");
    let review = app.post("/api/posts/review", &[("post_id", &first)], editor).await.json();
    let history = review["history"].as_array().unwrap();
    assert!(
        history.iter().any(|e| e["approver"] == "Dana (client)" && e["status"] == "approved"),
        "{review}"
    );
    assert_eq!(client(&app, &token, &first, "approve", "").await.status, 422, "decided once");

    // A newer link to the same address replaces the old one and shares both posts.
    let again = [("post_id", second.as_str()), ("email", "Dana@Client.example"), ("name", "Dana")];
    assert!(app.post("/api/posts/share", &again, editor).await.ok());
    let old = app
        .post("/api/review/shared", &[("token", &token)], crate::helpers::Anonymous)
        .await
        .json();
    assert!(old["ended"].as_str().unwrap().contains("replaced by a newer one"), "{old}");
    assert_eq!(old["posts"].as_array().unwrap().len(), 0);
    let replaced = client(&app, &token, &second, "approve", "").await;
    assert_eq!(replaced.status, 422);
    let newer = link_token(&app, "Dana@Client.example").await;
    let view = app
        .post("/api/review/shared", &[("token", &newer)], crate::helpers::Anonymous)
        .await
        .json();
    assert_eq!(view["posts"].as_array().unwrap().len(), 2, "{view}");

    // Stopping sharing one post: the link keeps the other; another workspace
    // cannot stop it.
    let review = app.post("/api/posts/review", &[("post_id", &second)], editor).await.json();
    let link = review["shared_with"][0][0].as_str().unwrap().to_owned();
    let unshare = [("post_id", second.as_str()), ("link_id", link.as_str())];
    assert_eq!(app.post("/api/posts/unshare", &unshare, outsider).await.status, 404);
    assert!(app.post("/api/posts/unshare", &unshare, editor).await.ok());
    assert_eq!(app.post("/api/posts/unshare", &unshare, editor).await.status, 404, "done once");
    let view = app
        .post("/api/review/shared", &[("token", &newer)], crate::helpers::Anonymous)
        .await
        .json();
    assert_eq!(view["posts"].as_array().unwrap().len(), 1, "{view}");
    assert_eq!(client(&app, &newer, &second, "approve", "").await.status, 404);
    // A link left sharing nothing stops working.
    let other = [("post_id", second.as_str()), ("email", "lee@client.example"), ("name", "")];
    assert!(app.post("/api/posts/share", &other, editor).await.ok());
    let lee = link_token(&app, "lee@client.example").await;
    let review = app.post("/api/posts/review", &[("post_id", &second)], editor).await.json();
    let link = review["shared_with"][0][0].as_str().unwrap().to_owned();
    let unshare = [("post_id", second.as_str()), ("link_id", link.as_str())];
    assert!(app.post("/api/posts/unshare", &unshare, editor).await.ok());
    let view =
        app.post("/api/review/shared", &[("token", &lee)], crate::helpers::Anonymous).await.json();
    assert!(view["ended"].as_str().unwrap().contains("stopped sharing"), "{view}");

    // Expired after 30 days.
    sqlx::query("UPDATE approval_links SET expires_at = now() - interval '1 second'")
        .execute(&app.pg)
        .await
        .unwrap();
    let view = app
        .post("/api/review/shared", &[("token", &newer)], crate::helpers::Anonymous)
        .await
        .json();
    assert!(view["ended"].as_str().unwrap().contains("expired"), "{view}");

    // Guessing: unknown tokens are not found, and past 20 the address's guesses
    // wait; a real link from the same address still opens.
    let guess = "0".repeat(64);
    for _ in 0..20 {
        let reply =
            app.post("/api/review/shared", &[("token", &guess)], crate::helpers::Anonymous).await;
        assert_eq!(reply.status, 404);
    }
    let blocked =
        app.post("/api/review/shared", &[("token", &guess)], crate::helpers::Anonymous).await;
    assert_eq!(blocked.status, 429, "{}", blocked.body);
    let real =
        app.post("/api/review/shared", &[("token", &newer)], crate::helpers::Anonymous).await;
    assert!(real.ok(), "{} {}", real.status, real.body);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_waiting_approval_reminds_twice_a_day_apart_then_tells_the_managers_once(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (owner, editor, manager) = (app.owner().await, app.editor().await, app.manager().await);
    chain(&app, "Manager", &[("any", "", vec![manager.id])]).await;
    let saved = save(&app, editor, "", li, "Single-origin Friday.", &when(5)).await;
    assert!(saved.ok());
    let count = |user: UserId, kind: &'static str| {
        let notifications = app.mongo.collection::<mongodb::bson::Document>("notifications");
        async move {
            notifications
                .count_documents(doc! { "user_id": user.to_string(), "type": kind })
                .await
                .unwrap()
        }
    };
    // A day passes, three times over.
    let day_passes = || async {
        sqlx::query(
            "UPDATE approvals SET created_at = created_at - interval '25 hours',
                                  last_reminded_at = last_reminded_at - interval '25 hours'",
        )
        .execute(&app.pg)
        .await
        .unwrap();
        sqlx::query("UPDATE scheduled_tasks SET scheduled_for = now() WHERE type = 'approval_reminders' AND status = 'pending'")
            .execute(&app.pg)
            .await
            .unwrap();
        run_all(&app).await;
    };
    day_passes().await;
    assert_eq!(count(manager.id, "approval_reminder").await, 1);
    let emails: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox_emails WHERE recipient = $1 AND subject LIKE '%waiting for your approval%'",
    )
    .bind(&manager.email)
    .fetch_one(&app.pg)
    .await
    .unwrap();
    assert_eq!(emails, 1);
    day_passes().await;
    assert_eq!(count(manager.id, "approval_reminder").await, 2);
    assert_eq!(count(owner.id, "approval_overdue").await, 0);
    day_passes().await;
    assert_eq!(count(manager.id, "approval_reminder").await, 2, "at most twice");
    assert_eq!(count(owner.id, "approval_overdue").await, 1);
    assert_eq!(count(manager.id, "approval_overdue").await, 0, "not the late approver");
    day_passes().await;
    assert_eq!(count(owner.id, "approval_overdue").await, 1, "once");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn whoever_sends_a_post_never_approves_it_and_a_stale_page_cannot_decide(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let li = connect(&app, SocialPlatform::Linkedin, "urn:li:person:1", "northwind", "t").await;
    let (editor, manager, admin) = (app.editor().await, app.manager().await, app.admin().await);
    chain(&app, "Either", &[("any", "", vec![manager.id, admin.id])]).await;
    let saved = save(&app, editor, "", li, "Drip coffee day.", &when(2)).await;
    let post = location(&saved).trim_start_matches("/posts/").to_owned();
    // The manager edits the editor's post and sends it: the admin approves it.
    assert!(save(&app, manager, &post, li, "Drip coffee day, all day.", &when(2)).await.ok());
    let round_two: Vec<_> = rows(&app, &post).await.into_iter().filter(|r| r.0 == 2).collect();
    assert_eq!(round_two, vec![(2, 1, admin.id, "pending".to_owned())]);
    // A page showing round 1 cannot decide round 2.
    let stale = [("post_id", post.as_str()), ("decision", "approve"), ("round", "1")];
    let refused = app.post("/api/posts/decide", &stale, admin).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("changed since you opened it"), "{}", refused.body);
    let current = [("post_id", post.as_str()), ("decision", "approve"), ("round", "2")];
    assert!(app.post("/api/posts/decide", &current, admin).await.ok());
    assert_eq!(status(&app, &post).await, "scheduled");
}
