//! Asking the model, through the OpenAI-compatible `POST {base}/chat/completions`
//! (`{"model","messages":[{"role","content"}],"temperature"}` → `choices[0].
//! message.content` and `usage`), with answers cached for 24 hours per workspace
//! in `ai_cache`: the same request within a day is answered from the cache, and
//! says so.

use std::time::Duration;

use chrono::Utc;
use mongodb::bson::{self, Bson, doc};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::collections::{AI_CACHE, AI_CACHE_TTL};
use super::config::AiSettings;
use crate::kernel::WorkspaceId;

/// How long the model may take.
const TIMEOUT: Duration = Duration::from_secs(60);
const TEMPERATURE: f64 = 0.7;

/// What the model wrote, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub text: String,
    pub model: String,
    pub total_tokens: Option<u64>,
    /// Served from the cache (no request to the model).
    pub cached: bool,
}

impl Completion {
    /// What is kept with a draft: the model, its tokens, and whether the cache
    /// answered.
    pub fn meta(&self) -> serde_json::Value {
        serde_json::json!({
            "model": self.model,
            "total_tokens": self.total_tokens,
            "cached": self.cached,
        })
    }
}

/// "Drafted with AI (model, N tokens)", or "… (answered from the day's
/// cache)", from what was kept with the draft ([`Completion::meta`]).
pub fn drafted_note(meta: &serde_json::Value) -> String {
    let model = meta.get("model").and_then(|m| m.as_str()).unwrap_or("a model");
    if meta.get("cached").and_then(serde_json::Value::as_bool).unwrap_or(false) {
        return format!("Drafted with AI ({model}, answered from the day's cache)");
    }
    match meta.get("total_tokens").and_then(serde_json::Value::as_u64) {
        Some(tokens) => format!("Drafted with AI ({model}, {tokens} tokens)"),
        None => format!("Drafted with AI ({model})"),
    }
}

#[derive(Deserialize)]
struct ChatResponse {
    model: Option<String>,
    choices: Vec<Choice>,
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
}

#[derive(Deserialize)]
struct Message {
    content: Option<String>,
}

#[derive(Deserialize)]
struct Usage {
    total_tokens: Option<u64>,
}

/// The cache key: the workspace, the model, the prompts and the parameters.
fn cache_key(workspace: WorkspaceId, model: &str, system: &str, prompt: &str) -> String {
    let mut hash = Sha256::new();
    for part in [workspace.to_string().as_str(), model, system, prompt, &TEMPERATURE.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0u8]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The provider's own words in an OpenAI-style error body (`error.message`).
fn provider_words(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let message = value.pointer("/error/message").and_then(|m| m.as_str())?;
    Some(message.chars().take(200).collect())
}

/// Asks the model (or the cache) for `prompt` under `system`; `Err` is a sentence
/// for the person, naming what to set or what the provider said.
pub async fn complete(
    http: &reqwest::Client,
    mongo: &mongodb::Database,
    settings: &AiSettings,
    workspace: WorkspaceId,
    agent: &str,
    system: &str,
    prompt: &str,
) -> Result<Completion, String> {
    let (Some(base), Some(model)) = (&settings.base_url, &settings.model) else {
        return Err(format!(
            "AI drafting is not set up on this server: set {} (and AURA_AI_API_KEY for a hosted provider).",
            settings.missing().join(" and ")
        ));
    };
    let key = cache_key(workspace, model, system, prompt);
    let cache = mongo.collection::<bson::Document>(AI_CACHE);
    let fresh_since = bson::DateTime::from_chrono(
        Utc::now() - chrono::Duration::from_std(AI_CACHE_TTL).unwrap_or_default(),
    );
    let hit = cache
        .find_one(doc! { "cacheKey": &key, "workspaceId": workspace.to_string(), "createdAt": { "$gt": fresh_since } })
        .await
        .ok()
        .flatten();
    if let Some(text) = hit
        .as_ref()
        .and_then(|d| d.get_document("response").ok())
        .and_then(|r| r.get_str("text").ok())
    {
        return Ok(Completion {
            text: text.to_owned(),
            model: hit.as_ref().and_then(|d| d.get_str("model").ok()).unwrap_or(model).to_owned(),
            total_tokens: None,
            cached: true,
        });
    }
    let body = serde_json::json!({
        "model": model,
        "messages": [
            { "role": "system", "content": system },
            { "role": "user", "content": prompt }
        ],
        "temperature": TEMPERATURE
    });
    let mut request = http.post(format!("{base}/chat/completions")).timeout(TIMEOUT).json(&body);
    if let Some(key) = &settings.api_key {
        request = request.bearer_auth(key.expose());
    }
    let response = request.send().await.map_err(|e| {
        if e.is_timeout() {
            "The AI model did not answer within a minute. Try again, or shorten the request."
                .to_owned()
        } else {
            "Aura could not reach the AI model. Check AURA_AI_BASE_URL, or try again.".to_owned()
        }
    })?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !status.is_success() {
        let said = provider_words(&text).map(|m| format!(": \"{m}\"")).unwrap_or_default();
        return Err(match status.as_u16() {
            401 | 403 => {
                format!("The AI provider refused Aura's key{said}. Check AURA_AI_API_KEY.")
            }
            429 => format!("The AI provider is limiting requests{said}. Try again in a minute."),
            404 => format!(
                "The AI provider does not know that model or address{said}. Check AURA_AI_MODEL and AURA_AI_BASE_URL."
            ),
            500..=599 => format!("The AI provider had a problem ({status}){said}. Try again."),
            _ => format!("The AI provider refused the request{said}."),
        });
    }
    let answer: ChatResponse = serde_json::from_str(&text)
        .map_err(|_| "The AI provider answered in a form Aura could not read.".to_owned())?;
    let written = answer
        .choices
        .into_iter()
        .next()
        .and_then(|c| c.message.content)
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            "The AI model answered with nothing. Try rephrasing the request.".to_owned()
        })?;
    let used = answer.model.unwrap_or_else(|| model.clone());
    let tokens = answer.usage.and_then(|u| u.total_tokens);
    let entry = doc! {
        "cacheKey": &key,
        "workspaceId": workspace.to_string(),
        "agentType": agent,
        "prompt": prompt,
        "response": { "text": &written, "total_tokens": tokens.map_or(Bson::Null, |t| Bson::Int64(i64::try_from(t).unwrap_or(i64::MAX))) },
        "model": &used,
        // The price is the provider's; Aura does not know it (a local model costs nothing).
        "cost": Bson::Null,
        "createdAt": bson::DateTime::from_chrono(Utc::now()),
    };
    // A cache that cannot be written only costs a later request; the draft stands.
    let _ = cache.update_one(doc! { "cacheKey": &key }, doc! { "$set": entry }).upsert(true).await;
    Ok(Completion { text: written, model: used, total_tokens: tokens, cached: false })
}
