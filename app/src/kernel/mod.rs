//! Shared value types every context may use. `kernel` imports no context.

pub mod ids;

pub use ids::{BrandId, UserId, WorkspaceId};
