//! `/brands/:brand_id`: edit a brand, archive or restore it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::brand_form::BrandFields;
use crate::contexts::analytics::pages::MetricsImport;
use crate::contexts::brands::api::{ArchiveBrand, UpdateBrand, get_brand, list_brands};
use crate::contexts::brands::types::Brand;
use crate::contexts::integrations::pages::IntegrationsPanel;
use crate::ui::feedback::{Confirm, ErrorPanel, Loading, datetime, done_notice};
use crate::ui::form::{DANGER_BUTTON, FormAlert, SECONDARY_BUTTON, SubmitButton};

#[component]
pub fn BrandPage() -> impl IntoView {
    let params = use_params_map();
    let brand_id = move || params.read().get("brand_id").unwrap_or_default();
    let update = ServerAction::<UpdateBrand>::new();
    let archive = ServerAction::<ArchiveBrand>::new();
    let brand = Resource::new(
        move || (brand_id(), update.version().get(), archive.version().get()),
        |(id, ..)| async move {
            let brand = get_brand(id).await?;
            let rights = list_brands().await?;
            Ok::<_, crate::error::AppError>((brand, rights.can_edit, rights.can_archive))
        },
    );
    let toast_update = done_notice::<UpdateBrand>("Brand saved");
    let toast_archive = done_notice::<ArchiveBrand>("Brand updated");
    view! {
        {toast_update}
        {toast_archive}
        <Title text="Brand · Aura" />
        <p>
            <a href="/brands" class="text-sm text-indigo-700 underline dark:text-indigo-300">
                "← All brands"
            </a>
        </p>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match brand.await {
                    Ok((brand, can_edit, can_archive)) => {
                        let id = brand.id.to_string();
                        let active = brand.archived_at.is_none();
                        // What people come for first: the data sources and the
                        // dashboard; the brand's settings follow.
                        view! {
                            <div class="flex flex-wrap items-baseline justify-between gap-2">
                                <h1 class="min-w-0 break-words text-2xl font-semibold">
                                    {brand.name.clone()}
                                </h1>
                                <a
                                    href=format!("/dashboard?brand={id}")
                                    class="text-sm font-medium text-indigo-700 underline dark:text-indigo-300"
                                >
                                    "Open this brand's dashboard"
                                </a>
                            </div>
                            {active.then(|| view! { <IntegrationsPanel brand_id=id.clone() /> })}
                            {(active && can_edit).then(|| view! { <MetricsImport brand_id=id /> })}
                            <Edit brand can_edit can_archive update archive />
                        }
                            .into_any()
                    }
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Edit(
    brand: Brand,
    can_edit: bool,
    can_archive: bool,
    update: ServerAction<UpdateBrand>,
    archive: ServerAction<ArchiveBrand>,
) -> impl IntoView {
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let archive_error = Signal::derive(move || archive.value().get().and_then(Result::err));
    let id = brand.id.to_string();
    let archive_id = id.clone();
    let archived = brand.archived_at;
    let name = brand.name.clone();
    view! {
        <h2 class="text-lg font-semibold">"Brand settings"</h2>
        {(!can_edit)
            .then(|| {
                view! {
                    <p role="note" class="text-sm text-slate-600 dark:text-slate-300">
                        "You can see these settings; an owner, admin or manager can change them."
                    </p>
                }
            })}
        {archived
            .map(|at| {
                view! {
                    <p role="note" class="rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800">
                        {format!(
                            "Archived {}. Its history is kept; restore it to sync and report again.",
                            datetime(at),
                        )}
                    </p>
                }
            })}
        <ActionForm
            action=update
            attr:class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
            attr:novalidate=true
        >
            <input type="hidden" name="brand_id" value=id />
            <BrandFields
                name=brand.name.clone()
                domain=brand.domain
                currency=brand.currency
                timezone=brand.timezone
                sync_hour=brand.sync_hour
                disabled=!can_edit
                error
            />
            <FormAlert error />
            {can_edit
                .then(|| {
                    view! {
                        <div class="max-w-xs">
                            <SubmitButton label="Save brand" busy_label="Saving…" />
                        </div>
                    }
                })}
        </ActionForm>
        {can_archive
            .then(move || {
                let id = archive_id;
                let question = format!(
                    "Archive {name}? It leaves dashboards and syncs; its history is kept.",
                );
                view! {
                    <section aria-labelledby="archive-heading" class="space-y-3">
                        <h2 id="archive-heading" class="text-lg font-semibold">
                            {if archived.is_some() { "Restore" } else { "Archive" }}
                        </h2>
                        <FormAlert error=archive_error />
                        <p class="text-sm text-red-700 dark:text-red-400">
                            {move || {
                                crate::ui::form::messages_for(archive_error.get(), "name").join(" ")
                            }}
                        </p>
                        {if archived.is_some() {
                            view! {
                                <ActionForm action=archive>
                                    <input type="hidden" name="brand_id" value=id.clone() />
                                    <input type="hidden" name="archive" value="false" />
                                    <button type="submit" class=SECONDARY_BUTTON>
                                        "Restore brand"
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        } else {
                            view! {
                                <Confirm label="Archive brand…" question>
                                    <ActionForm action=archive>
                                        <input type="hidden" name="brand_id" value=id.clone() />
                                        <input type="hidden" name="archive" value="true" />
                                        <button type="submit" class=DANGER_BUTTON>
                                            "Yes, archive"
                                        </button>
                                    </ActionForm>
                                </Confirm>
                            }
                                .into_any()
                        }}
                    </section>
                }
            })}
    }
}
