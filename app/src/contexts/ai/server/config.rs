//! Where the AI model lives: any server that speaks OpenAI's chat completions API
//! (OpenAI itself, Ollama, llama.cpp's server, vLLM). Without a base URL and a
//! model the drafting buttons say what to set.

use crate::server::Secret;
use crate::server::env::{EnvError, Vars};

#[derive(Debug, Clone, Default)]
pub struct AiSettings {
    /// Like `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` (Ollama).
    pub base_url: Option<String>,
    /// Sent as a bearer token when set (local servers need none).
    pub api_key: Option<Secret>,
    pub model: Option<String>,
}

impl AiSettings {
    /// Reads `AURA_AI_BASE_URL`, `AURA_AI_API_KEY` and `AURA_AI_MODEL`.
    pub fn from_vars(vars: Vars<'_>) -> Result<Self, EnvError> {
        let base_url = match vars.get("AURA_AI_BASE_URL") {
            Some(raw) => {
                let value = raw.trim().trim_end_matches('/').to_owned();
                match url::Url::parse(&value) {
                    Ok(u) if matches!(u.scheme(), "http" | "https") => Some(value),
                    _ => {
                        return Err(EnvError::Invalid {
                            name: "AURA_AI_BASE_URL",
                            reason: format!("`{value}` is not an http(s) URL"),
                        });
                    }
                }
            }
            None => None,
        };
        Ok(Self {
            base_url,
            api_key: vars.get("AURA_AI_API_KEY").map(Secret::new),
            model: vars.get("AURA_AI_MODEL"),
        })
    }

    /// The variables still to set; empty when drafting works.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.base_url.is_none() {
            missing.push("AURA_AI_BASE_URL");
        }
        if self.model.is_none() {
            missing.push("AURA_AI_MODEL");
        }
        missing
    }
}
