//! Form pieces: a labelled input with its messages, and the form-level alert.
//!
//! A form sent without JavaScript reloads the page. When the server rejects it,
//! the address it sends the browser back to carries the error (`__err`, read by
//! the form's `ServerAction`) and what was typed (`__form.<field>`, written by the
//! server's form-echo layer, passwords left out), so each field below shows the
//! typed value again instead of the stored one.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;

/// The query-parameter prefix under which a rejected form's values come back.
pub const TYPED_PREFIX: &str = "__form.";
/// The query parameter that says a rejected form's values came back (so an
/// unticked checkbox, which sends nothing, is told from one not echoed).
pub const TYPED_MARKER: &str = "__form";

/// What the person typed into field `name` before the server rejected this form,
/// or `None` when this form holds no error from the address (the error is this
/// form's only when its own action reads it: Leptos matches the server function).
pub fn typed_value(name: &str, error: Signal<Option<AppError>>) -> Option<String> {
    error.get_untracked()?;
    use_query_map().read_untracked().get(&format!("{TYPED_PREFIX}{name}"))
}

/// Whether checkbox `name` was ticked when this form was rejected (see [`typed_value`]).
pub fn typed_checked(name: &str, error: Signal<Option<AppError>>) -> Option<bool> {
    error.get_untracked()?;
    let query = use_query_map();
    let query = query.read_untracked();
    query.get(TYPED_MARKER)?;
    Some(query.get(&format!("{TYPED_PREFIX}{name}")).is_some())
}

/// A fresh one-time token for a form whose double submission must act once
/// (drawn on the server; the server function keeps what it did under it).
pub fn once_token() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The last error of an action, for the field `name` (empty when none).
pub fn messages_for(error: Option<AppError>, name: &str) -> Vec<String> {
    error.map(|e| e.field_messages(name).to_vec()).unwrap_or_default()
}

/// The messages of the last error for `field`, each a red line under it.
pub fn field_errors(error: Signal<Option<AppError>>, field: &str) -> impl IntoView {
    message_lines(messages_for(error.get_untracked(), field))
}

/// Error messages, each a red line.
pub fn message_lines(messages: Vec<String>) -> impl IntoView {
    messages
        .into_iter()
        .map(|m| view! { <p class="text-sm text-red-700 dark:text-red-300">{m}</p> })
        .collect_view()
}

/// A value shown as text where the person may not change it (a read-only form):
/// the label and the value, so nothing looks editable that is not.
#[component]
fn ReadOnlyValue(label: &'static str, value: String) -> impl IntoView {
    let shown = if value.trim().is_empty() { "—".to_owned() } else { value };
    view! {
        <div class="space-y-1" data-testid="read-only-value">
            <p class="block text-sm font-medium text-slate-600 dark:text-slate-300">{label}</p>
            <p class="break-words text-sm">{shown}</p>
        </div>
    }
}

/// A labelled input. `error` is the last result of the form's action; the field
/// shows its own messages and is marked invalid for assistive technology.
/// `disabled` shows the value as text instead (the person may not change it).
#[component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] disabled: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    if disabled {
        return view! { <ReadOnlyValue label value /> }.into_any();
    }
    let value = if kind == "password" { value } else { typed_value(name, error).unwrap_or(value) };
    let id = format!("field-{name}");
    let message_id = format!("{id}-messages");
    let messages = move || messages_for(error.get(), name);
    let invalid = move || if messages().is_empty() { "false" } else { "true" };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium">
                {label}
            </label>
            <input
                id=id
                name=name
                type=kind
                value=value
                required=required
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=message_id.clone()
                class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-800"
            />
            <div id=message_id class="text-sm">
                {(!hint.is_empty())
                    .then(|| view! { <p class="text-slate-500 dark:text-slate-400">{hint}</p> })}
                {move || {
                    messages()
                        .into_iter()
                        .map(|m| view! { <p class="text-red-700 dark:text-red-400">{m}</p> })
                        .collect_view()
                }}
            </div>
        </div>
    }
    .into_any()
}

/// The field name of messages about the whole form (its body could not be read,
/// a value longer than its column slipped past the checks).
pub const FORM_FIELD: &str = "_request";

/// A form-level message for errors that belong to no field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        let text = match error.get()? {
            invalid @ AppError::Invalid(_) => {
                invalid.field_messages(FORM_FIELD).first().cloned()?
            }
            other => other.to_string(),
        };
        Some(view! {
            <p
                role="alert"
                class="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
            >
                {text}
            </p>
        })
    }
}

/// A form's primary button. Forms are plain HTML posts; once the page's islands
/// are live, sending the form turns this button into its progress label
/// ("Saving…") and a second send is held back until the answer arrives, so a
/// double click cannot send it twice. Coming back to the page (the back button)
/// makes it ready again.
/// Classes of a filter bar's labels and of their selects and inputs.
pub const FILTER_LABEL: &str =
    "block min-w-0 max-w-full text-xs font-medium text-slate-600 dark:text-slate-300";
pub const FILTER_INPUT: &str = "mt-1 block w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

/// A list page's filters: a GET form to `action` (so a filtered view is an address
/// to share), in a bar that wraps on a phone.
#[component]
pub fn FilterBar(action: &'static str, label: &'static str, children: Children) -> impl IntoView {
    view! {
        <leptos_router::components::Form
            method="GET"
            action=action
            attr:class="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
            attr:aria-label=label
        >
            {children()}
        </leptos_router::components::Form>
    }
}

/// A labelled select of a filter bar: `any` names the first, empty choice ("Any
/// status"), if there is one; `choices` are (value, label) pairs; `chosen` is
/// selected.
#[component]
pub fn FilterSelect(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] any: Option<&'static str>,
    choices: Vec<(String, String)>,
    #[prop(into)] chosen: String,
) -> impl IntoView {
    let any = any.map(|text| {
        view! {
            <option value="" selected=chosen.is_empty()>
                {text}
            </option>
        }
    });
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! {
                <option value=value selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class=FILTER_LABEL>
            {label} <select name=name class=FILTER_INPUT>
                {any}
                {options}
            </select>
        </label>
    }
}

/// Sends the form it is in as soon as one of its `<select>`s changes, so choosing
/// an option applies it. Without JavaScript the form's own button does the same.
#[island]
pub fn SubmitOnChange(children: Children) -> impl IntoView {
    let changed = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let select = _ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
            if let Some(form) = select.and_then(|s| s.form()) {
                let _ = form.request_submit();
            }
        }
    };
    view! {
        <div class="contents" on:change=changed>
            {children()}
        </div>
    }
}

#[island]
pub fn SubmitButton(
    #[prop(into)] label: String,
    #[prop(into)] busy_label: String,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    #[cfg(feature = "hydrate")]
    {
        use leptos::ev;
        use wasm_bindgen::JsCast;
        let ours = move |target: Option<web_sys::EventTarget>| {
            let form = button.get_untracked().and_then(|b| b.form());
            let target = target.and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
            form.is_some() && form == target
        };
        let submit = window_event_listener(ev::submit, move |ev| {
            if !ours(ev.target()) {
                return;
            }
            if busy.get_untracked() {
                ev.prevent_default();
            } else {
                busy.set(true);
            }
        });
        let back = window_event_listener(ev::pageshow, move |_| busy.set(false));
        on_cleanup(move || {
            submit.remove();
            back.remove();
        });
    }
    view! {
        <button
            node_ref=button
            type="submit"
            aria-disabled=move || busy.get().to_string()
            class="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 aria-disabled:opacity-60"
        >
            {move || if busy.get() { busy_label.clone() } else { label.clone() }}
        </button>
    }
}

/// Classes of a secondary (outlined) button.
/// The primary button of a plain (island-free) form.
/// A text input, select or text area in a page's own form.
pub const TEXT_INPUT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";
/// A white card holding one form or section.
pub const CARD: &str = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800";
pub const PRIMARY_BUTTON: &str = "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";

pub const SECONDARY_BUTTON: &str = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-700";
/// Classes of a destructive button.
pub const DANGER_BUTTON: &str = "rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 disabled:opacity-60";
const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:border-red-600 disabled:opacity-70 dark:border-slate-600 dark:bg-slate-800";

#[component]
fn Messages(id: String, name: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <div id=id class="text-sm">
            {move || {
                messages_for(error.get(), name)
                    .into_iter()
                    .map(|m| view! { <p class="text-red-700 dark:text-red-400">{m}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// A labelled `<select>`; `options` are (value, label) pairs. `disabled` shows the
/// chosen option as text.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional)] selected: String,
    #[prop(optional)] disabled: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    if disabled {
        let value = options.into_iter().find(|(v, _)| *v == selected).map(|(_, t)| t);
        return view! { <ReadOnlyValue label value=value.unwrap_or(selected) /> }.into_any();
    }
    let selected = typed_value(name, error).unwrap_or(selected);
    let id = format!("field-{name}");
    let message_id = format!("{id}-messages");
    let invalid = move || if messages_for(error.get(), name).is_empty() { "false" } else { "true" };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium">
                {label}
            </label>
            <select
                id=id
                name=name
                aria-invalid=invalid
                aria-describedby=message_id.clone()
                class=INPUT
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <Messages id=message_id name error />
        </div>
    }
    .into_any()
}

/// A labelled checkbox sent as `name=on` when ticked.
#[component]
pub fn CheckboxField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] checked: bool,
    /// The form's last error, so a rejected form shows the box as it was sent.
    #[prop(optional, into)]
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let checked = typed_checked(name, error).unwrap_or(checked);
    let id = format!("field-{name}");
    view! {
        <div class="flex items-center gap-2">
            <input
                id=id.clone()
                name=name
                type="checkbox"
                checked=checked
                class="h-4 w-4 rounded border-slate-300 text-indigo-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
            />
            <label for=id class="text-sm">
                {label}
            </label>
        </div>
    }
}

/// A labelled multi-line input.
#[component]
pub fn TextAreaField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let value = typed_value(name, error).unwrap_or(value);
    let id = format!("field-{name}");
    let message_id = format!("{id}-messages");
    let invalid = move || if messages_for(error.get(), name).is_empty() { "false" } else { "true" };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium">
                {label}
            </label>
            <textarea
                id=id
                name=name
                rows="3"
                aria-invalid=invalid
                aria-describedby=message_id.clone()
                class=INPUT
            >
                {value}
            </textarea>
            {(!hint.is_empty())
                .then(|| {
                    view! { <p class="text-sm text-slate-500 dark:text-slate-400">{hint}</p> }
                })}
            <Messages id=message_id name error />
        </div>
    }
}
