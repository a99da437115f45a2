//! Pages of the team context.

mod accept_invitation_page;
mod activity_page;
mod member_page;
mod members_page;
mod settings_page;

pub use accept_invitation_page::AcceptInvitationPage;
pub use activity_page::ActivityLogPage;
pub use member_page::MemberPage;
pub use members_page::MembersPage;
pub use settings_page::WorkspaceSettingsPage;
