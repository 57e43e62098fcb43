//! Validation: the structural problems of a snapshot, each with its JSON
//! path, found before anything is compiled: unique ids, references that
//! resolve, acyclic trees, well-formed conditions, features the plan has,
//! and the limits that bound the work of compiling.
//!
//! Type errors are found earlier, while reading ([`crate::snapshot::read`]);
//! the organisation's rules (how many hold a role, required roles, roles per
//! user, seats) are checked on the compiled organisation
//! ([`crate::compile`]). [`crate::load`] runs the three and merges their
//! problems.
//!
//! The checks are methods of one `Checker`, by concern: the model
//! (`model.rs`), the organisation (`org.rs`), grants (`grant.rs`) and
//! conditions (`condition.rs`). Problems are reported in the order found,
//! model first, then org.

mod condition;
mod grant;
mod limits;
mod messages;
mod model;
mod org;
mod rules;

use crate::index::{Closure, Ids, Names};
use crate::messages::{Messages, Msg, Words};
use crate::problem::{Problem, Suggestions};
use crate::snapshot::{Count, Snapshot};

/// The structural problems of a snapshot.
#[derive(Debug, Default)]
pub(crate) struct Structure {
    /// Every problem, in the order found.
    pub problems: Vec<Problem>,
    /// The snapshot exceeds a limit of `crate::index::limits`: compiling it
    /// would take more work or memory than its size allows, so it is not.
    pub too_large: bool,
    /// The role-include closure, resolved once here for compiling too
    /// (empty when too large to resolve).
    pub closure: Closure,
    /// The problems that report an unknown name, for the loader to tell
    /// those that only follow from an item left out while reading.
    pub unknown: Vec<Unknown>,
}

/// A problem that reports an unknown name.
#[derive(Debug)]
pub(crate) struct Unknown {
    /// Its index in [`Structure::problems`].
    pub problem: usize,
    /// The kind of thing (`"user"`, `"role"`, ...).
    pub kind: &'static str,
    /// The name.
    pub name: String,
}

/// Every structural problem of `s`, in the words of `messages`.
pub(crate) fn structure(s: &Snapshot, names: &Names, messages: &Messages) -> Structure {
    let mut v = Checker {
        s,
        names,
        w: messages.words(),
        unknown: Vec::new(),
        out: Vec::new(),
        too_large: false,
        closure: Closure::default(),
        suggestions: Suggestions::default(),
    };
    v.model();
    v.org();
    Structure {
        problems: v.out,
        too_large: v.too_large,
        closure: v.closure,
        unknown: v.unknown,
    }
}

/// The snapshot under check, its name tables, and the problems found so far.
struct Checker<'a> {
    s: &'a Snapshot,
    names: &'a Names,
    /// The words of its problems.
    w: Words<'a>,
    /// The problems that report an unknown name.
    unknown: Vec<Unknown>,
    out: Vec<Problem>,
    /// A size limit is exceeded (see [`Structure::too_large`]).
    too_large: bool,
    /// The role-include closure, once resolved (see [`Structure::closure`]).
    closure: Closure,
    /// The "did you mean" of unknown names, within its budget.
    suggestions: Suggestions,
}

impl<'a> Checker<'a> {
    /// Records one problem, after those found before it.
    fn push(&mut self, path: String, message: String) {
        self.out.push(Problem { path, message });
    }

    /// Reports empty and duplicate ids of one list (duplicates as found by
    /// the name table).
    fn unique<'b>(
        &mut self,
        ids: impl Iterator<Item = &'b str>,
        table: &Ids,
        path: &str,
        what: &'static str,
    ) {
        let ids: Vec<&str> = ids.collect();
        let kind = self.w.template(kind(what));
        for (i, id) in ids.iter().enumerate() {
            if id.is_empty() {
                let message = self.w.say(Msg::EmptyId, &[("kind", kind)]);
                self.push(format!("{path}[{i}].id"), message);
            }
        }
        // `table.duplicates` holds positions of this list, in increasing
        // order (the table records them as it walks the list).
        for (i, id) in ids.iter().enumerate() {
            if table.duplicates.binary_search(&(i as u32)).is_ok() {
                let message = self.w.say(Msg::DuplicateId, &[("kind", kind), ("id", id)]);
                self.push(format!("{path}[{i}].id"), message);
            }
        }
    }

    /// Reports `name` as unknown at the path `path()` builds, unless `found`,
    /// with the nearest known name of its kind (`what`).
    fn known(
        &mut self,
        found: Option<u32>,
        name: &str,
        path: impl FnOnce() -> String,
        what: &'static str,
    ) {
        if found.is_none() {
            self.unknown(path(), name, what);
        }
    }

    /// Reports `name` as an unknown `what` at `path`, with the nearest
    /// known name of that kind: "unknown role `mangaer`, did you mean
    /// `manager`?".
    fn unknown(&mut self, path: String, name: &str, what: &'static str) {
        let near = self.suggestions.did_you_mean(name, self.ids_of(what));
        let w = self.w;
        let message = w.say(
            Msg::UnknownName,
            &[
                ("kind", w.template(kind(what))),
                ("name", name),
                ("near", &w.near(near)),
            ],
        );
        self.unknown.push(Unknown {
            problem: self.out.len(),
            kind: what,
            name: name.to_owned(),
        });
        self.push(path, message);
    }

    /// The ids of the things of kind `what`, in snapshot order.
    fn ids_of(&self, what: &str) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        let (m, o) = (&self.s.model, &self.s.org);
        match what {
            "permission" => Box::new(m.permissions.iter().map(|x| x.id.as_str())),
            "feature" => Box::new(m.features.iter().map(|x| x.id.as_str())),
            "plan" => Box::new(m.plans.iter().map(|x| x.id.as_str())),
            "seat" => Box::new(m.seats.iter().map(|x| x.id.as_str())),
            "role" => Box::new(m.roles.iter().map(|x| x.id.as_str())),
            "toggle" => Box::new(m.toggles.iter().map(|x| x.id.as_str())),
            "unit" => Box::new(o.units.iter().map(|x| x.id.as_str())),
            "team" => Box::new(o.teams.iter().map(|x| x.id.as_str())),
            "user" => Box::new(o.users.iter().map(|x| x.id.as_str())),
            _ => Box::new(std::iter::empty()),
        }
    }

    /// Whether the org's plan includes `feature` (true without a known plan).
    fn plan_has(&self, feature: &str) -> bool {
        let s = self.s;
        match s.org.plan.as_deref().and_then(|p| self.names.plans.get(p)) {
            // INVARIANT: `p` comes from the plan name table, so it is the
            // index of a plan of the model.
            Some(p) => s
                .model
                .plans
                .get(p as usize)
                .is_some_and(|p| p.features.iter().any(|f| f == feature)),
            None => true,
        }
    }

    /// The org's plan id, for messages (empty without a plan).
    fn plan_label(&self) -> String {
        self.s.org.plan.clone().unwrap_or_default()
    }

    /// Reports a count whose `min` is greater than its `max`.
    fn count(&mut self, c: Count, path: &str) {
        if let (Some(lo), Some(hi)) = (c.min, c.max) {
            if lo > hi {
                let (lo, hi) = (lo.to_string(), hi.to_string());
                let message = self.w.say(Msg::MinOverMax, &[("min", &lo), ("max", &hi)]);
                self.push(path.into(), message);
            }
        }
    }
}

/// The word for a kind of thing (`"role"`) in messages.
pub(crate) fn kind(what: &str) -> Msg {
    match what {
        "permission" => Msg::KindPermission,
        "feature" => Msg::KindFeature,
        "plan" => Msg::KindPlan,
        "seat" => Msg::KindSeat,
        "role" => Msg::KindRole,
        "toggle" => Msg::KindToggle,
        "unit" => Msg::KindUnit,
        "team" => Msg::KindTeam,
        "user" => Msg::KindUser,
        _ => Msg::KindRestriction,
    }
}
