//! Demo data for the embedded default: on first start with an empty database, the
//! workspace "Northwind Coffee" with one member per role, its settings, two brands
//! and eighteen months of their daily metrics.
//! Later capabilities extend this seed rather than inventing their own.

use sqlx::PgPool;

use crate::contexts::analytics::server::demo as metrics;
use crate::contexts::analytics::server::repo as metrics_repo;
use crate::contexts::analytics::types::Source;
use crate::contexts::auth::server::{password, repo as accounts};
use crate::contexts::insights::server::jobs as insights;
use crate::contexts::integrations::server::repo as connections;
use crate::contexts::team::types::{Branding, Plan};
use crate::error::AppError;
use crate::kernel::{BrandId, Role, WorkspaceId};

/// Days of demo metrics: eighteen months.
const DEMO_DAYS: i64 = 548;

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
pub async fn seed_if_empty(pg: &PgPool) -> Result<bool, AppError> {
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(pg).await?;
    if users > 0 {
        return Ok(false);
    }
    let mut hashes = Vec::new();
    for (_, _, _, secret) in DEMO_USERS {
        hashes.push(password::hash(secret.to_owned()).await?);
    }
    let mut tx = pg.begin().await?;
    let branding = Branding {
        primary_color: "#7c4a1e".into(),
        email_footer: "Northwind Coffee · Roasted in Chicago".into(),
    };
    let workspace: WorkspaceId = sqlx::query_scalar(
        "INSERT INTO workspaces (name, slug, industry, website, timezone, currency, plan,
                                 subscription_status, limits, branding)
         VALUES ('Northwind Coffee', 'northwind-coffee', 'Food & Beverage',
                 'https://northwind.example', 'America/Chicago', 'USD', 'professional',
                 'active', $1, $2)
         RETURNING id",
    )
    .bind(serde_json::to_value(Plan::Professional.limits()).map_err(AppError::internal)?)
    .bind(serde_json::to_value(&branding).map_err(AppError::internal)?)
    .fetch_one(&mut *tx)
    .await?;
    let mut owner = None;
    for ((role, name, email, _), hash) in DEMO_USERS.into_iter().zip(&hashes) {
        let user = accounts::insert_user(&mut tx, email, name, hash, "America/Chicago").await?;
        accounts::insert_membership(&mut *tx, workspace, user, role).await?;
        owner.get_or_insert(user);
    }
    let until = chrono::Utc::now().with_timezone(&chrono_tz::America::Chicago).date_naive()
        - chrono::Duration::days(1);
    let mut brands = Vec::new();
    for (name, domain, profile) in [
        ("Northwind Roasters", "roasters.northwind.example", metrics::roasters(until)),
        ("Northwind Cold Brew", "coldbrew.northwind.example", metrics::cold_brew(until)),
    ] {
        let brand: BrandId = sqlx::query_scalar(
            "INSERT INTO brands (workspace_id, created_by, name, domain, currency, timezone)
             VALUES ($1, $2, $3, $4, 'USD', 'America/Chicago') RETURNING id",
        )
        .bind(workspace)
        .bind(owner)
        .bind(name)
        .bind(domain)
        .fetch_one(&mut *tx)
        .await?;
        seed_metrics(&mut tx, workspace, brand, owner, &profile, until).await?;
        brands.push(brand);
    }
    accounts::log_activity(&mut *tx, workspace, owner, "demo_seeded", "Demo workspace created")
        .await?;
    tx.commit().await?;
    for brand in brands {
        insights::enqueue_now(pg, workspace, brand).await?;
    }
    Ok(true)
}

/// Eighteen months of the brand's metrics, each platform's under a connection that
/// says it holds demo data and is not connected (connecting it replaces the data).
async fn seed_metrics(
    tx: &mut sqlx::PgConnection,
    workspace: WorkspaceId,
    brand: BrandId,
    owner: Option<crate::kernel::UserId>,
    profile: &metrics::Profile,
    until: chrono::NaiveDate,
) -> Result<(), AppError> {
    let rows = metrics::generate(profile, until, DEMO_DAYS);
    for source in [Source::Shopify, Source::Meta, Source::GoogleAds, Source::GoogleAnalytics] {
        let connection =
            connections::insert_demo(&mut *tx, workspace, brand, source.as_str(), owner).await?;
        let values: Vec<_> = rows.iter().filter(|(s, _)| *s == source).map(|(_, v)| *v).collect();
        metrics_repo::upsert(
            &mut *tx,
            workspace,
            brand,
            Some(connection.as_uuid()),
            "USD",
            &values,
        )
        .await?;
    }
    Ok(())
}

/// The lines printed once when the demo data is seeded.
pub fn credentials_banner(public_url: &str) -> String {
    let mut text =
        format!("Demo workspace \"Northwind Coffee\" created. Log in at {public_url}/login as:\n");
    for (role, _, email, secret) in DEMO_USERS {
        text.push_str(&format!("  {:<8} {email:<28} {secret}\n", role.label()));
    }
    text
}
