//! Meta's webhooks as Meta documents them (docs/integrations.md → Inbox): the
//! `hub.challenge` handshake, the `X-Hub-Signature-256` check, and the items of
//! a delivery — Facebook Page `feed` comments, Messenger and Instagram
//! `messaging` events, Instagram `comments` and `mentions` — read defensively:
//! every field optional, unknown kinds skipped.

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::contexts::inbox::types::ConversationKind;
use crate::contexts::integrations::types::SocialPlatform;

/// The answer to Meta's verification request: the challenge when the mode is
/// `subscribe` and the token is ours, else `None` (403).
pub fn handshake<'a>(
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&'a str>,
    ours: &str,
) -> Option<&'a str> {
    use subtle_eq::eq;
    (mode == Some("subscribe") && token.is_some_and(|t| eq(t.as_bytes(), ours.as_bytes())))
        .then_some(challenge)
        .flatten()
}

/// Equality that takes the same time wherever the inputs differ.
mod subtle_eq {
    pub fn eq(a: &[u8], b: &[u8]) -> bool {
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of the raw `body` with
/// the app secret, compared in constant time.
pub fn signature_valid(body: &[u8], header: Option<&str>, app_secret: &str) -> bool {
    use hmac::{Hmac, Mac};
    let Some(hex) = header.and_then(|h| h.trim().strip_prefix("sha256=")) else { return false };
    let Some(given) = crate::server::crypto::hex_bytes(hex) else { return false };
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(app_secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

/// One thing a person wrote to an account, ready for the inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub platform: SocialPlatform,
    /// The account it was sent to: the Page's or the Instagram account's id.
    pub account: String,
    pub kind: ConversationKind,
    /// The thread it belongs to, within the account and kind.
    pub thread_key: String,
    pub participant_id: String,
    pub participant_name: String,
    pub message_id: String,
    pub text: String,
    pub post_id: Option<String>,
    pub sent_at: DateTime<Utc>,
    /// How many follow the person, where the delivery says (Meta's does not).
    pub followers: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct Delivery {
    #[serde(default)]
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    id: String,
    #[serde(default)]
    time: Option<i64>,
    #[serde(default)]
    changes: Vec<Change>,
    #[serde(default)]
    messaging: Vec<Value>,
    // Business Login for Instagram puts one change straight in the entry.
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    value: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct Change {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Value,
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A Meta time: seconds, or milliseconds when it is that large.
fn when(v: Option<i64>) -> Option<DateTime<Utc>> {
    let v = v?;
    let millis = if v > 100_000_000_000 { v } else { v.checked_mul(1000)? };
    Utc.timestamp_millis_opt(millis).single()
}

/// The items of one delivery (its raw JSON body). A body that is not a Meta
/// delivery gives none.
pub fn items(body: &[u8]) -> Vec<Incoming> {
    let Ok(delivery) = serde_json::from_slice::<Delivery>(body) else { return Vec::new() };
    let platform = match delivery.object.as_str() {
        "page" => SocialPlatform::Facebook,
        "instagram" => SocialPlatform::Instagram,
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for entry in &delivery.entry {
        let sent = when(entry.time).unwrap_or_else(Utc::now);
        let mut changes: Vec<(&str, &Value)> =
            entry.changes.iter().map(|c| (c.field.as_str(), &c.value)).collect();
        if let (Some(field), Some(value)) = (&entry.field, &entry.value) {
            changes.push((field.as_str(), value));
        }
        for (field, value) in changes {
            out.extend(change(platform, &entry.id, field, value, sent));
        }
        for event in &entry.messaging {
            out.extend(message(platform, &entry.id, event));
        }
    }
    out
}

/// A Page `feed` comment being added, or an Instagram comment or mention.
fn change(
    platform: SocialPlatform,
    account: &str,
    field: &str,
    value: &Value,
    sent: DateTime<Utc>,
) -> Option<Incoming> {
    let from = value.get("from");
    let who = |key| from.and_then(|f| text(f, key));
    match (platform, field) {
        (SocialPlatform::Facebook, "feed") => {
            if text(value, "item").as_deref() != Some("comment")
                || text(value, "verb").as_deref() != Some("add")
            {
                return None;
            }
            let participant = who("id")?;
            // Nobody answers the Page's own comments.
            if participant == account {
                return None;
            }
            let post = text(value, "post_id")?;
            Some(Incoming {
                platform,
                account: account.to_owned(),
                kind: ConversationKind::Comment,
                thread_key: format!("{post}:{participant}"),
                participant_name: who("name").unwrap_or_else(|| participant.clone()),
                participant_id: participant,
                message_id: text(value, "comment_id")?,
                text: text(value, "message").unwrap_or_default(),
                post_id: Some(post),
                sent_at: when(value.get("created_time").and_then(Value::as_i64)).unwrap_or(sent),
                followers: None,
            })
        }
        (SocialPlatform::Instagram, "comments") => {
            let participant = who("id")?;
            // The account's own comments (its replies) are not someone writing.
            if participant == account || who("self_ig_scoped_id").is_some_and(|s| s == participant)
            {
                return None;
            }
            let media = value.get("media").and_then(|m| text(m, "id"));
            let id = text(value, "id").or_else(|| text(value, "comment_id"))?;
            Some(Incoming {
                platform,
                account: account.to_owned(),
                kind: ConversationKind::Comment,
                thread_key: format!("{}:{participant}", media.as_deref().unwrap_or("")),
                participant_name: who("username").unwrap_or_else(|| participant.clone()),
                participant_id: participant,
                message_id: id,
                text: text(value, "text").unwrap_or_default(),
                post_id: media,
                sent_at: sent,
                followers: None,
            })
        }
        (SocialPlatform::Instagram, "mentions") => {
            // Meta sends only ids: the comment (or the caption's media) that
            // names the account; its words are read when someone opens it.
            let media = text(value, "media_id")?;
            let id = text(value, "comment_id").unwrap_or_else(|| media.clone());
            Some(Incoming {
                platform,
                account: account.to_owned(),
                kind: ConversationKind::Mention,
                thread_key: media.clone(),
                participant_id: media.clone(),
                participant_name: "Instagram mention".to_owned(),
                message_id: id,
                text: String::new(),
                post_id: Some(media),
                sent_at: sent,
                followers: None,
            })
        }
        _ => None,
    }
}

/// A Messenger or Instagram direct message from a person (echoes of the
/// account's own messages are skipped).
fn message(platform: SocialPlatform, account: &str, event: &Value) -> Option<Incoming> {
    let message = event.get("message")?;
    if message.get("is_echo").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let sender = event.get("sender").and_then(|s| text(s, "id"))?;
    if sender == account {
        return None;
    }
    let body = text(message, "text").unwrap_or_else(|| {
        let kinds: Vec<String> = message
            .get("attachments")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|x| text(x, "type")).collect())
            .unwrap_or_default();
        if kinds.is_empty() { String::new() } else { format!("[{}]", kinds.join(", ")) }
    });
    Some(Incoming {
        platform,
        account: account.to_owned(),
        kind: ConversationKind::Dm,
        thread_key: sender.clone(),
        participant_name: sender.clone(),
        participant_id: sender,
        message_id: text(message, "mid")?,
        text: body,
        post_id: None,
        sent_at: when(event.get("timestamp").and_then(Value::as_i64)).unwrap_or_else(Utc::now),
        followers: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handshake_answers_only_our_token() {
        let ours = "meatyhamhock";
        assert_eq!(
            handshake(Some("subscribe"), Some(ours), Some("1158201444"), ours),
            Some("1158201444")
        );
        assert_eq!(handshake(Some("subscribe"), Some("guess"), Some("1"), ours), None);
        assert_eq!(handshake(Some("unsubscribe"), Some(ours), Some("1"), ours), None);
        assert_eq!(handshake(Some("subscribe"), None, Some("1"), ours), None);
    }

    #[test]
    fn a_signature_must_be_the_bodys_hmac_with_the_app_secret() {
        use hmac::{Hmac, Mac};
        let body = br#"{"object":"page","entry":[]}"#;
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"app-secret").unwrap();
        mac.update(body);
        let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert!(signature_valid(body, Some(&format!("sha256={hex}")), "app-secret"));
        assert!(!signature_valid(body, Some(&format!("sha256={hex}")), "other-secret"));
        assert!(!signature_valid(b"{}", Some(&format!("sha256={hex}")), "app-secret"));
        assert!(!signature_valid(body, Some(&hex), "app-secret"), "the sha256= prefix is needed");
        assert!(!signature_valid(body, None, "app-secret"));
    }

    #[test]
    fn a_page_comment_a_messenger_message_and_instagram_items_are_read() {
        let page = serde_json::json!({
            "object": "page",
            "entry": [{
                "id": "111", "time": 1520544816,
                "changes": [
                    {"field": "feed", "value": {"from": {"id": "900", "name": "Cinderella Hoover"},
                        "item": "comment", "verb": "add", "post_id": "111_222", "comment_id": "222_333",
                        "parent_id": "111_222", "created_time": 1520544814, "message": "Is this in blue?"}},
                    {"field": "feed", "value": {"from": {"id": "900", "name": "Cinderella Hoover"},
                        "item": "reaction", "verb": "add", "post_id": "111_222"}}
                ],
                "messaging": [
                    {"sender": {"id": "PSID1"}, "recipient": {"id": "111"}, "timestamp": 1_458_692_752_478_i64,
                     "message": {"mid": "mid.1457764197618:41d102a3e1ae206a38", "text": "hello, world!"}},
                    {"sender": {"id": "111"}, "recipient": {"id": "PSID1"}, "timestamp": 1_457_764_197_627_i64,
                     "message": {"is_echo": true, "app_id": 1_517_776_481_860_111_i64, "mid": "mid.echo"}}
                ]
            }]
        });
        let got = items(page.to_string().as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].kind, ConversationKind::Comment);
        assert_eq!(got[0].thread_key, "111_222:900");
        assert_eq!(got[0].participant_name, "Cinderella Hoover");
        assert_eq!(got[0].sent_at.timestamp(), 1520544814);
        assert_eq!(got[1].kind, ConversationKind::Dm);
        assert_eq!(got[1].message_id, "mid.1457764197618:41d102a3e1ae206a38");
        assert_eq!(got[1].sent_at.timestamp_millis(), 1458692752478);

        // Instagram: both documented comment layouts, and a mention.
        let ig = serde_json::json!({
            "object": "instagram",
            "entry": [
                {"id": "178", "time": 1520622968, "changes": [
                    {"field": "comments", "value": {"from": {"id": "848", "username": "ana.b"},
                        "comment_id": "1786", "text": "Love it", "media": {"id": "1805", "media_product_type": "FEED"}}},
                    {"field": "mentions", "value": {"comment_id": "17894227972186120", "media_id": "17918195224117851"}}
                ]},
                {"id": "178", "time": 1520622969, "field": "comments",
                 "value": {"id": "1787", "from": {"id": "849", "username": "leo"}, "text": "Hours?",
                           "media": {"id": "1805", "media_product_type": "FEED"}}}
            ]
        });
        let got = items(ig.to_string().as_bytes());
        let kinds: Vec<_> = got.iter().map(|i| (i.kind, i.message_id.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (ConversationKind::Comment, "1786"),
                (ConversationKind::Mention, "17894227972186120"),
                (ConversationKind::Comment, "1787"),
            ]
        );
        assert!(items(b"not json").is_empty());
        assert!(items(br#"{"object":"user","entry":[]}"#).is_empty());
    }
}
