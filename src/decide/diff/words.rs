//! The diff in words: each scope change's lines and the summary grouped by
//! change, in the later snapshot's locale.

use super::matching::Pair;
use super::types::{ScopeDiff, SummaryLine, UserDiff, UserStatus};
use crate::compile::Engine;
use crate::messages::{Msg, Words};
use std::collections::{HashMap, HashSet};

/// How many names a list of owners spells out before "and N more".
const NAMED: usize = 3;

/// One line of the summary, being gathered.
struct Group {
    change: &'static str,
    subject: Option<String>,
    place: Option<String>,
    users: Vec<String>,
    /// Owners in first-seen order, and the same as a set.
    owners: Vec<String>,
    seen: HashSet<String>,
    one: Msg,
    many: Msg,
}

/// A user's name (else id) in `a`, else in `b`.
#[cfg_attr(rolegate_size, optimize(size))]
fn user_name(p: &Pair<'_>, id: &str) -> String {
    let find = |e: &Engine| {
        let u = e.user_index(id)?;
        e.snap.org.users.get(u as usize)?.name.clone()
    };
    find(p.a)
        .or_else(|| find(p.b))
        .unwrap_or_else(|| id.to_owned())
}

/// The label of a permission, team, unit, seat or restriction of `a`, else of `b`.
#[cfg_attr(rolegate_size, optimize(size))]
fn label(p: &Pair<'_>, change: &str, id: &str) -> String {
    let find = |e: &Engine| -> Option<Option<String>> {
        let (m, o) = (&e.snap.model, &e.snap.org);
        match change {
            "gains_at_unit" | "loses_at_unit" => {
                o.units.iter().find(|x| x.id == id).map(|x| x.label.clone())
            }
            "gains_team" | "loses_team" => {
                o.teams.iter().find(|x| x.id == id).map(|x| x.label.clone())
            }
            "takes_seat" | "frees_seat" => {
                m.seats.iter().find(|x| x.id == id).map(|x| x.label.clone())
            }
            "restriction" => m.restrictions.iter().find(|x| x.id == id).map(|_| None),
            _ => m
                .permissions
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.label.clone()),
        }
    };
    find(p.a)
        .or_else(|| find(p.b))
        .flatten()
        .unwrap_or_else(|| id.to_owned())
}

/// "A, B, C and 4 more": the first few of `all`, each spelt by `name`
/// (only those shown are looked up).
#[cfg_attr(rolegate_size, optimize(size))]
fn names(w: Words<'_>, all: &[String], name: impl Fn(&str) -> String) -> String {
    let mut shown: Vec<String> = all.iter().take(NAMED).map(|x| name(x)).collect();
    if all.len() > NAMED {
        shown.push(w.say(Msg::AndMore, &[("n", &(all.len() - NAMED).to_string())]));
    }
    w.and_list(&shown)
}

impl Pair<'_> {
    /// The lines of a scope change.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn scope_words(&self, s: &ScopeDiff) -> Vec<String> {
        let w = self.a.messages.words();
        let teams = |ids: &[String]| names(w, ids, |t| label(self, "gains_team", t));
        let owners = |ids: &[String]| names(w, ids, |u| user_name(self, u));
        let mut out = Vec::new();
        let lines = [
            (&s.teams_gained, Msg::DiffSeesTeams, "teams"),
            (&s.owners_gained, Msg::DiffSeesOwners, "owners"),
            (&s.teams_lost, Msg::DiffUnseesTeams, "teams"),
            (&s.owners_lost, Msg::DiffUnseesOwners, "owners"),
        ];
        for (list, m, key) in lines {
            if !list.is_empty() {
                let text = if key == "teams" {
                    teams(list)
                } else {
                    owners(list)
                };
                out.push(w.say(m, &[(key, &text)]));
            }
        }
        out
    }

    /// The summary: one line per change, most users first.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn summary(&self, users: &[UserDiff]) -> Vec<SummaryLine> {
        let mut groups: Vec<Group> = Vec::new();
        let mut index: HashMap<(&'static str, Option<String>, Option<String>), usize> =
            HashMap::new();
        for d in users {
            for (change, subject, place, owners) in changes(d) {
                let key = (change, subject.clone(), place.clone());
                let g = *index.entry(key).or_insert_with(|| {
                    groups.push(group(change, subject, place));
                    groups.len() - 1
                });
                if let Some(g) = groups.get_mut(g) {
                    g.users.push(d.user.clone());
                    for o in owners {
                        if g.seen.insert(o.clone()) {
                            g.owners.push(o);
                        }
                    }
                }
            }
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.users.len()));
        groups.into_iter().map(|g| self.line(g)).collect()
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn line(&self, g: Group) -> SummaryLine {
        let w = self.a.messages.words();
        let n = g.users.len() as u32;
        let who = match g.users.as_slice() {
            [one] => user_name(self, one),
            _ => w.count(Msg::UsersOne, Msg::UsersMany, n),
        };
        let m = if n == 1 { g.one } else { g.many };
        let kind = match g.change {
            "restriction_starts" | "restriction_stops" => "restriction",
            "takes_seat" | "frees_seat" => g.change,
            _ => "permission",
        };
        let subject = g
            .subject
            .as_deref()
            .map(|s| label(self, kind, s))
            .unwrap_or_default();
        let place = g
            .place
            .as_deref()
            .map(|s| label(self, g.change, s))
            .unwrap_or_default();
        let args = [
            ("who", who.as_str()),
            ("permission", subject.as_str()),
            ("restriction", subject.as_str()),
            ("seat", subject.as_str()),
            ("unit", place.as_str()),
            ("team", place.as_str()),
            ("owners", &names(w, &g.owners, |o| user_name(self, o))),
        ];
        SummaryLine {
            message: w.say(m, &args),
            change: g.change,
            subject: g.subject,
            place: g.place,
            users: g.users,
        }
    }
}

/// A new group of the summary, with its templates.
#[cfg_attr(rolegate_size, optimize(size))]
fn group(change: &'static str, subject: Option<String>, place: Option<String>) -> Group {
    let (one, many) = match change {
        "added" => (Msg::DiffAddedOne, Msg::DiffAddedMany),
        "removed" => (Msg::DiffRemovedOne, Msg::DiffRemovedMany),
        "gains" => (Msg::DiffGainsOne, Msg::DiffGainsMany),
        "loses" => (Msg::DiffLosesOne, Msg::DiffLosesMany),
        "gains_at_unit" => (Msg::DiffGainsAtUnitOne, Msg::DiffGainsAtUnitMany),
        "loses_at_unit" => (Msg::DiffLosesAtUnitOne, Msg::DiffLosesAtUnitMany),
        "gains_team" => (Msg::DiffGainsTeamOne, Msg::DiffGainsTeamMany),
        "loses_team" => (Msg::DiffLosesTeamOne, Msg::DiffLosesTeamMany),
        "gains_owners" => (Msg::DiffGainsOwnersOne, Msg::DiffGainsOwnersMany),
        "loses_owners" => (Msg::DiffLosesOwnersOne, Msg::DiffLosesOwnersMany),
        "restriction_starts" => (Msg::DiffRestrictionStarts, Msg::DiffRestrictionStarts),
        "restriction_stops" => (Msg::DiffRestrictionStops, Msg::DiffRestrictionStops),
        "takes_seat" => (Msg::DiffTakesSeatOne, Msg::DiffTakesSeatMany),
        _ => (Msg::DiffFreesSeatOne, Msg::DiffFreesSeatMany),
    };
    Group {
        change,
        subject,
        place,
        users: Vec::new(),
        owners: Vec::new(),
        seen: HashSet::new(),
        one,
        many,
    }
}

/// A change of the summary: kind, subject, place, owners.
type Change = (&'static str, Option<String>, Option<String>, Vec<String>);

/// Every change of one user, as the summary groups them.
#[cfg_attr(rolegate_size, optimize(size))]
fn changes(d: &UserDiff) -> Vec<Change> {
    let one = |c: &'static str, s: &String| (c, Some(s.clone()), None, Vec::new());
    let mut out: Vec<Change> = Vec::new();
    match d.status {
        UserStatus::Added => out.push(("added", None, None, Vec::new())),
        UserStatus::Removed => out.push(("removed", None, None, Vec::new())),
        UserStatus::Changed => {}
    }
    out.extend(d.gained.iter().map(|p| one("gains", p)));
    out.extend(d.lost.iter().map(|p| one("loses", p)));
    for x in &d.units {
        let at =
            |c: &'static str, p: &String| (c, Some(p.clone()), Some(x.unit.clone()), Vec::new());
        out.extend(x.gained.iter().map(|p| at("gains_at_unit", p)));
        out.extend(x.lost.iter().map(|p| at("loses_at_unit", p)));
    }
    for s in &d.scopes {
        let p = Some(s.permission.clone());
        out.extend(
            s.teams_gained
                .iter()
                .map(|t| ("gains_team", p.clone(), Some(t.clone()), Vec::new())),
        );
        out.extend(
            s.teams_lost
                .iter()
                .map(|t| ("loses_team", p.clone(), Some(t.clone()), Vec::new())),
        );
        if !s.owners_gained.is_empty() {
            out.push(("gains_owners", p.clone(), None, s.owners_gained.clone()));
        }
        if !s.owners_lost.is_empty() {
            out.push(("loses_owners", p.clone(), None, s.owners_lost.clone()));
        }
    }
    out.extend(
        d.restrictions_started
            .iter()
            .map(|r| one("restriction_starts", r)),
    );
    out.extend(
        d.restrictions_stopped
            .iter()
            .map(|r| one("restriction_stops", r)),
    );
    out.extend(d.seats_gained.iter().map(|s| one("takes_seat", s)));
    out.extend(d.seats_lost.iter().map(|s| one("frees_seat", s)));
    out
}
