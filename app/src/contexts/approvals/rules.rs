//! The chain rules, pure: who approves at a level, when a level is satisfied,
//! which chain covers a subject, and what a save needs.

use chrono::{DateTime, Utc};

use super::types::{ChainConfig, ChainSubject, Level, Mode, Vote};
use crate::kernel::{CampaignId, Role, SocialAccountId, UserId};

/// Levels a chain may have.
pub const MAX_LEVELS: usize = 5;

/// The approvers of `level` among `members` (id, role): its named members who
/// still belong to the workspace and everyone holding at least its role, in the
/// members' order; only members whose role may read approvals (a viewer could
/// never decide), and never one of `excluded` (the author, the person sending it).
pub fn approvers(level: &Level, members: &[(UserId, Role)], excluded: &[UserId]) -> Vec<UserId> {
    use crate::kernel::{Action, Permission, Resource, can};
    members
        .iter()
        .filter(|(id, role)| {
            level.members.contains(id) || level.role.is_some_and(|needed| role.at_least(needed))
        })
        .filter(|(_, role)| can(*role, Permission::new(Resource::Approvals, Action::Read)))
        .map(|(id, _)| *id)
        .filter(|id| !excluded.contains(id))
        .collect()
}

/// The chain covering a subject that goes to `accounts` in `campaign`, among
/// the active `chains`. A chain covers it when each list it names (campaigns,
/// accounts) holds one of the subject's; of those, the most specific wins — one
/// naming the campaign before one naming only accounts, before one covering all —
/// and among equals the first.
pub fn chain_for<'a, K>(
    chains: &'a [(K, ChainConfig)],
    accounts: &[SocialAccountId],
    campaign: Option<CampaignId>,
) -> Option<&'a (K, ChainConfig)> {
    let covers = |c: &ChainConfig| {
        (c.campaigns.is_empty() || campaign.is_some_and(|id| c.campaigns.contains(&id)))
            && (c.accounts.is_empty() || c.accounts.iter().any(|a| accounts.contains(a)))
    };
    let rank = |c: &ChainConfig| (!c.campaigns.is_empty(), !c.accounts.is_empty());
    let mut best: Option<&'a (K, ChainConfig)> = None;
    for chain in chains.iter().filter(|(_, c)| covers(c)) {
        if best.is_none_or(|(_, b)| rank(&chain.1) > rank(b)) {
            best = Some(chain);
        }
    }
    best
}

/// What a chain covers, in words: "Posts to every account", "Posts to
/// Instagram · Northwind in the campaign Spring launch". Names come from
/// `accounts` and `campaigns` (id, label); ones no longer there are left out.
pub fn coverage(
    config: &ChainConfig,
    accounts: &[(SocialAccountId, String)],
    campaigns: &[(CampaignId, String)],
) -> String {
    fn names<I: PartialEq>(ids: &[I], labels: &[(I, String)]) -> String {
        labels
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
    let to = if config.accounts.is_empty() {
        "every account".to_owned()
    } else {
        names(&config.accounts, accounts)
    };
    if config.subject == ChainSubject::Replies {
        return format!("Inbox replies from {to}");
    }
    match config.campaigns.len() {
        0 => format!("Posts to {to}"),
        1 => format!("Posts to {to} in the campaign {}", names(&config.campaigns, campaigns)),
        _ => format!("Posts to {to} in the campaigns {}", names(&config.campaigns, campaigns)),
    }
}

/// Where a level stands, from its approvals' votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelState {
    /// Waiting for more approvals.
    Open,
    /// Enough approvals: the next level starts, or the subject is approved.
    Satisfied,
    /// Someone rejected it or asked for changes: the round ends.
    Returned(Vote),
}

/// A level is returned by any rejection or request for changes, satisfied by one
/// approval (`Any`) or by every approver's (`All`), else open. Rows that were
/// superseded or expired do not count.
pub fn level_state(mode: Mode, votes: &[Vote]) -> LevelState {
    let live: Vec<Vote> =
        votes.iter().copied().filter(|v| !matches!(v, Vote::Superseded | Vote::Expired)).collect();
    if let Some(v) = live.iter().find(|v| matches!(v, Vote::Rejected | Vote::ChangesRequested)) {
        return LevelState::Returned(*v);
    }
    let approved = live.iter().filter(|v| **v == Vote::Approved).count();
    let satisfied = match mode {
        Mode::Any => approved >= 1,
        Mode::All => !live.is_empty() && approved == live.len(),
    };
    if satisfied { LevelState::Satisfied } else { LevelState::Open }
}

/// What saving a subject at `version` for publishing needs from its chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needed {
    /// This version was approved: it may go out (a new time needs no approval).
    Nothing,
    /// A round on this very version is under way: it carries on.
    KeepRound,
    /// A new round from level 1: a first submission, or it changed.
    NewRound,
}

/// `approved` is the version the chain last approved, `open_round` the version
/// of the round under way, if any.
pub fn needed(version: &str, approved: Option<&str>, open_round: Option<&str>) -> Needed {
    if approved == Some(version) {
        Needed::Nothing
    } else if open_round == Some(version) {
        Needed::KeepRound
    } else {
        Needed::NewRound
    }
}

/// A round still waiting when its subject's time (`due`) has come has expired:
/// the subject does not go out unapproved.
pub fn expired(due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    due.is_some_and(|due| due <= now)
}

/// How long an approval waits before each reminder, and after the last one
/// before the managers are told.
pub const NUDGE_AFTER_HOURS: i64 = 24;
/// Reminders an approver gets for one approval.
pub const MAX_REMINDERS: i16 = 2;

/// What a waiting approval calls for now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// Remind its approver (in the app and by email).
    Remind,
    /// Tell the managers it is still waiting (once).
    Escalate,
}

/// A waiting approval reminds its approver 24 hours after it started and 24
/// hours after that (at most twice); 24 hours after the second reminder the
/// managers are told, once. Returns what is due at `now`, and when the next step
/// falls due (to look again then).
pub fn nudge(
    created_at: DateTime<Utc>,
    reminders: i16,
    last_reminded_at: Option<DateTime<Utc>>,
    escalated: bool,
    now: DateTime<Utc>,
) -> (Option<Nudge>, Option<DateTime<Utc>>) {
    let wait = chrono::Duration::hours(NUDGE_AFTER_HOURS);
    if escalated {
        return (None, None);
    }
    let due = last_reminded_at.unwrap_or(created_at) + wait;
    let step = if reminders < MAX_REMINDERS { Nudge::Remind } else { Nudge::Escalate };
    if due <= now {
        let next = (step == Nudge::Remind).then_some(now + wait);
        (Some(step), next)
    } else {
        (None, Some(due))
    }
}

/// What is wrong with a chain's configuration, in words.
pub fn problems(config: &ChainConfig) -> Vec<String> {
    let mut problems = Vec::new();
    if config.levels.is_empty() {
        problems.push("Give the chain at least one level with an approver.".to_owned());
    }
    if config.levels.len() > MAX_LEVELS {
        problems.push(format!("A chain has at most {MAX_LEVELS} levels."));
    }
    for (at, level) in config.levels.iter().enumerate() {
        if level.members.is_empty() && level.role.is_none() {
            problems.push(format!("Level {} needs a member or a role to approve.", at + 1));
        }
    }
    problems
}

/// The first level of `config` that nobody could approve but `excluded` (the
/// author, the person sending it), in words: the subject cannot be submitted.
pub fn unstaffed(
    config: &ChainConfig,
    members: &[(UserId, Role)],
    excluded: &[UserId],
) -> Option<String> {
    config.levels.iter().enumerate().find_map(|(at, level)| {
        approvers(level, members, excluded).is_empty().then(|| {
            format!(
                "Level {} of the approval chain has no approver besides the post's author and whoever sends it: ask a manager to add one.",
                at + 1
            )
        })
    })
}

/// A level in words: "Any one of Mia, Leo and managers and above".
pub fn describe(level: &Level, names: &[(UserId, String)]) -> String {
    let mut who: Vec<String> = level
        .members
        .iter()
        .filter_map(|id| names.iter().find(|(m, _)| m == id).map(|(_, n)| n.clone()))
        .collect();
    if let Some(role) = level.role {
        who.push(match role {
            Role::Owner => "the owners".to_owned(),
            role => format!("{}s and above", role.label().to_lowercase()),
        });
    }
    let list = match who.as_slice() {
        [] => "nobody".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    match level.mode {
        Mode::Any => format!("Any one of {list}"),
        Mode::All => format!("All of {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn user(n: u128) -> UserId {
        UserId(Uuid::from_u128(n))
    }

    fn account(n: u128) -> SocialAccountId {
        SocialAccountId(Uuid::from_u128(n))
    }

    #[test]
    fn any_of_is_satisfied_by_one_approval_and_all_of_by_every_one() {
        use Vote::*;
        assert_eq!(level_state(Mode::Any, &[Pending, Pending]), LevelState::Open);
        assert_eq!(level_state(Mode::Any, &[Pending, Approved]), LevelState::Satisfied);
        assert_eq!(level_state(Mode::All, &[Approved, Pending]), LevelState::Open);
        assert_eq!(level_state(Mode::All, &[Approved, Approved]), LevelState::Satisfied);
        // Rows that no longer count are left out, and nothing counting is not "all".
        assert_eq!(level_state(Mode::All, &[Approved, Superseded]), LevelState::Satisfied);
        assert_eq!(level_state(Mode::All, &[Superseded]), LevelState::Open);
        assert_eq!(level_state(Mode::Any, &[Expired]), LevelState::Open);
    }

    #[test]
    fn a_rejection_or_a_request_for_changes_returns_the_level_whatever_the_mode() {
        use Vote::*;
        assert_eq!(
            level_state(Mode::Any, &[Approved, ChangesRequested]),
            LevelState::Returned(ChangesRequested)
        );
        assert_eq!(level_state(Mode::All, &[Rejected, Pending]), LevelState::Returned(Rejected));
    }

    #[test]
    fn approvers_are_the_named_members_and_the_role_holders_never_the_author() {
        let members = [
            (user(1), Role::Owner),
            (user(2), Role::Manager),
            (user(3), Role::Editor),
            (user(4), Role::Viewer),
        ];
        // A named member who left the workspace, or whose role may not read
        // approvals, is not an approver.
        let named = Level { mode: Mode::Any, members: vec![user(3), user(4), user(9)], role: None };
        assert_eq!(approvers(&named, &members, &[]), vec![user(3)]);
        let managers = Level { mode: Mode::All, members: vec![], role: Some(Role::Manager) };
        assert_eq!(approvers(&managers, &members, &[]), vec![user(1), user(2)]);
        assert_eq!(approvers(&managers, &members, &[user(2)]), vec![user(1)]);
        // Neither the author nor the person sending it approves.
        assert!(approvers(&managers, &members, &[user(1), user(2)]).is_empty());
        let config = ChainConfig { levels: vec![managers, named], ..ChainConfig::default() };
        assert_eq!(unstaffed(&config, &members, &[user(1)]), None);
        let message = unstaffed(&config, &members, &[user(3)]).unwrap();
        assert!(message.starts_with("Level 2 "), "{message}");
    }

    #[test]
    fn a_chain_naming_the_account_wins_over_one_covering_all() {
        let all = ChainConfig { levels: vec![Level::default()], ..ChainConfig::default() };
        let shop = ChainConfig {
            levels: vec![Level::default()],
            accounts: vec![account(7)],
            ..ChainConfig::default()
        };
        let chains = vec![("all", all), ("shop", shop)];
        assert_eq!(chain_for(&chains, &[account(1), account(7)], None).map(|c| c.0), Some("shop"));
        assert_eq!(chain_for(&chains, &[account(1)], None).map(|c| c.0), Some("all"));
        assert_eq!(chain_for(&chains[1..], &[account(1)], None).map(|c| c.0), None);
    }

    #[test]
    fn coverage_names_the_accounts_and_campaigns() {
        let launch = CampaignId(Uuid::from_u128(40));
        let accounts = vec![(account(7), "Instagram · Northwind".to_owned())];
        let campaigns = vec![(launch, "Spring launch".to_owned())];
        let all = ChainConfig::default();
        assert_eq!(coverage(&all, &accounts, &campaigns), "Posts to every account");
        let replies = ChainConfig {
            subject: ChainSubject::Replies,
            accounts: vec![account(7)],
            ..ChainConfig::default()
        };
        assert_eq!(
            coverage(&replies, &accounts, &campaigns),
            "Inbox replies from Instagram · Northwind"
        );
        let both = ChainConfig { accounts: vec![account(7)], campaigns: vec![launch], ..all };
        assert_eq!(
            coverage(&both, &accounts, &campaigns),
            "Posts to Instagram · Northwind in the campaign Spring launch"
        );
    }

    #[test]
    fn a_chain_naming_the_campaign_wins_and_covers_only_its_posts() {
        let launch = CampaignId(Uuid::from_u128(40));
        let other = CampaignId(Uuid::from_u128(41));
        let level = || vec![Level::default()];
        let all = ChainConfig { levels: level(), ..ChainConfig::default() };
        let shop =
            ChainConfig { levels: level(), accounts: vec![account(7)], ..ChainConfig::default() };
        let campaign =
            ChainConfig { levels: level(), campaigns: vec![launch], ..ChainConfig::default() };
        let campaign_on_shop = ChainConfig {
            levels: level(),
            accounts: vec![account(7)],
            campaigns: vec![launch],
            ..ChainConfig::default()
        };
        // Listed least specific first, so the order does not pick the winner.
        let chains =
            vec![("all", all), ("shop", shop), ("campaign", campaign), ("both", campaign_on_shop)];
        let pick = |accounts: &[SocialAccountId], campaign| {
            chain_for(&chains, accounts, campaign).map(|c| c.0)
        };
        assert_eq!(pick(&[account(7)], Some(launch)), Some("both"));
        assert_eq!(pick(&[account(1)], Some(launch)), Some("campaign"));
        assert_eq!(pick(&[account(7)], Some(other)), Some("shop"));
        assert_eq!(pick(&[account(1)], None), Some("all"));
        // A chain naming a campaign never covers a post outside it.
        let only_campaign = &chains[2..3];
        assert_eq!(chain_for(only_campaign, &[account(1)], None).map(|c| c.0), None);
        assert_eq!(chain_for(only_campaign, &[account(1)], Some(other)).map(|c| c.0), None);
    }

    #[test]
    fn an_edit_after_approval_needs_a_new_round_and_a_new_time_does_not() {
        // Approved at v1, then only moved: the version is the same.
        assert_eq!(needed("v1", Some("v1"), None), Needed::Nothing);
        // Approved at v1, then its text changed.
        assert_eq!(needed("v2", Some("v1"), None), Needed::NewRound);
        // Waiting at v1 and moved: the round carries on.
        assert_eq!(needed("v1", None, Some("v1")), Needed::KeepRound);
        // Waiting at v1 and edited: back to level 1.
        assert_eq!(needed("v2", None, Some("v1")), Needed::NewRound);
        assert_eq!(needed("v1", None, None), Needed::NewRound);
    }

    #[test]
    fn a_waiting_round_expires_when_its_time_comes() {
        let now = Utc::now();
        assert!(expired(Some(now), now));
        assert!(expired(Some(now - chrono::Duration::minutes(1)), now));
        assert!(!expired(Some(now + chrono::Duration::minutes(1)), now));
        assert!(!expired(None, now));
    }

    #[test]
    fn a_waiting_approval_reminds_twice_a_day_apart_then_tells_the_managers_once() {
        let start = Utc::now() - chrono::Duration::hours(100);
        let h = |n: i64| start + chrono::Duration::hours(n);
        // Not yet a day old: nothing, look again at 24 h.
        assert_eq!(nudge(start, 0, None, false, h(23)), (None, Some(h(24))));
        // A day old: the first reminder, the next a day on.
        assert_eq!(nudge(start, 0, None, false, h(24)), (Some(Nudge::Remind), Some(h(48))));
        assert_eq!(nudge(start, 1, Some(h(24)), false, h(30)), (None, Some(h(48))));
        assert_eq!(nudge(start, 1, Some(h(24)), false, h(48)).0, Some(Nudge::Remind));
        // After the second, a day later the managers are told, and that is all.
        assert_eq!(nudge(start, 2, Some(h(48)), false, h(60)), (None, Some(h(72))));
        assert_eq!(nudge(start, 2, Some(h(48)), false, h(72)), (Some(Nudge::Escalate), None));
        assert_eq!(nudge(start, 2, Some(h(48)), true, h(99)), (None, None));
    }

    #[test]
    fn a_chain_needs_a_staffed_level_and_at_most_five() {
        assert_eq!(problems(&ChainConfig::default()).len(), 1);
        let empty_level = ChainConfig { levels: vec![Level::default()], ..ChainConfig::default() };
        assert_eq!(problems(&empty_level), vec!["Level 1 needs a member or a role to approve."]);
        let staffed = Level { mode: Mode::Any, members: vec![], role: Some(Role::Admin) };
        let too_many = ChainConfig { levels: vec![staffed; 6], ..ChainConfig::default() };
        assert_eq!(problems(&too_many), vec!["A chain has at most 5 levels."]);
    }

    #[test]
    fn levels_read_as_words() {
        let names = vec![(user(1), "Mia".to_owned()), (user(2), "Leo".to_owned())];
        let level =
            Level { mode: Mode::All, members: vec![user(1), user(2)], role: Some(Role::Manager) };
        assert_eq!(describe(&level, &names), "All of Mia, Leo and managers and above");
        let one = Level { mode: Mode::Any, members: vec![user(2)], role: None };
        assert_eq!(describe(&one, &names), "Any one of Leo");
    }
}
