//! `/settings/profile`: name, avatar, time zone and the page Aura opens on; the
//! password; and the signed-in sessions. (Email preferences join the form with
//! the areas they are about.)

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contexts::auth::api::{
    ChangePassword, EndOtherSessions, EndSession, UpdateProfile, get_profile, list_sessions,
};
use crate::contexts::auth::pages::SessionContext;
use crate::contexts::auth::types::{CurrentWorkspace, Profile, SessionInfo};
use crate::kernel::{Action, Permission, Resource as Area};
use crate::ui::feedback::{Confirm, ErrorPanel, Loading, datetime, done_notice, succeeded};
use crate::ui::form::{
    DANGER_BUTTON, Field, FormAlert, SECONDARY_BUTTON, SelectField, SubmitButton,
};

/// A page Aura can open on after sign-in: address, name, and the permission it
/// needs (none: everyone's).
type Landing = (&'static str, &'static str, Option<Permission>);

const fn reads(area: Area) -> Option<Permission> {
    Some(Permission::new(area, Action::Read))
}

const LANDINGS: [Landing; 8] = [
    ("/", "Home", None),
    ("/dashboard", "Dashboard", reads(Area::Analytics)),
    ("/insights", "Insights", reads(Area::Insights)),
    ("/brands", "Brands", reads(Area::Brands)),
    ("/members", "Members", reads(Area::Members)),
    ("/activity", "Activity", reads(Area::Activity)),
    ("/jobs", "Jobs", reads(Area::Jobs)),
    ("/settings/profile", "Your profile", None),
];

const SECTION: &str = "space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800";

#[component]
pub fn ProfilePage() -> impl IntoView {
    let save = ServerAction::<UpdateProfile>::new();
    let profile = Resource::new(move || save.version().get(), |_| get_profile());
    let toast_save = done_notice::<UpdateProfile>("Profile saved");
    view! {
        {toast_save}
        <Title text="Your profile · Aura" />
        <h1 class="text-2xl font-semibold">"Your profile"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                let workspace = match use_context::<SessionContext>() {
                    Some(session) => session.user.await.ok().flatten().and_then(|me| me.workspace),
                    None => None,
                };
                match profile.await {
                    Ok(profile) => view! { <ProfileForm profile save workspace /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
        <PasswordForm />
        <Sessions />
    }
}

#[component]
fn ProfileForm(
    profile: Profile,
    save: ServerAction<UpdateProfile>,
    workspace: Option<CurrentWorkspace>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let landing: Vec<(String, String)> = LANDINGS
        .into_iter()
        .filter(|(href, _, needs)| match (needs, &workspace) {
            (None, _) => true,
            (Some(permission), Some(w)) => w.can(*permission) || *href == profile.layout.landing,
            (Some(_), None) => *href == profile.layout.landing,
        })
        .map(|(href, label, _)| (href.to_owned(), label.to_owned()))
        .collect();
    view! {
        <section aria-labelledby="profile-heading" class=SECTION>
            <h2 id="profile-heading" class="text-lg font-semibold">
                "Profile and preferences"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Signed in as " {profile.email.clone()}
            </p>
            <ActionForm action=save attr:class="space-y-4" attr:novalidate=true>
                <Field
                    name="name"
                    label="Name"
                    autocomplete="name"
                    value=profile.name
                    required=true
                    error
                />
                <Field
                    name="avatar_url"
                    label="Avatar URL (optional)"
                    kind="url"
                    value=profile.avatar_url
                    hint="A square image, https://…"
                    error
                />
                <Field
                    name="timezone"
                    label="Your time zone"
                    value=profile.timezone
                    hint="Times in Aura are shown in this zone. For example Europe/Lisbon."
                    error
                />
                <div class="max-w-sm">
                    <SelectField
                        name="landing"
                        label="Open Aura on"
                        options=landing
                        selected=profile.layout.landing
                        error
                    />
                </div>
                <FormAlert error />
                <div class="max-w-xs">
                    <SubmitButton label="Save profile" busy_label="Saving…" />
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let done = succeeded::<ChangePassword>();
    let toast_change = done_notice::<ChangePassword>("Password changed");
    view! {
        {toast_change}
        <section aria-labelledby="password-heading" class=SECTION>
            <h2 id="password-heading" class="text-lg font-semibold">
                "Password"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "Changing it signs you out everywhere else."
            </p>
            <ActionForm action=change attr:class="space-y-4" attr:novalidate=true>
                <Field
                    name="current_password"
                    label="Current password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error
                />
                <Field
                    name="new_password"
                    label="New password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    hint="At least 12 characters."
                    error
                />
                <Field
                    name="confirm_password"
                    label="Repeat the new password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    error
                />
                <FormAlert error />
                <Show when=move || done>
                    <p role="status" class="text-sm text-emerald-700 dark:text-emerald-300">
                        "Your password was changed."
                    </p>
                </Show>
                <div class="max-w-xs">
                    <SubmitButton label="Change password" busy_label="Changing…" />
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let sessions = Resource::new(
        move || (end_one.version().get(), end_others.version().get()),
        |_| list_sessions(),
    );
    let toast_end_others = done_notice::<EndOtherSessions>("Other sessions signed out");
    let toast_end_one = done_notice::<EndSession>("Session signed out");
    view! {
        {toast_end_others}
        {toast_end_one}
        <section aria-labelledby="sessions-heading" class=SECTION>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 id="sessions-heading" class="text-lg font-semibold">
                    "Where you are signed in"
                </h2>
                <ActionForm action=end_others>
                    <button
                        type="submit"
                        class=SECONDARY_BUTTON
                        disabled=move || end_others.pending().get()
                    >
                        "Sign out all other sessions"
                    </button>
                </ActionForm>
            </div>
            <Suspense fallback=|| {
                view! { <Loading /> }
            }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => {
                            view! {
                                <ul
                                    class="divide-y divide-slate-200 dark:divide-slate-700"
                                    data-testid="sessions"
                                >
                                    {list
                                        .into_iter()
                                        .map(|s| view! { <SessionRow session=s end_one /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SessionRow(session: SessionInfo, end_one: ServerAction<EndSession>) -> impl IntoView {
    let agent = session.user_agent.clone().unwrap_or_else(|| "Unknown browser".into());
    let place = session.ip.clone().unwrap_or_else(|| "unknown address".into());
    let since = session.signed_in_at.map(datetime).unwrap_or_else(|| "—".into());
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
            <div class="min-w-0">
                <p class="truncate font-medium">{agent}</p>
                <p class="text-slate-500 dark:text-slate-400">
                    {format!(
                        "{place} · signed in {since} · expires {}",
                        datetime(session.expires_at),
                    )}
                </p>
            </div>
            {if session.current {
                view! {
                    <span class="rounded bg-emerald-100 px-2 py-0.5 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">
                        "This browser"
                    </span>
                }
                    .into_any()
            } else {
                view! {
                    <Confirm
                        label="Sign out"
                        question="Sign this session out? It will need to log in again.".to_owned()
                    >
                        <ActionForm action=end_one>
                            <input type="hidden" name="handle" value=session.handle.clone() />
                            <button type="submit" class=DANGER_BUTTON>
                                "Yes, sign it out"
                            </button>
                        </ActionForm>
                    </Confirm>
                }
                    .into_any()
            }}
        </li>
    }
}
