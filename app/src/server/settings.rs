//! The infrastructure's typed settings, loaded once at start-up from defaults, then
//! an optional `.env` file, then the process environment (the environment wins).
//! README.md lists every variable with its default. A context with settings of its
//! own reads them through `super::env` the same way (the composition root loads
//! them, `crate::root::config`); this module names no context.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::Secret;
use super::env::{self, EnvError, Vars};

/// Where PostgreSQL is by default: the project-local cluster `scripts/services` runs.
pub const DEFAULT_DATABASE_URL: &str = "postgres://aura@127.0.0.1:55432/aura";
/// Where the MongoDB-wire server is by default: the project-local SecantusDB.
pub const DEFAULT_MONGODB_URI: &str = "mongodb://127.0.0.1:57017/?directConnection=true";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// `AURA_ADDR` (or cargo-leptos's `LEPTOS_SITE_ADDR`); default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// `DATABASE_URL`.
    pub database_url: Secret,
    /// `AURA_PG_MAX_CONNECTIONS`; default 10.
    pub pg_max_connections: u32,
    /// `MONGODB_URI`.
    pub mongodb_uri: Secret,
    /// `AURA_MONGODB_DATABASE`; default `aura`.
    pub mongodb_database: String,
    /// `LEPTOS_SITE_ROOT`: the built site (WASM, JS, CSS, public files); default target/site.
    pub site_root: PathBuf,
    /// `AURA_ENV`: `production` (default) or `development`. Development seeds the
    /// demo workspace, whose sign-ins are published, and serves the mail outbox at
    /// `/dev/outbox`; it is refused unless the server listens on loopback only, and
    /// `scripts/run` is what turns it on.
    pub environment: Environment,
    /// `AURA_PUBLIC_URL`: the address people use; default http://127.0.0.1:3000.
    /// Session cookies are `Secure` when it is https.
    pub public_url: String,
    /// `AURA_SESSION_IDLE_MINUTES`: a session ends after this long unused; default
    /// 10080 (7 days).
    pub session_idle_minutes: i64,
    /// `AURA_SESSION_MAX_HOURS`: a session ends this long after sign-in however
    /// much it is used; default 720 (30 days).
    pub session_max_hours: i64,
    /// `AURA_SMTP_URL`, like `smtps://user:pass@mail.example` (TLS),
    /// `smtp://user:pass@mail.example:587?tls=required` (STARTTLS) or
    /// `smtp://127.0.0.1:2525` (plain, for local sinks). Unset:
    /// mail is only kept in the outbox, readable at `/dev/outbox` in development.
    pub smtp_url: Option<Secret>,
    /// `AURA_MAIL_FROM`; default `Aura <no-reply@aura.localhost>`.
    pub mail_from: String,
    /// `AURA_DEMO_DATA`: seed the "Northwind Coffee" demo workspace into an empty
    /// database at start-up; default on in development, off in production.
    pub demo_data: bool,
    /// `AURA_TOKEN_KEYS`: the keys that encrypt platform tokens, `id:base64` (32
    /// bytes) separated by commas, current first. Unset: the key file below.
    pub token_keys: Option<Secret>,
    /// `AURA_TOKEN_KEY_FILE`: where the embedded default keeps its generated key;
    /// default `$AURA_DATA_DIR/token-keys` (`AURA_DATA_DIR` defaults to `.data`).
    pub token_key_file: PathBuf,
    /// `AURA_AUTH_RATE_PER_MINUTE`: sign-in, sign-up and password-reset calls one
    /// client address may make per minute once its burst is spent; default 10.
    pub auth_rate_per_minute: u32,
    /// `AURA_AUTH_BURST`: how many such calls one address may make at once;
    /// default 20.
    pub auth_burst: u32,
}

/// A setting that cannot be used, naming its variable.
pub type SettingsError = EnvError;

impl Settings {
    /// Reads `.env` (if present) into the environment, then the environment.
    pub fn load() -> Result<Self, SettingsError> {
        env::load_dotenv();
        Self::from_lookup(env::process_var)
    }

    /// Builds settings from any variable source (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        Self::from_vars(Vars::new(&get))
    }

    /// Builds settings from the variables of `vars`.
    pub fn from_vars(vars: Vars<'_>) -> Result<Self, SettingsError> {
        let var = |name: &str| vars.get(name);
        let addr = var("AURA_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let addr: SocketAddr = addr.parse().map_err(|_| SettingsError::Invalid {
            name: "AURA_ADDR",
            reason: format!("`{addr}` is not an address like 127.0.0.1:3000"),
        })?;
        let pg_max_connections = match var("AURA_PG_MAX_CONNECTIONS") {
            None => 10,
            Some(raw) => raw.parse().ok().filter(|n| *n > 0).ok_or(SettingsError::Invalid {
                name: "AURA_PG_MAX_CONNECTIONS",
                reason: format!("`{raw}` is not a positive whole number"),
            })?,
        };
        let session_idle_minutes = match var("AURA_SESSION_IDLE_MINUTES") {
            None => 7 * 24 * 60,
            Some(raw) => raw.parse().ok().filter(|n| *n > 0).ok_or(SettingsError::Invalid {
                name: "AURA_SESSION_IDLE_MINUTES",
                reason: format!("`{raw}` is not a positive whole number of minutes"),
            })?,
        };
        let session_max_hours = match var("AURA_SESSION_MAX_HOURS") {
            None => 30 * 24,
            Some(raw) => raw.parse().ok().filter(|n| *n > 0).ok_or(SettingsError::Invalid {
                name: "AURA_SESSION_MAX_HOURS",
                reason: format!("`{raw}` is not a positive whole number of hours"),
            })?,
        };
        let public_url = var("AURA_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_owned();
        let environment = match var("AURA_ENV").as_deref() {
            Some("development") | Some("dev") => Environment::Development,
            None | Some("production") | Some("prod") => Environment::Production,
            Some(other) => {
                return Err(SettingsError::Invalid {
                    name: "AURA_ENV",
                    reason: format!("`{other}` is neither `development` nor `production`"),
                });
            }
        };
        let demo_data = match var("AURA_DEMO_DATA").as_deref() {
            None => environment == Environment::Development,
            Some("1" | "true" | "yes" | "on") => true,
            Some("0" | "false" | "no" | "off") => false,
            Some(other) => {
                return Err(SettingsError::Invalid {
                    name: "AURA_DEMO_DATA",
                    reason: format!("`{other}` is neither `true` nor `false`"),
                });
            }
        };
        if environment == Environment::Development && !addr.ip().is_loopback() {
            return Err(SettingsError::Invalid {
                name: "AURA_ENV",
                reason: format!(
                    "development mode publishes the demo sign-ins and the mail outbox, so it \
                     only listens on loopback (127.0.0.1 or ::1), not {addr}; use \
                     AURA_ENV=production to listen there"
                ),
            });
        }
        let positive = |name: &'static str, default: u32| match var(name) {
            None => Ok(default),
            Some(raw) => raw.parse().ok().filter(|n| *n > 0).ok_or(SettingsError::Invalid {
                name,
                reason: format!("`{raw}` is not a positive whole number"),
            }),
        };
        let auth_rate_per_minute = positive("AURA_AUTH_RATE_PER_MINUTE", 10)?;
        let auth_burst = positive("AURA_AUTH_BURST", 20)?;
        let data_dir: PathBuf = var("AURA_DATA_DIR").unwrap_or_else(|| ".data".into()).into();
        Ok(Self {
            addr,
            database_url: Secret::new(var("DATABASE_URL").unwrap_or(DEFAULT_DATABASE_URL.into())),
            pg_max_connections,
            mongodb_uri: Secret::new(var("MONGODB_URI").unwrap_or(DEFAULT_MONGODB_URI.into())),
            mongodb_database: var("AURA_MONGODB_DATABASE").unwrap_or_else(|| "aura".into()),
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()).into(),
            environment,
            public_url,
            session_idle_minutes,
            session_max_hours,
            smtp_url: var("AURA_SMTP_URL").map(Secret::new),
            mail_from: var("AURA_MAIL_FROM")
                .unwrap_or_else(|| "Aura <no-reply@aura.localhost>".into()),
            demo_data,
            token_keys: var("AURA_TOKEN_KEYS").map(Secret::new),
            token_key_file: var("AURA_TOKEN_KEY_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("token-keys")),
            auth_rate_per_minute,
            auth_burst,
        })
    }

    /// Whether cookies must only travel over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let map: HashMap<String, String> =
            vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Settings::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_point_at_the_embedded_services() {
        let settings = load(&[]).unwrap();
        assert_eq!(settings.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(settings.database_url.expose(), DEFAULT_DATABASE_URL);
        assert_eq!(settings.mongodb_uri.expose(), DEFAULT_MONGODB_URI);
        assert_eq!(settings.mongodb_database, "aura");
        assert_eq!(settings.pg_max_connections, 10);
        assert_eq!(settings.environment, Environment::Production);
        assert_eq!(settings.public_url, "http://127.0.0.1:3000");
        assert!(!settings.secure_cookies());
        assert_eq!(settings.session_idle_minutes, 7 * 24 * 60);
        assert_eq!(settings.session_max_hours, 30 * 24);
        assert!(settings.smtp_url.is_none());
        assert!(!settings.demo_data, "no demo data unless development is asked for");
        assert_eq!((settings.auth_rate_per_minute, settings.auth_burst), (10, 20));
        assert!(settings.token_keys.is_none());
        assert_eq!(settings.token_key_file, PathBuf::from(".data/token-keys"));
    }

    #[test]
    fn cookies_are_secure_behind_https() {
        let settings = load(&[("AURA_PUBLIC_URL", "https://aura.example/")]).unwrap();
        assert_eq!(settings.public_url, "https://aura.example");
        assert!(settings.secure_cookies());
    }

    #[test]
    fn environment_overrides_defaults() {
        let settings = load(&[
            ("DATABASE_URL", "postgres://managed/aura"),
            ("MONGODB_URI", "mongodb://mongo.internal:27017"),
            ("AURA_ADDR", "0.0.0.0:8080"),
            ("AURA_ENV", "production"),
        ])
        .unwrap();
        assert_eq!(settings.database_url.expose(), "postgres://managed/aura");
        assert_eq!(settings.mongodb_uri.expose(), "mongodb://mongo.internal:27017");
        assert_eq!(settings.addr.port(), 8080);
        assert_eq!(settings.environment, Environment::Production);
        assert!(!settings.demo_data, "no demo data in production unless asked");
    }

    #[test]
    fn development_is_asked_for_and_only_on_loopback() {
        let dev = load(&[("AURA_ENV", "development")]).unwrap();
        assert_eq!(dev.environment, Environment::Development);
        assert!(dev.demo_data, "demo data on by default in development");
        assert!(load(&[("AURA_ENV", "development"), ("AURA_ADDR", "[::1]:3000")]).is_ok());
        let err = load(&[("AURA_ENV", "development"), ("AURA_ADDR", "0.0.0.0:3000")]).unwrap_err();
        assert!(err.to_string().starts_with("AURA_ENV"), "{err}");
        assert!(err.to_string().contains("loopback"), "{err}");
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = load(&[("AURA_PG_MAX_CONNECTIONS", "zero")]).unwrap_err();
        assert!(err.to_string().starts_with("AURA_PG_MAX_CONNECTIONS"));
        let err = load(&[("AURA_ADDR", "localhost")]).unwrap_err();
        assert!(err.to_string().contains("127.0.0.1:3000"));
    }
}
