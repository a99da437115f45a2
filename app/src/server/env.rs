//! Reading configuration from environment variables: a leaf module that knows no
//! setting by name. `Settings` (the infrastructure's own settings) and each context
//! that has settings of its own (such as the integrations context's platform apps)
//! read their variables through a `Vars`; the composition root (`crate::root::config`)
//! loads every context's settings at start-up.

/// A source of variables: the process environment, or a map in tests. Blank values
/// count as unset.
#[derive(Clone, Copy)]
pub struct Vars<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
}

impl<'a> Vars<'a> {
    pub fn new(get: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Self { get }
    }

    /// The variable's value, `None` when it is unset or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.get)(name).filter(|value| !value.trim().is_empty())
    }
}

/// One variable of the process environment.
pub fn process_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Reads `.env` (if present) into the process environment; the environment wins
/// over the file. A missing `.env` is normal; a malformed value is reported when
/// the setting that reads it is parsed.
pub fn load_dotenv() {
    let _ = dotenvy::dotenv();
}

/// A variable whose value cannot be used, named so the person can fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EnvError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_are_unset() {
        let get = |name: &str| match name {
            "SET" => Some("value".to_owned()),
            "BLANK" => Some("  ".to_owned()),
            _ => None,
        };
        let vars = Vars::new(&get);
        assert_eq!(vars.get("SET").as_deref(), Some("value"));
        assert_eq!(vars.get("BLANK"), None);
        assert_eq!(vars.get("MISSING"), None);
    }
}
