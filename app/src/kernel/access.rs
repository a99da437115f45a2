//! Who may do what: roles (seed 003 `UserRole`), permissions as resource × action
//! (the shape of seed 003 `user_permissions`), and the one policy table `can`.
//!
//! A member's effective rights are `can(role, permission)` plus the grants in their
//! permission overrides. The table is pure and tested for every role × permission.

use serde::{Deserialize, Serialize};

/// A member's role in a workspace, most powerful first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Manager,
    Editor,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Owner, Role::Admin, Role::Manager, Role::Editor, Role::Viewer];

    /// The stored form (`memberships.role`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::Manager => "Manager",
            Role::Editor => "Editor",
            Role::Viewer => "Viewer",
        }
    }

    /// At least as powerful as `other`.
    pub fn at_least(self, other: Role) -> bool {
        self <= other
    }
}

/// What a permission is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// The workspace itself: settings, plan, branding.
    Workspace,
    /// Memberships, invitations and permission overrides.
    Members,
    /// The workspace activity log.
    Activity,
    Brands,
    Integrations,
    Analytics,
    Insights,
    Audits,
    Leads,
    Reviews,
    Referrals,
    Content,
    Campaigns,
    Posts,
    Approvals,
    Inbox,
    Listening,
    Workflows,
    Jobs,
    Efficiency,
}

impl Resource {
    pub const ALL: [Resource; 20] = [
        Resource::Workspace,
        Resource::Members,
        Resource::Activity,
        Resource::Brands,
        Resource::Integrations,
        Resource::Analytics,
        Resource::Insights,
        Resource::Audits,
        Resource::Leads,
        Resource::Reviews,
        Resource::Referrals,
        Resource::Content,
        Resource::Campaigns,
        Resource::Posts,
        Resource::Approvals,
        Resource::Inbox,
        Resource::Listening,
        Resource::Workflows,
        Resource::Jobs,
        Resource::Efficiency,
    ];

    /// The stored form (`user_permissions.resource`).
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Workspace => "workspace",
            Resource::Members => "members",
            Resource::Activity => "activity",
            Resource::Brands => "brands",
            Resource::Integrations => "integrations",
            Resource::Analytics => "analytics",
            Resource::Insights => "insights",
            Resource::Audits => "audits",
            Resource::Leads => "leads",
            Resource::Reviews => "reviews",
            Resource::Referrals => "referrals",
            Resource::Content => "content",
            Resource::Campaigns => "campaigns",
            Resource::Posts => "posts",
            Resource::Approvals => "approvals",
            Resource::Inbox => "inbox",
            Resource::Listening => "listening",
            Resource::Workflows => "workflows",
            Resource::Jobs => "jobs",
            Resource::Efficiency => "efficiency",
        }
    }

    pub fn parse(value: &str) -> Option<Resource> {
        Resource::ALL.into_iter().find(|resource| resource.as_str() == value)
    }
}

/// What is done to a resource (seed 003: create, read, update, delete).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Read,
    Update,
    Delete,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Create, Action::Read, Action::Update, Action::Delete];

    /// The stored form (`user_permissions.action`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }

    pub fn parse(value: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.as_str() == value)
    }
}

/// One right: an action on a resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Permission {
    pub resource: Resource,
    pub action: Action,
}

impl Permission {
    pub const fn new(resource: Resource, action: Action) -> Self {
        Self { resource, action }
    }

    /// Every permission there is.
    pub fn all() -> impl Iterator<Item = Permission> {
        Resource::ALL.into_iter().flat_map(|resource| {
            Action::ALL.into_iter().map(move |action| Permission::new(resource, action))
        })
    }
}

/// The policy table: whether `role` holds `permission` before overrides.
///
/// - Owner: everything.
/// - Admin: everything but deleting the workspace.
/// - Manager: runs the marketing work (every resource but the workspace, its members
///   and its activity log, which it may only read).
/// - Editor: reads everything but the activity log, jobs and integrations; creates and
///   edits the day-to-day work (content, posts, campaigns, leads, reviews, referrals,
///   inbox, listening); approves nothing and deletes nothing.
/// - Viewer: reads dashboards and published work; changes nothing.
pub fn can(role: Role, permission: Permission) -> bool {
    use Action::*;
    use Resource::*;
    let Permission { resource, action } = permission;
    match role {
        Role::Owner => true,
        Role::Admin => !(resource == Workspace && action == Delete),
        Role::Manager => match resource {
            Workspace | Members | Activity => action == Read,
            _ => true,
        },
        Role::Editor => match resource {
            Activity | Jobs | Integrations => false,
            Content | Posts | Campaigns | Leads | Reviews | Referrals | Inbox | Listening => {
                action != Delete
            }
            _ => action == Read,
        },
        Role::Viewer => {
            action == Read
                && matches!(
                    resource,
                    Workspace
                        | Brands
                        | Analytics
                        | Insights
                        | Audits
                        | Content
                        | Campaigns
                        | Posts
                        | Efficiency
                )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Resource::*;

    /// The whole table, written out: for each role, the permissions it holds.
    fn expected(role: Role, p: Permission) -> bool {
        let day_to_day = [Content, Posts, Campaigns, Leads, Reviews, Referrals, Inbox, Listening];
        let viewer_reads =
            [Workspace, Brands, Analytics, Insights, Audits, Content, Campaigns, Posts, Efficiency];
        match role {
            Role::Owner => true,
            Role::Admin => p != Permission::new(Workspace, Delete),
            Role::Manager => {
                p.action == Read || ![Workspace, Members, Activity].contains(&p.resource)
            }
            Role::Editor => {
                (p.action == Read && ![Activity, Jobs, Integrations].contains(&p.resource))
                    || (day_to_day.contains(&p.resource) && p.action != Delete)
            }
            Role::Viewer => p.action == Read && viewer_reads.contains(&p.resource),
        }
    }

    #[test]
    fn every_role_times_every_permission() {
        let mut checked = 0;
        for role in Role::ALL {
            for permission in Permission::all() {
                assert_eq!(
                    can(role, permission),
                    expected(role, permission),
                    "{role:?} × {permission:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 5 * 20 * 4);
    }

    #[test]
    fn a_higher_role_holds_everything_a_lower_one_does() {
        for pair in Role::ALL.windows(2) {
            for permission in Permission::all() {
                if can(pair[1], permission) {
                    assert!(can(pair[0], permission), "{:?} lacks {permission:?}", pair[0]);
                }
            }
        }
    }

    #[test]
    fn only_owners_delete_the_workspace_and_only_admins_manage_members() {
        let delete_workspace = Permission::new(Workspace, Delete);
        assert_eq!(Role::ALL.map(|r| can(r, delete_workspace)), [true, false, false, false, false]);
        let invite = Permission::new(Members, Create);
        assert_eq!(Role::ALL.map(|r| can(r, invite)), [true, true, false, false, false]);
    }

    #[test]
    fn stored_forms_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for resource in Resource::ALL {
            assert_eq!(Resource::parse(resource.as_str()), Some(resource));
        }
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert_eq!(Role::parse("superuser"), None);
        assert!(Role::Owner.at_least(Role::Admin) && !Role::Viewer.at_least(Role::Editor));
    }
}
