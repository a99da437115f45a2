//! The dashboard's day table (a row per day, week or month): sortable by any
//! column through the address, with its CSV; and the sortable column heading the
//! channel table shares.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::dashboard_page::{export_href, href_with, param};
use crate::contexts::analytics::format::{self, NO_DATA};
use crate::contexts::analytics::kpi::Unit;
use crate::contexts::analytics::types::DayRow;
use crate::kernel::Granularity;
use crate::ui::form::SECONDARY_BUTTON;

/// A day-table column: key in the address, heading, value.
type DayColumn = (&'static str, &'static str, fn(&DayRow) -> Option<f64>);

const DAY_COLUMNS: [DayColumn; 6] = [
    ("revenue", "Revenue", |r| r.revenue),
    ("orders", "Orders", |r| r.orders),
    ("ad_spend", "Ad spend", |r| r.ad_spend),
    ("conversions", "Conversions", |r| r.conversions),
    ("roas", "ROAS", |r| r.roas),
    ("cpa", "CPA", |r| r.cpa),
];

fn day_cell(key: &str, row: &DayRow, currency: &str, decimals: u8) -> String {
    let v = DAY_COLUMNS.iter().find(|c| c.0 == key).and_then(|c| c.2(row));
    match key {
        "revenue" | "ad_spend" | "cpa" => format::value(v, Unit::Money, currency, decimals, true),
        "roas" => format::value(v, Unit::Multiple, currency, decimals, false),
        _ => format::value(v, Unit::Count, currency, decimals, false),
    }
}

/// Sorts rows by a value; rows without one go last whichever the direction, in
/// their original order.
pub(super) fn sort_rows<T>(rows: &mut [T], pick: fn(&T) -> Option<f64>, descending: bool) {
    rows.sort_by(|a, b| match (pick(a), pick(b)) {
        (Some(x), Some(y)) if descending => y.total_cmp(&x),
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

/// Sorts the day table by a column of the address (`sort`, `dir`). Any other
/// `sort` (the default) is by date.
fn sort_days(rows: &mut [DayRow], sort: &str, descending: bool) {
    match DAY_COLUMNS.iter().find(|c| c.0 == sort) {
        Some(column) => sort_rows(rows, column.2, descending),
        None if descending => rows.sort_by_key(|r| std::cmp::Reverse(r.date)),
        None => rows.sort_by_key(|r| r.date),
    }
}

/// The column and direction the address asks for: by default the date, newest first.
fn sort_of(sort: String, dir: &str) -> (String, bool) {
    let sort = if DAY_COLUMNS.iter().any(|c| c.0 == sort) { sort } else { "date".to_owned() };
    (sort, dir != "asc")
}

/// A column heading that sorts its table: the first click on a column sorts it
/// high to low (newest first for dates), the next click reverses. `keys` names
/// the address's sort and direction keys.
#[component]
pub(super) fn SortHeader(
    key: &'static str,
    label: &'static str,
    sort: String,
    descending: bool,
    keys: (&'static str, &'static str),
    query: ParamsMap,
) -> impl IntoView {
    let active = sort == key;
    let next_dir = if active && descending { "asc" } else { "desc" };
    let href = href_with(&query, &[(keys.0, key), (keys.1, next_dir)]);
    let (aria_sort, arrow) = match (active, descending) {
        (false, _) => ("none", ""),
        (true, true) => ("descending", " ↓"),
        (true, false) => ("ascending", " ↑"),
    };
    let align = if matches!(key, "date" | "channel") { "text-left" } else { "text-right" };
    view! {
        <th scope="col" class=format!("px-3 py-2 font-medium {align}") aria-sort=aria_sort>
            <a
                href=href
                class="hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
                {label}
                {arrow}
            </a>
        </th>
    }
}

#[component]
pub(super) fn Days(
    rows: Vec<DayRow>,
    currency: String,
    granularity: Granularity,
    decimals: u8,
) -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (sort, descending) = sort_of(param(&q, "sort"), &param(&q, "dir"));
    let mut rows = rows;
    sort_days(&mut rows, &sort, descending);
    let (heading, first_column, date_format) = match granularity {
        Granularity::Day => ("By day", "Date", "%a %b %-d, %Y"),
        Granularity::Week => ("By week", "Week of", "%b %-d, %Y"),
        Granularity::Month => ("By month", "Month", "%B %Y"),
    };
    let header = |key: &'static str, label: &'static str| {
        view! { <SortHeader key label sort=sort.clone() descending keys=("sort", "dir") query=q.clone() /> }
    };
    view! {
        <section aria-labelledby="days-heading" class="space-y-2">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="days-heading" class="text-lg font-semibold">
                    {heading}
                </h2>
                <a
                    href=export_href(&q, "days")
                    download
                    class=SECONDARY_BUTTON
                    data-testid="export-csv"
                >
                    "Export CSV"
                </a>
            </div>
            <div class="relative max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
                <table class="w-full text-sm tabular-nums" data-testid="days">
                    <thead class="sticky top-0 border-b border-slate-200 bg-white text-slate-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-400">
                        <tr>
                            {header("date", first_column)}
                            {DAY_COLUMNS.iter().map(|c| header(c.0, c.1)).collect_view()}
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200 dark:divide-slate-700">
                        {rows
                            .iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        <th scope="row" class="px-3 py-1.5 text-left font-normal">
                                            {r.date.format(date_format).to_string()}
                                        </th>
                                        {DAY_COLUMNS
                                            .iter()
                                            .map(|c| {
                                                let text = day_cell(c.0, r, &currency, decimals);
                                                let muted = text == NO_DATA;
                                                view! {
                                                    <td class=if muted {
                                                        "px-3 py-1.5 text-right text-slate-500 dark:text-slate-400"
                                                    } else {
                                                        "px-3 py-1.5 text-right"
                                                    }>{text}</td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(d: u32, revenue: Option<f64>) -> DayRow {
        DayRow {
            date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            revenue,
            orders: None,
            ad_spend: None,
            conversions: None,
            roas: None,
            cpa: None,
        }
    }

    #[test]
    fn the_table_starts_newest_first_and_each_click_changes_the_order() {
        let days = || vec![day(1, Some(5.0)), day(2, None), day(3, Some(9.0))];
        let dates = |rows: &[DayRow]| {
            rows.iter().map(|r| r.date.format("%d").to_string()).collect::<Vec<_>>()
        };
        // No sort in the address: by date, newest first (the header says ↓).
        let (sort, descending) = sort_of(String::new(), "");
        assert_eq!((sort.as_str(), descending), ("date", true));
        let mut rows = days();
        sort_days(&mut rows, &sort, descending);
        assert_eq!(dates(&rows), ["03", "02", "01"]);
        // The first click on Date asks for ascending: a visible change.
        let (sort, descending) = sort_of("date".into(), "asc");
        sort_days(&mut rows, &sort, descending);
        assert_eq!(dates(&rows), ["01", "02", "03"]);
        // A metric's first click sorts it high to low, days without data last; the
        // second click low to high, still without-data last.
        let (sort, descending) = sort_of("revenue".into(), "desc");
        sort_days(&mut rows, &sort, descending);
        assert_eq!(dates(&rows), ["03", "01", "02"]);
        let (sort, descending) = sort_of("revenue".into(), "asc");
        sort_days(&mut rows, &sort, descending);
        assert_eq!(dates(&rows), ["01", "03", "02"]);
        // An unknown column falls back to the date.
        assert_eq!(sort_of("nonsense".into(), "").0, "date");
    }
}
