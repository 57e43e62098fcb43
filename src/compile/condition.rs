//! Conditions compiled to a tree, and their evaluation (which allocates
//! nothing). Record attributes are read by name, or by slot when a check
//! passes them as numbers (see [`Slot`]).

use crate::index::{AttrPath, Source};
use crate::snapshot::{AttrValue, Condition};
use std::collections::BTreeMap;

/// An attribute path of a compiled condition, with its record slot.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operand {
    pub path: AttrPath,
    /// For `record.*` paths: the key's index in `Engine::record_keys`.
    pub slot: u32,
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

    /// Evaluates the condition against the attributes in `env`.
    pub fn holds(&self, env: &Env<'_>) -> bool {
        match self {
            Cond::All(cs) => cs.iter().all(|c| c.holds(env)),
            Cond::Any(cs) => cs.iter().any(|c| c.holds(env)),
            Cond::Not(c) => !c.holds(env),
            Cond::Eq(p, v) => env.get(p).is_some_and(|a| a.same(Val::of(v))),
            Cond::In(p, vs) => env.get(p).is_some_and(|a| match a {
                Val::List(items) => items
                    .iter()
                    .any(|i| vs.iter().any(|v| Val::Str(i).same(Val::of(v)))),
                _ => vs.iter().any(|v| a.same(Val::of(v))),
            }),
            Cond::Present(p, want) => env.get(p).is_some() == *want,
            Cond::EqAttr(p, q) => match (env.get(p), env.get(q)) {
                (Some(a), Some(b)) => a.same(b),
                _ => false,
            },
            Cond::InAttr(p, q) => match (env.get(p), env.get(q)) {
                (Some(Val::List(xs)), Some(Val::List(items))) => {
                    xs.iter().any(|x| items.contains(x))
                }
                (Some(a), Some(Val::List(items))) => items.iter().any(|i| a.same(Val::Str(i))),
                (Some(a), Some(b)) => a.same(b),
                _ => false,
            },
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
enum Val<'a> {
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

/// A record's attributes: by name, or by slot.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) enum RecordAttrs<'a> {
    #[default]
    None,
    Map(&'a BTreeMap<String, AttrValue>),
    Slots(&'a [Slot]),
}

/// The attributes a condition can read, all borrowed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Env<'a> {
    pub user: Option<&'a BTreeMap<String, AttrValue>>,
    pub record: RecordAttrs<'a>,
    pub org: Option<&'a BTreeMap<String, AttrValue>>,
    pub team: Option<&'a BTreeMap<String, AttrValue>>,
    /// The engine's string table, for `Slot::Str`.
    pub strings: &'a [String],
}

impl<'a> Env<'a> {
    fn get(&self, p: &Operand) -> Option<Val<'a>> {
        let map = match p.path.source {
            Source::User => self.user,
            Source::Org => self.org,
            Source::Team => self.team,
            Source::Record => match self.record {
                RecordAttrs::None => None,
                RecordAttrs::Map(m) => Some(m),
                RecordAttrs::Slots(slots) => {
                    return match slots.get(p.slot as usize).copied().unwrap_or_default() {
                        Slot::Absent => None,
                        Slot::Bool(b) => Some(Val::Bool(b)),
                        Slot::Num(n) => Some(Val::Num(n)),
                        Slot::Str(i) => Some(match self.strings.get(i as usize) {
                            Some(s) => Val::Str(s),
                            None => Val::Other(i),
                        }),
                    };
                }
            },
        };
        map.and_then(|m| m.get(p.path.key.as_str())).map(Val::of)
    }
}

/// Numbers distinct strings in first-seen order.
#[derive(Debug, Clone)]
pub(crate) struct Interner {
    map: crate::index::hashing::NameMap<u32>,
    pub list: Vec<String>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            map: crate::index::hashing::name_map(0),
            list: Vec::new(),
        }
    }
}

impl Interner {
    /// The index of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.map.insert(s.to_owned(), i);
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
        self.map.get(s).copied()
    }
}
