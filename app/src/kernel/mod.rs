//! Shared value types every context may use. `kernel` imports no context.

pub mod access;
pub mod ids;
pub mod money;
pub mod period;

pub use access::{Action, Permission, Resource, Role, can};
pub use ids::{
    BrandId, CampaignId, ConnectionId, ConversationId, MediaId, PostId, SocialAccountId, UserId,
    WorkflowId, WorkspaceId,
};
pub use period::{Granularity, Period, Preset};
