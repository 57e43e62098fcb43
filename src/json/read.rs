//! The typed walk over a parsed document: reads values as the snapshot's
//! types and records every problem with its path, leaving the offending
//! value out and going on.

use crate::json::{Members, Path, Value};
use crate::messages::{Messages, Msg, Words};
use crate::problem::{Problem, Suggestions};

/// What a walk found so far.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    /// Every problem, in document order (a missing field after the fields
    /// of its object).
    pub problems: Vec<Problem>,
    /// A value that should be an array was not, and was left out: what
    /// remains no longer says what its author meant (every reference to
    /// its items would dangle), so the rest is not checked further.
    pub lossy: bool,
    /// The array items left out, in document order: the rest is still
    /// checked, and the loader (`load.rs`) gives its problems the paths the
    /// author wrote (the items after a missing one moved up).
    pub dropped: Vec<Dropped>,
    /// The "did you mean" of unknown fields and names, within its budget.
    pub suggestions: Suggestions,
    /// The words of its problems (the model's locale, read first).
    pub messages: Messages,
}

/// An array item that could not be read and was left out.
#[derive(Debug)]
pub(crate) struct Dropped {
    /// The path of its array, as written.
    pub list: String,
    /// Its index there.
    pub index: u32,
    /// Its `id`, as far as it could be read.
    pub id: DroppedId,
}

/// The `id` of an array item left out: problems that name it ("unknown user
/// `bob`", or any unknown user when its id was unreadable) only repeat that
/// it was left out.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DroppedId {
    /// Not an object with an `id`: nothing can name it.
    None,
    Named(String),
    /// An `id` that is not a string.
    Unreadable,
}

impl Reader {
    /// Records a problem at `at`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn report(&mut self, at: &Path<'_>, message: impl Into<String>) {
        self.problems.push(Problem::new(at.to_string(), message));
    }

    /// The words of the problems, in the snapshot's locale.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn words(&self) -> Words<'_> {
        self.messages.words()
    }

    /// Records a value of the wrong type: "expected `what`, found ...".
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn expected(&mut self, what: Msg, found: Value<'_>, at: &Path<'_>) {
        let what = self.words().template(what).to_owned();
        self.expected_words(&what, found, at);
    }

    /// [`Reader::expected`], with the expected value in words.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn expected_words(&mut self, what: &str, found: Value<'_>, at: &Path<'_>) {
        let w = self.words();
        let message = w.say(
            Msg::Expected,
            &[("what", what), ("found", &describe(w, found))],
        );
        self.report(at, message);
    }

    /// An unknown key of an object whose fields are `fields`: the fields
    /// listed, the nearest one suggested.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn unknown(&mut self, key: &str, fields: &[&str], at: &Path<'_>) {
        let near = self.suggestions.did_you_mean(key, fields.iter().copied());
        let w = self.messages.words();
        let known = match fields {
            [] => w.template(Msg::NoFields).to_owned(),
            [one] => w.say(Msg::OnlyField, &[("field", one)]),
            more => w.say(Msg::Fields, &[("fields", &one_of(w, more))]),
        };
        let message = w.say(
            Msg::UnknownField,
            &[("key", key), ("near", &w.near(near)), ("known", &known)],
        );
        self.report(at, message);
    }

    /// A key given twice in one object, at the path of the second.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn duplicate(&mut self, key: &str, at: &Path<'_>) {
        let message = self.words().say(Msg::DuplicateKey, &[("key", key)]);
        self.report(at, message);
    }

    /// A required field: `None` when absent (reported here) or present but
    /// malformed (`Some(None)`, reported already).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn required<T>(
        &mut self,
        field: Option<Option<T>>,
        name: &str,
        at: &Path<'_>,
    ) -> Option<T> {
        match field {
            Some(value) => value,
            None => {
                let message = self.words().say(Msg::MissingField, &[("field", name)]);
                self.report(at, message);
                None
            }
        }
    }

    /// An optional field: `null` is absent, as serde reads an `Option`.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
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

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn string(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<String> {
        match v {
            Value::Str(s) => Some(s.to_owned()),
            other => {
                self.expected(Msg::AString, other, at);
                None
            }
        }
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn boolean(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(b),
            other => {
                self.expected(Msg::ABoolean, other, at);
                None
            }
        }
    }

    /// A `u32` count: a whole number from 0 to 4294967295.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn count(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<u32> {
        match v {
            Value::Num(n, _) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                Some(n as u32)
            }
            other => {
                self.expected(Msg::ACount, other, at);
                None
            }
        }
    }

    /// The members of an object.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn object<'d>(&mut self, v: Value<'d>, at: &Path<'_>) -> Option<Members<'d>> {
        match v {
            Value::Object(members) => Some(members),
            other => {
                self.expected(Msg::AnObject, other, at);
                None
            }
        }
    }

    /// An array, each item read by `item`. An item that cannot be read is
    /// left out ([`Reader::dropped`]); a value that is not an array is left
    /// out and makes the walk [`Reader::lossy`].
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn list<'d, T>(
        &mut self,
        v: Value<'d>,
        at: &Path<'_>,
        mut item: impl FnMut(&mut Self, Value<'d>, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(items) = v else {
            self.expected(Msg::AnArray, v, at);
            self.lossy = true;
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.enumerate() {
            match item(self, v, &at.index(i)) {
                Some(x) => out.push(x),
                None => self.drop_item(v, at, i),
            }
        }
        Some(out)
    }

    /// Records item `i` of the array at `at`, `v`, as left out (not generic:
    /// one copy for every kind of list).
    #[inline(never)]
    #[cfg_attr(rolegate_size, optimize(size))]
    fn drop_item(&mut self, v: Value<'_>, at: &Path<'_>, i: usize) {
        self.dropped.push(Dropped {
            list: at.to_string(),
            index: i as u32,
            id: dropped_id(v),
        });
    }

    /// One of the named values `all` (each named by `name`), read from its
    /// name; anything else is reported at `at` with every name and the
    /// nearest one, in the words of message `unknown` (placeholders
    /// `level`, `near`, `levels`).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn named<T: Copy, const N: usize>(
        &mut self,
        v: Value<'_>,
        at: &Path<'_>,
        all: [T; N],
        name: fn(T) -> &'static str,
        unknown: Msg,
    ) -> Option<T> {
        let names = all.map(name);
        match v {
            Value::Str(s) => {
                let found = all.iter().find(|&&x| name(x) == s).copied();
                if found.is_none() {
                    let near = self.suggestions.did_you_mean(s, names);
                    let w = self.words();
                    let message = w.say(
                        unknown,
                        &[
                            ("level", s),
                            ("near", &w.near(near)),
                            ("levels", &one_of(w, &names)),
                        ],
                    );
                    self.report(at, message);
                }
                found
            }
            other => {
                let w = self.words();
                let what = w.say(Msg::OneOf, &[("names", &one_of(w, &names))]);
                self.expected_words(&what, other, at);
                None
            }
        }
    }

    /// An array of strings.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn strings(&mut self, v: Value<'_>, at: &Path<'_>) -> Option<Vec<String>> {
        self.list(v, at, Self::string)
    }
}

/// The `id` of an item left out.
#[cfg_attr(rolegate_size, optimize(size))]
fn dropped_id(v: Value<'_>) -> DroppedId {
    let Value::Object(mut members) = v else {
        return DroppedId::None;
    };
    match members.find(|(key, _)| *key == "id") {
        Some((_, Value::Str(id))) => DroppedId::Named(id.to_owned()),
        Some(_) => DroppedId::Unreadable,
        None => DroppedId::None,
    }
}

/// The paths `path` is below, longest first: `org.users[1].roles` for
/// `org.users[1].roles[0]`, then `org.users[1]`, `org.users`, `org` (quoted
/// keys, `["a.b"]`, are one step).
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub(crate) fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut cuts = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    for (i, b) in path.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b'.' | b'[' if !quoted && i > 0 => cuts.push(i),
            _ => {}
        }
    }
    cuts.into_iter().rev().filter_map(|i| path.get(..i))
}

/// Where the next array index (`[` and digits) of a path starts, skipping
/// quoted keys (`["a[1]"]`).
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub(crate) fn next_index(path: &str) -> Option<usize> {
    let bytes = path.as_bytes();
    let mut quoted = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' if quoted => i += 1,
            b'"' => quoted = !quoted,
            b'[' if !quoted && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Names in backticks, as "`a`, `b` or `c`".
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn one_of(w: Words<'_>, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    w.or_list(&quoted)
}

/// A value in words, for "expected ..., found `this`": its kind, and a
/// scalar's text.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn describe(w: Words<'_>, v: Value<'_>) -> String {
    match v {
        Value::Null => w.template(Msg::FoundNull).to_owned(),
        Value::Bool(b) => w.say(Msg::FoundBoolean, &[("value", &b.to_string())]),
        Value::Num(_, text) => w.say(Msg::FoundNumber, &[("value", text)]),
        Value::Str(s) => {
            const MAX: usize = 40;
            let value = match s.char_indices().nth(MAX) {
                Some((cut, _)) => format!("{}...", s.get(..cut).unwrap_or_default()),
                None => s.to_owned(),
            };
            w.say(Msg::FoundString, &[("value", &value)])
        }
        Value::Array(_) => w.template(Msg::AnArray).to_owned(),
        Value::Object(_) => w.template(Msg::AnObject).to_owned(),
    }
}
