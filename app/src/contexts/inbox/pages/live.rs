//! The inbox's live parts: the list refreshes itself while it is open, and
//! keys move and act (j/k move through the list; on a conversation, r replies,
//! a assigns, e resolves). Without JavaScript the pages work as they are.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::contexts::inbox::api::inbox_changes;

/// The element whose contents a live refresh replaces.
pub const LIST_ID: &str = "inbox-list";

/// How often the open list asks whether anything changed.
#[cfg(feature = "hydrate")]
const POLL_SECONDS: u64 = 5;

/// Whether a key press belongs to a field being typed in.
#[cfg(feature = "hydrate")]
fn typing() -> bool {
    document()
        .active_element()
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Swaps the list for the one the server renders now for this same address.
#[cfg(feature = "hydrate")]
async fn refresh_list() -> Option<()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let href = window().location().href().ok()?;
    let response: web_sys::Response =
        JsFuture::from(window().fetch_with_str(&href)).await.ok()?.dyn_into().ok()?;
    let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    let parsed = web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .ok()?;
    let fresh = parsed.get_element_by_id(LIST_ID)?;
    document().get_element_by_id(LIST_ID)?.set_inner_html(&fresh.inner_html());
    Some(())
}

/// Keeps the inbox list current while it is open: every few seconds it asks
/// whether any conversation changed since `since` (RFC 3339, when the page was
/// drawn) and, if so, redraws the list in place and says so to screen readers.
/// j and k move between conversations.
#[island]
pub fn LiveInbox(since: String) -> impl IntoView {
    let said = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        // The page's time, and the newest change the list shows.
        let since = StoredValue::new(since);
        let seen = StoredValue::new(String::new());
        let poll = set_interval_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    let Ok((changed, newest)) = inbox_changes(since.get_value()).await else {
                        return;
                    };
                    if changed > 0 && newest != seen.get_value() && refresh_list().await.is_some() {
                        seen.set_value(newest);
                        said.set(format!(
                            "{changed} conversation{} updated",
                            if changed == 1 { "" } else { "s" }
                        ));
                    }
                });
            },
            std::time::Duration::from_secs(POLL_SECONDS),
        );
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            let step: i32 = match ev.key().as_str() {
                "j" => 1,
                "k" => -1,
                _ => return,
            };
            if typing() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            let Ok(links) = document().query_selector_all("[data-testid=conversation-row] a")
            else {
                return;
            };
            let links: Vec<web_sys::HtmlElement> = (0..links.length())
                .filter_map(|i| links.get(i)?.dyn_into::<web_sys::HtmlElement>().ok())
                .collect();
            if links.is_empty() {
                return;
            }
            let active = document().active_element();
            let at = links.iter().position(|l| active.as_ref() == Some(l.unchecked_ref()));
            let next = match at {
                Some(i) => (i as i32 + step).clamp(0, links.len() as i32 - 1) as usize,
                None => 0,
            };
            ev.prevent_default();
            let _ = links[next].focus();
        });
        on_cleanup(move || {
            if let Ok(poll) = poll {
                poll.clear();
            }
            keys.remove();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = since;
    view! {
        <p class="sr-only" aria-live="polite" data-testid="inbox-live">
            {move || said.get()}
        </p>
    }
}

/// A conversation's keys: r writes a reply, a chooses the assignee, e resolves
/// it (the triage form is sent with the status "resolved").
#[island]
pub fn ConversationKeys() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if typing() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            let element = |id: &str| document().get_element_by_id(id);
            match ev.key().as_str() {
                "r" | "a" => {
                    let id = if ev.key() == "r" { "reply" } else { "triage-assignee" };
                    if let Some(el) =
                        element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        ev.prevent_default();
                        let _ = el.focus();
                    }
                }
                "e" => {
                    let Some(status) = element("triage-status")
                        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                    else {
                        return;
                    };
                    status.set_value("resolved");
                    if let Some(form) = status.form() {
                        ev.prevent_default();
                        let _ = form.request_submit();
                    }
                }
                _ => {}
            }
        });
        on_cleanup(move || keys.remove());
    }
    view! { <span hidden data-testid="conversation-keys"></span> }
}
