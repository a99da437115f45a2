//! The CRM (seed 002 `leads`, `interactions`, `reviews`, `referrals`): for now
//! the leads other areas create — the inbox's "make this a lead" — found again
//! by the platform's id of the person, their email or their phone rather than
//! made twice. The lead pipeline, its pages and the rest of seed 002 come with
//! their own issue.

#[cfg(feature = "ssr")]
pub mod server;
