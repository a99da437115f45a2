//! `/members`: the team, open invitations, and inviting someone by email.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::team::api::{InviteMember, RemoveMember, RevokeInvitation, list_members};
use crate::contexts::team::types::{MemberSummary, PendingInvitation, Team};
use crate::kernel::Role;
use crate::ui::feedback::{Confirm, ErrorPanel, Loading, datetime, done_notice};
use crate::ui::form::{DANGER_BUTTON, Field, FormAlert, SelectField, SubmitButton};

#[component]
pub fn MembersPage() -> impl IntoView {
    let invite = ServerAction::<InviteMember>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let team = Resource::new(
        move || (invite.version().get(), revoke.version().get(), remove.version().get()),
        |_| list_members(),
    );
    let toast_invite = done_notice::<InviteMember>("Invitation sent");
    let toast_revoke = done_notice::<RevokeInvitation>("Invitation revoked");
    view! {
        {toast_invite}
        {toast_revoke}
        <Title text="Members · Aura" />
        <h1 class="text-2xl font-semibold">"Members"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => view! { <TeamView team invite revoke remove /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TeamView(
    team: Team,
    invite: ServerAction<InviteMember>,
    revoke: ServerAction<RevokeInvitation>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let remove_error = move || {
        remove.value().get().and_then(Result::err).map(|e| {
            let text = e.field_messages("member").first().cloned().unwrap_or_else(|| e.to_string());
            view! {
                <p role="alert" class="text-sm text-red-700 dark:text-red-400">
                    {text}
                </p>
            }
        })
    };
    let count = match team.max_members {
        Some(max) => format!("{} of {max} members on this plan", team.members.len()),
        None => format!("{} members", team.members.len()),
    };
    let can_remove = team.can_remove;
    let your_role = team.your_role;
    view! {
        <p class="text-sm text-slate-600 dark:text-slate-300">{count}</p>
        {team.can_invite.then(|| view! { <InviteForm invite your_role /> })}
        {remove_error}
        <section
            aria-labelledby="team-heading"
            class="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800"
        >
            <h2 id="team-heading" class="sr-only">
                "Team"
            </h2>
            <table class="w-full text-left text-sm" data-testid="members">
                <thead class="border-b border-slate-200 text-slate-500 dark:border-slate-700 dark:text-slate-400">
                    <tr>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Name"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            "Role"
                        </th>
                        <th scope="col" class="hidden px-4 py-2 font-medium sm:table-cell">
                            "Last sign-in"
                        </th>
                        <th scope="col" class="px-4 py-2 font-medium">
                            <span class="sr-only">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-700">
                    {team
                        .members
                        .into_iter()
                        .map(|m| view! { <MemberRow member=m can_remove your_role remove /> })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        {(!team.invitations.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="invitations-heading" class="space-y-2">
                        <h2 id="invitations-heading" class="text-lg font-semibold">
                            "Open invitations"
                        </h2>
                        <ul
                            class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                            data-testid="invitations"
                        >
                            {team
                                .invitations
                                .into_iter()
                                .map(|i| view! { <InvitationRow invitation=i revoke /> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

#[component]
fn InviteForm(invite: ServerAction<InviteMember>, your_role: Role) -> impl IntoView {
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let roles: Vec<(String, String)> = Role::ALL
        .into_iter()
        .filter(|role| your_role.at_least(*role))
        .map(|role| (role.as_str().to_owned(), role.label().to_owned()))
        .collect();
    view! {
        <section
            aria-labelledby="invite-heading"
            class="space-y-3 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
        >
            <h2 id="invite-heading" class="text-lg font-semibold">
                "Invite someone"
            </h2>
            <ActionForm
                action=invite
                attr:class="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
                attr:novalidate=true
            >
                <Field
                    name="email"
                    label="Email"
                    kind="email"
                    autocomplete="off"
                    required=true
                    error
                />
                <SelectField
                    name="role"
                    label="Role"
                    options=roles
                    selected="viewer".to_owned()
                    error
                />
                <div class="sm:pt-6">
                    <SubmitButton label="Send invitation" busy_label="Sending…" />
                </div>
            </ActionForm>
            <FormAlert error />
            <p class="text-sm text-slate-500 dark:text-slate-400">
                "They get a link by email that works once, for 7 days."
            </p>
        </section>
    }
}

#[component]
fn MemberRow(
    member: MemberSummary,
    can_remove: bool,
    your_role: Role,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let href = format!("/members/{}", member.user_id);
    let removable = can_remove && (member.is_you || your_role.at_least(member.role));
    let question = if member.is_you {
        "Leave this workspace? You will lose access to it.".to_owned()
    } else {
        format!("Remove {} from this workspace?", member.name)
    };
    let label = if member.is_you { "Leave" } else { "Remove" };
    view! {
        <tr>
            <td class="px-4 py-3">
                <a
                    href=href
                    class="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                    {member.name.clone()}
                </a>
                {member
                    .is_you
                    .then(|| {
                        view! { <span class="text-slate-600 dark:text-slate-300">" (you)"</span> }
                    })}
                <div class="text-slate-500 dark:text-slate-400">{member.email.clone()}</div>
            </td>
            <td class="px-4 py-3" data-testid="member-role">
                {member.role.label()}
                {(member.overrides > 0)
                    .then(|| {
                        view! {
                            <span class="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                                {format!("+{} extra", member.overrides)}
                            </span>
                        }
                    })}
            </td>
            <td class="hidden px-4 py-3 text-slate-500 sm:table-cell dark:text-slate-400">
                {member.last_login_at.map(datetime).unwrap_or_else(|| "Never".into())}
            </td>
            <td class="px-4 py-3 text-right">
                {removable
                    .then(|| {
                        view! {
                            <Confirm label question>
                                <ActionForm action=remove>
                                    <input
                                        type="hidden"
                                        name="user_id"
                                        value=member.user_id.to_string()
                                    />
                                    <button type="submit" class=DANGER_BUTTON>
                                        {format!("Yes, {}", label.to_lowercase())}
                                    </button>
                                </ActionForm>
                            </Confirm>
                        }
                    })}
            </td>
        </tr>
    }
}

#[component]
fn InvitationRow(
    invitation: PendingInvitation,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    let status = if invitation.expired {
        "expired".to_owned()
    } else {
        format!("expires {}", datetime(invitation.expires_at))
    };
    let by =
        invitation.invited_by.clone().map(|n| format!(" · invited by {n}")).unwrap_or_default();
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
            <div>
                <p class="font-medium">{invitation.email.clone()}</p>
                <p class="text-slate-500 dark:text-slate-400">
                    {format!("{} · {status}{by}", invitation.role.label())}
                </p>
            </div>
            <Confirm
                label="Revoke"
                question=format!(
                    "Revoke the invitation for {}? The link stops working.",
                    invitation.email,
                )
            >
                <ActionForm action=revoke>
                    <input type="hidden" name="invitation_id" value=invitation.id.to_string() />
                    <button type="submit" class=DANGER_BUTTON>
                        "Yes, revoke"
                    </button>
                </ActionForm>
            </Confirm>
        </li>
    }
}
