//! Pages of the inbox: the list and a conversation.

mod conversation_page;
mod inbox_page;
mod live;

pub use conversation_page::ConversationPage;
pub use inbox_page::InboxPage;
