//! Pages of the team context.
