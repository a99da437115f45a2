//! The HTML document, the root component and the route table.
//!
//! Pages render on the server only (Leptos islands): a page's code never reaches
//! the browser, whatever the number of pages, and every page is complete HTML that
//! works without JavaScript (links navigate, forms post). The browser's WASM holds
//! just the `#[island]` components, the small interactive parts (theme toggle,
//! submit buttons that show progress, the CSV file reader, live refresh), and
//! hydrates them once the page is idle.

use leptos::error::ErrorBoundary;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use super::AppLayout;
use crate::contexts::{
    analytics, approvals, auth, automation, brands, campaigns, content, engagement, inbox,
    insights, integrations, listening, notify, system, team,
};
use crate::ui::NotFoundPage;

/// The document the server renders around the app, with its Content-Security-
/// Policy (a fresh script nonce per page, `server::csp`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::csp::protect_page();
    let nonce = leptos::nonce::use_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // The theme the visitor chose, before the first paint (no flash of
                // the other one); the page's nonce lets it run.
                <script nonce=nonce inner_html=THEME_BEFORE_PAINT></script>
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-900 dark:text-slate-100">
                <App />
            </body>
        </html>
    }
}

/// Marks `<html>` with the stored theme choice (`ui::ThemeToggle` stores it) before
/// anything is painted; without storage, or no choice, the system's theme applies.
/// Once the page is parsed it also fills a time-zone field marked
/// `data-browser-zone` (sign-up, unless the form came back with what was typed)
/// with the browser's zone.
const THEME_BEFORE_PAINT: &str = r#"try{var t=localStorage.getItem("aura-theme");if(t==="dark"||t==="light")document.documentElement.classList.add(t)}catch(e){}document.addEventListener("DOMContentLoaded",function(){var i=document.querySelector("[data-browser-zone] input");if(i){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z)i.value=z}catch(e){}}})"#;

/// The root component: metadata, stylesheet and routes inside the layout, under an
/// error boundary. Routes render with `SsrMode::Async` so that every page is
/// complete HTML, its data loaded, before it is sent. Each context adds its
/// routes here.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/aura.css" />
        <Title text="Aura" />
        <Router>
            <AppLayout>
                <ErrorBoundary fallback=crate::ui::feedback::error_boundary_fallback>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("") view=super::home::Home ssr=SsrMode::Async />
                        <Route
                            path=path!("/status")
                            view=system::pages::StatusPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/login")
                            view=auth::pages::LogInPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/signup")
                            view=auth::pages::SignUpPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/forgot-password")
                            view=auth::pages::ForgotPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/reset-password")
                            view=auth::pages::ResetPasswordPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/settings/profile")
                            view=auth::pages::ProfilePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/settings/workspace")
                            view=team::pages::WorkspaceSettingsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/dashboard")
                            view=analytics::pages::DashboardPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/analytics/social")
                            view=engagement::pages::SocialAnalyticsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/insights")
                            view=insights::pages::InsightsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/brands")
                            view=brands::pages::BrandsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/brands/:brand_id")
                            view=brands::pages::BrandPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/posts")
                            view=content::pages::PostsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/posts/new")
                            view=content::pages::NewPostPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/posts/:post_id")
                            view=content::pages::ComposerPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/media")
                            view=content::pages::MediaPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/calendar")
                            view=content::pages::CalendarPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/calendar/times")
                            view=content::pages::PostingTimesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/approvals")
                            view=content::pages::ApprovalsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/inbox")
                            view=inbox::pages::InboxPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/inbox/settings")
                            view=inbox::pages::InboxSettingsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/inbox/sla")
                            view=inbox::pages::SlaReportPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/inbox/:conversation_id")
                            view=inbox::pages::ConversationPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/listening")
                            view=listening::pages::ListeningPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/listening/influencers")
                            view=listening::pages::InfluencersPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/listening/searches")
                            view=listening::pages::SearchesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/listening/mentions/:mention_id")
                            view=listening::pages::MentionPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/campaigns")
                            view=campaigns::pages::CampaignsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/campaigns/:campaign_id")
                            view=campaigns::pages::CampaignPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/review/:token")
                            view=content::pages::SharedPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/approvals/chains")
                            view=approvals::pages::ChainsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/notifications")
                            view=notify::pages::NotificationsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/accounts")
                            view=integrations::pages::SocialAccountsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/integrations")
                            view=integrations::pages::IntegrationHealthPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/accounts/connect")
                            view=integrations::pages::SocialChoicePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/members")
                            view=team::pages::MembersPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/members/:user_id")
                            view=team::pages::MemberPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/activity")
                            view=team::pages::ActivityLogPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/jobs")
                            view=automation::pages::JobsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/invitations/accept")
                            view=team::pages::AcceptInvitationPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/dev/outbox")
                            view=system::pages::OutboxPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </ErrorBoundary>
            </AppLayout>
        </Router>
    }
}
