//! `/brands`: the workspace's brands, active first, and a form to add one.

use leptos::prelude::*;
use leptos_meta::Title;

use super::brand_form::BrandFields;
use crate::contexts::brands::api::{CreateBrand, brands_page};
use crate::contexts::brands::types::BrandList;
use crate::ui::feedback::{ErrorPanel, Loading};
use crate::ui::form::{FormAlert, SubmitButton};
use crate::ui::pager::Pager;
use crate::ui::plural;

#[component]
pub fn BrandsPage() -> impl IntoView {
    let create = ServerAction::<CreateBrand>::new();
    let query = leptos_router::hooks::use_query_map();
    let page = move || crate::ui::pager::page_param(query.read().get("page"));
    let brands =
        Resource::new(move || (create.version().get(), page()), |(_, page)| brands_page(page));
    view! {
        <Title text="Brands · Aura" />
        <h1 class="text-2xl font-semibold">"Brands"</h1>
        <Suspense fallback=|| {
            view! { <Loading /> }
        }>
            {move || Suspend::new(async move {
                match brands.await {
                    Ok(list) => view! { <Brands list create /> }.into_any(),
                    Err(err) => view! { <ErrorPanel error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Brands(list: BrandList, create: ServerAction<CreateBrand>) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let active = list.active;
    let count = match list.max_brands {
        Some(max) => {
            format!(
                "{active} of {max} active {} on this plan",
                if max == 1 { "brand" } else { "brands" }
            )
        }
        None => plural(active, "active brand", "active brands"),
    };
    let at_limit = list.max_brands.is_some_and(|max| active >= i64::from(max));
    let limit_text = format!(
        "This workspace's plan includes {}, and all are active. To add another, archive a brand you no longer report on (its history is kept), or ask the workspace's owner to move to a larger plan.",
        plural(list.max_brands.map_or(0, i64::from), "brand", "brands"),
    );
    let empty = list.total == 0;
    let (page, pages, total) = (list.page, list.pages, list.total);
    view! {
        <p class="text-sm text-slate-600 dark:text-slate-300">{count}</p>
        {if empty {
            view! {
                <p class=crate::ui::feedback::EMPTY_STATE data-testid="no-brands">
                    "No brands yet. Add the first one below: each brand gets its own dashboard, connections and insights."
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul
                    class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800"
                    data-testid="brands"
                >
                    {list
                        .brands
                        .into_iter()
                        .map(|b| {
                            let href = format!("/brands/{}", b.id);
                            let archived = b.archived_at.is_some();
                            view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                                    <div class="min-w-0 break-words">
                                        <a
                                            href=href
                                            class="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                                        >
                                            {b.name}
                                        </a>
                                        {archived
                                            .then(|| {
                                                view! {
                                                    <span class="ml-2 rounded bg-slate-200 px-1.5 text-xs text-slate-700 dark:bg-slate-700 dark:text-slate-200">
                                                        "Archived"
                                                    </span>
                                                }
                                            })}
                                        <div class="text-slate-500 dark:text-slate-400">
                                            {b.domain}
                                        </div>
                                    </div>
                                    <span class="text-slate-600 dark:text-slate-300">
                                        {format!("{} · {}", b.currency, b.timezone)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <Pager page pages href="/brands".to_owned() summary=plural(total, "brand", "brands") />
        {(list.can_create && at_limit)
            .then(|| {
                view! {
                    <section
                        aria-labelledby="new-brand-heading"
                        class="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-6 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
                        data-testid="brand-limit"
                    >
                        <h2 id="new-brand-heading" class="text-lg font-semibold">
                            "Your plan's brands are all in use"
                        </h2>
                        <p>{limit_text.clone()}</p>
                    </section>
                }
            })}
        {(list.can_create && !at_limit)
            .then(|| {
                view! {
                    <section
                        aria-labelledby="new-brand-heading"
                        class="space-y-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-800"
                    >
                        <h2 id="new-brand-heading" class="text-lg font-semibold">
                            "Add a brand"
                        </h2>
                        <ActionForm action=create attr:class="space-y-4" attr:novalidate=true>
                            <BrandFields
                                name=String::new()
                                domain=String::new()
                                currency=list.default_currency
                                timezone=list.default_timezone
                                sync_hour=6
                                error
                            />
                            <FormAlert error />
                            <div class="max-w-xs">
                                <SubmitButton label="Add brand" busy_label="Adding…" />
                            </div>
                        </ActionForm>
                    </section>
                }
            })}
    }
}
