//! Paging links under a list: "Page N of M" and links to the pages either side.

use leptos::prelude::*;

use super::form::SECONDARY_BUTTON;

/// The links of a paged list. `href` is the list's address without `page`
/// (its other query parameters kept, like `/jobs` or `/insights?brand=…`);
/// `earlier`/`later` name the directions ("Previous"/"Next", or "Newer"/"Older"
/// for lists newest first). Nothing when everything fits on one page.
#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    href: String,
    #[prop(default = "Previous")] earlier: &'static str,
    #[prop(default = "Next")] later: &'static str,
    /// Said after "Page N of M", like "312 entries".
    #[prop(optional)]
    summary: String,
) -> impl IntoView {
    let sep = if href.contains('?') { '&' } else { '?' };
    let to = move |n: u32| format!("{href}{sep}page={n}");
    let summary = if summary.is_empty() { String::new() } else { format!(" · {summary}") };
    (pages > 1).then(|| {
        view! {
            <nav aria-label="Pages" class="flex items-center justify-between gap-3 text-sm">
                <span>{format!("Page {page} of {pages}{summary}")}</span>
                <span class="flex gap-2">
                    {(page > 1)
                        .then(|| {
                            view! {
                                <a href=to(page - 1) class=SECONDARY_BUTTON rel="prev">
                                    {earlier}
                                </a>
                            }
                        })}
                    {(page < pages)
                        .then(|| {
                            view! {
                                <a href=to(page + 1) class=SECONDARY_BUTTON rel="next">
                                    {later}
                                </a>
                            }
                        })}
                </span>
            </nav>
        }
    })
}

/// The number of pages `total` items fill at `per_page` a page (at least one).
pub fn page_count(total: i64, per_page: u32) -> u32 {
    let per_page = i64::from(per_page.max(1));
    u32::try_from((total + per_page - 1) / per_page).unwrap_or(u32::MAX).max(1)
}

/// The page asked for in an address (`?page=`), 1 when missing or not a number,
/// and never past `u32` or below 1.
pub fn page_param(raw: Option<String>) -> u32 {
    raw.and_then(|p| p.trim().parse::<u32>().ok()).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_up_and_never_zero() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        assert_eq!(page_count(12_142, 50), 243);
    }

    #[test]
    fn odd_page_parameters_mean_the_first_page() {
        assert_eq!(page_param(None), 1);
        assert_eq!(page_param(Some("0".into())), 1);
        assert_eq!(page_param(Some("-3".into())), 1);
        assert_eq!(page_param(Some("99999999999".into())), 1);
        assert_eq!(page_param(Some("4".into())), 4);
    }
}
