//! Compilation: a validated [`Snapshot`] becomes an [`Engine`] of dense
//! integer ids, flat arrays, bitmasks and Euler-tour intervals, so that a
//! check walks a few short slices and allocates nothing.

pub(crate) mod compiled;
pub(crate) mod condition;
mod org;
pub(crate) mod org_rules;
pub(crate) mod reporting;
mod roles;
pub(crate) mod team_rules;
pub(crate) mod tree;

use crate::index::{Closure, Names, NONE};
use crate::messages::Messages;
use crate::problem::Problem;
use crate::snapshot::{self, ScopeLevel, Snapshot};
pub(crate) use compiled::{level, Assignment, Origin, Place, Scope, Span};
pub(crate) use compiled::{Elsewhere, Representatives};
use compiled::{Grant, Permission, RecordRestricted, Restriction, User};
use condition::{Cond, Interner, Truth};
use tree::Tree;

/// A loaded snapshot, compiled for fast decisions. Build one with
/// [`Engine::from_json`] or [`Engine::from_snapshot`]; ask it with
/// [`Engine::can`], [`Engine::explain`] or a bound [`Engine::user`] handle.
#[derive(Debug, Clone)]
pub struct Engine {
    /// A number of its own (clones share it): what a prepared context
    /// checks it was prepared by.
    pub(crate) id: u64,
    pub(crate) snap: Snapshot,
    pub(crate) names: Names,
    pub(crate) warnings: Vec<Problem>,
    pub(crate) perms: Vec<Permission>,
    pub(crate) roles: usize,
    /// `role_grants[role * perms + perm]`: a span of `grants`, includes resolved.
    pub(crate) role_grants: Vec<Span>,
    pub(crate) grants: Vec<Grant>,
    /// The roles holders of each role may assign, includes resolved.
    pub(crate) role_assigns: Vec<compiled::Assignable>,
    /// The lists of `role_assigns`, each sorted.
    pub(crate) assignable: Vec<u32>,
    /// Seat carried by each role (`NONE`), includes resolved as a mask.
    pub(crate) role_seats: Vec<u64>,
    pub(crate) users: Vec<User>,
    /// `seat_holders[seat]`: the users holding a role that carries the seat,
    /// in snapshot order.
    pub(crate) seat_holders: Vec<Vec<u32>>,
    pub(crate) assigns: Vec<Assignment>,
    /// `holder_counts[role]`: the users holding the role directly.
    pub(crate) holder_counts: Vec<u32>,
    pub(crate) direct: Vec<Grant>,
    pub(crate) held: Vec<u32>,
    pub(crate) team_lists: Vec<u32>,
    pub(crate) units: Tree,
    pub(crate) reports: Tree,
    /// `first_report[u]`: one of the users reporting to `u` (`NONE`: none);
    /// `next_report[u]`: the next user with `u`'s manager.
    pub(crate) first_report: Vec<u32>,
    pub(crate) next_report: Vec<u32>,
    pub(crate) conds: Vec<Cond>,
    pub(crate) restrictions: Vec<Restriction>,
    pub(crate) restricts: Vec<u32>,
    /// Each role and every role it includes, transitively.
    pub(crate) closure: Closure,
    /// The `record.*` keys conditions read: the slots of [`crate::Slot`]s.
    pub(crate) record_keys: Interner,
    /// Every string a record attribute could be compared with (only built
    /// when conditions read record attributes).
    pub(crate) strings: Interner,
    /// The templates of its messages: the model's locale and overrides.
    pub(crate) messages: Messages,
    /// A digest of the snapshot it was built from ([`Engine::fingerprint`]).
    pub(crate) fingerprint: u64,
    /// How many teams the org has (a slice holds fewer).
    pub(crate) org_teams: usize,
    /// A slice's stand-ins for what it leaves out (none in a full engine).
    pub(crate) elsewhere: Elsewhere,
    /// A slice's owners to try for its user's "some record" searches.
    pub(crate) representatives: Option<Representatives>,
}

impl Engine {
    /// Non-fatal problems found at load (e.g. more seats used than purchased).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The snapshot this engine was built from.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// A digest of the snapshot (64 bits): of its JSON text for
    /// [`Engine::from_json`] (the same text, the same fingerprint), of its
    /// content for [`Engine::from_snapshot`]. A slice carries its engine's,
    /// so a client can tell which version of the org it holds.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The span of `grants` by which `role` grants `perm` (includes
    /// resolved); empty for ids out of range.
    #[inline]
    pub(crate) fn role_grant_span(&self, role: u32, perm: u32) -> Span {
        let cell = (role as usize)
            .checked_mul(self.perms.len())
            .and_then(|row| row.checked_add(perm as usize))
            .filter(|_| (perm as usize) < self.perms.len());
        cell.and_then(|i| self.role_grants.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// An engine of nothing: no permissions, no users (every check denies).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn empty() -> Engine {
        Engine {
            id: next_id(),
            snap: Snapshot {
                model: Default::default(),
                org: Default::default(),
            },
            names: Names::default(),
            warnings: Vec::new(),
            perms: Vec::new(),
            roles: 0,
            role_grants: Vec::new(),
            grants: Vec::new(),
            role_assigns: Vec::new(),
            assignable: Vec::new(),
            role_seats: Vec::new(),
            users: Vec::new(),
            seat_holders: Vec::new(),
            assigns: Vec::new(),
            holder_counts: Vec::new(),
            direct: Vec::new(),
            held: Vec::new(),
            team_lists: Vec::new(),
            units: Tree::default(),
            reports: Tree::default(),
            first_report: Vec::new(),
            next_report: Vec::new(),
            conds: Vec::new(),
            restrictions: Vec::new(),
            restricts: Vec::new(),
            closure: Closure::default(),
            record_keys: Interner::default(),
            strings: Interner::default(),
            messages: Messages::default(),
            fingerprint: 0,
            org_teams: 0,
            elsewhere: Elsewhere::default(),
            representatives: None,
        }
    }

    /// Compiles a snapshot whose structure [`crate::validate`] checked, with
    /// the role-include `closure` it resolved (what does not resolve is
    /// skipped and cycles are cut, so any snapshot within the limits compiles).
    #[inline(never)] // called by a load and by a slice: one copy
    pub(crate) fn build(
        snap: Snapshot,
        names: Names,
        closure: Closure,
        messages: Messages,
    ) -> Engine {
        let mut e = Engine {
            names,
            closure,
            messages,
            org_teams: snap.org.teams.len(),
            ..Engine::empty()
        };
        e.build_permissions(&snap);
        e.build_roles(&snap);
        e.build_users(&snap);
        e.build_strings(&snap);
        for p in &e.direct {
            if let Some(perm) = e.perms.get_mut(p.perm as usize) {
                perm.direct = true;
            }
        }
        e.snap = snap;
        e
    }

    /// Interns every string a record attribute could be compared with, so a
    /// check can pass record strings as indices.
    fn build_strings(&mut self, s: &Snapshot) {
        if self.record_keys.list.is_empty() {
            return;
        }
        let mut strings = Interner::default();
        for c in &self.conds {
            c.literals(&mut strings);
        }
        for r in &self.restrictions {
            r.when.literals(&mut strings);
            if let Some(c) = &r.unless_when {
                c.literals(&mut strings);
            }
        }
        let maps = s
            .org
            .users
            .iter()
            .map(|u| &u.attributes)
            .chain(s.org.teams.iter().map(|t| &t.settings));
        for map in maps.chain(std::iter::once(&s.org.settings)) {
            map.values().for_each(|v| strings.intern_value(v));
        }
        self.strings = strings;
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn build_permissions(&mut self, s: &Snapshot) {
        let plan = s.org.plan.as_deref().and_then(|p| self.names.plans.get(p));
        let plan_features: Option<&[String]> = plan
            .and_then(|p| s.model.plans.get(p as usize))
            .map(|p| p.features.as_slice());
        let has = |f: &str| plan_features.is_none_or(|fs| fs.iter().any(|x| x == f));
        let mut per_perm: Vec<Vec<u32>> = vec![Vec::new(); s.model.permissions.len()];
        for (ri, r) in s.model.restrictions.iter().enumerate() {
            for pat in &r.permissions {
                for p in self.names.patterns.matching(pat, s, &self.names, true) {
                    if let Some(list) = per_perm.get_mut(p as usize) {
                        if !list.contains(&(ri as u32)) {
                            list.push(ri as u32);
                        }
                    }
                }
            }
            let unless = r.unless.as_ref();
            let unless_scope = unless
                .filter(|u| !u.scope.is_empty() || !u.teams.is_empty())
                .map(|u| self.scope(&u.scope, &u.teams));
            let when = Cond::compile_with(&r.when, &mut self.record_keys);
            let unless_when = unless
                .and_then(|u| u.when.as_ref())
                .map(|c| Cond::compile_with(c, &mut self.record_keys));
            self.restrictions.push(Restriction {
                when_open: when.open_truth(),
                unless_open: unless_when.as_ref().and_then(Cond::open_truth),
                when,
                unless_scope,
                unless_when,
                unless_roles: unless
                    .map(|u| {
                        u.roles
                            .iter()
                            .filter_map(|x| self.names.roles.get(x))
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
        for (p, list) in s.model.permissions.iter().zip(per_perm) {
            let start = self.restricts.len();
            self.restricts.extend(list);
            self.perms.push(Permission {
                enabled: p.feature.as_deref().is_none_or(has),
                seat: p
                    .seat
                    .as_deref()
                    .and_then(|x| self.names.seats.get(x))
                    .unwrap_or(NONE),
                restrictions: Span::of(start, self.restricts.len()),
                record_restricted: self.record_restricted(start),
                direct: false,
            });
        }
    }

    /// How the restrictions in `restricts[start..]` depend on the record.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn record_restricted(&self, start: usize) -> RecordRestricted {
        let on_perm = self.restricts.get(start..).unwrap_or_default();
        let restriction = |ri: u32| self.restrictions.get(ri as usize);
        let mut dependent = on_perm.iter().copied().filter(|&ri| {
            restriction(ri).is_some_and(|r| {
                r.unless_scope.is_some()
                    || r.when.reads_a_record()
                    || r.unless_when.as_ref().is_some_and(Cond::reads_a_record)
            })
        });
        match (dependent.next(), dependent.next()) {
            (None, _) => RecordRestricted::No,
            (Some(ri), None)
                if restriction(ri).is_some_and(|r| r.when_open == Some(Truth::Unknown)) =>
            {
                RecordRestricted::Avoidably(ri)
            }
            _ => RecordRestricted::Yes,
        }
    }

    /// Interns a scope's explicit teams and folds its levels into bits.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn scope(&mut self, levels: &[ScopeLevel], teams: &[String]) -> Scope {
        let mut mask = 0u8;
        for l in levels {
            mask |= match l {
                ScopeLevel::Own => level::OWN,
                ScopeLevel::Subordinates => level::SUBORDINATES,
                ScopeLevel::Peers => level::PEERS,
                ScopeLevel::Manager => level::MANAGER,
                ScopeLevel::Team => level::TEAM,
                ScopeLevel::ManagedTeams => level::MANAGED_TEAMS,
                ScopeLevel::All => level::ALL,
            };
        }
        if levels.is_empty() && teams.is_empty() {
            mask = level::ALL;
        }
        let start = self.team_lists.len();
        self.team_lists
            .extend(teams.iter().filter_map(|t| self.names.teams.get(t)));
        Scope {
            mask,
            teams: Span::of(start, self.team_lists.len()),
        }
    }

    /// Compiles one grant into one `Grant` per permission it matches (none
    /// when it needs a feature the plan lacks).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn compile_grant(
        &mut self,
        s: &Snapshot,
        g: &snapshot::Grant,
        origin: Origin,
        out: &mut Vec<Grant>,
    ) {
        // A grant needing a feature the plan lacks does not apply.
        if g.feature
            .as_deref()
            .is_some_and(|f| !plan_has(s, &self.names, f))
        {
            return;
        }
        let scope = self.scope(&g.scope, &g.teams);
        let cond = match &g.when {
            Some(c) => {
                self.conds
                    .push(Cond::compile_with(c, &mut self.record_keys));
                (self.conds.len() - 1) as u32
            }
            None => NONE,
        };
        let unscoped = Scope {
            mask: level::ALL,
            teams: Span::default(),
        };
        let perms = self
            .names
            .patterns
            .matching_except(&g.permission, &g.except, s, &self.names);
        for perm in perms {
            // Scopes concern records: a pattern's scope does not bind the
            // permissions it covers that are not record-scoped.
            let record = s
                .model
                .permissions
                .get(perm as usize)
                .is_some_and(|p| p.record);
            let scope = if record { scope } else { unscoped };
            out.push(Grant {
                perm,
                scope,
                cond,
                origin,
                because: g.because.clone(),
            });
        }
    }
}

/// A number no other engine of this process has: what a prepared context
/// checks it was prepared by (clones share it).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn next_id() -> u64 {
    static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// 64-bit FNV-1a of `bytes`, continuing from `h` (start: [`FNV_START`]).
pub(crate) fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Where [`fnv`] starts.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Whether the org's plan includes feature `f` (every feature without a
/// known plan).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn plan_has(s: &Snapshot, names: &Names, f: &str) -> bool {
    let plan = s.org.plan.as_deref().and_then(|p| names.plans.get(p));
    let plan_features: Option<&[String]> = plan
        .and_then(|p| s.model.plans.get(p as usize))
        .map(|p| p.features.as_slice());
    plan_features.is_none_or(|fs| fs.iter().any(|x| x == f))
}
