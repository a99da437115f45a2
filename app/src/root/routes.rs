//! The HTML document, the root component and the route table.
//!
//! Every page is a lazy route: its view code is split out of the main WASM bundle
//! (`cargo leptos build --split`) and loads with the page, so the first load stays
//! small however many pages there are. The main bundle holds the frame (layout,
//! navigation, user menu, toasts), the router and the 404 page. On a direct load
//! the server names the page's chunk in a `modulepreload` link and the browser
//! hydrates once it has arrived (`hydrate_lazy` in the `frontend` crate).

use leptos::error::ErrorBoundary;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, SsrMode, lazy_route, path};

use super::AppLayout;
use crate::contexts::{analytics, auth, automation, brands, insights, system, team};
use crate::ui::NotFoundPage;
use crate::ui::feedback::RoutingProgress;

/// The document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <script>{CHUNK_FAILURE_RECOVERY}</script>
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-900 dark:text-slate-100">
                <App />
            </body>
        </html>
    }
}

/// When a page's WASM chunk cannot be fetched (a dropped connection, a deploy
/// that replaced it), the loader panics and the WASM app stops. This script, run
/// before the app, notices that (`WebAssembly.RuntimeError`) and loads the page the
/// person was going to as a whole document instead: the server renders it
/// complete, so it works with or without its chunk. At most once per address in
/// ten seconds, so a chunk that keeps failing leaves the server-rendered page.
const CHUNK_FAILURE_RECOVERY: &str = r#"(() => {
  let target = null;
  addEventListener("click", (e) => {
    const a = e.target instanceof Element && e.target.closest("a[href]");
    if (a && a.origin === location.origin) target = a.href;
  }, true);
  const recover = (reason) => {
    if (!(reason instanceof WebAssembly.RuntimeError)) return;
    const to = target || location.href;
    const key = "aura-recovered:" + to;
    const last = Number(sessionStorage.getItem(key) || 0);
    if (Date.now() - last < 10000) return;
    sessionStorage.setItem(key, String(Date.now()));
    location.assign(to);
  };
  addEventListener("error", (e) => recover(e.error));
  addEventListener("unhandledrejection", (e) => recover(e.reason));
})();"#;

/// Declares a lazy route `$route` whose view is the page component `$page`.
/// `#[lazy_route]` moves the view into its own WASM chunk; the page's data is
/// loaded by the page itself (its resources call server functions).
macro_rules! lazy_page {
    ($route:ident => $page:path) => {
        pub struct $route;

        impl $route {
            /// The route's view for the route table.
            pub fn lazy() -> Lazy<Self> {
                Lazy::new()
            }
        }

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(HomeRoute => system::pages::HomePage);
lazy_page!(LogInRoute => auth::pages::LogInPage);
lazy_page!(SignUpRoute => auth::pages::SignUpPage);
lazy_page!(ForgotPasswordRoute => auth::pages::ForgotPasswordPage);
lazy_page!(ResetPasswordRoute => auth::pages::ResetPasswordPage);
lazy_page!(ProfileRoute => auth::pages::ProfilePage);
lazy_page!(WorkspaceSettingsRoute => team::pages::WorkspaceSettingsPage);
lazy_page!(DashboardRoute => analytics::pages::DashboardPage);
lazy_page!(InsightsRoute => insights::pages::InsightsPage);
lazy_page!(BrandsRoute => brands::pages::BrandsPage);
lazy_page!(BrandRoute => brands::pages::BrandPage);
lazy_page!(MembersRoute => team::pages::MembersPage);
lazy_page!(MemberRoute => team::pages::MemberPage);
lazy_page!(ActivityRoute => team::pages::ActivityLogPage);
lazy_page!(JobsRoute => automation::pages::JobsPage);
lazy_page!(AcceptInvitationRoute => team::pages::AcceptInvitationPage);
lazy_page!(OutboxRoute => system::pages::OutboxPage);

/// The root component: metadata, stylesheet and routes inside the layout, under an
/// error boundary. Routes render with `SsrMode::Async` so that every page is
/// complete HTML without JavaScript. Each context adds its routes here.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let (routing, set_routing) = signal(false);
    view! {
        <Stylesheet id="leptos" href="/pkg/aura.css" />
        <Title text="Aura" />
        <Router set_is_routing=set_routing>
            <RoutingProgress routing />
            <AppLayout>
                <ErrorBoundary fallback=crate::ui::feedback::error_boundary_fallback>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("") view=HomeRoute::lazy() ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LogInRoute::lazy() ssr=SsrMode::Async />
                        <Route path=path!("/signup") view=SignUpRoute::lazy() ssr=SsrMode::Async />
                        <Route
                            path=path!("/forgot-password")
                            view=ForgotPasswordRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/reset-password")
                            view=ResetPasswordRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/settings/profile")
                            view=ProfileRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/settings/workspace")
                            view=WorkspaceSettingsRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/dashboard")
                            view=DashboardRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/insights")
                            view=InsightsRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/brands") view=BrandsRoute::lazy() ssr=SsrMode::Async />
                        <Route
                            path=path!("/brands/:brand_id")
                            view=BrandRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/members")
                            view=MembersRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/members/:user_id")
                            view=MemberRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/activity")
                            view=ActivityRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/jobs") view=JobsRoute::lazy() ssr=SsrMode::Async />
                        <Route
                            path=path!("/invitations/accept")
                            view=AcceptInvitationRoute::lazy()
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/dev/outbox")
                            view=OutboxRoute::lazy()
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </ErrorBoundary>
            </AppLayout>
        </Router>
    }
}
