//! The campaigns context's part of the demo workspace: the holiday launch
//! (active) and the summer cold brew push (completed), each with the demo posts
//! about it, their short links and weeks of clicks.

use chrono::{Duration, NaiveDate, Utc};
use sqlx::PgConnection;

use super::repo::{self, CampaignWrite};
use crate::contexts::campaigns::types::{GoalMetric, Goals, Recorded, Utm};
use crate::contexts::campaigns::utm;
use crate::contexts::content::server::demo as posts;
use crate::error::AppError;
use crate::kernel::WorkspaceId;

struct Plan {
    name: &'static str,
    description: &'static str,
    status: &'static str,
    starts: i64,
    ends: i64,
    budget: f64,
    recorded: Recorded,
    goals: &'static [(GoalMetric, f64)],
    topic: &'static str,
    destination: &'static str,
    audience: &'static str,
    tags: &'static [&'static str],
}

/// Seeds both campaigns; `today` is the workspace's day.
pub async fn seed(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    today: NaiveDate,
) -> Result<(), AppError> {
    let plans = [
        Plan {
            name: "Holiday Blend Launch",
            description: "Pre-orders for the holiday blend, from the first roast to Christmas.",
            status: "active",
            starts: -30,
            ends: 24,
            budget: 1200.0,
            recorded: Recorded { spend: 430.0, leads: 18.0, revenue: 2140.0 },
            goals: &[
                (GoalMetric::Clicks, 600.0),
                (GoalMetric::Posts, 8.0),
                (GoalMetric::Revenue, 6000.0),
            ],
            topic: "holiday blend",
            destination: "https://northwind.example/holiday",
            audience: "Gift buyers and regulars in Chicago, 25–55",
            tags: &["holiday", "launch"],
        },
        Plan {
            name: "Cold Brew Summer",
            description: "The summer cold brew push, in the shop and online.",
            status: "completed",
            starts: -160,
            ends: -70,
            budget: 800.0,
            recorded: Recorded { spend: 760.0, leads: 9.0, revenue: 3900.0 },
            goals: &[(GoalMetric::Clicks, 300.0), (GoalMetric::Leads, 20.0)],
            topic: "cold brew",
            destination: "https://northwind.example/coldbrew",
            audience: "Commuters near the shop",
            tags: &["summer", "coldbrew"],
        },
    ];
    for (n, plan) in plans.iter().enumerate() {
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let goals = Goals { targets: plan.goals.to_vec() };
        let goals = serde_json::to_value(&goals).map_err(AppError::internal)?;
        let utm = serde_json::to_value(Utm::default()).map_err(AppError::internal)?;
        let audience = serde_json::json!({ "description": plan.audience });
        let metrics = serde_json::to_value(&plan.recorded).map_err(AppError::internal)?;
        let tags: Vec<String> = plan.tags.iter().map(|t| (*t).to_owned()).collect();
        let id = repo::insert(
            &mut *tx,
            workspace,
            &CampaignWrite {
                name: plan.name,
                description: Some(plan.description),
                status: plan.status,
                start_date: midnight(today + Duration::days(plan.starts)),
                end_date: midnight(today + Duration::days(plan.ends)),
                budget: Some(plan.budget),
                goals: &goals,
                tags: &tags,
                utm_params: &utm,
                target_audience: &audience,
                metrics: &metrics,
            },
        )
        .await?;
        let published = posts::join_campaign(tx, workspace, id, plan.topic).await?;
        for (i, (post, account, platform, at)) in published.into_iter().enumerate() {
            let url = utm::tag_url(
                plan.destination,
                &utm::utm_for(&Utm::default(), plan.name, &platform),
            );
            let code = format!("demo{n}{i:02}x");
            let code =
                repo::short_link(&mut *tx, workspace, Some(id), post, account, &url, &code).await?;
            // Clicks fall off over the days after the post went out.
            let out = at.date_naive();
            for day in 0..10i64 {
                let date = out + Duration::days(day);
                if date > Utc::now().date_naive() {
                    break;
                }
                let clicks =
                    i32::try_from((40 - day * 4 + (i as i64 * 7) % 11).max(1)).unwrap_or(1);
                repo::add_clicks(&mut *tx, workspace, &code, date, clicks).await?;
            }
        }
    }
    Ok(())
}
