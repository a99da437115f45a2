//! Server functions of the team context. Each starts with the one guard
//! (`guard::require`) for its permission, then calls `server::service`.

use leptos::prelude::*;

use super::types::{
    ActivityPage, ActivityQuery, InvitationPreview, MemberDetail, Team, WorkspaceSettings,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn parse_id<T: std::str::FromStr>(raw: &str) -> Result<T, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "team/settings")]
pub async fn get_workspace_settings() -> Result<WorkspaceSettings, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Workspace, Action::Read)).await?;
    super::server::service::settings(&state.pg, &member).await
}

#[server(prefix = "/api", endpoint = "team/update_settings")]
#[allow(clippy::too_many_arguments)]
pub async fn update_workspace_settings(
    name: String,
    industry: String,
    website: String,
    logo_url: String,
    timezone: String,
    currency: String,
    primary_color: String,
    email_footer: String,
) -> Result<(), AppError> {
    use super::server::service::{self, SettingsForm};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Workspace, Action::Update)).await?;
    let form = SettingsForm {
        name,
        industry,
        website,
        logo_url,
        timezone,
        currency,
        primary_color,
        email_footer,
    };
    service::update_settings(&state.pg, &member, &form).await
}

#[server(prefix = "/api", endpoint = "team/members")]
pub async fn list_members() -> Result<Team, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Read)).await?;
    super::server::service::team(&state.pg, &member).await
}

#[server(prefix = "/api", endpoint = "team/member")]
pub async fn get_member(user_id: String) -> Result<MemberDetail, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Read)).await?;
    super::server::service::member_detail(&state.pg, &member, parse_id(&user_id)?).await
}

#[server(prefix = "/api", endpoint = "team/invite")]
pub async fn invite_member(email: String, role: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Create)).await?;
    super::server::service::invite(&state.pg, &state.settings, &member, &email, &role).await
}

#[server(prefix = "/api", endpoint = "team/revoke_invitation")]
pub async fn revoke_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Create)).await?;
    let id: uuid::Uuid = parse_id(&invitation_id)?;
    super::server::service::revoke_invitation(&state.pg, &member, id).await
}

#[server(prefix = "/api", endpoint = "team/change_role")]
pub async fn change_member_role(user_id: String, role: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource, Role};
    let (state, member) = require(Permission::new(Resource::Members, Action::Update)).await?;
    let role = Role::parse(&role).ok_or_else(|| AppError::invalid("role", "Choose a role."))?;
    super::server::service::change_role(&state.pg, &member, parse_id(&user_id)?, role).await
}

/// Removes a member. Without JavaScript the browser comes back to the members list.
#[server(prefix = "/api", endpoint = "team/remove_member")]
pub async fn remove_member(user_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Delete)).await?;
    super::server::service::remove_member(&state.pg, &member, parse_id(&user_id)?).await?;
    leptos_axum::redirect("/members");
    Ok(())
}

#[server(prefix = "/api", endpoint = "team/grant")]
pub async fn grant_permission(
    user_id: String,
    resource: String,
    action: String,
    conditions: String,
) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Update)).await?;
    let user = parse_id(&user_id)?;
    super::server::service::grant(&state.pg, &member, user, &resource, &action, &conditions).await
}

#[server(prefix = "/api", endpoint = "team/revoke")]
pub async fn revoke_permission(user_id: String, override_id: String) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Members, Action::Update)).await?;
    let (user, id) = (parse_id(&user_id)?, parse_id(&override_id)?);
    super::server::service::revoke(&state.pg, &member, user, id).await
}

#[server(prefix = "/api", endpoint = "team/activity")]
pub async fn list_activity(
    #[server(default)] query: ActivityQuery,
) -> Result<ActivityPage, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Activity, Action::Read)).await?;
    let zone = crate::ui::time::zone_name();
    super::server::service::activity(&state.pg, &member, &query, zone).await
}

/// The activity entries the filters match, as a CSV download
/// (`/api/team/activity_export?person=&action=&from=&to=`), times in the viewer's
/// zone.
#[server(
    prefix = "/api",
    endpoint = "team/activity_export",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::StreamingText
)]
pub async fn export_activity(
    #[server(default)] person: String,
    #[server(default)] action: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<server_fn::codec::TextStream<AppError>, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    use crate::server::csv;
    let (state, member) = require(Permission::new(Resource::Activity, Action::Read)).await?;
    let query = ActivityQuery { person, action, from, to, page: None };
    let zone = crate::ui::time::zone_name();
    let entries = super::server::service::export(&state.pg, &member, &query, zone).await?;
    let mut body = csv::row(&["time", "person", "action", "description"]);
    for e in entries {
        let time = crate::ui::time::iso(e.at);
        body.push_str(&csv::row(&[
            time.as_str(),
            e.actor.as_deref().unwrap_or(""),
            e.kind.as_str(),
            e.description.as_str(),
        ]));
    }
    Ok(csv::download("aura-activity.csv", body))
}

/// What an invitation link offers. The token is the credential; no sign-in needed.
#[server(prefix = "/api", endpoint = "team/invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationPreview, AppError> {
    use crate::contexts::auth::server::service::auth_session;
    let state = crate::server::state::app_state()?;
    let auth = auth_session().await?;
    let signed_in_as = auth.user.as_ref().map(|u| u.0.email.clone());
    super::server::service::preview(&state.pg, &token, signed_in_as).await
}

/// Accepts an invitation as the signed-in user, or creates the account from `name`
/// and `password`; then signs in to the workspace and goes home.
#[server(prefix = "/api", endpoint = "team/accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: Option<String>,
    password: Option<String>,
) -> Result<(), AppError> {
    use super::server::service::{self, Acceptor};
    use crate::contexts::auth::server::service::{auth_session, start_session};
    let state = crate::server::state::app_state()?;
    let mut auth = auth_session().await?;
    let acceptor = match &auth.user {
        Some(user) => Acceptor::SignedIn(user.0.id, user.0.email.clone()),
        None => Acceptor::NewAccount {
            name: name.unwrap_or_default(),
            password: password.unwrap_or_default(),
        },
    };
    let (user, workspace) = service::accept(&state.pg, &token, acceptor).await?;
    start_session(&mut auth, user, Some(workspace)).await?;
    leptos_axum::redirect("/");
    Ok(())
}
