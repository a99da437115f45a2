//! PostgreSQL operations of the auth context, one file per table group. Users,
//! sessions, sign-in attempts and reset links are global (not tenant-owned);
//! everything about a workspace takes its `WorkspaceId`.
//!
//! The auth context owns `users`, `user_settings`, `sessions`, `login_attempts`,
//! `password_resets`, `workspaces`, `memberships`, `user_permissions` and
//! `activity_logs` (docs/schema.md). Other contexts never call this module: they use
//! `super::accounts`.

mod activity;
mod memberships;
mod permissions;
mod sessions;
mod sign_in;
mod users;
mod workspaces;

pub use activity::*;
pub use memberships::*;
pub use permissions::*;
pub use sessions::*;
pub use sign_in::*;
pub use users::*;
pub use workspaces::*;
