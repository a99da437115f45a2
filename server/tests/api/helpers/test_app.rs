//! `TestApp`: the router the binary serves over a fresh PostgreSQL database (from
//! `#[sqlx::test]`) and a fresh MongoDB database, with two workspaces ready:
//!
//! - A, "Northwind Coffee" (slug `northwind`), whose owner exists from the start and
//!   whose admin, manager, editor and viewer are made on first use; each member is
//!   signed in on first use (`app.viewer().await` and so on), once per test;
//! - B, "Contoso Tea" (slug `contoso`), with its own owner, `app.outsider()`.
//!
//! Every member's email is `<role>@northwind.example` (B's owner is
//! `owner@contoso.example`) and every password is [`PASSWORD`]. Fixtures go through
//! the app's repositories, never SQL written here. `TestApp::builder` adjusts the
//! settings or points the integrations at a wiremock stand-in for the platforms.

use app::contexts::brands::server::repo::{self as brands, BrandFields};
use app::contexts::team::server::repo as team;
use app::contexts::team::types::Plan;
use app::kernel::{BrandId, Role, UserId, WorkspaceId};
use app::server::{AppState, Settings, mongo};
use axum::Router;
use sqlx::PgPool;
use tokio::sync::OnceCell;
use wiremock::MockServer;

use super::fixtures::{PASSWORD, Workspace, add_member, workspace};
use super::http::{self, Reply};
use super::mock_platform::integration_settings;

/// A signed-in member.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: UserId,
    pub email: String,
    /// The `aura_session=...` cookie of their session.
    pub cookie: String,
}

/// Whoever makes a request: an [`Actor`], a bare session cookie, or [`Anonymous`].
pub trait Caller {
    fn cookie(&self) -> Option<&str>;
}

/// Nobody signed in.
pub struct Anonymous;

impl Caller for Anonymous {
    fn cookie(&self) -> Option<&str> {
        None
    }
}

impl Caller for &Actor {
    fn cookie(&self) -> Option<&str> {
        Some(&self.cookie)
    }
}

impl Caller for &str {
    fn cookie(&self) -> Option<&str> {
        Some(self)
    }
}

impl Caller for &String {
    fn cookie(&self) -> Option<&str> {
        Some(self.as_str())
    }
}

impl Caller for Option<&str> {
    fn cookie(&self) -> Option<&str> {
        *self
    }
}

pub struct TestApp {
    pub pg: PgPool,
    pub mongo: mongodb::Database,
    pub state: AppState,
    pub router: Router,
    pub a: Workspace,
    pub b: Workspace,
    mock: Option<MockServer>,
    /// Workspace A's members by role (in `Role::ALL` order), signed in on first use.
    members: [OnceCell<Actor>; 5],
    outsider: OnceCell<Actor>,
}

/// Changes to the app before it is built.
pub struct Builder {
    pg: PgPool,
    settings: Settings,
    mock_platform: bool,
}

impl Builder {
    /// Adjusts the settings the app is built with.
    pub fn settings(mut self, change: impl FnOnce(&mut Settings)) -> Self {
        change(&mut self.settings);
        self
    }

    /// Starts a wiremock server (`app.mock()`) and points every platform's OAuth
    /// app and API at it.
    pub fn mock_platform(mut self) -> Self {
        self.mock_platform = true;
        self
    }

    pub async fn build(self) -> TestApp {
        let Builder { pg, settings, mock_platform } = self;
        let mock = if mock_platform { Some(MockServer::start().await) } else { None };
        let mongo = super::fresh_mongo().await;
        let mut state = super::state_with(settings, pg.clone(), mongo.clone());
        if let Some(mock) = &mock {
            state = state
                .with_config(integration_settings(&mock.uri()))
                .with_config(super::mock_platform::ai_settings(&mock.uri()))
                .with_config(super::mock_platform::inbox_settings());
        }
        let router = server::build_app(state.clone());
        let a = workspace(&pg, "Northwind Coffee", "northwind", "owner@northwind.example").await;
        let b = workspace(&pg, "Contoso Tea", "contoso", "owner@contoso.example").await;
        TestApp {
            pg,
            mongo,
            state,
            router,
            a,
            b,
            mock,
            members: Default::default(),
            outsider: OnceCell::new(),
        }
    }
}

impl TestApp {
    pub async fn new(pg: PgPool) -> Self {
        Self::builder(pg).build().await
    }

    pub fn builder(pg: PgPool) -> Builder {
        Builder { pg, settings: super::settings(), mock_platform: false }
    }

    // --- members, signed in on first use ---

    pub async fn owner(&self) -> &Actor {
        self.member(Role::Owner).await
    }

    pub async fn admin(&self) -> &Actor {
        self.member(Role::Admin).await
    }

    pub async fn manager(&self) -> &Actor {
        self.member(Role::Manager).await
    }

    pub async fn editor(&self) -> &Actor {
        self.member(Role::Editor).await
    }

    pub async fn viewer(&self) -> &Actor {
        self.member(Role::Viewer).await
    }

    /// Workspace A's member with `role`, made (the owner exists already) and
    /// signed in the first time it is asked for.
    pub async fn member(&self, role: Role) -> &Actor {
        let slot = Role::ALL.iter().position(|r| *r == role).unwrap();
        self.members[slot]
            .get_or_init(|| async {
                let email = format!("{}@northwind.example", role.as_str());
                let id = match role {
                    Role::Owner => self.a.owner,
                    _ => self.add_member(self.a.id, &email, role).await,
                };
                let cookie = self.log_in(&email, PASSWORD).await;
                Actor { id, email, cookie }
            })
            .await
    }

    /// Workspace B's owner, signed in.
    pub async fn outsider(&self) -> &Actor {
        self.outsider
            .get_or_init(|| async {
                let email = "owner@contoso.example".to_owned();
                let cookie = self.log_in(&email, PASSWORD).await;
                Actor { id: self.b.owner, email, cookie }
            })
            .await
    }

    /// Another member of `workspace` (password [`PASSWORD`]), not signed in.
    pub async fn add_member(&self, workspace: WorkspaceId, email: &str, role: Role) -> UserId {
        add_member(&self.pg, workspace, email, role).await
    }

    /// Logs in through the router and returns the session cookie.
    pub async fn log_in(&self, email: &str, password: &str) -> String {
        let form = [("email", email), ("password", password)];
        let reply = self.post("/api/auth/log_in", &form, Anonymous).await;
        assert!(reply.ok(), "log in as {email}: {} {}", reply.status, reply.body);
        reply.session_cookie().expect("session cookie")
    }

    // --- requests ---

    /// Posts a form to a server function as `who`.
    pub async fn post(&self, path: &str, form: &[(&str, &str)], who: impl Caller) -> Reply {
        http::post(&self.router, path, form, who.cookie()).await
    }

    /// A plain GET as `who`.
    pub async fn get(&self, uri: &str, who: impl Caller) -> Reply {
        http::get(&self.router, uri, who.cookie()).await
    }

    // --- shared fixtures, through the repositories ---

    /// A brand of workspace A (USD, UTC).
    pub async fn brand(&self, name: &str) -> BrandId {
        self.brand_in(self.a, name, "UTC").await
    }

    /// A brand of `workspace` in `timezone`, created by its owner.
    pub async fn brand_in(&self, workspace: Workspace, name: &str, timezone: &str) -> BrandId {
        let fields = BrandFields { name, domain: None, currency: "USD", timezone, sync_hour: 6 };
        brands::insert(&self.pg, workspace.id, workspace.owner, &fields).await.unwrap()
    }

    /// Puts `workspace` on `plan`, with the plan's limits.
    pub async fn set_plan(&self, workspace: WorkspaceId, plan: Plan) {
        let row = team::workspace(&self.pg, workspace).await.unwrap().unwrap();
        app::contexts::team::server::service::set_plan(&self.pg, &row.slug, plan).await.unwrap();
    }

    /// The wiremock server standing in for the platforms (`Builder::mock_platform`).
    pub fn mock(&self) -> &MockServer {
        self.mock.as_ref().expect("built with .mock_platform()")
    }
}

/// The MongoDB database goes when the test ends. The app's client belongs to the
/// test's runtime, which is ending, so a short-lived client on a thread of its own
/// drops it.
impl Drop for TestApp {
    fn drop(&mut self) {
        let name = self.mongo.name().to_owned();
        let cleanup = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build()
            else {
                return;
            };
            runtime.block_on(async {
                let Ok(mut settings) = Settings::from_lookup(|n| std::env::var(n).ok()) else {
                    return;
                };
                settings.mongodb_database = name;
                if let Ok(db) = mongo::connect(&settings).await {
                    let _ = db.drop().await;
                }
            });
        });
        let _ = cleanup.join();
    }
}
