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
    super::server::service::composer(&state.pg, &state.mongo, &ai, &member, id).await
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
    #[server(default)] campaign: String,
) -> Result<Calendar, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Read)).await?;
    let filters = (account.as_str(), status.as_str(), campaign.as_str());
    super::server::service::calendar(&state.pg, &member, &view, &date, filters).await
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

/// Every account's posting times (`/calendar/times`).
#[server(prefix = "/api", endpoint = "posts/times")]
pub async fn get_posting_times() -> Result<super::types::PostingTimes, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Read)).await?;
    super::server::slots::page(&state.pg, &member).await
}

/// Adds posting times to an account: `days` is `daily`, `weekdays`, `weekends` or
/// an ISO weekday (`1` = Monday), `time` is `HH:MM` in the workspace's zone.
#[server(prefix = "/api", endpoint = "posts/times/add")]
pub async fn add_posting_time(
    account_id: String,
    days: String,
    time: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Create)).await?;
    let account = account_id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::slots::add(&state.pg, &member, account, &days, &time).await
}

/// Removes one posting time.
#[server(prefix = "/api", endpoint = "posts/times/remove")]
pub async fn remove_posting_time(time_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Create)).await?;
    let id = time_id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::slots::remove(&state.pg, &member, id).await
}

/// The session key of the last upload's report (said once on `/media`).
#[cfg(feature = "ssr")]
const UPLOAD_REPORT_KEY: &str = "content.upload_report";

#[cfg(feature = "ssr")]
fn media_id(raw: &str) -> Result<crate::kernel::MediaId, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// The media library (`/media`), with the last upload's report.
#[server(prefix = "/api", endpoint = "media/list")]
pub async fn media_library(
    #[server(default)] filters: super::types::MediaFilters,
) -> Result<super::types::MediaLibrary, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Content, Action::Read)).await?;
    let auth = auth_session().await?;
    let report = auth.session.remove(UPLOAD_REPORT_KEY).await.map_err(AppError::internal)?;
    super::server::media::library(&state.pg, &member, filters, report).await
}

/// Uploads files to the media library (`multipart/form-data`: `files` one or
/// more, `folder`, `tags`), then goes back to `/media`, which says what was added
/// and why any file was refused.
#[server(prefix = "/api", endpoint = "media/upload", input = server_fn::codec::MultipartFormData)]
pub async fn upload_media(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::contexts::auth::server::service::auth_session;
    use crate::contexts::content::server::media;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Content, Action::Create)).await?;
    let (files, folder, tags) = media::read_upload(data).await?;
    let report = media::upload(&state, &member, files, &folder, &tags).await?;
    let auth = auth_session().await?;
    auth.session.insert(UPLOAD_REPORT_KEY, report).await.map_err(AppError::internal)?;
    leptos_axum::redirect("/media");
    Ok(())
}

/// Changes a file's tags and folder.
#[server(prefix = "/api", endpoint = "media/update")]
pub async fn update_media(
    media_id: String,
    #[server(default)] tags: String,
    #[server(default)] folder: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Content, Action::Update)).await?;
    super::server::media::update(&state.pg, &member, self::media_id(&media_id)?, &tags, &folder)
        .await
}

/// Deletes a file (the posts that used it lose it).
#[server(prefix = "/api", endpoint = "media/delete")]
pub async fn delete_media(media_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Content, Action::Delete)).await?;
    super::server::media::delete(&state, &member, self::media_id(&media_id)?).await
}

/// A file of the library (or its thumbnail), for members of its workspace.
#[server(
    prefix = "/api",
    endpoint = "media/file",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::Streaming
)]
pub async fn media_file(
    id: String,
    #[server(default)] thumb: bool,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    use axum::http::{HeaderValue, header};
    let (state, member) = require(Permission::new(Resource::Content, Action::Read)).await?;
    let (bytes, mime) =
        super::server::media::file(&state, &member, self::media_id(&id)?, thumb).await?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = HeaderValue::from_str(&mime) {
            response.insert_header(header::CONTENT_TYPE, value);
        }
        response.insert_header(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=3600"),
        );
        response.insert_header(
            header::HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        );
    }
    Ok(server_fn::codec::ByteStream::new(futures::stream::once(async move { Ok(bytes) })))
}

/// A file behind a signed, expiring link (`w`, `id`, `exp`, `jpeg`, `sig`), for
/// the platforms that fetch a post's files themselves; no sign-in, the signature
/// is the permission.
#[server(
    prefix = "/api",
    endpoint = "media/public",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::Streaming
)]
pub async fn public_media_file(
    w: String,
    id: String,
    exp: i64,
    #[server(default)] jpeg: bool,
    sig: String,
) -> Result<server_fn::codec::ByteStream<AppError>, AppError> {
    use axum::http::{HeaderValue, header};
    let state = crate::server::state::app_state()?;
    let workspace = w.trim().parse().map_err(|_| AppError::NotFound)?;
    let (bytes, mime) = super::server::media::public_file(
        &state,
        workspace,
        self::media_id(&id)?,
        exp,
        jpeg,
        sig.trim(),
    )
    .await?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = HeaderValue::from_str(&mime) {
            response.insert_header(header::CONTENT_TYPE, value);
        }
        response
            .insert_header(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=600"));
    }
    Ok(server_fn::codec::ByteStream::new(futures::stream::once(async move { Ok(bytes) })))
}

/// A post's approval: where it stands, its history and comments. Needs the
/// right to read approvals.
#[server(prefix = "/api", endpoint = "posts/review")]
pub async fn get_post_review(post_id: String) -> Result<super::types::PostReview, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::post_id(&post_id)?;
    let (state, member) = require(Permission::new(Resource::Approvals, Action::Read)).await?;
    super::server::review::review(&state.pg, &member, id).await
}

/// Approves a post waiting for the member, rejects it or asks for changes
/// (`decision`: `approve`, `reject`, `request_changes`; the last two need a
/// `comment`). Only a member the post's current level waits on decides.
#[server(prefix = "/api", endpoint = "posts/decide")]
pub async fn decide_post(
    post_id: String,
    decision: String,
    #[server(default)] comment: String,
    #[server(default)] round: String,
) -> Result<(), AppError> {
    use crate::contexts::approvals::types::Decision;
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::post_id(&post_id)?;
    let (state, member) = require(Permission::new(Resource::Approvals, Action::Read)).await?;
    let decision = Decision::parse(decision.trim()).ok_or_else(|| {
        AppError::invalid("decision", "Choose approve, request changes or reject.")
    })?;
    let round = round.trim().parse().ok();
    super::server::review::decide(&state.pg, &state.mongo, &member, id, round, decision, &comment)
        .await
}

/// Adds an internal comment to a post; @mentioned members are told.
#[server(prefix = "/api", endpoint = "posts/comment")]
pub async fn comment_post(
    post_id: String,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::post_id(&post_id)?;
    let (state, member) = require(Permission::new(Resource::Approvals, Action::Read)).await?;
    super::server::review::comment(&state.pg, &state.mongo, &member, id, &body).await
}

/// The approvals page: `tab` is `waiting` (for me), `submitted` (by me) or
/// `history`.
#[server(prefix = "/api", endpoint = "approvals/list")]
pub async fn get_approvals(
    #[server(default)] tab: String,
    #[server(default)] page: Option<u32>,
) -> Result<super::types::ApprovalsPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Approvals, Action::Read)).await?;
    super::server::review::page(&state.pg, &member, tab.trim(), page.unwrap_or(1)).await
}

/// Sends a client (no account) a link to approve a post waiting for approval.
#[server(prefix = "/api", endpoint = "posts/share")]
pub async fn share_post(
    post_id: String,
    #[server(default)] email: String,
    #[server(default)] name: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let id = self::post_id(&post_id)?;
    let (state, member) = require(Permission::new(Resource::Posts, Action::Update)).await?;
    super::server::review::share(&state, &member, id, &email, &name).await
}

/// Stops sharing a post with a client's approval link.
#[server(prefix = "/api", endpoint = "posts/unshare")]
pub async fn unshare_post(post_id: String, link_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Posts, Action::Update)).await?;
    let id = self::post_id(&post_id)?;
    let link = link_id.trim().parse().map_err(|_| AppError::NotFound)?;
    super::server::review::unshare(&state.pg, &member, id, link).await
}

/// The address the request came from, for rate limits ("unknown" without one).
#[cfg(feature = "ssr")]
async fn caller_ip() -> String {
    crate::server::request::client_ip()
        .await
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// What a client's approval link shows (no sign-in: the token is the key).
#[server(prefix = "/api", endpoint = "review/shared")]
pub async fn get_shared(token: String) -> Result<super::types::SharedView, AppError> {
    let state = crate::server::state::app_state()?;
    super::server::review::shared(&state, &token, &caller_ip().await).await
}

/// A client's decision through their link: `approve`, or `request_changes`
/// with a `comment`.
#[server(prefix = "/api", endpoint = "review/decide")]
pub async fn decide_shared(
    token: String,
    post_id: String,
    decision: String,
    #[server(default)] comment: String,
    #[server(default)] round: String,
) -> Result<(), AppError> {
    use crate::contexts::approvals::types::Decision;
    let state = crate::server::state::app_state()?;
    let id = self::post_id(&post_id)?;
    let decision = Decision::parse(decision.trim())
        .ok_or_else(|| AppError::invalid("decision", "Approve it, or ask for changes."))?;
    let round = round.trim().parse().ok();
    super::server::review::decide_shared(
        &state,
        &token,
        &caller_ip().await,
        id,
        round,
        decision,
        &comment,
    )
    .await
}
