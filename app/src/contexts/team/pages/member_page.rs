//! `/members/:user_id`: one member's role and permission overrides.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::contexts::team::api::{ChangeMemberRole, GrantPermission, RevokePermission, get_member};
use crate::contexts::team::types::MemberDetail;
use crate::kernel::{Action, Resource as Area, can};
use crate::ui::feedback::{Confirm, ErrorPanel, Loading, done_notice};
use crate::ui::form::{DANGER_BUTTON, FormAlert, SelectField, SubmitButton, TextAreaField};

#[component]
pub fn MemberPage() -> impl IntoView {
    let params = use_params_map();
    let user_id = move || params.read().get("user_id").unwrap_or_default();
    let change = ServerAction::<ChangeMemberRole>::new();
    let grant = ServerAction::<GrantPermission>::new();
    let revoke = ServerAction::<RevokePermission>::new();
    let detail = Resource::new(
        move || (user_id(), change.version().get(), grant.version().get(), revoke.version().get()),
        |(id, ..)| get_member(id),
    );
    let toast_change = done_notice::<ChangeMemberRole>("Role changed");
    let toast_grant = done_notice::<GrantPermission>("Permission granted");
    let toast_revoke = done_notice::<RevokePermission>("Permission revoked");
    view! {
        {toast_change}
        {toast_grant}
        {toast_revoke}
        <Title text="Member · Aura" />
        <p>
            <a href="/members" class="text-sm text-indigo-700 underline dark:text-indigo-300">
                "← All members"
            </a>
        </p>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <Detail detail change grant revoke /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(
    detail: MemberDetail,
    change: ServerAction<ChangeMemberRole>,
    grant: ServerAction<GrantPermission>,
    revoke: ServerAction<RevokePermission>,
) -> impl IntoView {
    let role_error = Signal::derive(move || change.value().get().and_then(Result::err));
    let grant_error = Signal::derive(move || grant.value().get().and_then(Result::err));
    let member = detail.member.clone();
    let user_id = member.user_id.to_string();
    let (role_user, grant_user) = (user_id.clone(), user_id.clone());
    let roles: Vec<(String, String)> = detail
        .assignable_roles
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    let resources: Vec<(String, String)> =
        Area::ALL.iter().map(|r| (r.as_str().to_owned(), r.as_str().replace('_', " "))).collect();
    let actions: Vec<(String, String)> =
        Action::ALL.iter().map(|a| (a.as_str().to_owned(), a.as_str().to_owned())).collect();
    let role_summary = {
        let granted: Vec<String> = Area::ALL
            .iter()
            .filter_map(|area| {
                let acts: Vec<&str> = Action::ALL
                    .iter()
                    .filter(|a| can(member.role, crate::kernel::Permission::new(*area, **a)))
                    .map(|a| a.as_str())
                    .collect();
                (!acts.is_empty()).then(|| format!("{}: {}", area.as_str(), acts.join(", ")))
            })
            .collect();
        granted
    };
    view! {
        <h1 class="text-2xl font-semibold">{member.name.clone()}</h1>
        <p class="text-sm text-slate-600 dark:text-slate-300">
            {member.email.clone()} " · "
            <span data-testid="member-role">{member.role.label()}</span>
        </p>
        <section
            aria-labelledby="role-heading"
            class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
        >
            <h2 id="role-heading" class="text-lg font-semibold">
                "Role"
            </h2>
            {if detail.can_edit {
                view! {
                    <ActionForm
                        action=change
                        attr:class="flex flex-wrap items-end gap-4"
                        attr:novalidate=true
                    >
                        <input type="hidden" name="user_id" value=role_user />
                        <div class="w-48">
                            <SelectField
                                name="role"
                                label="Role"
                                options=roles
                                selected=member.role.as_str().to_owned()
                                error=role_error
                            />
                        </div>
                        <div class="w-40">
                            <SubmitButton label="Change role" busy_label="Saving…" />
                        </div>
                    </ActionForm>
                    <FormAlert error=role_error />
                }
                    .into_any()
            } else {
                view! {
                    <p class="text-sm text-slate-500 dark:text-slate-400">
                        "You cannot change this member's role."
                    </p>
                }
                    .into_any()
            }}
            <details class="text-sm">
                <summary class="cursor-pointer">"What this role allows"</summary>
                <ul class="mt-2 list-disc pl-5 text-slate-600 dark:text-slate-300">
                    {role_summary.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </details>
        </section>
        <section
            aria-labelledby="overrides-heading"
            class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
        >
            <h2 id="overrides-heading" class="text-lg font-semibold">
                "Extra permissions"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Permissions beyond the role. With conditions, a grant covers only the records the conditions name."
            </p>
            {if detail.overrides.is_empty() {
                view! {
                    <p
                        class="text-sm text-slate-500 dark:text-slate-400"
                        data-testid="no-overrides"
                    >
                        "None: this member has exactly what the role allows."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul
                        class="divide-y divide-slate-200 dark:divide-slate-700"
                        data-testid="overrides"
                    >
                        {detail
                            .overrides
                            .into_iter()
                            .map(|o| {
                                let text = format!(
                                    "{} on {}",
                                    o.permission.action.as_str(),
                                    o.permission.resource.as_str(),
                                );
                                let question = format!("Revoke {text}?");
                                let user_id = user_id.clone();
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                                        <div>
                                            <p class="font-medium">{text}</p>
                                            {o
                                                .conditions
                                                .map(|c| {
                                                    view! {
                                                        <p class="font-mono text-xs text-slate-500 dark:text-slate-400">
                                                            {c}
                                                        </p>
                                                    }
                                                })}
                                        </div>
                                        {detail
                                            .can_edit
                                            .then(|| {
                                                view! {
                                                    <Confirm label="Revoke" question>
                                                        <ActionForm action=revoke>
                                                            <input type="hidden" name="user_id" value=user_id />
                                                            <input
                                                                type="hidden"
                                                                name="override_id"
                                                                value=o.id.to_string()
                                                            />
                                                            <button type="submit" class=DANGER_BUTTON>
                                                                "Yes, revoke"
                                                            </button>
                                                        </ActionForm>
                                                    </Confirm>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {detail
                .can_edit
                .then(|| {
                    view! {
                        <ActionForm action=grant attr:class="space-y-4" attr:novalidate=true>
                            <input type="hidden" name="user_id" value=grant_user />
                            <div class="grid gap-4 sm:grid-cols-2">
                                <SelectField
                                    name="resource"
                                    label="Area"
                                    options=resources
                                    selected="content".to_owned()
                                    error=grant_error
                                />
                                <SelectField
                                    name="action"
                                    label="Action"
                                    options=actions
                                    selected="read".to_owned()
                                    error=grant_error
                                />
                            </div>
                            <TextAreaField
                                name="conditions"
                                label="Conditions (optional)"
                                hint=r#"A JSON object, like {"brand_ids": ["…"]}."#
                                error=grant_error
                            />
                            <FormAlert error=grant_error />
                            <div class="max-w-xs">
                                <SubmitButton label="Grant permission" busy_label="Granting…" />
                            </div>
                        </ActionForm>
                    }
                })}
        </section>
    }
}
