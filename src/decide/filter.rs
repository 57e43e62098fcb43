//! A record filter ([`Filter`]): a plain condition over a record's owner,
//! team, unit and attributes that a record meets exactly when a check on
//! it allows (built by `Engine::filter`, in `record_filter.rs`), its JSON,
//! and the simplifying constructors it is built with ([`Term`], by ids).

use crate::json::{Object, ToJson};
use crate::snapshot::AttrValue;

/// Which records a user may act on, as a condition over a record's
/// fields: what [`crate::Engine::filter`] answers, for a database query
/// (the package's `rolegate/filter` turns its JSON into SQL or Prisma).
///
/// A record's `owner`, `team` and `unit` are the ids it names (each may be
/// absent) and its attributes are by key, as in a check's
/// [`crate::Record`]. Owner, team and unit tests never match a record that
/// lacks the field; attribute tests are those of the model's conditions.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Every record (`true`).
    True,
    /// No record (`false`).
    False,
    /// Some of these hold (`{"any": [...]}`).
    Any(Vec<Filter>),
    /// All of these hold (`{"all": [...]}`).
    All(Vec<Filter>),
    /// This does not hold (`{"not": f}`).
    Not(Box<Filter>),
    /// The record's owner is one of these users (`{"owner": {"in": [...]}}`).
    OwnerIn(Vec<String>),
    /// The record names one of these teams (`{"team": {"in": [...]}}`).
    TeamIn(Vec<String>),
    /// The record's unit is at or below one of `within`; `units` lists them
    /// and every unit below them (`{"unit": {"within": [...], "in": [...]}}`).
    UnitWithin {
        /// The top units.
        within: Vec<String>,
        /// Every unit at or below them: what a query compares with.
        units: Vec<String>,
    },
    /// The record has no such field (`{"owner": {"present": false}}`).
    Absent(Field),
    /// A test of record attribute `key` (`{"attr": key, "eq": v}`, ...).
    Attr {
        /// The attribute's key (as in `record.<key>`).
        key: String,
        /// The test.
        test: AttrTest,
    },
}

/// A record's owner, team or unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `owner`.
    Owner,
    /// `team`.
    Team,
    /// `unit`.
    Unit,
}

/// A test of one record attribute, as the model's conditions test them.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrTest {
    /// Equal to the value (values of different types are never equal).
    Eq(AttrValue),
    /// Equal to one of the values; a list attribute: one of its items is.
    In(Vec<AttrValue>),
    /// Present (`true`) or absent (`false`).
    Present(bool),
    /// Equal to record attribute `key` (both present).
    EqAttr(String),
    /// In record attribute `key`: both lists sharing an item, or a value an
    /// item of that list, or two equal values.
    InAttr(String),
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Owner => "owner",
            Field::Team => "team",
            Field::Unit => "unit",
        }
    }
}

impl ToJson for Filter {
    fn write_json(&self, out: &mut String) {
        match self {
            Filter::True => out.push_str("true"),
            Filter::False => out.push_str("false"),
            Filter::Any(fs) => Object::open(out).field("any", fs).close(),
            Filter::All(fs) => Object::open(out).field("all", fs).close(),
            Filter::Not(f) => Object::open(out).field("not", &**f).close(),
            Filter::OwnerIn(ids) => field_in(out, "owner", ids),
            Filter::TeamIn(ids) => field_in(out, "team", ids),
            Filter::UnitWithin { within, units } => {
                let mut inner = String::new();
                Object::open(&mut inner)
                    .field("within", within)
                    .field("in", units)
                    .close();
                Object::open(out)
                    .field("unit", &crate::json::Raw(&inner))
                    .close();
            }
            Filter::Absent(f) => Object::open(out)
                .field(f.key(), &crate::json::Raw("{\"present\":false}"))
                .close(),
            Filter::Attr { key, test } => {
                let mut o = Object::open(out);
                o.field("attr", key);
                match test {
                    AttrTest::Eq(v) => o.field("eq", &Value(v)),
                    AttrTest::In(vs) => o.field("in", &vs.iter().map(Value).collect::<Vec<_>>()),
                    AttrTest::Present(b) => o.field("present", b),
                    AttrTest::EqAttr(k) => o.field("eqAttr", k),
                    AttrTest::InAttr(k) => o.field("inAttr", k),
                };
                o.close();
            }
        }
    }
}

/// `{"<name>": {"in": [...]}}`.
fn field_in(out: &mut String, name: &str, ids: &[String]) {
    let mut inner = String::new();
    Object::open(&mut inner).field("in", ids).close();
    Object::open(out)
        .field(name, &crate::json::Raw(&inner))
        .close();
}

/// An attribute value as JSON.
struct Value<'a>(&'a AttrValue);

impl ToJson for Value<'_> {
    fn write_json(&self, out: &mut String) {
        match self.0 {
            AttrValue::Bool(b) => b.write_json(out),
            AttrValue::Str(s) => s.write_json(out),
            AttrValue::List(items) => items.write_json(out),
            // JSON has no NaN or infinity (a snapshot cannot hold them).
            AttrValue::Num(n) if !n.is_finite() => out.push_str("null"),
            AttrValue::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                out.push_str(&format!("{}", *n as i64));
            }
            AttrValue::Num(n) => out.push_str(&format!("{n}")),
        }
    }
}

/// A filter under construction, with users, teams and units by id (sorted
/// lists without repeats); its constructors simplify as they build.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    True,
    False,
    Any(Vec<Term>),
    All(Vec<Term>),
    Not(Box<Term>),
    Owner(Vec<u32>),
    Team(Vec<u32>),
    Unit(Vec<u32>),
    Absent(Field),
    Attr(String, AttrTest),
}

impl Term {
    /// A boolean constant.
    pub fn of(b: bool) -> Term {
        if b {
            Term::True
        } else {
            Term::False
        }
    }

    /// The owner is one of `ids` (any order, repeats allowed).
    pub fn owner(ids: Vec<u32>) -> Term {
        Term::set(ids, Term::Owner)
    }

    /// The record names one of teams `ids`.
    pub fn team(ids: Vec<u32>) -> Term {
        Term::set(ids, Term::Team)
    }

    /// The record's unit is one of `ids`.
    pub fn unit(ids: Vec<u32>) -> Term {
        Term::set(ids, Term::Unit)
    }

    fn set(mut ids: Vec<u32>, make: fn(Vec<u32>) -> Term) -> Term {
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            Term::False
        } else {
            make(ids)
        }
    }

    /// The negation.
    pub fn not(t: Term) -> Term {
        match t {
            Term::True => Term::False,
            Term::False => Term::True,
            Term::Not(t) => *t,
            t => Term::Not(Box::new(t)),
        }
    }

    /// The conjunction: nested `all`s flattened, `true` dropped, `false`
    /// absorbing, the sets of one field intersected, repeats dropped.
    pub fn all(ts: Vec<Term>) -> Term {
        let Some(mut out) = gather(ts, Term::parts_of_all, Term::True, intersect) else {
            return Term::False;
        };
        let contradiction = out
            .iter()
            .any(|t| t.set_of().is_some_and(|f| out.contains(&Term::Absent(f))));
        if contradiction || out.contains(&Term::False) {
            return Term::False;
        }
        // Each set the conjunction requires holds in its other parts too:
        // their sets of that field shrink to it (a rep's "owner in the 50
        // peers" makes "owner in every owner of a team" a list of peers).
        for field in [Field::Owner, Field::Team, Field::Unit] {
            let Some(i) = out.iter().position(|t| t.set_of() == Some(field)) else {
                continue;
            };
            let given = out.remove(i);
            out = out
                .into_iter()
                .flat_map(|t| Term::parts_of_all(t.given(&given)))
                .collect();
            if out.contains(&Term::False) {
                return Term::False;
            }
            out.insert(i.min(out.len()), given);
        }
        one_or(out, Term::True, Term::All)
    }

    /// The field this term is a set of, if it is one.
    fn set_of(&self) -> Option<Field> {
        match self {
            Term::Owner(_) => Some(Field::Owner),
            Term::Team(_) => Some(Field::Team),
            Term::Unit(_) => Some(Field::Unit),
            _ => None,
        }
    }

    /// This term where `given` (a set of one field) holds: the same
    /// records among those `given` matches, with that field's sets
    /// intersected with it and its absence false.
    fn given(self, given: &Term) -> Term {
        let field = given.set_of();
        match (self, given) {
            (Term::Owner(a), Term::Owner(b)) => Term::owner(intersect(&a, b)),
            (Term::Team(a), Term::Team(b)) => Term::team(intersect(&a, b)),
            (Term::Unit(a), Term::Unit(b)) => Term::unit(intersect(&a, b)),
            (Term::Absent(f), _) if Some(f) == field => Term::False,
            (Term::Any(ts), _) => Term::any(ts.into_iter().map(|t| t.given(given)).collect()),
            (Term::All(ts), _) => Term::all(ts.into_iter().map(|t| t.given(given)).collect()),
            (Term::Not(t), _) => Term::not(t.given(given)),
            (t, _) => t,
        }
    }

    /// The disjunction: nested `any`s flattened, `false` dropped, `true`
    /// absorbing, the sets of one field united, repeats dropped.
    pub fn any(ts: Vec<Term>) -> Term {
        match gather(ts, Term::parts_of_any, Term::False, unite) {
            Some(out) => one_or(out, Term::False, Term::Any),
            None => Term::True,
        }
    }

    /// The parts of an `all`, else the term itself.
    fn parts_of_all(self) -> Vec<Term> {
        match self {
            Term::All(parts) => parts,
            t => vec![t],
        }
    }

    /// The parts of an `any`, else the term itself.
    fn parts_of_any(self) -> Vec<Term> {
        match self {
            Term::Any(parts) => parts,
            t => vec![t],
        }
    }

    /// Whether every record it matches names its `field` among the known
    /// ones, or not at all (its sets hold known ids only).
    pub fn closes(&self, field: Field) -> bool {
        match (self, field) {
            (Term::False, _) => true,
            (Term::Owner(_), Field::Owner)
            | (Term::Team(_), Field::Team)
            | (Term::Unit(_), Field::Unit) => true,
            (Term::Absent(f), _) => *f == field,
            (Term::All(ts), _) => ts.iter().any(|t| t.closes(field)),
            (Term::Any(ts), _) => ts.iter().all(|t| t.closes(field)),
            _ => false,
        }
    }
}

/// The parts of a conjunction or disjunction of `ts`: nested ones of the
/// same kind (`parts`) flattened, its identity `unit` dropped, the sets of
/// one field combined by `op`, repeats dropped; `None` when a part is the
/// other constant, which absorbs them all.
fn gather(
    ts: Vec<Term>,
    parts: fn(Term) -> Vec<Term>,
    unit: Term,
    op: fn(&[u32], &[u32]) -> Vec<u32>,
) -> Option<Vec<Term>> {
    let mut out: Vec<Term> = Vec::new();
    for t in ts.into_iter().flat_map(parts) {
        match t {
            Term::True | Term::False if t == unit => {}
            Term::True | Term::False => return None,
            t => {
                if !merge(&mut out, &t, op) {
                    out.push(t);
                }
            }
        }
    }
    Some(out)
}

/// `ts` as one term: `empty` when there is none, the term when one.
fn one_or(mut ts: Vec<Term>, empty: Term, many: fn(Vec<Term>) -> Term) -> Term {
    match ts.len() {
        0 => empty,
        1 => ts.pop().unwrap_or(empty),
        _ => many(ts),
    }
}

/// Merges `t` into a term of `out` of the same field with `op` (or drops
/// it as a repeat); false when `t` is to be added.
fn merge(out: &mut [Term], t: &Term, op: fn(&[u32], &[u32]) -> Vec<u32>) -> bool {
    for o in out.iter_mut() {
        let merged = match (&*o, t) {
            (Term::Owner(a), Term::Owner(b)) => Term::owner(op(a, b)),
            (Term::Team(a), Term::Team(b)) => Term::team(op(a, b)),
            (Term::Unit(a), Term::Unit(b)) => Term::unit(op(a, b)),
            (a, b) if a == b => return true,
            _ => continue,
        };
        *o = merged;
        return true;
    }
    false
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

fn unite(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().chain(b).copied().collect()
}
