//! Pages of the inbox: the list, a conversation, the settings (SLA policies,
//! business hours, priority rules, round robin, polled accounts, the chatbot)
//! and the SLA report.

mod chatbot_section;
mod conversation_page;
mod inbox_page;
mod live;
mod settings_page;
mod sla_page;

pub use conversation_page::ConversationPage;
pub use inbox_page::InboxPage;
pub use settings_page::InboxSettingsPage;
pub use sla_page::SlaReportPage;
