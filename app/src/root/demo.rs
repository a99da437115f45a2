//! The demo workspace for the embedded default: on first start with an empty
//! database, "Northwind Coffee" with one member per role, its settings, two brands,
//! eighteen months of their daily metrics under demo connections, and their first
//! insights queued. This module is the seeding order; each context seeds its own
//! records (`contexts/*/server/demo.rs`) through its repository or service, all in
//! one transaction. A new context adds its step here.

use sqlx::PgPool;

use crate::contexts::analytics::server::demo as metrics;
use crate::contexts::approvals::server::demo as approvals;
use crate::contexts::auth::server::accounts::log_activity;
use crate::contexts::auth::server::demo as accounts;
use crate::contexts::auth::server::demo::{NewWorkspace, WorkspacePlan};
use crate::contexts::brands::server::demo as brands;
use crate::contexts::campaigns::server::demo as campaigns;
use crate::contexts::content::server::demo as posts;
use crate::contexts::engagement::server::demo as engagement;
use crate::contexts::insights::server::service as insights;
use crate::contexts::integrations::server::demo as connections;
use crate::contexts::integrations::server::service::add_demo_social_account;
use crate::contexts::integrations::types::SocialPlatform;
use crate::contexts::team::types::{Branding, Plan};
use crate::error::AppError;
use crate::kernel::Role;

/// Days of demo metrics: eighteen months.
const DEMO_DAYS: i64 = 548;

const TIMEZONE: &str = "America/Chicago";
const CURRENCY: &str = "USD";

/// The demo members: role, name, email, password. Printed once at seeding and in
/// README.md; they only ever exist in a development database.
pub const DEMO_USERS: [(Role, &str, &str, &str); 5] = [
    (Role::Owner, "Olivia Owens", "owner@northwind.example", "demo-owner-espresso"),
    (Role::Admin, "Adam Alvarez", "admin@northwind.example", "demo-admin-cortado"),
    (Role::Manager, "Maya Moreau", "manager@northwind.example", "demo-manager-ristretto"),
    (Role::Editor, "Ethan Evans", "editor@northwind.example", "demo-editor-macchiato"),
    (Role::Viewer, "Vera Vance", "viewer@northwind.example", "demo-viewer-affogato"),
];

/// Seeds the demo workspace when no user exists yet. Returns whether it did.
pub async fn seed_if_empty(state: &crate::server::AppState) -> Result<bool, AppError> {
    let pg = &state.pg;
    if accounts::has_users(pg).await? {
        return Ok(false);
    }
    let hashes = accounts::hash_passwords(&DEMO_USERS).await?;
    let workspace = NewWorkspace {
        name: "Northwind Coffee",
        slug: "northwind-coffee",
        industry: Some("Food & Beverage"),
        website: Some("https://northwind.example"),
        timezone: TIMEZONE,
        currency: CURRENCY,
    };
    let branding = Branding {
        primary_color: "#7c4a1e".into(),
        email_footer: "Northwind Coffee · Roasted in Chicago".into(),
    };
    let plan = WorkspacePlan {
        plan: Plan::Professional.as_str(),
        subscription_status: "active",
        limits: serde_json::to_value(Plan::Professional.limits()).map_err(AppError::internal)?,
        branding: serde_json::to_value(&branding).map_err(AppError::internal)?,
    };
    let until = chrono::Utc::now().with_timezone(&chrono_tz::America::Chicago).date_naive()
        - chrono::Duration::days(1);

    let mut tx = pg.begin().await?;
    let (workspace, owner) =
        accounts::seed_workspace(&mut tx, &workspace, &plan, &DEMO_USERS, &hashes).await?;
    let owner = owner.ok_or_else(|| AppError::internal("the demo has no members"))?;
    for (name, domain, profile) in [
        ("Northwind Roasters", "roasters.northwind.example", metrics::roasters(until)),
        ("Northwind Cold Brew", "coldbrew.northwind.example", metrics::cold_brew(until)),
    ] {
        let brand =
            brands::seed_brand(&mut tx, workspace, owner, name, domain, CURRENCY, TIMEZONE).await?;
        // Each platform's metrics under a connection that says it holds demo data
        // and is not connected (connecting it replaces the data).
        let rows = metrics::generate(&profile, until, DEMO_DAYS);
        for source in metrics::PLATFORM_SOURCES {
            let connection = connections::seed_connection(
                &mut tx,
                workspace,
                brand,
                source.as_str(),
                Some(owner),
            )
            .await?;
            metrics::store(
                &mut tx,
                workspace,
                brand,
                source,
                connection.as_uuid(),
                CURRENCY,
                &rows,
            )
            .await?;
        }
        insights::enqueue_now(&mut tx, workspace, brand).await?;
    }
    // Social accounts on five platforms, and posts over the past and next six weeks.
    let mut social = Vec::new();
    for (platform, username, name) in [
        (SocialPlatform::Instagram, "northwindcoffee", "Northwind Coffee"),
        (SocialPlatform::Facebook, "northwindcoffee", "Northwind Coffee"),
        (SocialPlatform::Twitter, "northwind_coffee", "Northwind Coffee"),
        (SocialPlatform::Linkedin, "northwind-coffee", "Northwind Coffee Co."),
        (SocialPlatform::Threads, "northwindcoffee", "Northwind Coffee"),
    ] {
        let id = add_demo_social_account(&mut tx, workspace, platform, username, name).await?;
        social.push((id, platform));
    }
    let today = chrono::Utc::now().with_timezone(&chrono_tz::America::Chicago).date_naive();
    posts::seed_posts(&mut tx, workspace, owner, &social, chrono_tz::America::Chicago, today)
        .await?;
    log_activity(&mut *tx, workspace, Some(owner), "demo_seeded", "Demo workspace created").await?;
    tx.commit().await?;
    // Files go to the media store, outside the transaction: after the rows they
    // attach to exist.
    posts::seed_media(state, workspace).await?;
    // The approval chain, and the posts waiting at each of its levels (after
    // their files: a round approves what the post says, files included).
    let mut tx = pg.begin().await?;
    let members = crate::contexts::auth::server::accounts::members(&mut *tx, workspace).await?;
    let with_role = |role: Role| -> Vec<crate::kernel::UserId> {
        members.iter().filter(|m| m.role == role.as_str()).map(|m| m.user_id).collect()
    };
    let (managers, admins) = (with_role(Role::Manager), with_role(Role::Admin));
    let visual: Vec<_> = social
        .iter()
        .filter(|(_, p)| matches!(p, SocialPlatform::Instagram | SocialPlatform::Threads))
        .map(|(id, _)| *id)
        .collect();
    let chain =
        approvals::seed_chain(&mut tx, workspace, owner, &visual, &managers, &admins).await?;
    let for_client = match managers.first() {
        Some(manager) => posts::seed_approvals(&mut tx, workspace, &chain, *manager).await?,
        None => None,
    };
    // Two campaigns with the posts about them, short links and their clicks.
    campaigns::seed(&mut tx, workspace, today).await?;
    // Thirty days of conversations in the inbox, worked by the team.
    let team: Vec<crate::kernel::UserId> = [managers.clone(), with_role(Role::Editor)].concat();
    crate::contexts::inbox::server::demo::seed(&mut tx, workspace, &social, &team).await?;
    // Editors' replies wait for a manager; one is waiting now.
    let reply_chain = approvals::seed_reply_chain(&mut tx, workspace, owner).await?;
    if let Some(editor) = with_role(Role::Editor).first() {
        crate::contexts::inbox::server::demo::seed_held_reply(
            &mut tx,
            workspace,
            &reply_chain,
            *editor,
        )
        .await?;
    }
    // Three searches and 90 days of what they found, with trends and influencers.
    let searches =
        crate::contexts::listening::server::demo::seed_queries(&mut tx, workspace).await?;
    tx.commit().await?;
    crate::contexts::listening::server::demo::seed_mentions(
        &state.mongo,
        workspace,
        &searches,
        chrono::Utc::now(),
    )
    .await?;
    // A client approves one of the posts waiting at level 2 through the link in
    // the outbox.
    if let Some(post) = for_client {
        posts::share_with_client(state, workspace, owner, post).await?;
    }
    // Ninety days of followers and what the published posts earned, rolled up.
    engagement::seed(pg, &state.mongo, workspace, chrono_tz::America::Chicago).await?;
    Ok(true)
}

/// The lines printed once when the demo data is seeded.
/// Whether the demo workspace's owner exists (seeded now or on an earlier run).
pub async fn is_present(pg: &PgPool) -> Result<bool, AppError> {
    let owner = DEMO_USERS[0].2;
    Ok(crate::contexts::auth::server::accounts::find_user_by_email(pg, owner).await?.is_some())
}

/// The demo sign-ins, printed at every start while the demo workspace exists.
pub fn credentials_banner(public_url: &str) -> String {
    let mut text =
        format!("Demo workspace \"Northwind Coffee\": log in at {public_url}/login as\n");
    for (role, _, email, secret) in DEMO_USERS {
        text.push_str(&format!("  {:<8} {email:<28} {secret}\n", role.label()));
    }
    text
}
