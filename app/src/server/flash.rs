//! One-time outcomes of plain form posts (`server/src/form_echo.rs` in the server
//! crate): a rejected form's error and typed values, or the name of the server
//! function that succeeded, kept for the one page view that follows the post.
//! The browser holds only a random id (`aura_flash` cookie), so nothing of the
//! outcome travels in the address, and a reload shows the page clean. An outcome
//! is bound to the browser that posted (its `aura_form` visitor id) and the page it
//! returns to, taken once, and forgotten after ten minutes.

use sqlx::PgPool;

/// How long an outcome waits for its page view.
const KEEP_MINUTES: i32 = 10;

/// Keeps `query` (the outcome's parameters) for `visitor`'s next view of `path`;
/// returns the token the browser is given (the table keeps its hash). Old
/// outcomes are swept on the way.
pub async fn put(
    pg: &PgPool,
    visitor: &str,
    path: &str,
    query: &str,
) -> Result<String, sqlx::Error> {
    let (token, id) = crate::server::token::new_token();
    sqlx::query("DELETE FROM form_flashes WHERE created_at < now() - make_interval(mins => $1)")
        .bind(KEEP_MINUTES)
        .execute(pg)
        .await?;
    sqlx::query("INSERT INTO form_flashes (id, visitor, path, query) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(visitor)
        .bind(path)
        .bind(query)
        .execute(pg)
        .await?;
    Ok(token)
}

/// Takes (and forgets) the outcome the browser's `token` names if it is
/// `visitor`'s, for `path`, and recent.
pub async fn take(
    pg: &PgPool,
    token: &str,
    visitor: &str,
    path: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "DELETE FROM form_flashes
         WHERE id = $1 AND visitor = $2 AND path = $3
           AND created_at >= now() - make_interval(mins => $4)
         RETURNING query",
    )
    .bind(crate::server::token::hash(token))
    .bind(visitor)
    .bind(path)
    .bind(KEEP_MINUTES)
    .fetch_optional(pg)
    .await
}
