//! Generated shapes. References are `Index`es resolved against the lists they
//! point into, so every shape shrinks well and never dangles.

use proptest::sample::Index;
use rolegate::snapshot::ScopeLevel;

/// Permission namespaces: `calls` and `callsx` share the prefix `calls`, so
/// `calls*` and `calls.*` differ.
pub(crate) const NS: [&str; 4] = ["calls", "callsx", "settings", "users"];
/// Grant / restriction patterns.
pub(crate) const PATTERNS: [&str; 9] = [
    "calls.*",
    "calls*",
    "callsx.*",
    "settings.*",
    "s*",
    "users.*",
    "u*",
    "c*",
    "calls.p*",
];
pub(crate) const KEYS: [&str; 3] = ["k0", "k1", "k2"];
pub(crate) const STRS: [&str; 3] = ["a", "b", "c"];
pub(crate) const LEVELS: [ScopeLevel; 7] = [
    ScopeLevel::Own,
    ScopeLevel::Subordinates,
    ScopeLevel::Peers,
    ScopeLevel::Manager,
    ScopeLevel::Team,
    ScopeLevel::ManagedTeams,
    ScopeLevel::All,
];
/// A name no kind of thing ever has.
pub(crate) const GHOST: &str = "ghost";

#[derive(Debug, Clone)]
pub(crate) enum GVal {
    B(bool),
    N(u8),
    S(u8),
    L(Vec<u8>),
}

#[derive(Debug, Clone)]
pub(crate) struct GPath {
    pub(crate) src: u8,
    pub(crate) key: u8,
}

#[derive(Debug, Clone)]
pub(crate) enum GOp {
    Eq(GVal),
    In(Vec<GVal>),
    Present(bool),
    EqAttr(GPath),
    InAttr(GPath),
}

#[derive(Debug, Clone)]
pub(crate) enum GCond {
    All(Vec<GCond>),
    Any(Vec<GCond>),
    Not(Box<GCond>),
    Cmp(GPath, GOp),
}

#[derive(Debug, Clone)]
pub(crate) enum GTarget {
    Exact(Index),
    Star,
    Pattern(Index),
}

#[derive(Debug, Clone)]
pub(crate) struct GGrant {
    pub(crate) target: GTarget,
    pub(crate) scope: Vec<u8>,
    pub(crate) teams: Vec<Index>,
    pub(crate) when: Option<GCond>,
    pub(crate) because: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct GPerm {
    pub(crate) ns: u8,
    pub(crate) record: bool,
    pub(crate) feature: Option<Index>,
    pub(crate) seat: Option<Index>,
}

#[derive(Debug, Clone)]
pub(crate) struct GRole {
    pub(crate) includes: Vec<Index>,
    pub(crate) grants: Vec<GGrant>,
    pub(crate) seat: Option<Index>,
    pub(crate) requires: Vec<Index>,
    pub(crate) requires_user: Option<GCond>,
    pub(crate) holders: bool,
    pub(crate) assigns: Vec<Index>,
}

#[derive(Debug, Clone)]
pub(crate) struct GToggle {
    pub(crate) feature: Option<Index>,
    pub(crate) grants: Vec<GGrant>,
}

#[derive(Debug, Clone)]
pub(crate) struct GUnless {
    pub(crate) scope: Vec<u8>,
    pub(crate) teams: Vec<Index>,
    pub(crate) when: Option<GCond>,
    pub(crate) roles: Vec<Index>,
}

#[derive(Debug, Clone)]
pub(crate) struct GRestriction {
    pub(crate) perms: Vec<GTarget>,
    pub(crate) when: GCond,
    pub(crate) unless: Option<GUnless>,
}

#[derive(Debug, Clone)]
pub(crate) struct GModel {
    pub(crate) perms: Vec<GPerm>,
    pub(crate) features: usize,
    pub(crate) plans: Vec<Vec<Index>>,
    pub(crate) seats: usize,
    pub(crate) roles: Vec<GRole>,
    pub(crate) role_keys: Vec<u32>,
    pub(crate) toggles: Vec<GToggle>,
    pub(crate) restrictions: Vec<GRestriction>,
    pub(crate) roles_per_user: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct GAssign {
    pub(crate) role: Index,
    pub(crate) place: u8,
    pub(crate) at: Index,
}

#[derive(Debug, Clone)]
pub(crate) struct GUser {
    pub(crate) manager: Option<Index>,
    pub(crate) teams: Vec<Index>,
    pub(crate) roles: Vec<GAssign>,
    pub(crate) toggles: Vec<Index>,
    pub(crate) grants: Vec<GGrant>,
    pub(crate) attrs: Vec<(u8, GVal)>,
}

#[derive(Debug, Clone)]
pub(crate) struct GTeam {
    pub(crate) managers: Vec<Index>,
    pub(crate) settings: Vec<(u8, GVal)>,
}

#[derive(Debug, Clone)]
pub(crate) struct GOrg {
    pub(crate) plan: Option<Index>,
    pub(crate) settings: Vec<(u8, GVal)>,
    pub(crate) seats: Vec<(Index, u32)>,
    pub(crate) units: Vec<Option<Index>>,
    pub(crate) unit_keys: Vec<u32>,
    pub(crate) teams: Vec<GTeam>,
    pub(crate) users: Vec<GUser>,
    pub(crate) user_keys: Vec<u32>,
}

/// A name in a check's context: a known one (by index) or `GHOST`.
pub(crate) type GName = Option<Index>;

#[derive(Debug, Clone)]
pub(crate) struct GRecord {
    pub(crate) owner: Option<GName>,
    pub(crate) team: Option<GName>,
    pub(crate) unit: Option<GName>,
    pub(crate) attrs: Vec<(u8, GVal)>,
}

#[derive(Debug, Clone)]
pub(crate) struct GCtx {
    pub(crate) unit: Option<GName>,
    pub(crate) team: Option<GName>,
    pub(crate) record: Option<GRecord>,
}
