//! The typed walk over a parsed document: reads values as the snapshot's
//! types and records every problem with its path, leaving the offending
//! value out and going on.

use crate::json::{Members, Path, Value};
use crate::problem::Problem;

/// What a walk found so far.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    /// Every problem, in document order (a missing field after the fields
    /// of its object).
    pub problems: Vec<Problem>,
    /// An array or one of its items was left out: what remains no longer
    /// says what its author meant (references to the missing items would
    /// dangle), and the items after a missing one moved, so the rest of the
    /// document can no longer be checked at the right paths.
    pub lossy: bool,
}

impl Reader {
    /// Records a problem at `at`.
    pub fn report(&mut self, at: &Path<'_>, message: impl Into<String>) {
        self.problems.push(Problem::new(at.to_string(), message));
    }

    /// Records a value of the wrong type: "expected `what`, found ...".
    pub fn expected(&mut self, what: &str, found: Value<'_>, at: &Path<'_>) {
        self.report(at, format!("expected {what}, found {}", describe(found)));
    }

    /// An unknown key of an object whose fields are `fields`, in serde's words.
    pub fn unknown(&mut self, key: &str, fields: &[&str], at: &Path<'_>) {
        let expected = match fields {
            [] => "there are no fields".to_owned(),
            [one] => format!("expected `{one}`"),
            [a, b] => format!("expected `{a}` or `{b}`"),
            more => {
                let names: Vec<String> = more.iter().map(|f| format!("`{f}`")).collect();
                format!("expected one of {}", names.join(", "))
            }
        };
        self.report(at, format!("unknown field `{key}`, {expected}"));
    }

    /// A required field: `None` when absent (reported here) or present but
    /// malformed (`Some(None)`, reported already).
    pub fn required<T>(
        &mut self,
        field: Option<Option<T>>,
        name: &str,
        at: &Path<'_>,
    ) -> Option<T> {
        match field {
            Some(value) => value,
            None => {
                self.report(at, format!("missing field `{name}`"));
                None
            }
        }
    }

    /// An optional field: `null` is absent, as serde reads an `Option`.
    pub fn optional<'d, T>(
        &mut self,
        v: Value<'d>,
        at: &Path<'_>,
        read: impl FnOnce(&mut Self, Value<'d>, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        match v {
            Value::Null => None,
            v => read(self, v, at),
        }
    }

    pub fn string(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<String> {
        match v {
            Value::Str(s) => Some(s.to_owned()),
            other => {
                self.expected("a string", other, at);
                None
            }
        }
    }

    pub fn boolean(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(b),
            other => {
                self.expected("a boolean", other, at);
                None
            }
        }
    }

    /// A `u32` count: a whole number from 0 to 4294967295.
    pub fn count(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<u32> {
        match v {
            Value::Num(n, _) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                Some(n as u32)
            }
            other => {
                self.expected("a whole number from 0 to 4294967295", other, at);
                None
            }
        }
    }

    /// The members of an object.
    pub fn object<'d>(&mut self, v: Value<'d>, at: &Path<'_>) -> Option<Members<'d>> {
        match v {
            Value::Object(members) => Some(members),
            other => {
                self.expected("an object", other, at);
                None
            }
        }
    }

    /// An array, each item read by `item`. An item that cannot be read is
    /// left out, and so is a value that is not an array; either makes the
    /// walk [`Reader::lossy`].
    pub fn list<'d, T>(
        &mut self,
        v: Value<'d>,
        at: &Path<'_>,
        mut item: impl FnMut(&mut Self, Value<'d>, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(items) = v else {
            self.expected("an array", v, at);
            self.lossy = true;
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.enumerate() {
            match item(self, v, &at.index(i)) {
                Some(x) => out.push(x),
                None => self.lossy = true,
            }
        }
        Some(out)
    }

    /// An array of strings.
    pub fn strings(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<Vec<String>> {
        self.list(v, at, Self::string)
    }
}

/// A value in words, for "expected ..., found `this`": its kind, and a
/// scalar's text.
pub(crate) fn describe(v: Value<'_>) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("a boolean `{b}`"),
        Value::Num(_, text) => format!("a number `{text}`"),
        Value::Str(s) => {
            const MAX: usize = 40;
            match s.char_indices().nth(MAX) {
                Some((cut, _)) => format!("a string `{}...`", s.get(..cut).unwrap_or_default()),
                None => format!("a string `{s}`"),
            }
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
