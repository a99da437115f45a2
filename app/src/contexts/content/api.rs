//! Server functions of the content context, each behind the one guard.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::{Calendar, Composer, PostFilters, PostList};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn post_id(raw: &str) -> Result<crate::kernel::PostId, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// One page of posts for `/posts`, with its filters.
#[server(prefix = "/api", endpoint = "posts/list")]
pub async fn list_posts(#[server(default)] filters: PostFilters) -> Result<PostList, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Read)).await?;
    super::server::service::list(&state.pg, &member, &filters).await
}

/// The composer: a new post (`post_id` empty) or an existing one. Opening it
/// needs the right to write posts.
#[server(prefix = "/api", endpoint = "posts/composer")]
pub async fn get_composer(#[server(default)] post_id: String) -> Result<Composer, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = if post_id.trim().is_empty() { None } else { Some(self::post_id(&post_id)?) };
    let action = if id.is_some() { Action::Update } else { Action::Create };
    let (state, member) = require(Permission::new(Resource::Posts, action)).await?;
    let ai = state.config::<crate::contexts::ai::server::config::AiSettings>()?;
    super::server::service::composer(&state.pg, &ai, &member, id).await
}

/// Saves the composer (`post[…]` fields; see `service::ComposerForm`) as a draft
/// or schedules it, or drafts it with AI (`post[intent]` `ai_draft`, or
/// `rewrite.<account id>`: saved as a draft with the model's text), then opens the
/// saved post.
#[server(prefix = "/api", endpoint = "posts/save")]
pub async fn save_post(
    #[server(default)] post_id: String,
    #[server(default)] post: HashMap<String, String>,
) -> Result<(), AppError> {
    use super::server::service::{self, ComposerForm};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = if post_id.trim().is_empty() { None } else { Some(self::post_id(&post_id)?) };
    let action = if id.is_some() { Action::Update } else { Action::Create };
    let (state, member) = require(Permission::new(Resource::Posts, action)).await?;
    let saved = service::save(&state, &member, &ComposerForm { id, fields: post }).await?;
    leptos_axum::redirect(&format!("/posts/{saved}"));
    Ok(())
}

/// The calendar, a month or a week around `date`, with its filters.
#[server(prefix = "/api", endpoint = "posts/calendar")]
pub async fn get_calendar(
    #[server(default)] view: String,
    #[server(default)] date: String,
    #[server(default)] account: String,
    #[server(default)] status: String,
) -> Result<Calendar, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Read)).await?;
    super::server::service::calendar(&state.pg, &member, &view, &date, &account, &status).await
}

/// Moves a post to `day` (`YYYY-MM-DD`) at `time` (`HH:MM`), in the workspace's zone.
#[server(prefix = "/api", endpoint = "posts/reschedule")]
pub async fn reschedule_post(post_id: String, day: String, time: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Update)).await?;
    super::server::service::reschedule(&state.pg, &member, self::post_id(&post_id)?, &day, &time)
        .await
}

/// Copies a post into a new draft and opens it.
#[server(prefix = "/api", endpoint = "posts/duplicate")]
pub async fn duplicate_post(post_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Create)).await?;
    let copy =
        super::server::service::duplicate(&state.pg, &member, self::post_id(&post_id)?).await?;
    leptos_axum::redirect(&format!("/posts/{copy}"));
    Ok(())
}

/// Archives a post (`archive=true`) or brings it back.
#[server(prefix = "/api", endpoint = "posts/archive")]
pub async fn archive_post(post_id: String, archive: bool) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Update)).await?;
    super::server::service::set_archived(&state.pg, &member, self::post_id(&post_id)?, archive)
        .await
}

/// Deletes a draft, then shows the list.
#[server(prefix = "/api", endpoint = "posts/delete")]
pub async fn delete_post(post_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Delete)).await?;
    super::server::service::delete(&state.pg, &member, self::post_id(&post_id)?).await?;
    leptos_axum::redirect("/posts");
    Ok(())
}

/// Sends a target that failed again, now.
#[server(prefix = "/api", endpoint = "posts/retry")]
pub async fn retry_target(post_id: String, account_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Update)).await?;
    let account = account_id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::service::retry_target(&state.pg, &member, self::post_id(&post_id)?, account)
        .await
}
