//! The HTML document, the root component and the route table.

use leptos::error::ErrorBoundary;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::{AppLayout, NotFoundPage};
use crate::contexts::analytics::pages::DashboardPage;
use crate::contexts::auth::pages::{
    ForgotPasswordPage, LogInPage, ProfilePage, ResetPasswordPage, SignUpPage,
};
use crate::contexts::automation::pages::JobsPage;
use crate::contexts::brands::pages::{BrandPage, BrandsPage};
use crate::contexts::insights::pages::InsightsPage;
use crate::contexts::system::pages::{HomePage, OutboxPage};
use crate::contexts::team::pages::{
    AcceptInvitationPage, ActivityLogPage, MemberPage, MembersPage, WorkspaceSettingsPage,
};

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
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-900 dark:text-slate-100">
                <App />
            </body>
        </html>
    }
}

/// The root component: metadata, stylesheet and routes inside the layout, under an
/// error boundary.
/// Routes render with `SsrMode::Async` so that every page is complete HTML
/// without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/aura.css" />
        <Title text="Aura" />
        <Router>
            <AppLayout>
                <ErrorBoundary fallback=super::feedback::error_boundary_fallback>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LogInPage ssr=SsrMode::Async />
                        <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                        <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/settings/profile") view=ProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/settings/workspace") view=WorkspaceSettingsPage ssr=SsrMode::Async />
                        <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/insights") view=InsightsPage ssr=SsrMode::Async />
                        <Route path=path!("/brands") view=BrandsPage ssr=SsrMode::Async />
                        <Route path=path!("/brands/:brand_id") view=BrandPage ssr=SsrMode::Async />
                        <Route path=path!("/members") view=MembersPage ssr=SsrMode::Async />
                        <Route path=path!("/members/:user_id") view=MemberPage ssr=SsrMode::Async />
                        <Route path=path!("/activity") view=ActivityLogPage ssr=SsrMode::Async />
                        <Route path=path!("/jobs") view=JobsPage ssr=SsrMode::Async />
                        <Route path=path!("/invitations/accept") view=AcceptInvitationPage ssr=SsrMode::Async />
                        <Route path=path!("/dev/outbox") view=OutboxPage ssr=SsrMode::Async />
                    </Routes>
                </ErrorBoundary>
            </AppLayout>
        </Router>
    }
}
