//! The brand page's CSV import: paste or choose a file, check it (every rejected row
//! with its line and reasons), then import the good rows in one go.

use leptos::prelude::*;

use crate::contexts::analytics::api::ImportMetrics;
use crate::contexts::analytics::import::MAX_ROWS;
use crate::contexts::analytics::types::{ImportReport, MetricType};
use crate::error::AppError;
use crate::ui::form::{FormAlert, SECONDARY_BUTTON, messages_for, typed_value};
use crate::ui::plural;

/// Reads the chosen file into `text` (in the browser; without JavaScript, paste).
#[cfg(feature = "hydrate")]
fn read_file(ev: leptos::ev::Event, text: RwSignal<String>) {
    let input: web_sys::HtmlInputElement = event_target(&ev);
    let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
    leptos::task::spawn_local(async move {
        if let Ok(value) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
            text.set(value.as_string().unwrap_or_default());
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn read_file(_ev: leptos::ev::Event, _text: RwSignal<String>) {}

/// The import panel. Drawn by the server with what a rejected post (sent before
/// the page's scripts ran, or without JavaScript) brought back in the address;
/// the form itself is an island, since choosing a file, checking it and showing
/// the preview happen in the browser.
#[component]
pub fn MetricsImport(brand_id: String) -> impl IntoView {
    let rejected = ServerAction::<ImportMetrics>::new();
    let error = Signal::derive(move || rejected.value().get().and_then(Result::err));
    let csv = typed_value("csv", error).unwrap_or_default();
    view! { <MetricsImportForm brand_id csv error=error.get_untracked() /> }
}

#[island]
fn MetricsImportForm(brand_id: String, csv: String, error: Option<AppError>) -> impl IntoView {
    let check = ServerAction::<ImportMetrics>::new();
    let import = ServerAction::<ImportMetrics>::new();
    let error = Signal::derive(move || {
        check
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| import.value().get().and_then(Result::err))
            // The rejection that came with the page, until the form is sent again.
            .or_else(|| {
                let sent = check.version().get() + import.version().get() > 0;
                if sent { None } else { error.clone() }
            })
    });
    let text = RwSignal::new(csv);
    let csv_messages = move || messages_for(error.get(), "csv");
    let columns = MetricType::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
    let example = "date,revenue,orders,ad_spend\n2026-03-01,1250.00,31,210.50";
    let brand_for_import = brand_id.clone();
    let dashboard = format!("/dashboard?brand={brand_id}");
    view! {
        <section
            aria-labelledby="import-heading"
            class="space-y-3 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
        >
            <h2 id="import-heading" class="text-lg font-semibold">
                "Import metrics from a CSV"
            </h2>
            <p class="text-sm text-slate-600 dark:text-slate-300">
                "For sources without a connection. The first line names the columns: "
                <code>"date"</code>" (YYYY-MM-DD, the brand's days) and any of "
                <code>{columns}</code>". One row per day, at most "{MAX_ROWS.to_string()}
                " rows; an empty cell means no value. Importing a day again replaces its imported values."
            </p>
            <pre class="relative overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">
                {example}
            </pre>
            <noscript>
                <p
                    class="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                    data-testid="import-needs-js"
                >
                    "Checking and importing a CSV needs JavaScript, which is off in this browser: the check's preview and the import happen on this page. Turn JavaScript on for this site to import, or connect the platform above instead."
                </p>
            </noscript>
            <ActionForm action=check attr:class="space-y-3" attr:novalidate=true>
                <input type="hidden" name="brand_id" value=brand_id />
                <input type="hidden" name="commit" value="false" />
                <div>
                    <label for="import-file" class="block text-sm font-medium">
                        "Choose a file"
                    </label>
                    <input
                        id="import-file"
                        type="file"
                        accept=".csv,text/csv"
                        class="mt-1 text-sm"
                        on:change=move |ev| read_file(ev, text)
                    />
                </div>
                <div>
                    <label for="import-csv" class="block text-sm font-medium">
                        "…or paste the CSV"
                    </label>
                    <textarea
                        id="import-csv"
                        name="csv"
                        rows="8"
                        spellcheck="false"
                        aria-describedby="import-csv-messages"
                        aria-invalid=move || {
                            if csv_messages().is_empty() { "false" } else { "true" }
                        }
                        class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    >
                        {text.get_untracked()}
                    </textarea>
                    <div id="import-csv-messages" class="text-sm text-red-700 dark:text-red-400">
                        {move || {
                            csv_messages().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()
                        }}
                    </div>
                </div>
                <FormAlert error />
                <button type="submit" class=SECONDARY_BUTTON disabled=move || check.pending().get()>
                    {move || if check.pending().get() { "Checking…" } else { "Check the file" }}
                </button>
            </ActionForm>
            {move || {
                check
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .map(|report| {
                        let brand_id = brand_for_import.clone();
                        view! { <Preview report import brand_id text=text.get_untracked() /> }
                    })
            }}
            {move || {
                import
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .filter(|r| r.committed)
                    .map(|r| {
                        view! {
                            <p
                                role="status"
                                class="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                                data-testid="import-done"
                            >
                                {format!(
                                    "Imported {} ({}).",
                                    plural(
                                        i64::try_from(r.accepted_rows).unwrap_or(i64::MAX),
                                        "row",
                                        "rows",
                                    ),
                                    plural(
                                        i64::try_from(r.values).unwrap_or(i64::MAX),
                                        "value",
                                        "values",
                                    ),
                                )}
                                " "
                                <a href=dashboard.clone() class="underline">
                                    "Open the dashboard"
                                </a>
                            </p>
                        }
                    })
            }}
        </section>
    }
    .into_any()
}

#[component]
fn Preview(
    report: ImportReport,
    import: ServerAction<ImportMetrics>,
    brand_id: String,
    text: String,
) -> impl IntoView {
    let range = match (report.first_day, report.last_day) {
        (Some(first), Some(last)) => format!(" from {first} to {last}"),
        _ => String::new(),
    };
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let summary = format!(
        "{} ready ({}{range}); {} rejected.",
        plural(count(report.accepted_rows), "row", "rows"),
        plural(count(report.values), "value", "values"),
        plural(count(report.rejected.len()), "row", "rows"),
    );
    let ready = report.accepted_rows;
    view! {
        <div class="space-y-3" data-testid="import-preview">
            <p class="text-sm font-medium" role="status">
                {summary}
            </p>
            {(!report.rejected.is_empty())
                .then(|| {
                    view! {
                        <div class="relative overflow-x-auto rounded-lg border border-rose-200 dark:border-rose-900">
                            <table class="w-full text-left text-sm" data-testid="import-rejected">
                                <caption class="px-3 py-2 text-left font-medium text-rose-800 dark:text-rose-200">
                                    "Rejected rows (not imported)"
                                </caption>
                                <thead class="text-slate-500 dark:text-slate-400">
                                    <tr>
                                        <th scope="col" class="px-3 py-1 font-medium">
                                            "Line"
                                        </th>
                                        <th scope="col" class="px-3 py-1 font-medium">
                                            "Why"
                                        </th>
                                        <th scope="col" class="px-3 py-1 font-medium">
                                            "Row"
                                        </th>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-200 dark:divide-slate-700">
                                    {report
                                        .rejected
                                        .into_iter()
                                        .map(|r| {
                                            view! {
                                                <tr>
                                                    <td class="px-3 py-1 tabular-nums">{r.line}</td>
                                                    <td class="px-3 py-1">{r.reasons.join("; ")}</td>
                                                    <td class="px-3 py-1 font-mono text-xs">{r.text}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
            {(ready > 0)
                .then(|| {
                    view! {
                        <ActionForm action=import>
                            <input type="hidden" name="brand_id" value=brand_id />
                            <input type="hidden" name="commit" value="true" />
                            <input type="hidden" name="csv" value=text />
                            <button
                                type="submit"
                                class="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60"
                                disabled=move || import.pending().get()
                            >
                                {move || {
                                    if import.pending().get() {
                                        "Importing…".to_owned()
                                    } else {
                                        format!("Import {ready} rows")
                                    }
                                }}
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
    }
    .into_any()
}
