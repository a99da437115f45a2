//! The composition root: the one place that knows every context. It lists the
//! routes (`routes.rs`), the page frame and its navigation (`layout.rs`) and, on the
//! server, the job registry, the MongoDB collection registry and the demo seeding
//! order. Below it, `server/` (infrastructure), `ui/` (design system) and `kernel/`
//! import no context; adding a context touches its own folder and these lists only
//! (docs/architecture.md, "Adding a context").

pub mod layout;
pub mod routes;

pub use layout::AppLayout;
pub use routes::{App, shell};
