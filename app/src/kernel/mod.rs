//! Shared value types every context may use. `kernel` imports no context.

pub mod access;
pub mod ids;

pub use access::{Action, Permission, Resource, Role, can};
pub use ids::{BrandId, UserId, WorkspaceId};
