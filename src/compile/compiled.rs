//! The compiled forms of a snapshot's parts: dense ids and spans into the
//! [`super::Engine`]'s flat arrays, nothing borrowed and nothing by name.

use super::condition::{Cond, Env, Truth};

/// Scope level bits of [`Scope::mask`].
pub mod level {
    pub const OWN: u8 = 1;
    pub const SUBORDINATES: u8 = 2;
    pub const PEERS: u8 = 4;
    pub const MANAGER: u8 = 8;
    pub const TEAM: u8 = 16;
    pub const MANAGED_TEAMS: u8 = 32;
    pub const ALL: u8 = 64;
    /// The levels that reach records by their owner (or all of them), not
    /// by their team.
    pub const BY_OWNER: u8 = OWN | SUBORDINATES | PEERS | MANAGER | ALL;
}

/// A half-open range into one of the engine's flat arrays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn of(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    #[inline]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A compiled record scope: level bits plus explicit teams.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Scope {
    pub mask: u8,
    /// Explicit teams, a span of `Engine::team_lists`.
    pub teams: Span,
}

impl Scope {
    /// Every record.
    pub fn is_all(&self) -> bool {
        self.mask & level::ALL != 0
    }
}

/// Where a grant came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A role (the id of the role that states the grant).
    Role(u32),
    /// A toggle.
    Toggle(u32),
    /// The user's own `grants`.
    Direct,
}

/// One compiled grant of one permission.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub perm: u32,
    pub scope: Scope,
    /// An index into `Engine::conds`, or `NONE`.
    pub cond: u32,
    pub origin: Origin,
    pub because: Option<String>,
}

/// Where a role assignment applies: org-wide, at a unit (and below), or for a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    Org,
    Unit(u32),
    Team(u32),
}

/// A role held by a user.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Assignment {
    pub role: u32,
    pub place: Place,
}

/// A compiled user.
#[derive(Debug, Clone, Default)]
pub(crate) struct User {
    pub manager: u32,
    /// Span of `Engine::assigns`.
    pub assigns: Span,
    /// Span of `Engine::direct` (toggles and own grants, sorted by permission).
    pub direct: Span,
    /// Span of `Engine::team_lists`.
    pub teams: Span,
    /// Span of `Engine::team_lists`: the teams the user manages.
    pub managed: Span,
    /// Span of `Engine::held`: every role held anywhere, includes resolved.
    pub held: Span,
    /// Bit `s`: holds a role carrying seat `s`.
    pub seats: u64,
}

/// A compiled permission.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Permission {
    /// The plan includes its feature (or it needs none).
    pub enabled: bool,
    pub seat: u32,
    /// Span of `Engine::restricts`.
    pub restrictions: Span,
    /// Whether its restrictions depend on the record (without a record,
    /// one may bind some records and not others).
    pub record_restricted: RecordRestricted,
    /// Some user of the org is granted it directly (a toggle or their own
    /// grant): what a denial's words say when no role or toggle grants it.
    pub direct: bool,
}

/// How a permission's restrictions depend on the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordRestricted {
    /// None does: they bind every record or none.
    No,
    /// One does (restriction `r`), by a trigger that reads record attributes
    /// only and is false on some records: a record the grant allows escapes
    /// it unless the grant reads those attributes too.
    Avoidably(u32),
    /// Otherwise (a trigger or exemption reading the record or its team, an
    /// exemption by scope).
    Yes,
}

/// A compiled restriction.
#[derive(Debug, Clone)]
pub(crate) struct Restriction {
    pub when: Cond,
    pub unless_scope: Option<Scope>,
    pub unless_when: Option<Cond>,
    pub unless_roles: Vec<u32>,
    /// The truth of `when` and of `unless_when` without a record, when it
    /// is the same for every user (they read the record only): computed
    /// once, for the checks without a record.
    pub when_open: Option<Truth>,
    pub unless_open: Option<Truth>,
}

impl Restriction {
    /// The truth of its trigger for `env` (without a record, when it reads
    /// the record only: the truth worked out at compile).
    pub fn when_truth(&self, env: &Env<'_>, has_record: bool) -> Truth {
        once(&self.when, self.when_open, env, has_record)
    }

    /// The truth of its exemption's condition, if it has one (as
    /// [`Restriction::when_truth`]).
    pub fn unless_truth(&self, env: &Env<'_>, has_record: bool) -> Option<Truth> {
        let w = self.unless_when.as_ref()?;
        Some(once(w, self.unless_open, env, has_record))
    }
}

/// `k`'s truth for `env`, or `open` (its truth without a record, if known)
/// when there is no record.
fn once(k: &Cond, open: Option<Truth>, env: &Env<'_>, has_record: bool) -> Truth {
    match open {
        Some(t) if !has_record => t,
        _ => k.truth(env),
    }
}

/// The stand-ins of a slice (`crate::slice`) for everything of the org it
/// leaves out: one user, one team and one unit (`NONE` in a full engine, or
/// when the slice leaves out nothing of that kind). A name the slice does not
/// know is decided as its stand-in: someone (or something) of the org out of
/// the user's reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Elsewhere {
    pub user: u32,
    pub team: u32,
    pub unit: u32,
}

impl Default for Elsewhere {
    fn default() -> Self {
        Elsewhere {
            user: crate::index::NONE,
            team: crate::index::NONE,
            unit: crate::index::NONE,
        }
    }
}

/// The users a search for "some record" tries as owners, besides the user
/// and their manager (`crate::decide::some_record`): their first report and
/// a peer. A slice keeps the full engine's (as its stand-ins when out of reach).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Representatives {
    pub user: u32,
    pub report: u32,
    pub peer: u32,
}

/// The roles the holders of one role may assign.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Assignable {
    /// Every role (`"assigns": ["*"]`).
    pub all: bool,
    /// Otherwise these, a sorted span of `Engine::assignable`.
    pub roles: Span,
}
