//! The page frame: skip link, header (menu drawer on small screens, the account
//! menu holding the theme and log out), the sidebar with the workspace switcher and the navigation the
//! member's role allows, the main area and the toasts. Each context adds its
//! navigation line to `NAV`.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::contexts::auth::pages::{SessionContext, UserMenu, WorkspaceSwitcher, provide_session};
use crate::kernel::{Action, Permission, Resource as Area};
use crate::ui::feedback::HydrationMark;

/// One navigation link and the permission that shows it (none: always shown).
struct NavItem {
    href: &'static str,
    label: &'static str,
    needs: Option<Permission>,
}

const NAV: [NavItem; 20] = [
    NavItem { href: "/", label: "Home", needs: None },
    NavItem {
        href: "/dashboard",
        label: "Dashboard",
        needs: Some(Permission::new(Area::Analytics, Action::Read)),
    },
    NavItem {
        href: "/analytics/social",
        label: "Social analytics",
        needs: Some(Permission::new(Area::Analytics, Action::Read)),
    },
    NavItem {
        href: "/insights",
        label: "Insights",
        needs: Some(Permission::new(Area::Insights, Action::Read)),
    },
    NavItem {
        href: "/brands",
        label: "Brands",
        needs: Some(Permission::new(Area::Brands, Action::Read)),
    },
    NavItem {
        href: "/posts",
        label: "Posts",
        needs: Some(Permission::new(Area::Posts, Action::Read)),
    },
    NavItem {
        href: "/calendar",
        label: "Calendar",
        needs: Some(Permission::new(Area::Posts, Action::Read)),
    },
    NavItem {
        href: "/approvals",
        label: "Approvals",
        needs: Some(Permission::new(Area::Approvals, Action::Read)),
    },
    NavItem {
        href: "/inbox",
        label: "Inbox",
        needs: Some(Permission::new(Area::Inbox, Action::Read)),
    },
    NavItem {
        href: "/listening",
        label: "Listening",
        needs: Some(Permission::new(Area::Listening, Action::Read)),
    },
    NavItem {
        href: "/campaigns",
        label: "Campaigns",
        needs: Some(Permission::new(Area::Campaigns, Action::Read)),
    },
    NavItem {
        href: "/media",
        label: "Media",
        needs: Some(Permission::new(Area::Content, Action::Read)),
    },
    NavItem {
        href: "/accounts",
        label: "Social accounts",
        needs: Some(Permission::new(Area::Integrations, Action::Read)),
    },
    NavItem {
        href: "/integrations",
        label: "Integration health",
        needs: Some(Permission::new(Area::Integrations, Action::Read)),
    },
    NavItem {
        href: "/members",
        label: "Members",
        needs: Some(Permission::new(Area::Members, Action::Read)),
    },
    NavItem {
        href: "/activity",
        label: "Activity",
        needs: Some(Permission::new(Area::Activity, Action::Read)),
    },
    NavItem {
        href: "/jobs",
        label: "Jobs",
        needs: Some(Permission::new(Area::Jobs, Action::Read)),
    },
    NavItem {
        href: "/settings/workspace",
        label: "Workspace settings",
        needs: Some(Permission::new(Area::Workspace, Action::Read)),
    },
    NavItem { href: "/notifications", label: "Notifications", needs: None },
    NavItem { href: "/settings/profile", label: "Your profile", needs: None },
];

#[component]
pub fn AppLayout(children: Children) -> impl IntoView {
    provide_session();
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
            "Skip to content"
        </a>
        <header class="border-b border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
            <div class="mx-auto flex max-w-7xl items-center justify-between gap-2 px-4 py-2">
                <div class="flex items-center gap-3">
                    <details class="relative md:hidden" data-testid="nav-drawer">
                        <summary class="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600">
                            "Menu"
                        </summary>
                        <div class="absolute left-0 z-40 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-800">
                            <SideNav label="Main menu" place="drawer" />
                        </div>
                    </details>
                    <a href="/" class="text-lg font-semibold text-indigo-700 dark:text-indigo-300">
                        "Aura"
                    </a>
                </div>
                <UserMenu />
            </div>
        </header>
        <div class="mx-auto flex max-w-7xl gap-8 px-4">
            <aside class="hidden w-56 shrink-0 py-8 md:block">
                <SideNav label="Main" place="sidebar" />
            </aside>
            <main id="main" tabindex="-1" class="min-w-0 flex-1 space-y-8 py-8 focus:outline-none">
                {children()}
            </main>
        </div>
        <HydrationMark />
    }
}

/// The workspace switcher and the links the member may follow. Nothing when
/// signed out.
#[component]
fn SideNav(
    label: &'static str,
    /// `sidebar` or `drawer`: keeps element ids unique while both are in the page.
    place: &'static str,
) -> impl IntoView {
    let Some(session) = use_context::<SessionContext>() else {
        return ().into_any();
    };
    let path = use_location().pathname;
    let badges = Resource::new(|| (), |_| super::home::get_nav_badges());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = session.user.await else {
                    return ().into_any();
                };
                let badges = badges.await.unwrap_or_default();
                let workspace = me.workspace.clone();
                let links = NAV
                    .into_iter()
                    .filter(|item| match (item.needs, &workspace) {
                        (None, _) => true,
                        (Some(permission), Some(w)) => w.can(permission),
                        (Some(_), None) => false,
                    })
                    .map(|NavItem { href, label: text, .. }| {
                        let current = move || (path.get() == href).then_some("page");
                        let badge = badges.iter().find(|(h, _)| h == href).map(|(_, n)| *n);
                        view! {
                            <li>
                                <a
                                    href=href
                                    aria-current=current
                                    class="block rounded-md px-3 py-2 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-medium aria-[current=page]:text-indigo-800 dark:hover:bg-slate-700 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200"
                                >
                                    {text}
                                    {badge
                                        .map(|n| {
                                            view! {
                                                " "
                                                <span
                                                    class="ml-1 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-medium text-white"
                                                    data-testid="nav-badge"
                                                >
                                                    {n}
                                                    <span class="sr-only">
                                                        {if href == "/approvals" { " waiting" } else { " unread" }}
                                                    </span>
                                                </span>
                                            }
                                        })}
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <nav aria-label=label class="space-y-6">
                        <WorkspaceSwitcher me=me.clone() id=format!("{place}-workspace-switcher") />
                        <ul class="space-y-1" data-testid="nav-links">
                            {links}
                        </ul>
                    </nav>
                }
                    .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
