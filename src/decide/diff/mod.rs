//! Change impact: what changes for every user between two snapshots of one
//! org ([`Engine::diff`]).

mod json;
mod matching;
mod reach;
mod types;
mod words;

use crate::compile::{Engine, Place};
use crate::decide::answer::Code;
use crate::decide::check::Verdict;
use crate::index::NONE;
use matching::{at, Pair};
pub use types::{Diff, ScopeDiff, SummaryLine, UnitDiff, UserDiff, UserStatus};

/// Bit `p` of a permission bitset.
fn has(mask: &[bool], p: u32) -> bool {
    mask.get(p as usize).copied().unwrap_or(false)
}

impl Engine {
    /// What changes for every user from `before` to `after`, two snapshots
    /// of the same org (users, permissions, units, teams, restrictions and
    /// seats are matched by id):
    ///
    /// - users added and removed;
    /// - permissions gained and lost without context (`can(user, p)`), and
    ///   at each unit of both where that differs (`{ unit }`);
    /// - for each record-scoped permission held in both, the owners whose
    ///   records (`{ record: { owner } }`) and the teams whose records
    ///   (`{ record: { team } }`) become allowed or denied;
    /// - the restrictions that deny the user (`explain` names them) on some
    ///   permission of both, without context or on a record of a team of
    ///   both (or of no team), in one snapshot and not the other;
    /// - the seats they take;
    ///
    /// and a summary grouped by change, in `after`'s locale.
    pub fn diff(before: &Engine, after: &Engine) -> Diff {
        let pair = Pair::new(before, after);
        let mut users: Vec<UserDiff> = (0..after.users.len() as u32)
            .filter_map(|ua| match at(&pair.users_ab, ua) {
                NONE => Some(pair.added(ua, UserStatus::Added)),
                ub => pair.changed(ub, ua),
            })
            .collect();
        let removed = (0..before.users.len() as u32).filter(|&ub| at(&pair.users_ba, ub) == NONE);
        users.extend(removed.map(|ub| pair.added(ub, UserStatus::Removed)));
        let summary = pair.summary(&users);
        Diff { users, summary }
    }
}

/// A user's verdicts on every permission without context, at `unit`.
fn verdicts(e: &Engine, u: u32, unit: u32) -> Vec<Verdict> {
    (0..e.perms.len() as u32)
        .map(|p| e.plain(u, p, unit))
        .collect()
}

/// The permission ids of `e` whose bit is set.
fn ids(e: &Engine, list: impl Iterator<Item = u32>) -> Vec<String> {
    let perms = &e.snap.model.permissions;
    list.filter_map(|p| perms.get(p as usize).map(|x| x.id.clone()))
        .collect()
}

impl Pair<'_> {
    /// An added user (in `after`) or a removed one (in `before`).
    fn added(&self, u: u32, status: UserStatus) -> UserDiff {
        let e = if status == UserStatus::Added {
            self.a
        } else {
            self.b
        };
        let held = verdicts(e, u, NONE);
        let perms = ids(
            e,
            (0..held.len() as u32).filter(|&p| held.get(p as usize).is_some_and(Verdict::allowed)),
        );
        let seats = seat_ids(e, u);
        let mut d = UserDiff::empty(user_id(e, u), status);
        if status == UserStatus::Added {
            (d.gained, d.seats_gained) = (perms, seats);
        } else {
            (d.lost, d.seats_lost) = (perms, seats);
        }
        d
    }

    /// Permissions allowed in `after` and not in `before` (after's order).
    fn gains(&self, before: &[bool], after: &[bool]) -> Vec<u32> {
        (0..after.len() as u32)
            .filter(|&pa| has(after, pa) && !has(before, at(&self.perms_ab, pa)))
            .collect()
    }

    /// Permissions allowed in `before` and not in `after` (before's order).
    fn losses(&self, before: &[bool], after: &[bool]) -> Vec<u32> {
        (0..before.len() as u32)
            .filter(|&pb| has(before, pb) && !has(after, at(&self.perms_ba, pb)))
            .collect()
    }

    /// A user of both: `None` when nothing changes for them.
    fn changed(&self, ub: u32, ua: u32) -> Option<UserDiff> {
        let vb = verdicts(self.b, ub, NONE);
        let va = verdicts(self.a, ua, NONE);
        let mb: Vec<bool> = vb.iter().map(Verdict::allowed).collect();
        let ma: Vec<bool> = va.iter().map(Verdict::allowed).collect();
        let mut d = UserDiff::empty(user_id(self.a, ua), UserStatus::Changed);
        let (gained, lost) = (self.gains(&mb, &ma), self.losses(&mb, &ma));
        d.units = self.units(ub, ua, (&gained, &lost));
        d.gained = ids(self.a, gained.into_iter());
        d.lost = ids(self.b, lost.into_iter());
        let dist = self.distinguished(ub, ua);
        let (mut rb, mut ra) = (Vec::new(), Vec::new());
        for pa in 0..self.a.perms.len() as u32 {
            let pb = at(&self.perms_ab, pa);
            if pb == NONE {
                continue;
            }
            let probes = self.team_probes(ub, ua, pb, pa, &dist);
            rb.extend(restricted(
                probes.iter().map(|p| &p.before).chain(vb.get(pb as usize)),
            ));
            ra.extend(restricted(
                probes.iter().map(|p| &p.after).chain(va.get(pa as usize)),
            ));
            if has(&mb, pb) && has(&ma, pa) && self.record_scoped(pb, pa) {
                d.scopes
                    .extend(self.scope((ub, ua), (pb, pa), &probes, &dist));
            }
        }
        let (rb, ra) = (restriction_ids(self.b, rb), restriction_ids(self.a, ra));
        d.restrictions_started = ra.iter().filter(|r| !rb.contains(r)).cloned().collect();
        d.restrictions_stopped = rb.iter().filter(|r| !ra.contains(r)).cloned().collect();
        let (sb, sa) = (seat_ids(self.b, ub), seat_ids(self.a, ua));
        d.seats_gained = sa.iter().filter(|s| !sb.contains(s)).cloned().collect();
        d.seats_lost = sb.iter().filter(|s| !sa.contains(s)).cloned().collect();
        (!d.is_empty()).then_some(d)
    }

    /// Whether permission `pb` (before) and `pa` (after) is record-scoped in both.
    fn record_scoped(&self, pb: u32, pa: u32) -> bool {
        let rec = |e: &Engine, p: u32| {
            e.snap
                .model
                .permissions
                .get(p as usize)
                .is_some_and(|x| x.record)
        };
        rec(self.b, pb) && rec(self.a, pa)
    }

    /// How one record-scoped permission's reach changes, if it does.
    fn scope(
        &self,
        who: (u32, u32),
        perm: (u32, u32),
        probes: &[reach::TeamProbe],
        dist: &[u32],
    ) -> Option<ScopeDiff> {
        let (teams_gained, teams_lost) = self.team_changes(probes, dist);
        let mut changed: Vec<u32> = teams_gained.iter().chain(&teams_lost).copied().collect();
        let teamless = probes.iter().find(|p| p.team == NONE);
        if teamless.is_some_and(|p| p.before.allowed() != p.after.allowed()) {
            changed.push(NONE);
        }
        let (owners_gained, owners_lost) = self.owner_changes(who, perm, &changed);
        if owners_gained.is_empty()
            && owners_lost.is_empty()
            && teams_gained.is_empty()
            && teams_lost.is_empty()
        {
            return None;
        }
        let user = |&o: &u32| user_id(self.a, o);
        let team = |&t: &u32| {
            self.a
                .snap
                .org
                .teams
                .get(t as usize)
                .map(|x| x.id.clone())
                .unwrap_or_default()
        };
        let mut s = ScopeDiff {
            permission: ids(self.a, std::iter::once(perm.1)).concat(),
            change: "changed",
            owners_gained: owners_gained.iter().map(user).collect(),
            owners_lost: owners_lost.iter().map(user).collect(),
            teams_gained: teams_gained.iter().map(team).collect(),
            teams_lost: teams_lost.iter().map(team).collect(),
            messages: Vec::new(),
        };
        let (more, less) = (
            !s.owners_gained.is_empty() || !s.teams_gained.is_empty(),
            !s.owners_lost.is_empty() || !s.teams_lost.is_empty(),
        );
        s.change = match (more, less) {
            (true, false) => "widened",
            (false, true) => "narrowed",
            _ => "changed",
        };
        s.messages = self.scope_words(&s);
        Some(s)
    }

    /// The units of both where the user's gains and losses differ from
    /// those without context (`org`: gained in after's ids, lost in before's).
    fn units(&self, ub: u32, ua: u32, org: (&[u32], &[u32])) -> Vec<UnitDiff> {
        if !holds_at_a_unit(self.b, ub) && !holds_at_a_unit(self.a, ua) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (xa, x) in self.a.snap.org.units.iter().enumerate() {
            let xb = at(&self.units_ab, xa as u32);
            if xb == NONE {
                continue;
            }
            let mb: Vec<bool> = verdicts(self.b, ub, xb)
                .iter()
                .map(Verdict::allowed)
                .collect();
            let ma: Vec<bool> = verdicts(self.a, ua, xa as u32)
                .iter()
                .map(Verdict::allowed)
                .collect();
            let (gained, lost) = (self.gains(&mb, &ma), self.losses(&mb, &ma));
            if (gained.as_slice(), lost.as_slice()) != org {
                out.push(UnitDiff {
                    unit: x.id.clone(),
                    gained: ids(self.a, gained.into_iter()),
                    lost: ids(self.b, lost.into_iter()),
                });
            }
        }
        out
    }
}

/// The restrictions that deny among `verdicts`.
fn restricted<'v>(verdicts: impl IntoIterator<Item = &'v Verdict>) -> Vec<u32> {
    verdicts
        .into_iter()
        .filter(|v| v.code == Code::Restricted && v.restriction != NONE)
        .map(|v| v.restriction)
        .collect()
}

/// The ids of restrictions `list` of `e`, in model order, once each.
fn restriction_ids(e: &Engine, mut list: Vec<u32>) -> Vec<String> {
    list.sort_unstable();
    list.dedup();
    let all = &e.snap.model.restrictions;
    list.iter()
        .filter_map(|&r| all.get(r as usize).map(|x| x.id.clone()))
        .collect()
}

/// Whether user `u` holds a role at a unit.
fn holds_at_a_unit(e: &Engine, u: u32) -> bool {
    let span = e
        .users
        .get(u as usize)
        .map(|x| x.assigns)
        .unwrap_or_default();
    let held = e.assigns.get(span.range()).unwrap_or(&[]);
    held.iter().any(|a| matches!(a.place, Place::Unit(_)))
}

/// The id of user `u` of `e`.
fn user_id(e: &Engine, u: u32) -> String {
    e.snap
        .org
        .users
        .get(u as usize)
        .map(|x| x.id.clone())
        .unwrap_or_default()
}

/// The ids of the seats user `u` takes, in model order.
fn seat_ids(e: &Engine, u: u32) -> Vec<String> {
    let mask = e.users.get(u as usize).map_or(0, |x| x.seats);
    let seats = e.snap.model.seats.iter().zip(0u32..);
    seats
        .filter(|&(_, i)| mask & 1u64.checked_shl(i).unwrap_or(0) != 0)
        .map(|(s, _)| s.id.clone())
        .collect()
}

impl UserDiff {
    fn empty(user: String, status: UserStatus) -> UserDiff {
        UserDiff {
            user,
            status,
            gained: Vec::new(),
            lost: Vec::new(),
            units: Vec::new(),
            scopes: Vec::new(),
            restrictions_started: Vec::new(),
            restrictions_stopped: Vec::new(),
            seats_gained: Vec::new(),
            seats_lost: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.gained.is_empty()
            && self.lost.is_empty()
            && self.units.is_empty()
            && self.scopes.is_empty()
            && self.restrictions_started.is_empty()
            && self.restrictions_stopped.is_empty()
            && self.seats_gained.is_empty()
            && self.seats_lost.is_empty()
    }
}
