//! Pages of the approvals context: the approval chains.

mod chains_page;

pub use chains_page::ChainsPage;
