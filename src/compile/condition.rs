//! Conditions compiled to a tree, and their evaluation (which allocates
//! nothing). Record attributes are read by name, or by slot when a check
//! passes them as numbers (see [`Slot`]).

use crate::index::{AttrPath, Source};
use crate::snapshot::{AttrValue, Condition, Team};
use std::collections::BTreeMap;

/// An attribute path of a compiled condition, with its record slot.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operand {
    pub path: AttrPath,
    /// For `record.*` paths: the key's index in `Engine::record_keys`.
    pub slot: u32,
}

/// What [`Cond::reads`] asks about.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reads {
    Team,
    /// A record attribute by slot, or any (`None`).
    Record(Option<u32>),
}

impl Operand {
    /// Whether this is a record attribute `other` reads too.
    fn reads_in(&self, other: &Cond) -> bool {
        self.path.source == Source::Record && other.reads(Reads::Record(Some(self.slot)))
    }
}

/// A compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Eq(Operand, AttrValue),
    In(Operand, Vec<AttrValue>),
    Present(Operand, bool),
    EqAttr(Operand, Operand),
    InAttr(Operand, Operand),
}

impl Cond {
    /// Compiles a condition that validation has already accepted; a form it
    /// would reject compiles to "never holds".
    pub fn compile(c: &Condition) -> Cond {
        Cond::compile_with(c, &mut Interner::default())
    }

    /// [`Cond::compile`], numbering `record.*` keys in `keys`: the slots in
    /// which a check may pass a record's attributes.
    pub fn compile_with(c: &Condition, keys: &mut Interner) -> Cond {
        if let Some(all) = &c.all {
            return Cond::All(all.iter().map(|c| Cond::compile_with(c, keys)).collect());
        }
        if let Some(any) = &c.any {
            return Cond::Any(any.iter().map(|c| Cond::compile_with(c, keys)).collect());
        }
        if let Some(not) = &c.not {
            return Cond::Not(Box::new(Cond::compile_with(not, keys)));
        }
        let mut path = |text: Option<&str>| {
            let path = text.and_then(AttrPath::parse)?;
            let slot = match path.source {
                Source::Record => keys.intern(&path.key),
                _ => u32::MAX,
            };
            Some(Operand { path, slot })
        };
        let Some(lhs) = path(c.attr.as_deref()) else {
            return Cond::Any(Vec::new());
        };
        if let Some(v) = &c.eq {
            Cond::Eq(lhs, v.clone())
        } else if let Some(vs) = &c.one_of {
            Cond::In(lhs, vs.clone())
        } else if let Some(p) = c.present {
            Cond::Present(lhs, p)
        } else if let Some(other) = path(c.eq_attr.as_deref()) {
            Cond::EqAttr(lhs, other)
        } else if let Some(other) = path(c.in_attr.as_deref()) {
            Cond::InAttr(lhs, other)
        } else {
            Cond::Any(Vec::new())
        }
    }

    /// Whether the condition holds for the attributes in `env` (for every
    /// record, when the check has none).
    pub fn holds(&self, env: &Env<'_>) -> bool {
        self.truth(env) == Truth::True
    }

    /// The condition's truth for the attributes in `env`. Without a record
    /// ([`RecordAttrs::Any`]) or a team ([`Env::team_open`]), each test is
    /// judged on every record (and team) there could be: [`Truth::Unknown`]
    /// when some pass it and some do not; `all`, `any` and `not` combine
    /// those as three-valued logic does.
    pub fn truth(&self, env: &Env<'_>) -> Truth {
        let open = matches!(env.record, RecordAttrs::Any) || env.team_open.is_some();
        match open.then(|| self.truth_by_cases(env)).flatten() {
            Some(t) => t,
            None => self.truth_by_tests(env),
        }
    }

    /// [`Cond::truth`] test by test (exact for a record or team that is
    /// given; otherwise each test is judged on its own).
    fn truth_by_tests(&self, env: &Env<'_>) -> Truth {
        match self {
            Cond::All(cs) => cs.iter().fold(Truth::True, |t, c| match t {
                Truth::False => t,
                _ => t.and(c.truth_by_tests(env)),
            }),
            Cond::Any(cs) => cs.iter().fold(Truth::False, |t, c| match t {
                Truth::True => t,
                _ => t.or(c.truth_by_tests(env)),
            }),
            Cond::Not(c) => c.truth_by_tests(env).not(),
            Cond::Eq(p, v) => env.test(p, std::slice::from_ref(v), &|a| {
                a.is_some_and(|a| a.same(Val::of(v)))
            }),
            Cond::In(p, vs) => env.test(p, vs, &|a| {
                a.is_some_and(|a| match a {
                    Val::List(items) => items
                        .iter()
                        .any(|i| vs.iter().any(|v| Val::Str(i).same(Val::of(v)))),
                    _ => vs.iter().any(|v| a.same(Val::of(v))),
                })
            }),
            Cond::Present(p, want) => env.test(p, &[], &|a| a.is_some() == *want),
            Cond::EqAttr(p, q) => env.test2(p, q, &|a, b| match (a, b) {
                (Some(a), Some(b)) => a.same(b),
                _ => false,
            }),
            Cond::InAttr(p, q) => env.test2(p, q, &|a, b| match (a, b) {
                (Some(Val::List(xs)), Some(Val::List(items))) => {
                    xs.iter().any(|x| items.contains(x))
                }
                (Some(a), Some(Val::List(items))) => items.iter().any(|i| a.same(Val::Str(i))),
                (Some(a), Some(b)) => a.same(b),
                _ => false,
            }),
        }
    }

    /// [`Cond::truth`] without a record (or team), exactly: the condition
    /// judged whole on each record (and team) that could tell its outcomes
    /// apart: each record attribute it reads absent, unlike anything, or
    /// equal to a value it is compared with; each team, or none. `None`
    /// when there are more cases than [`Cases`] holds (each test is then
    /// judged on its own).
    fn truth_by_cases(&self, env: &Env<'_>) -> Option<Truth> {
        let mut cases = Cases::default();
        Cond::cases_of(|| std::iter::once(self), env, &mut cases)?;
        let teams = match (cases.team, env.team_open) {
            (true, Some(teams)) if teams.len() < MAX_TEAMS => teams,
            (true, Some(_)) => return None,
            _ => &[],
        };
        let records = cases.records();
        if records.saturating_mul(teams.len() + 1) > MAX_CASES {
            return None;
        }
        let mut seen = Seen::default();
        let none = !env.team_required || teams.is_empty();
        let team_cases = none
            .then_some(None)
            .into_iter()
            .chain(teams.iter().map(|t| Some(&t.settings)));
        for team in team_cases {
            for n in 0..records {
                let record = cases.record(n);
                let one = Env {
                    record: RecordAttrs::Picked(record.0.get(..record.1).unwrap_or_default()),
                    team: if env.team_open.is_some() {
                        team
                    } else {
                        env.team
                    },
                    team_open: None,
                    ..*env
                };
                if seen.add(self.truth_by_tests(&one) == Truth::True) {
                    return Some(Truth::Unknown);
                }
            }
        }
        Some(seen.truth())
    }

    /// [`Cond::cases`] of each condition, then [`Cond::share`]: the cases
    /// of records that tell the conditions' outcomes apart.
    pub fn cases_of<'v, I: Iterator<Item = &'v Cond>>(
        conds: impl Fn() -> I,
        env: &Env<'v>,
        cases: &mut Cases<'v>,
    ) -> Option<()> {
        conds().try_for_each(|k| k.cases(env, cases))?;
        // A chain of equal attributes passes its values one link a round.
        for _ in 0..MAX_KEYS {
            conds().try_for_each(|k| k.share(env, cases))?;
        }
        Some(())
    }

    /// For each equality of two record attributes, gives each side the
    /// values tried for the other, so that some case makes them equal.
    fn share<'v>(&'v self, env: &Env<'v>, cases: &mut Cases<'v>) -> Option<()> {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().try_for_each(|c| c.share(env, cases)),
            Cond::Not(c) => c.share(env, cases),
            Cond::EqAttr(p, q) | Cond::InAttr(p, q)
                if p.path.source == Source::Record && q.path.source == Source::Record =>
            {
                for (a, b) in [(p, q), (q, p)] {
                    let (values, n) = cases.values_of(b.slot);
                    for v in values.into_iter().take(n).flatten() {
                        cases.add(a, Some(v), env)?;
                        items(Some(v)).try_for_each(|i| cases.add(a, i, env))?;
                    }
                }
                Some(())
            }
            _ => Some(()),
        }
    }

    /// Adds the record attributes this condition reads, and the values that
    /// could tell its outcomes apart, to `cases`; `None` when they do not fit.
    pub fn cases<'v>(&'v self, env: &Env<'v>, cases: &mut Cases<'v>) -> Option<()> {
        let lits = |p: &Operand, vs: &'v [AttrValue], cases: &mut Cases<'v>| {
            vs.iter()
                .try_for_each(|v| cases.add(p, Some(Val::of(v)), env))
        };
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().try_for_each(|c| c.cases(env, cases)),
            Cond::Not(c) => c.cases(env, cases),
            Cond::Eq(p, v) => lits(p, std::slice::from_ref(v), cases),
            Cond::In(p, vs) => lits(p, vs, cases),
            Cond::Present(p, _) => cases.add(p, None, env),
            Cond::EqAttr(p, q) | Cond::InAttr(p, q) => {
                // Each side may equal the other, or one of its items.
                for (a, b) in [(p, q), (q, p)] {
                    match env.read(b) {
                        Read::Known(v) => {
                            cases.add(a, v, env)?;
                            items(v).try_for_each(|i| cases.add(a, i, env))?;
                        }
                        Read::AnyTeam => {
                            cases.team = true;
                            // A record attribute may equal any team's setting.
                            for t in env.team_open.unwrap_or_default() {
                                let v = t.settings.get(b.path.key.as_str()).map(Val::of);
                                cases.add(a, v, env)?;
                            }
                        }
                        Read::AnyRecord => cases.add(a, None, env)?,
                    }
                }
                Some(())
            }
        }
    }

    /// Whether it reads a record's attributes or its team's settings (what
    /// a check without a record does not know).
    pub fn reads_a_record(&self) -> bool {
        self.reads(Reads::Record(None)) || self.reads(Reads::Team)
    }

    /// Its truth without a record, if the same for every user and team: it
    /// reads record attributes only (or nothing).
    pub fn open_truth(&self) -> Option<Truth> {
        let only_record = |p: &Operand| p.path.source == Source::Record;
        let only = match self {
            Cond::All(cs) | Cond::Any(cs) => return self.open_truth_of(cs),
            Cond::Not(c) => return c.open_truth().map(Truth::not),
            Cond::Eq(p, _) | Cond::In(p, _) | Cond::Present(p, _) => only_record(p),
            Cond::EqAttr(p, q) | Cond::InAttr(p, q) => only_record(p) && only_record(q),
        };
        only.then(|| self.truth(&Env::default()))
    }

    /// [`Cond::open_truth`] of an `all` or `any` of `cs`.
    fn open_truth_of(&self, cs: &[Cond]) -> Option<Truth> {
        cs.iter()
            .all(|c| c.open_truth().is_some())
            .then(|| self.truth(&Env::default()))
    }

    /// Whether it reads a setting of a team, or record attribute `slot`
    /// (`None`: any record attribute).
    pub fn reads(&self, what: Reads) -> bool {
        let hit = |p: &Operand| match (p.path.source, what) {
            (Source::Team, Reads::Team) => true,
            (Source::Record, Reads::Record(slot)) => slot.is_none_or(|s| s == p.slot),
            _ => false,
        };
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(|c| c.reads(what)),
            Cond::Not(c) => c.reads(what),
            Cond::Eq(p, _) | Cond::In(p, _) | Cond::Present(p, _) => hit(p),
            Cond::EqAttr(p, q) | Cond::InAttr(p, q) => hit(p) || hit(q),
        }
    }

    /// Calls `f` with every attribute path it reads.
    pub fn paths(&self, f: &mut impl FnMut(&AttrPath)) {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.paths(f)),
            Cond::Not(c) => c.paths(f),
            Cond::Eq(p, _) | Cond::In(p, _) | Cond::Present(p, _) => f(&p.path),
            Cond::EqAttr(p, q) | Cond::InAttr(p, q) => {
                f(&p.path);
                f(&q.path);
            }
        }
    }

    /// Whether it reads a record attribute that `other` reads too.
    pub fn shares_record_attributes(&self, other: &Cond) -> bool {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(|c| c.shares_record_attributes(other)),
            Cond::Not(c) => c.shares_record_attributes(other),
            Cond::Eq(p, _) | Cond::In(p, _) | Cond::Present(p, _) => p.reads_in(other),
            Cond::EqAttr(p, q) | Cond::InAttr(p, q) => p.reads_in(other) || q.reads_in(other),
        }
    }

    /// Interns every string literal of the condition.
    pub fn literals(&self, strings: &mut Interner) {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.literals(strings)),
            Cond::Not(c) => c.literals(strings),
            Cond::Eq(_, v) => strings.intern_value(v),
            Cond::In(_, vs) => vs.iter().for_each(|v| strings.intern_value(v)),
            Cond::Present(..) | Cond::EqAttr(..) | Cond::InAttr(..) => {}
        }
    }
}

/// A record attribute value passed by index instead of by name, so that a
/// check from JavaScript crosses the boundary with numbers only.
///
/// A slot's position is the key's index in [`crate::Engine::record_keys`].
/// A string is its index from [`crate::Engine::string_index`]; a string the
/// snapshot does not contain takes any index at or above
/// [`crate::Engine::string_count`] (equal strings, equal indices), and then
/// equals only itself.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Slot {
    /// The attribute is not set.
    #[default]
    Absent,
    /// A boolean.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string, by index.
    Str(u32),
}

/// A borrowed attribute value, wherever it came from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Val<'a> {
    Bool(bool),
    Num(f64),
    Str(&'a str),
    /// A string absent from the snapshot, by the caller's index.
    Other(u32),
    List(&'a [String]),
}

impl<'a> Val<'a> {
    fn of(v: &'a AttrValue) -> Val<'a> {
        match v {
            AttrValue::Bool(b) => Val::Bool(*b),
            AttrValue::Num(n) => Val::Num(*n),
            AttrValue::Str(s) => Val::Str(s),
            AttrValue::List(l) => Val::List(l),
        }
    }

    fn same(self, other: Val<'_>) -> bool {
        match (self, other) {
            (Val::Bool(x), Val::Bool(y)) => x == y,
            (Val::Num(x), Val::Num(y)) => x == y,
            (Val::Str(x), Val::Str(y)) => x == y,
            (Val::Other(x), Val::Other(y)) => x == y,
            (Val::List(x), Val::List(y)) => x == y,
            _ => false,
        }
    }
}

/// A truth value that may be unknown (see [`Cond::truth`]), in the order
/// False < Unknown < True.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Truth {
    False,
    /// Holds for some records and not for others.
    Unknown,
    True,
}

impl Truth {
    fn of(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    pub fn not(self) -> Truth {
        match self {
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
            Truth::True => Truth::False,
        }
    }

    /// Three-valued `and` and `or`: the least and the greatest, in the
    /// order False < Unknown < True.
    fn and(self, other: Truth) -> Truth {
        self.min(other)
    }

    fn or(self, other: Truth) -> Truth {
        self.max(other)
    }

    /// Whether it holds for some record (true or unknown).
    pub fn possible(self) -> bool {
        self != Truth::False
    }
}

/// A record's attributes: by name, or by slot.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) enum RecordAttrs<'a> {
    /// No record: the check is about some record, any of its attributes
    /// may be anything ([`Truth::Unknown`]).
    #[default]
    Any,
    Map(&'a BTreeMap<String, AttrValue>),
    Slots(&'a [Slot]),
    /// Some of the attributes, by slot (others absent): a case tried by
    /// [`Cond::truth_by_cases`].
    Picked(&'a [(u32, Option<Val<'a>>)]),
}

/// The attributes a condition can read, all borrowed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Env<'a> {
    pub user: Option<&'a BTreeMap<String, AttrValue>>,
    pub record: RecordAttrs<'a>,
    pub org: Option<&'a BTreeMap<String, AttrValue>>,
    pub team: Option<&'a BTreeMap<String, AttrValue>>,
    /// Without a record or a team in the check, the team is that of some
    /// record: any of these teams, or none.
    pub team_open: Option<&'a [Team]>,
    /// With `team_open`: the record is of one of those teams, never of none
    /// (the grant reaches records by their owners, and every owner it
    /// reaches has a team, which a record naming none is of).
    pub team_required: bool,
    /// The engine's string table, for `Slot::Str`.
    pub strings: &'a [String],
}

/// Most record attributes, values per attribute, teams and cases
/// [`Cond::truth_by_cases`] tries.
const MAX_KEYS: usize = 4;
const MAX_VALUES: usize = 8;
const MAX_TEAMS: usize = 64;
const MAX_CASES: usize = 4096;

/// The values one record attribute takes in the cases tried.
#[derive(Debug, Clone, Copy)]
struct Key<'v> {
    slot: u32,
    values: [Option<Val<'v>>; MAX_VALUES],
    len: usize,
}

/// The record attributes conditions read, each with the values that could
/// tell their outcomes apart, and whether they read a team setting.
#[derive(Debug, Default)]
pub(crate) struct Cases<'v> {
    keys: [Option<Key<'v>>; MAX_KEYS],
    /// A team setting is read.
    pub team: bool,
}

impl<'v> Cases<'v> {
    /// How many records the cases make (each attribute's values multiplied).
    pub fn records(&self) -> usize {
        self.keys.iter().flatten().map(|k| k.len).product()
    }

    /// Adds `value` to the values of `p`, if it reads a record attribute
    /// (a team setting: marks the team read). `None` when it does not fit.
    fn add(&mut self, p: &Operand, value: Option<Val<'v>>, env: &Env<'_>) -> Option<()> {
        if p.path.source == Source::Team && env.team_open.is_some() {
            self.team = true;
            return Some(());
        }
        if p.path.source != Source::Record || !matches!(env.record, RecordAttrs::Any) {
            return Some(());
        }
        let at = self
            .keys
            .iter()
            .position(|k| k.is_none_or(|k| k.slot == p.slot))?;
        let key = self.keys.get_mut(at)?.get_or_insert(Key {
            slot: p.slot,
            // Absent, and unlike anything.
            values: [None, Some(UNLIKE), None, None, None, None, None, None],
            len: 2,
        });
        let Some(value) = value else {
            return Some(());
        };
        let known = key.values.iter().take(key.len).flatten();
        if known.clone().any(|v| v.same(value)) {
            return Some(());
        }
        *key.values.get_mut(key.len)? = Some(value);
        key.len += 1;
        Some(())
    }

    /// The values tried for record attribute `slot` (none when not read).
    fn values_of(&self, slot: u32) -> ([Option<Val<'v>>; MAX_VALUES], usize) {
        match self.keys.iter().flatten().find(|k| k.slot == slot) {
            Some(k) => (k.values, k.len),
            None => ([None; MAX_VALUES], 0),
        }
    }

    /// Case `n` of the records: each attribute's value picked by the
    /// digits of `n` (mixed radix), as `(slot, value)` pairs and their count.
    pub fn record(&self, mut n: usize) -> ([(u32, Option<Val<'v>>); MAX_KEYS], usize) {
        let mut out = [(u32::MAX, None); MAX_KEYS];
        let mut len = 0;
        for (k, slot) in self.keys.iter().flatten().zip(out.iter_mut()) {
            let digit = n % k.len.max(1);
            n /= k.len.max(1);
            *slot = (k.slot, k.values.get(digit).copied().flatten());
            len += 1;
        }
        (out, len)
    }
}

/// What an operand of a test reads.
#[derive(Debug, Clone, Copy)]
enum Read<'a> {
    /// A value, or nothing (absent).
    Known(Option<Val<'a>>),
    /// An attribute of some record: any value, or none.
    AnyRecord,
    /// A setting of some record's team: that of any team, or none.
    AnyTeam,
}

/// Which answers a test gave over the values tried.
#[derive(Debug, Default)]
struct Seen {
    yes: bool,
    no: bool,
}

impl Seen {
    /// Records one answer; true once both were seen (no need to go on).
    fn add(&mut self, answer: bool) -> bool {
        if answer {
            self.yes = true;
        } else {
            self.no = true;
        }
        self.yes && self.no
    }

    fn truth(self) -> Truth {
        match (self.yes, self.no) {
            (true, true) => Truth::Unknown,
            (true, false) => Truth::True,
            _ => Truth::False,
        }
    }
}

/// A string that no snapshot holds: a record attribute unlike any other.
const UNLIKE: Val<'static> = Val::Other(u32::MAX);

/// The items of a list, as strings (a record may hold one of them).
fn items<'a>(v: Option<Val<'a>>) -> impl Iterator<Item = Option<Val<'a>>> {
    let list = match v {
        Some(Val::List(xs)) => xs,
        _ => &[],
    };
    list.iter().map(|x| Some(Val::Str(x)))
}

impl<'a> Env<'a> {
    fn read(&self, p: &Operand) -> Read<'a> {
        match (self.get(p), p.path.source) {
            (Some(v), _) => Read::Known(v),
            (None, Source::Team) => Read::AnyTeam,
            (None, _) => Read::AnyRecord,
        }
    }

    /// The values `r` may take: its value, or every team's setting `key`
    /// and none.
    fn values<'k>(&self, r: Read<'a>, key: &'k str) -> impl Iterator<Item = Option<Val<'a>>> + 'k
    where
        'a: 'k,
    {
        let (first, teams) = match r {
            Read::Known(v) => (v, &[][..]),
            Read::AnyTeam => (None, self.team_open.unwrap_or_default()),
            Read::AnyRecord => (None, &[][..]),
        };
        let settings = move |t: &'a Team| t.settings.get(key).map(Val::of);
        std::iter::once(first).chain(teams.iter().map(settings))
    }

    /// `test` of the value at `p`, on every value it may take: a record
    /// attribute none, one unlike any other, or one of `literals`.
    fn test<'b>(
        &self,
        p: &Operand,
        literals: &'b [AttrValue],
        test: &dyn Fn(Option<Val<'b>>) -> bool,
    ) -> Truth
    where
        'a: 'b,
    {
        let r = self.read(p);
        let mut seen = Seen::default();
        match r {
            Read::Known(v) => return Truth::of(test(v)),
            Read::AnyTeam => {
                let _ = self.values(r, &p.path.key).any(|v| seen.add(test(v)));
            }
            Read::AnyRecord => {
                let tries = [None, Some(UNLIKE)].into_iter();
                let _ = tries
                    .chain(literals.iter().map(|l| Some(Val::of(l))))
                    .any(|v| seen.add(test(v)));
            }
        }
        seen.truth()
    }

    /// `test` of the values at `p` and `q`, on every pair they may take: a
    /// record attribute none, one unlike any other, the other's value or
    /// one of its items; the two settings of one team.
    fn test2(
        &self,
        p: &Operand,
        q: &Operand,
        test: &dyn Fn(Option<Val<'a>>, Option<Val<'a>>) -> bool,
    ) -> Truth {
        let (rp, rq) = (self.read(p), self.read(q));
        let mut seen = Seen::default();
        let tries =
            |other: Option<Val<'a>>| [None, Some(UNLIKE), other].into_iter().chain(items(other));
        let _ = match (rp, rq) {
            (Read::Known(a), Read::Known(b)) => return Truth::of(test(a, b)),
            (Read::AnyTeam, Read::AnyTeam) => {
                let teams = self.team_open.unwrap_or_default();
                let pair = |t: &'a Team| (t.settings.get(&p.path.key), t.settings.get(&q.path.key));
                std::iter::once((None, None))
                    .chain(teams.iter().map(pair))
                    .any(|(a, b)| seen.add(test(a.map(Val::of), b.map(Val::of))))
            }
            (Read::AnyRecord, Read::AnyRecord) => {
                tries(Some(UNLIKE)).any(|a| tries(a).any(|b| seen.add(test(a, b))))
            }
            (Read::AnyRecord, other) => self
                .values(other, &q.path.key)
                .any(|b| tries(b).any(|a| seen.add(test(a, b)))),
            (other, Read::AnyRecord) => self
                .values(other, &p.path.key)
                .any(|a| tries(a).any(|b| seen.add(test(a, b)))),
            (a, b) => self
                .values(a, &p.path.key)
                .any(|a| self.values(b, &q.path.key).any(|b| seen.add(test(a, b)))),
        };
        seen.truth()
    }

    /// The value at `p` (`Some(None)`: absent), or `None` when `p` reads a
    /// record (or a record's team) the check does not have.
    fn get(&self, p: &Operand) -> Option<Option<Val<'a>>> {
        let map = match p.path.source {
            Source::User => self.user,
            Source::Org => self.org,
            Source::Team if self.team_open.is_some() => return None,
            Source::Team => self.team,
            Source::Record => match self.record {
                RecordAttrs::Any => return None,
                RecordAttrs::Picked(picked) => {
                    let found = picked.iter().find(|(slot, _)| *slot == p.slot);
                    return Some(found.and_then(|(_, v)| *v));
                }
                RecordAttrs::Map(m) => Some(m),
                RecordAttrs::Slots(slots) => {
                    return Some(
                        match slots.get(p.slot as usize).copied().unwrap_or_default() {
                            Slot::Absent => None,
                            Slot::Bool(b) => Some(Val::Bool(b)),
                            Slot::Num(n) => Some(Val::Num(n)),
                            Slot::Str(i) => Some(match self.strings.get(i as usize) {
                                Some(s) => Val::Str(s),
                                None => Val::Other(i),
                            }),
                        },
                    );
                }
            },
        };
        Some(map.and_then(|m| m.get(p.path.key.as_str())).map(Val::of))
    }
}

/// Numbers distinct strings in first-seen order.
#[derive(Debug, Clone)]
pub(crate) struct Interner {
    #[cfg(not(feature = "client"))]
    map: crate::index::hashing::NameMap<u32>,
    /// The client build's table: sorted, no hashing (`SortedNames`).
    #[cfg(feature = "client")]
    map: crate::index::SortedNames,
    pub list: Vec<String>,
}

// (The full build's table takes a hasher of its own: not derivable there.)
#[cfg_attr(feature = "client", allow(clippy::derivable_impls))]
impl Default for Interner {
    fn default() -> Self {
        Interner {
            #[cfg(not(feature = "client"))]
            map: crate::index::hashing::name_map(0),
            #[cfg(feature = "client")]
            map: crate::index::SortedNames::default(),
            list: Vec::new(),
        }
    }
}

impl Interner {
    /// The strings of `list`, numbered in order.
    #[cfg(not(feature = "client"))]
    pub fn of(list: Vec<String>) -> Interner {
        let mut i = Interner::default();
        for s in list {
            i.intern(&s);
        }
        i
    }

    /// The strings of `list`, numbered in order (the client build's sorted
    /// table; a repeated string keeps its first number, as `intern` does).
    #[cfg(feature = "client")]
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn of(list: Vec<String>) -> Interner {
        let (map, list) = crate::index::SortedNames::interned(list);
        Interner { map, list }
    }

    /// The index of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(i) = self.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        #[cfg(not(feature = "client"))]
        self.map.insert(s.to_owned(), i);
        #[cfg(feature = "client")]
        self.map.insert(s, i);
        self.list.push(s.to_owned());
        i
    }

    /// Interns the strings of a value.
    pub fn intern_value(&mut self, v: &AttrValue) {
        match v {
            AttrValue::Str(s) => {
                self.intern(s);
            }
            AttrValue::List(items) => {
                for s in items {
                    self.intern(s);
                }
            }
            AttrValue::Bool(_) | AttrValue::Num(_) => {}
        }
    }

    /// The index of `s`, if interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        #[cfg(not(feature = "client"))]
        return self.map.get(s).copied();
        #[cfg(feature = "client")]
        return self.map.get(s);
    }
}
