//! The demo workspace's listening: three searches (the brand, a competitor, a
//! hashtag) and 5,000 mentions over the last 90 days on X, Instagram, Reddit
//! and YouTube from about 400 authors — a few of them large accounts, one with
//! an audience that engages suspiciously little — scored for sentiment; then
//! the trends and influencers worked out from them, as the hourly job does.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgConnection;

use super::repo::queries::{self, QueryFields};
use super::repo::{self, NewMention};
use super::service::{INFLUENCER_FOLLOWERS, analyze};
use crate::contexts::inbox::rules::sentiment_of;
use crate::contexts::inbox::server::service::sentiment_score;
use crate::contexts::listening::rules::hashtags;
use crate::error::AppError;
use crate::kernel::WorkspaceId;

/// Mentions the demo holds.
pub const MENTIONS: usize = 5_000;

const FIRST: [&str; 20] = [
    "Ana", "Leo", "Priya", "Tom", "Sofia", "Kwame", "Hannah", "Diego", "Chloe", "Omar", "Grace",
    "Lucas", "Mia", "Ethan", "Aisha", "Jonas", "Emma", "Ravi", "Lena", "Noah",
];
const LAST: [&str; 20] = [
    "Brooks", "Park", "Nair", "Becker", "Rossi", "Mensah", "Lee", "Ramírez", "Martin", "Haddad",
    "Kim", "Silva", "Novak", "Wright", "Bello", "Weber", "Dubois", "Kapoor", "Fischer", "Clark",
];

/// (text, about): `about` 0 the brand, 1 the competitor, 2 the hashtag.
const TEXTS: [(&str, usize); 24] = [
    ("Northwind Coffee's holiday blend is amazing, best cup this winter #coldbrew", 0),
    ("Tried the new Northwind oat latte today. Love it! #oatmilk", 0),
    ("Northwind Coffee delivery was late again, really disappointed", 0),
    ("Anyone else think Northwind's prices went up too much? #coffee", 0),
    ("Northwind Coffee barista remembered my order, great service", 0),
    ("My Northwind order arrived with a broken mug. Terrible packaging.", 0),
    ("Working from Northwind Coffee today, calm and friendly #remotework", 0),
    ("Northwind's cold brew subscription saves me every Monday #coldbrew", 0),
    ("Is Northwind Coffee open on Sundays?", 0),
    ("Northwind Coffee fair trade beans taste so good #fairtrade", 0),
    ("Blue Bottle opened a shop next to Northwind, curious to compare", 1),
    ("Blue Bottle pour-over is overrated, bitter and expensive", 1),
    ("Blue Bottle's new seasonal blend is lovely #coffee", 1),
    ("Switched from Blue Bottle to Northwind, no regrets", 1),
    ("Blue Bottle app keeps crashing when I order, awful", 1),
    ("Blue Bottle beans are great for espresso at home #homebarista", 1),
    ("Nothing beats #coldbrew on a hot afternoon", 2),
    ("Homemade #coldbrew recipe: coarse grind, 18 hours, thank me later", 2),
    ("My #coldbrew came out sour again, what am I doing wrong?", 2),
    ("#coldbrew concentrate with oat milk is my new favourite #oatmilk", 2),
    ("Best #coldbrew in town? Looking for recommendations", 2),
    ("This #coldbrew tastes burnt, worst coffee this month", 2),
    ("Cold brew season never ends #coldbrew #summer", 2),
    ("New #coldbrew tonic trend is weird but great #coffeetrends", 2),
];

/// A step of a small deterministic generator, so the demo is the same each time.
fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

/// Seeds the searches (in the caller's transaction) and returns what to store
/// in MongoDB once it has committed ([`seed_mentions`]).
pub async fn seed_queries(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
) -> Result<Vec<String>, AppError> {
    let searches = [
        ("Northwind Coffee", "brand", "Northwind Coffee, Northwind, nwcoffee"),
        ("Blue Bottle", "competitor", "Blue Bottle"),
        ("#coldbrew", "hashtag", "#coldbrew"),
    ];
    let platforms = vec!["twitter".to_owned(), "reddit".to_owned()];
    for (name, kind, terms) in searches {
        let fields = QueryFields { name, kind, terms, platforms: &platforms, active: true };
        queries::save(&mut *tx, workspace, None, &fields).await?;
    }
    let rows = queries::all(&mut *tx, workspace).await?;
    // In the order of `TEXTS`' `about`.
    Ok(searches
        .iter()
        .filter_map(|(name, ..)| rows.iter().find(|r| r.name == *name).map(|r| r.id.to_string()))
        .collect())
}

/// Stores the demo's mentions for the searches `query_ids` (brand,
/// competitor, hashtag), then works out trends and influencers.
pub async fn seed_mentions(
    mongo: &mongodb::Database,
    workspace: WorkspaceId,
    query_ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if query_ids.len() < 3 {
        return Ok(());
    }
    let mut seed = 42_u64;
    let authors: Vec<(String, String, i64, DateTime<Utc>)> = (0..400)
        .map(|n| {
            let name = format!("{} {}", FIRST[n % 20], LAST[(n / 20) % 20]);
            let handle = format!("{}{}", name.to_lowercase().replace([' ', 'í'], ""), n % 7);
            // Most have a few hundred followers; every 40th is a large account.
            let followers = if n % 40 == 0 {
                50_000 + (next(&mut seed) % 450_000) as i64
            } else {
                50 + (next(&mut seed) % 4_000) as i64
            };
            let age =
                Duration::days(if n == 80 { 45 } else { 200 + (next(&mut seed) % 3_000) as i64 });
            (handle, name, followers, now - age)
        })
        .collect();
    let platforms =
        ["twitter", "twitter", "twitter", "instagram", "instagram", "reddit", "reddit", "youtube"];
    let mut batch = Vec::with_capacity(500);
    for n in 0..MENTIONS {
        let (text, about) = TEXTS[(next(&mut seed) % TEXTS.len() as u64) as usize];
        // Skewed to the recent weeks, and the hashtag growing this week.
        let r = next(&mut seed) % 1000;
        let minutes = if about == 2 && r < 300 {
            (next(&mut seed) % (7 * 1440)) as i64
        } else {
            ((r * r / 1000) as i64 * 90 * 1440 / 1000).max(1) + (next(&mut seed) % 600) as i64
        };
        let (handle, name, followers, created) = &authors[(next(&mut seed) % 400) as usize];
        let platform = platforms[(next(&mut seed) % platforms.len() as u64) as usize];
        let score = sentiment_score(text).unwrap_or(0.0);
        // Large accounts earn more; author 80 (45 days old, 400k-ish) almost nothing.
        let engagement = if *handle == authors[80].0 {
            (next(&mut seed) % 5) as i64
        } else {
            (followers / 100).max(1) * (1 + (next(&mut seed) % 4) as i64)
        };
        let id = format!("demo{n:05}");
        batch.push(NewMention {
            query_id: query_ids[about].clone(),
            platform: platform.to_owned(),
            url: match platform {
                "twitter" => format!("https://x.com/{handle}/status/{id}"),
                "instagram" => format!("https://www.instagram.com/p/{id}/"),
                "reddit" => format!("https://www.reddit.com/r/Coffee/comments/{id}/"),
                _ => format!("https://www.youtube.com/watch?v={id}"),
            },
            platform_id: id,
            author_id: handle.clone(),
            author_username: handle.clone(),
            author_name: name.clone(),
            author_avatar: None,
            author_followers: Some(*followers),
            author_created_at: Some(*created),
            content: text.to_owned(),
            sentiment: sentiment_of(score).as_str().to_owned(),
            sentiment_score: score,
            reach: *followers,
            engagement,
            language: if n % 13 == 0 { "es".to_owned() } else { "en".to_owned() },
            location: String::new(),
            is_influencer: *followers >= INFLUENCER_FOLLOWERS,
            tags: vec![["brand", "competitor", "hashtag"][about].to_owned()],
            hashtags: hashtags(text),
            created_at: now - Duration::minutes(minutes),
        });
        if batch.len() == 500 {
            repo::insert_mentions(mongo, workspace, &batch).await.map_err(AppError::internal)?;
            batch.clear();
        }
    }
    repo::insert_mentions(mongo, workspace, &batch).await.map_err(AppError::internal)?;
    analyze(mongo, workspace, now).await?;
    // Two of the largest accounts saved to a list, as a person would.
    let top = repo::authors(mongo, workspace, now - Duration::days(30), 2)
        .await
        .map_err(AppError::internal)?;
    for a in top {
        repo::add_to_list(mongo, workspace, &a.platform, &a.username, "Holiday campaign")
            .await
            .map_err(AppError::internal)?;
    }
    Ok(())
}
