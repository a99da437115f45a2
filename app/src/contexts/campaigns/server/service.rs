//! Use cases of the campaigns context: the list, a campaign's page (its posts,
//! clicks, goals and chart), making and changing one, the links of a campaign's
//! post as they go out, and following a short link.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};

use super::repo::{self, CampaignRow, CampaignWrite};
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::campaigns::types::{
    Campaign, CampaignChoice, CampaignLine, CampaignList, CampaignPage, CampaignPost,
    CampaignStatus, GoalMetric, Goals, Recorded, Utm,
};
use crate::contexts::campaigns::{rules, utm};
use crate::error::{AppError, FieldErrors, add_message};
use crate::kernel::{
    Action, CampaignId, Permission, PostId, Resource, SocialAccountId, WorkspaceId,
};

fn campaign_of(row: CampaignRow) -> Campaign {
    let audience = row
        .target_audience
        .get("description")
        .and_then(|d| d.as_str())
        .unwrap_or_default()
        .to_owned();
    Campaign {
        id: row.id,
        name: row.name,
        description: row.description,
        status: CampaignStatus::parse(&row.status).unwrap_or(CampaignStatus::Draft),
        start_date: row.start_date.date_naive(),
        end_date: row.end_date.date_naive(),
        budget: row.budget,
        goals: serde_json::from_value(row.goals).unwrap_or_default(),
        tags: row.tags,
        utm: serde_json::from_value(row.utm_params).unwrap_or_default(),
        audience,
        recorded: serde_json::from_value(row.metrics).unwrap_or_default(),
    }
}

async fn currency(pg: &PgPool, workspace: WorkspaceId) -> Result<String, AppError> {
    Ok(accounts::workspace(pg, workspace)
        .await?
        .map(|w| w.currency)
        .unwrap_or_else(|| "USD".into()))
}

fn can_edit(member: &Member) -> bool {
    member.can(Permission::new(Resource::Campaigns, Action::Update))
}

/// The campaigns (of `status`, when it is one), with their post and click counts.
pub async fn list(pg: &PgPool, member: &Member, status: &str) -> Result<CampaignList, AppError> {
    let status = CampaignStatus::parse(status.trim());
    let rows = repo::list(pg, member.workspace, status.map(CampaignStatus::as_str)).await?;
    Ok(CampaignList {
        lines: rows
            .into_iter()
            .map(|r| CampaignLine {
                campaign: campaign_of(r.campaign),
                posts: r.posts,
                clicks: r.clicks,
            })
            .collect(),
        status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        can_edit: can_edit(member),
        currency: currency(pg, member.workspace).await?,
    })
}

/// The campaigns a post may join, with the parameters their links get.
pub async fn choices(pg: &PgPool, workspace: WorkspaceId) -> Result<Vec<CampaignChoice>, AppError> {
    Ok(repo::choices(pg, workspace)
        .await?
        .into_iter()
        .map(|(id, name, utm)| CampaignChoice {
            id,
            name,
            utm: serde_json::from_value(utm).unwrap_or_default(),
        })
        .collect())
}

/// How many active campaigns end within the next seven days (Home's card).
pub async fn ending_soon(pg: &PgPool, workspace: WorkspaceId) -> Result<i64, AppError> {
    let today = Utc::now().date_naive();
    Ok(repo::list(pg, workspace, Some("active"))
        .await?
        .iter()
        .filter(|r| {
            let end = r.campaign.end_date.date_naive();
            end >= today && end <= today + Duration::days(7)
        })
        .count() as i64)
}

/// (id, name) of every campaign, for filters.
pub async fn all_names(
    pg: &PgPool,
    workspace: WorkspaceId,
) -> Result<Vec<(CampaignId, String)>, AppError> {
    Ok(repo::list(pg, workspace, None)
        .await?
        .into_iter()
        .map(|r| (r.campaign.id, r.campaign.name))
        .collect())
}

/// A campaign's page: its posts by status and platform, clicks over its dates,
/// spend against budget, and each goal's progress.
pub async fn page(
    pg: &PgPool,
    mongo: &mongodb::Database,
    member: &Member,
    id: CampaignId,
    public_url: &str,
) -> Result<CampaignPage, AppError> {
    let row = repo::get(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    let campaign = campaign_of(row);
    let (from, to) = campaign_days(&campaign);
    let ws = member.workspace;
    let (by_status, by_platform, posts, days, clicks, links, currency) = tokio::try_join!(
        async { Ok::<_, AppError>(repo::posts_by_status(pg, ws, id).await?) },
        async { Ok::<_, AppError>(repo::targets_by_platform(pg, ws, id).await?) },
        async { Ok::<_, AppError>(repo::posts(pg, ws, id).await?) },
        async { Ok::<_, AppError>(repo::clicks_by_day(pg, ws, id, from, to).await?) },
        async { Ok::<_, AppError>(repo::total_clicks(pg, ws, id).await?) },
        async { Ok::<_, AppError>(repo::links(pg, ws, id).await?) },
        currency(pg, ws)
    )?;
    let earned =
        crate::contexts::engagement::server::service::campaign_figures(mongo, ws, id).await?;
    let published = by_status.iter().filter(|(s, _)| s == "published").map(|(_, n)| *n).sum();
    let goals = rules::progress(
        &campaign.goals,
        clicks,
        published,
        campaign.recorded.leads,
        campaign.recorded.revenue,
    );
    let clicks_by_day = every_day(from, to, &days);
    let points: Vec<NaiveDate> = clicks_by_day.iter().map(|(d, _)| *d).collect();
    let values = clicks_by_day.iter().map(|(_, n)| Some(*n as f64)).collect();
    let line = crate::contexts::analytics::server::charts::Line {
        label: "Clicks",
        color: crate::contexts::analytics::server::charts::INDIGO,
        values,
    };
    let axes = crate::contexts::analytics::server::charts::Axes {
        x: &|d: NaiveDate| d.format("%b %-d").to_string(),
        y: &|v: f64| format!("{v:.0}"),
    };
    let chart_svg = crate::contexts::analytics::server::charts::lines(
        &points,
        &[line],
        &axes,
        "clicks-chart-title",
    );
    let status_label = |s: &str| {
        crate::contexts::content::types::PostStatus::parse(s)
            .map_or(s.to_owned(), |p| p.label().to_owned())
    };
    let platform_label = |p: &str| {
        crate::contexts::integrations::types::SocialPlatform::parse(p)
            .map_or(p.to_owned(), |p| p.label().to_owned())
    };
    Ok(CampaignPage {
        by_status: by_status.into_iter().map(|(s, n)| (status_label(&s), n)).collect(),
        by_platform: by_platform.into_iter().map(|(p, n)| (platform_label(&p), n)).collect(),
        posts: posts
            .into_iter()
            .map(|p| CampaignPost {
                id: p.id,
                excerpt: excerpt(&p.content),
                status: status_label(&p.status),
                when: p.at,
                clicks: p.clicks,
            })
            .collect(),
        clicks,
        engagement: earned.engagement,
        engagement_rate: earned.rate,
        clicks_by_day,
        chart_svg,
        goals,
        links: links
            .into_iter()
            .map(|(code, url, clicks)| (format!("{public_url}/l/{code}"), url, clicks))
            .collect(),
        can_edit: can_edit(member),
        currency,
        campaign,
    })
}

fn excerpt(content: &serde_json::Value) -> String {
    let text = content.get("text").and_then(|t| t.as_str()).unwrap_or_default();
    let short: String = text.chars().take(100).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

/// Every day of [from, to] with its clicks (0 where none).
/// The days a campaign's chart and CSV cover: its start to its end or today,
/// whichever comes first.
fn campaign_days(campaign: &Campaign) -> (NaiveDate, NaiveDate) {
    let today = Utc::now().date_naive();
    (campaign.start_date, campaign.end_date.min(today).max(campaign.start_date))
}

fn every_day(from: NaiveDate, to: NaiveDate, days: &[(NaiveDate, i64)]) -> Vec<(NaiveDate, i64)> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to && out.len() < 400 {
        let n = days.iter().find(|(d, _)| *d == day).map_or(0, |(_, n)| *n);
        out.push((day, n));
        day += Duration::days(1);
    }
    out
}

/// The campaign's clicks per day as CSV rows (day, clicks), with the
/// campaign's name as a slug for the file.
pub async fn export(
    pg: &PgPool,
    member: &Member,
    id: CampaignId,
) -> Result<(String, Vec<Vec<String>>), AppError> {
    let campaign =
        campaign_of(repo::get(pg, member.workspace, id).await?.ok_or(AppError::NotFound)?);
    let (from, to) = campaign_days(&campaign);
    let days = repo::clicks_by_day(pg, member.workspace, id, from, to).await?;
    let mut rows = vec![vec!["day".to_owned(), "clicks".to_owned()]];
    rows.extend(every_day(from, to, &days).iter().map(|(d, n)| vec![d.to_string(), n.to_string()]));
    Ok((utm::slug(&campaign.name), rows))
}

/// Reads the campaign form (`name`, `description`, `status`, `start`, `end`,
/// `budget`, `spend`, `leads`, `revenue`, `tags`, `audience`, `goal.<metric>`,
/// `utm.<source|medium|campaign|term|content>`).
fn read_form(fields: &HashMap<String, String>) -> Result<(Campaign, FieldErrors), AppError> {
    let get = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let name = get("name");
    if name.is_empty() || name.chars().count() > 200 {
        add_message(
            &mut errors,
            "name",
            "Name the campaign (up to 200 characters), such as \"Holiday blend launch\".",
        );
    }
    let date =
        |k: &str, errors: &mut FieldErrors| match NaiveDate::parse_from_str(get(k), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                add_message(errors, k, "Choose a date.");
                None
            }
        };
    let start = date("start", &mut errors);
    let end = date("end", &mut errors);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        add_message(&mut errors, "end", "The campaign ends on or after the day it starts.");
    }
    let amount = |k: &str, errors: &mut FieldErrors| -> Option<f64> {
        let raw = get(k).replace(',', "");
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<f64>() {
            Ok(v) if v >= 0.0 && v.is_finite() && v < 1e12 => Some(v),
            _ => {
                add_message(errors, k, "Enter a number of 0 or more, like 1500 or 1500.50.");
                None
            }
        }
    };
    let budget = amount("budget", &mut errors);
    let recorded = Recorded {
        spend: amount("spend", &mut errors).unwrap_or(0.0),
        leads: amount("leads", &mut errors).unwrap_or(0.0),
        revenue: amount("revenue", &mut errors).unwrap_or(0.0),
    };
    let mut goals = Goals::default();
    for metric in GoalMetric::ALL {
        let key = format!("goal.{}", metric.as_str());
        if let Some(target) = amount(&key, &mut errors).filter(|t| *t > 0.0) {
            goals.targets.push((metric, target));
        }
    }
    let tags: Vec<String> = get("tags")
        .split(',')
        .map(|t| t.trim().trim_start_matches('#').to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.len() > 20 || tags.iter().any(|t| t.chars().count() > 50) {
        add_message(&mut errors, "tags", "Use at most 20 tags of up to 50 characters each.");
    }
    let utm = Utm {
        source: get("utm.source").to_owned(),
        medium: get("utm.medium").to_owned(),
        campaign: get("utm.campaign").to_owned(),
        term: get("utm.term").to_owned(),
        content: get("utm.content").to_owned(),
    };
    for (key, value) in [
        ("utm.source", &utm.source),
        ("utm.medium", &utm.medium),
        ("utm.campaign", &utm.campaign),
        ("utm.term", &utm.term),
        ("utm.content", &utm.content),
    ] {
        if value.chars().count() > 100 {
            add_message(&mut errors, key, "UTM values take at most 100 characters.");
        }
    }
    let campaign = Campaign {
        id: CampaignId(uuid::Uuid::nil()),
        name: name.to_owned(),
        description: Some(get("description").to_owned()).filter(|d| !d.is_empty()),
        status: CampaignStatus::parse(get("status")).unwrap_or(CampaignStatus::Draft),
        start_date: start.unwrap_or_default(),
        end_date: end.unwrap_or_default(),
        budget,
        goals,
        tags,
        utm,
        audience: get("audience").to_owned(),
        recorded,
    };
    Ok((campaign, errors))
}

/// Creates (`id` None) or changes a campaign from its form; returns its id.
pub async fn save(
    pg: &PgPool,
    member: &Member,
    id: Option<CampaignId>,
    fields: &HashMap<String, String>,
) -> Result<CampaignId, AppError> {
    let (c, errors) = read_form(fields)?;
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let goals = serde_json::to_value(&c.goals).map_err(AppError::internal)?;
    let utm = serde_json::to_value(&c.utm).map_err(AppError::internal)?;
    let audience = serde_json::json!({ "description": c.audience });
    let metrics = serde_json::to_value(&c.recorded).map_err(AppError::internal)?;
    let write = CampaignWrite {
        name: &c.name,
        description: c.description.as_deref(),
        status: c.status.as_str(),
        start_date: midnight(c.start_date),
        end_date: midnight(c.end_date),
        budget: c.budget,
        goals: &goals,
        tags: &c.tags,
        utm_params: &utm,
        target_audience: &audience,
        metrics: &metrics,
    };
    let mut tx = pg.begin().await?;
    let saved = match id {
        Some(id) => {
            if !repo::update(&mut *tx, member.workspace, id, &write).await? {
                return Err(AppError::NotFound);
            }
            id
        }
        None => repo::insert(&mut *tx, member.workspace, &write).await?,
    };
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "campaign_saved",
        &format!("Campaign \"{}\" saved", c.name),
    )
    .await?;
    tx.commit().await?;
    Ok(saved)
}

/// Deletes a campaign; its posts stay, without it.
pub async fn delete(pg: &PgPool, member: &Member, id: CampaignId) -> Result<(), AppError> {
    let mut tx = pg.begin().await?;
    let row = repo::get(&mut *tx, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    repo::delete(&mut *tx, member.workspace, id).await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "campaign_deleted",
        &format!("Campaign \"{}\" deleted", row.name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A fresh short-link code: 8 letters and digits.
fn new_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..8).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

/// What a campaign's post's text becomes on one account as it goes out: each
/// web link tagged with the campaign's UTM parameters (the platform as the
/// source) and, when `shorten`, replaced by its short link. Without a campaign
/// (or a campaign deleted since), the text as it is.
#[allow(clippy::too_many_arguments)]
pub async fn links_for(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    campaign: Option<CampaignId>,
    shorten: bool,
    post: PostId,
    account: SocialAccountId,
    platform: &str,
    public_url: &str,
    text: &str,
) -> Result<String, AppError> {
    let Some(id) = campaign else { return Ok(text.to_owned()) };
    let Some(row) = repo::get(&mut *tx, workspace, id).await? else { return Ok(text.to_owned()) };
    let utm: Utm = serde_json::from_value(row.utm_params.clone()).unwrap_or_default();
    let params = utm::utm_for(&utm, &row.name, platform);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let own = format!("{public_url}/l/");
    for range in utm::links_in(text) {
        out.push_str(&text[at..range.start]);
        let link = &text[range.clone()];
        // Already one of Aura's short links: left as it is.
        if link.starts_with(&own) {
            out.push_str(link);
            at = range.end;
            continue;
        }
        let tagged = utm::tag_url(link, &params);
        if shorten {
            let code = repo::short_link(
                &mut *tx,
                workspace,
                Some(id),
                post,
                account,
                &tagged,
                &new_code(),
            )
            .await?;
            out.push_str(&format!("{public_url}/l/{code}"));
        } else {
            out.push_str(&tagged);
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// Where short link `code` goes: exactly the address stored for it. A click
/// (`count`: a GET, not a HEAD) is counted for today (UTC) unless a bot made it.
/// `None` for an unknown code.
pub async fn follow(
    pg: &PgPool,
    code: &str,
    user_agent: Option<&str>,
    count: bool,
) -> Result<Option<String>, AppError> {
    if code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let Some((link, workspace, url)) = repo::by_code(pg, code).await? else { return Ok(None) };
    if count && !rules::is_bot(user_agent) {
        repo::count_click(pg, workspace, link, Utc::now().date_naive()).await?;
    }
    Ok(Some(url))
}
