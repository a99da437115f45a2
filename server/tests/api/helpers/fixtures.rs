//! Fixtures every test may need, built through the app's repositories (never SQL
//! written here): users, members and workspaces. All share one password.

use app::contexts::auth::server::{password, repo as accounts};
use app::kernel::{Role, UserId, WorkspaceId};
use sqlx::PgPool;
use tokio::sync::OnceCell;

/// Every test member's password.
pub const PASSWORD: &str = "granite kettle orbit";

/// A workspace and the owner it was made with.
#[derive(Debug, Clone, Copy)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub owner: UserId,
}

/// The argon2id hash of [`PASSWORD`], worked out once for the whole test binary:
/// argon2 is deliberately slow, and every member shares the password.
async fn password_hash() -> &'static str {
    static HASH: OnceCell<String> = OnceCell::const_new();
    HASH.get_or_init(|| async { password::hash(PASSWORD.to_owned()).await.unwrap() }).await
}

/// A user with no workspace yet (password [`PASSWORD`]).
pub async fn add_user(pg: &PgPool, email: &str, name: &str, timezone: &str) -> UserId {
    let mut tx = pg.begin().await.unwrap();
    let user =
        accounts::insert_user(&mut tx, email, name, password_hash().await, timezone).await.unwrap();
    tx.commit().await.unwrap();
    user
}

/// A user with a membership of `role` in `workspace` (password [`PASSWORD`]).
pub async fn add_member(pg: &PgPool, workspace: WorkspaceId, email: &str, role: Role) -> UserId {
    let name = email.split('@').next().unwrap();
    let mut tx = pg.begin().await.unwrap();
    let user =
        accounts::insert_user(&mut tx, email, name, password_hash().await, "UTC").await.unwrap();
    accounts::insert_membership(&mut *tx, workspace, user, role).await.unwrap();
    tx.commit().await.unwrap();
    user
}

/// A workspace (UTC, USD, the free plan) with its owner.
pub async fn workspace(pg: &PgPool, name: &str, slug: &str, owner_email: &str) -> Workspace {
    let new = accounts::NewWorkspace {
        name,
        slug,
        industry: None,
        website: None,
        timezone: "UTC",
        currency: "USD",
    };
    let id = accounts::insert_workspace(pg, &new).await.unwrap();
    let owner = add_member(pg, id, owner_email, Role::Owner).await;
    Workspace { id, owner }
}
