//! Conditions compiled to a tree that reads attributes by borrowed key, and
//! their evaluation (which allocates nothing).

use crate::snapshot::{AttrValue, Condition};
use std::collections::BTreeMap;

/// Where an attribute path reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    User,
    Record,
    Org,
    Team,
}

/// A parsed attribute path such as `record.staff`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Path {
    pub source: Source,
    pub key: String,
}

impl Path {
    /// Parses `user.x`, `record.x`, `org.x` or `team.x`.
    pub fn parse(text: &str) -> Option<Path> {
        let (head, key) = text.split_once('.')?;
        let source = match head {
            "user" => Source::User,
            "record" => Source::Record,
            "org" => Source::Org,
            "team" => Source::Team,
            _ => return None,
        };
        if key.is_empty() {
            return None;
        }
        Some(Path {
            source,
            key: key.to_owned(),
        })
    }
}

/// A compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Eq(Path, AttrValue),
    In(Path, Vec<AttrValue>),
    Present(Path, bool),
    EqAttr(Path, Path),
    InAttr(Path, Path),
}

impl Cond {
    /// Compiles a condition that validation has already accepted; a form it
    /// would reject compiles to "never holds".
    pub fn compile(c: &Condition) -> Cond {
        if let Some(all) = &c.all {
            return Cond::All(all.iter().map(Cond::compile).collect());
        }
        if let Some(any) = &c.any {
            return Cond::Any(any.iter().map(Cond::compile).collect());
        }
        if let Some(not) = &c.not {
            return Cond::Not(Box::new(Cond::compile(not)));
        }
        let Some(path) = c.attr.as_deref().and_then(Path::parse) else {
            return Cond::Any(Vec::new());
        };
        if let Some(v) = &c.eq {
            Cond::Eq(path, v.clone())
        } else if let Some(vs) = &c.one_of {
            Cond::In(path, vs.clone())
        } else if let Some(p) = c.present {
            Cond::Present(path, p)
        } else if let Some(other) = c.eq_attr.as_deref().and_then(Path::parse) {
            Cond::EqAttr(path, other)
        } else if let Some(other) = c.in_attr.as_deref().and_then(Path::parse) {
            Cond::InAttr(path, other)
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
            Cond::Eq(p, v) => env.get(p).is_some_and(|a| same(a, v)),
            Cond::In(p, vs) => env.get(p).is_some_and(|a| match a {
                AttrValue::List(items) => items.iter().any(|i| vs.iter().any(|v| str_is(v, i))),
                _ => vs.iter().any(|v| same(a, v)),
            }),
            Cond::Present(p, want) => env.get(p).is_some() == *want,
            Cond::EqAttr(p, q) => match (env.get(p), env.get(q)) {
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            },
            Cond::InAttr(p, q) => match (env.get(p), env.get(q)) {
                (Some(a), Some(AttrValue::List(items))) => match a {
                    AttrValue::Str(s) => items.iter().any(|i| i == s),
                    AttrValue::List(xs) => xs.iter().any(|x| items.iter().any(|i| i == x)),
                    _ => false,
                },
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            },
        }
    }
}

fn str_is(v: &AttrValue, s: &str) -> bool {
    matches!(v, AttrValue::Str(t) if t == s)
}

fn same(a: &AttrValue, b: &AttrValue) -> bool {
    match (a, b) {
        (AttrValue::Bool(x), AttrValue::Bool(y)) => x == y,
        (AttrValue::Num(x), AttrValue::Num(y)) => x == y,
        (AttrValue::Str(x), AttrValue::Str(y)) => x == y,
        (AttrValue::List(x), AttrValue::List(y)) => x == y,
        _ => false,
    }
}

/// The attribute maps a condition can read, all borrowed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Env<'a> {
    pub user: Option<&'a BTreeMap<String, AttrValue>>,
    pub record: Option<&'a BTreeMap<String, AttrValue>>,
    pub org: Option<&'a BTreeMap<String, AttrValue>>,
    pub team: Option<&'a BTreeMap<String, AttrValue>>,
}

impl<'a> Env<'a> {
    fn get(&self, p: &Path) -> Option<&'a AttrValue> {
        let map = match p.source {
            Source::User => self.user,
            Source::Record => self.record,
            Source::Org => self.org,
            Source::Team => self.team,
        };
        map.and_then(|m| m.get(p.key.as_str()))
    }
}
