//! `/media?kind=&folder=&q=&page=`: the workspace's media library. Upload several
//! files at once (checked by their content; each refused one named with its
//! reason), find them by kind, folder, name or tag, change a file's tags and
//! folder, delete it behind a confirmation. Posts pick from it in the composer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::PRIMARY_BUTTON;
use crate::contexts::content::api::{DeleteMedia, UpdateMedia, media_library};
use crate::contexts::content::rules::human_size;
use crate::contexts::content::types::{
    MediaAsset, MediaFilters, MediaKind, MediaLibrary, UploadReport,
};
use crate::ui::feedback::{
    Confirm, EMPTY_STATE, ErrorPanel, Loading, done_notice, drop_empty_filters, urlencode,
};
use crate::ui::form::{
    DANGER_BUTTON, FILTER_INPUT, FILTER_LABEL, FilterBar, FilterSelect, FormAlert,
    SECONDARY_BUTTON, SubmitButton,
};
use crate::ui::pager::{Pager, page_param};

const INPUT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

#[component]
pub fn MediaPage() -> impl IntoView {
    drop_empty_filters("/media", &MediaFilters::KEYS);
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        MediaFilters {
            kind: text("kind"),
            folder: text("folder"),
            q: text("q"),
            page: page_param(q.get("page")),
        }
    };
    let library = Resource::new(wanted, media_library);
    view! {
        <Title text="Media library · Aura" />
        <h1 class="text-2xl font-semibold">"Media library"</h1>
        {done_notice::<DeleteMedia>("File deleted")}
        {done_notice::<UpdateMedia>("Saved")}
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match library.await {
                    Ok(library) => view! { <Library library /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(report: UploadReport) -> impl IntoView {
    let added = (!report.added.is_empty()).then(|| {
        view! {
            <p
                role="status"
                class="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                data-testid="upload-added"
            >
                {format!(
                    "Added {}: {}.",
                    crate::ui::plural(report.added.len() as i64, "file", "files"),
                    report.added.join(", "),
                )}
            </p>
        }
    });
    let refused = (!report.refused.is_empty()).then(|| {
        view! {
            <div
                role="alert"
                class="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
                data-testid="upload-refused"
            >
                <ul class="list-inside list-disc">
                    {report
                        .refused
                        .into_iter()
                        .map(|(name, why)| {
                            let line = if name.is_empty() { why } else { format!("{name} {why}.") };
                            view! { <li>{line}</li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    view! {
        {added}
        {refused}
    }
}

#[component]
fn Upload(folders: Vec<String>) -> impl IntoView {
    view! {
        <UploadProgress>
            <form
                method="post"
                action="/api/media/upload"
                enctype="multipart/form-data"
                class="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
                aria-label="Upload files"
            >
                <div>
                    <label for="media-files" class="block text-sm font-medium">
                        "Files"
                    </label>
                    <input
                        id="media-files"
                        type="file"
                        name="files"
                        multiple=true
                        accept="image/jpeg,image/png,image/webp,image/gif,video/mp4,video/quicktime"
                        class="mt-1 block w-full text-sm"
                        aria-describedby="media-files-help"
                    />
                    <p
                        id="media-files-help"
                        class="mt-1 text-xs text-slate-600 dark:text-slate-400"
                    >
                        {format!(
                            "Choose files, or drop them on this form. JPEG, PNG, WebP or GIF images and MP4 or MOV videos; several at once. Up to {} an image, {} a GIF, {} a video.",
                            human_size(
                                crate::contexts::content::rules::media_size_limit(MediaKind::Image),
                            ),
                            human_size(
                                crate::contexts::content::rules::media_size_limit(MediaKind::Gif),
                            ),
                            human_size(
                                crate::contexts::content::rules::media_size_limit(MediaKind::Video),
                            ),
                        )}
                    </p>
                </div>
                <div class="grid gap-3 sm:grid-cols-2">
                    <div>
                        <label for="media-folder" class="block text-sm font-medium">
                            "Folder"
                        </label>
                        <input
                            id="media-folder"
                            name="folder"
                            list="media-folders"
                            placeholder="Holiday 2026"
                            class=INPUT
                        />
                        <datalist id="media-folders">
                            {folders
                                .into_iter()
                                .map(|f| view! { <option value=f.clone()></option> })
                                .collect_view()}
                        </datalist>
                    </div>
                    <div>
                        <label for="media-tags" class="block text-sm font-medium">
                            "Tags"
                        </label>
                        <input
                            id="media-tags"
                            name="tags"
                            placeholder="product, winter"
                            class=INPUT
                        />
                    </div>
                </div>
                <SubmitButton label="Upload" busy_label="Uploading…" />
            </form>
        </UploadProgress>
    }
}

/// With JavaScript, the upload form shows how much has been sent (a progress
/// bar: the form goes by `XMLHttpRequest`, whose upload reports progress, and the
/// page then opens where the server sent it), and files dropped anywhere on the
/// form are put in its file field. Without it, the form posts as usual.
#[island]
fn UploadProgress(children: Children) -> impl IntoView {
    let sent = RwSignal::new(None::<u32>);
    let failed = RwSignal::new(false);
    let over = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let (submit, drop) = {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let submit = move |ev: leptos::ev::SubmitEvent| {
            let Some(form) =
                ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let (Ok(data), Ok(xhr)) =
                (web_sys::FormData::new_with_form(&form), web_sys::XmlHttpRequest::new())
            else {
                return;
            };
            if xhr.open("POST", &form.action()).is_err() {
                return;
            }
            ev.prevent_default();
            // Asked as a script, the server names the next page (`Location`) instead
            // of going there, so the page the upload leads to is loaded once, by
            // the browser.
            let _ = xhr.set_request_header("Accept", "application/json");
            let progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
                move |p: web_sys::ProgressEvent| {
                    if p.length_computable() && p.total() > 0.0 {
                        sent.set(Some((p.loaded() / p.total() * 100.0).round() as u32));
                    }
                },
            );
            if let Ok(upload) = xhr.upload() {
                upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
            }
            progress.forget();
            let done_xhr = xhr.clone();
            let done = Closure::<dyn FnMut()>::new(move || {
                let ok = (200..300).contains(&done_xhr.status().unwrap_or(0));
                match done_xhr.get_response_header("Location").ok().flatten() {
                    Some(to) if ok => {
                        let _ = window().location().assign(&to);
                    }
                    // Refused: the form goes again as a plain post, and the page
                    // comes back with the server's words and what was typed.
                    _ => {
                        let _ = form.submit();
                    }
                }
            });
            xhr.set_onload(Some(done.as_ref().unchecked_ref()));
            done.forget();
            let broke = Closure::<dyn FnMut()>::new(move || {
                sent.set(None);
                failed.set(true);
            });
            xhr.set_onerror(Some(broke.as_ref().unchecked_ref()));
            broke.forget();
            failed.set(false);
            sent.set(Some(0));
            if xhr.send_with_opt_form_data(Some(&data)).is_err() {
                sent.set(None);
                failed.set(true);
            }
        };
        let drop = move |ev: leptos::ev::DragEvent| {
            over.set(false);
            let files = ev.data_transfer().and_then(|t| t.files());
            let field = document()
                .get_element_by_id("media-files")
                .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (Some(files), Some(field)) = (files, field) {
                ev.prevent_default();
                if files.length() > 0 {
                    field.set_files(Some(&files));
                }
            }
        };
        (submit, drop)
    };
    #[cfg(not(feature = "hydrate"))]
    let (submit, drop) = (|_: leptos::ev::SubmitEvent| {}, |_: leptos::ev::DragEvent| {});
    view! {
        <div
            class=move || {
                if over.get() { "rounded-lg ring-2 ring-indigo-500" } else { "rounded-lg" }
            }
            on:submit=submit
            on:dragover=move |ev| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=drop
            data-testid="upload-drop"
        >
            {children()}
            {move || {
                sent.get()
                    .map(|pct| {
                        view! {
                            <div class="mt-2 space-y-1 text-sm" data-testid="upload-progress">
                                <progress
                                    class="h-2 w-full"
                                    max="100"
                                    value=pct.to_string()
                                    aria-label="Upload progress"
                                ></progress>
                                <p>{format!("Uploading… {pct}% sent")}</p>
                            </div>
                        }
                    })
            }}
            {move || {
                failed
                    .get()
                    .then(|| {
                        view! {
                            <p
                                role="alert"
                                class="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
                            >
                                "The upload stopped before it finished: check the connection and send the files again (they are still chosen)."
                            </p>
                        }
                    })
            }}
        </div>
    }
}

fn facts(item: &MediaAsset) -> String {
    let mut parts = vec![item.kind.label().to_owned()];
    if let (Some(w), Some(h)) = (item.width, item.height) {
        parts.push(format!("{w}×{h}"));
    }
    if let Some(seconds) = item.duration {
        parts.push(format!("{}:{:02}", seconds / 60, seconds % 60));
    }
    parts.push(human_size(item.size));
    parts.join(" · ")
}

#[component]
fn Library(library: MediaLibrary) -> impl IntoView {
    let asked = library.filters.clone();
    let pairs: Vec<String> = [("kind", &asked.kind), ("folder", &asked.folder), ("q", &asked.q)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    let href =
        if pairs.is_empty() { "/media".to_owned() } else { format!("/media?{}", pairs.join("&")) };
    let kinds =
        MediaKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.label().to_owned())).collect();
    let folders: Vec<(String, String)> =
        library.folders.iter().map(|f| (f.clone(), f.clone())).collect();
    let update = ServerAction::<UpdateMedia>::new();
    let delete = ServerAction::<DeleteMedia>::new();
    let error = Signal::derive(move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
    });
    let (can_upload, can_delete) = (library.can_upload, library.can_delete);
    let summary = crate::ui::plural(library.total, "file", "files");
    let empty = library.items.is_empty();
    view! {
        {library.report.map(|report| view! { <Report report /> })}
        {can_upload.then(|| view! { <Upload folders=library.folders.clone() /> })}
        <FilterBar action="/media" label="Media filters">
            <FilterSelect
                name="kind"
                label="Type"
                any="Any type"
                choices=kinds
                chosen=asked.kind.clone()
            />
            <FilterSelect
                name="folder"
                label="Folder"
                any="Any folder"
                choices=folders
                chosen=asked.folder.clone()
            />
            <label class=FILTER_LABEL>
                "Name or tag"
                <input type="search" name="q" value=asked.q.clone() class=FILTER_INPUT />
            </label>
            <button type="submit" class=SECONDARY_BUTTON>
                "Filter"
            </button>
        </FilterBar>
        <FormAlert error />
        {if empty {
            view! {
                <p class=EMPTY_STATE data-testid="no-media">
                    {if pairs.is_empty() {
                        "No files yet. Upload images and videos here, then add them to posts in the composer."
                    } else {
                        "No file matches these filters."
                    }}
                </p>
            }
                .into_any()
        } else {
            view! {
                <p class="text-sm text-slate-600 dark:text-slate-300" data-testid="media-count">
                    {summary.clone()}
                </p>
                <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="media-grid">
                    {library
                        .items
                        .into_iter()
                        .map(|item| view! { <Item item can_upload can_delete update delete /> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <Pager page=library.page pages=library.pages href summary />
    }
}

#[component]
fn Item(
    item: MediaAsset,
    can_upload: bool,
    can_delete: bool,
    update: ServerAction<UpdateMedia>,
    delete: ServerAction<DeleteMedia>,
) -> impl IntoView {
    let id = item.id.to_string();
    let facts = facts(&item);
    let preview = match item.thumbnail_url.clone() {
        Some(src) => view! {
            <img
                src=src
                alt=format!("{} (thumbnail)", item.filename)
                loading="lazy"
                class="h-40 w-full rounded-md bg-slate-100 object-contain dark:bg-slate-900"
            />
        }
            .into_any(),
        None => view! {
            <a
                href=item.url.clone()
                class="flex h-40 items-center justify-center rounded-md bg-slate-100 text-sm text-slate-700 dark:bg-slate-900 dark:text-slate-300"
            >
                {format!("{} · open", item.kind.label())}
            </a>
        }
            .into_any(),
    };
    let used = (item.used_by > 0)
        .then(|| format!("Used in {}", crate::ui::plural(item.used_by, "post", "posts")));
    let question = format!(
        "Delete {}?{} It cannot be brought back.",
        item.filename,
        used.as_ref().map(|u| format!(" {u}; they lose it.")).unwrap_or_default()
    );
    let (edit_id, delete_id) = (id.clone(), id.clone());
    view! {
        <li
            class="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-800"
            data-testid="media-item"
        >
            {preview}
            <p class="break-words font-medium">
                <a href=item.url.clone() class="hover:underline">
                    {item.filename.clone()}
                </a>
            </p>
            <p class="text-slate-600 dark:text-slate-400" data-testid="media-facts">
                {facts}
            </p>
            <p class="text-slate-600 dark:text-slate-400">
                {item.folder.clone().map(|f| format!("Folder: {f}"))}
                {(!item.tags.is_empty())
                    .then(|| {
                        format!(
                            " Tags: {}",
                            item.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "),
                        )
                    })} {used.clone().map(|u| format!(" {u}."))}
            </p>
            <div class="flex flex-wrap gap-2">
                {can_upload
                    .then(|| {
                        view! {
                            <details class="w-full">
                                <summary class="cursor-pointer text-indigo-700 dark:text-indigo-300">
                                    "Edit tags and folder"
                                </summary>
                                <ActionForm action=update attr:class="mt-2 space-y-2">
                                    <input type="hidden" name="media_id" value=edit_id.clone() />
                                    <label class="block">
                                        "Tags"
                                        <input name="tags" value=item.tags.join(", ") class=INPUT />
                                    </label>
                                    <label class="block">
                                        "Folder"
                                        <input
                                            name="folder"
                                            value=item.folder.clone().unwrap_or_default()
                                            class=INPUT
                                        />
                                    </label>
                                    <button type="submit" class=PRIMARY_BUTTON>
                                        "Save"
                                    </button>
                                </ActionForm>
                            </details>
                        }
                    })}
                {can_delete
                    .then(|| {
                        view! {
                            <Confirm label="Delete" question>
                                <ActionForm action=delete>
                                    <input type="hidden" name="media_id" value=delete_id.clone() />
                                    <button type="submit" class=DANGER_BUTTON>
                                        "Delete file"
                                    </button>
                                </ActionForm>
                            </Confirm>
                        }
                    })}
            </div>
        </li>
    }
}
