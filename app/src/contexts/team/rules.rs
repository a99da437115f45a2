//! Pure team rules: who may give which role, and the settings form's checks.

use crate::kernel::Role;

/// Whether `actor` may give `new` to a member who now has `current` (`None` for
/// someone being invited). Nobody grants a role above their own, nor changes a
/// member who outranks them.
pub fn may_assign(actor: Role, current: Option<Role>, new: Role) -> bool {
    actor.at_least(new) && current.is_none_or(|current| actor.at_least(current))
}

/// The roles `actor` may give a member who now has `current`.
pub fn assignable_roles(actor: Role, current: Option<Role>) -> Vec<Role> {
    Role::ALL.into_iter().filter(|role| may_assign(actor, current, *role)).collect()
}

/// Whether `color` is `#rrggbb` (or empty, for the default).
pub fn valid_color(color: &str) -> bool {
    color.is_empty()
        || (color.len() == 7
            && color.starts_with('#')
            && color[1..].chars().all(|c| c.is_ascii_hexdigit()))
}

/// How many pages `total` items make at `per_page` a page (at least one).
pub fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    u32::try_from(total.div_ceil(per_page)).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_grants_above_their_own_role_or_touches_someone_above_it() {
        assert!(may_assign(Role::Owner, Some(Role::Owner), Role::Viewer));
        assert!(may_assign(Role::Admin, None, Role::Admin));
        assert!(!may_assign(Role::Admin, None, Role::Owner));
        assert!(!may_assign(Role::Admin, Some(Role::Owner), Role::Viewer));
        assert!(may_assign(Role::Admin, Some(Role::Editor), Role::Manager));
        assert_eq!(assignable_roles(Role::Admin, Some(Role::Viewer)).len(), 4);
        assert!(assignable_roles(Role::Admin, Some(Role::Owner)).is_empty());
    }

    #[test]
    fn colors_and_pages() {
        assert!(valid_color("#1f2937") && valid_color(""));
        assert!(!valid_color("red") && !valid_color("#12345g") && !valid_color("#1234"));
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
    }
}
