//! JSON paths as problems show them: `org.users[3].manager`, `$` for the
//! whole document.
//!
//! A [`Path`] is a chain of borrowed steps on the stack, one per level of a
//! walk: extending it costs nothing, and text is only made when a problem is
//! reported.

use std::fmt;

/// One step down a document: an object key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step<'k> {
    Key(&'k str),
    Index(usize),
}

/// Where a value is in a document.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'p> {
    /// The whole document.
    Root,
    /// A member of the value at the inner path.
    Child(&'p Path<'p>, Step<'p>),
}

impl Path<'_> {
    /// The member `key` of the object here.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn key<'q>(&'q self, key: &'q str) -> Path<'q> {
        Path::Child(self, Step::Key(key))
    }

    /// Item `index` of the array here.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn index(&self, index: usize) -> Path<'_> {
        Path::Child(self, Step::Index(index))
    }
}

impl fmt::Display for Path<'_> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut steps = Vec::new();
        let mut at = self;
        while let Path::Child(parent, step) = at {
            steps.push(*step);
            at = parent;
        }
        steps.reverse();
        f.write_str(&render(steps))
    }
}

/// The text of the path made of `steps` from the root: keys joined by dots,
/// indices in brackets. A top-level key that is not a plain word is written
/// `$["a key"]`; a deeper key is written as it is (`org.seats.recorder`),
/// unless it would read as more than one step (it holds `.`, `[`, `]` or
/// `"`, or is empty): then as a quoted member, `org.seats["a.b"]`.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn render<'k>(steps: impl IntoIterator<Item = Step<'k>>) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(key) if out.is_empty() && !plain(key) => {
                out.push_str("$[");
                super::write::string(&mut out, key);
                out.push(']');
            }
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) => push_member(&mut out, key),
            Step::Index(i) => {
                if out.is_empty() {
                    out.push('$');
                }
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    if out.is_empty() {
        out.push('$');
    }
    out
}

/// Appends the text `step` adds to a path below the top level: `.key`,
/// `["a.b"]` or `[3]`.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn step_text(out: &mut String, step: Step<'_>) {
    match step {
        Step::Key(key) => push_member(out, key),
        Step::Index(i) => {
            out.push('[');
            out.push_str(&i.to_string());
            out.push(']');
        }
    }
}

/// `parent.key`, or `parent["key"]` for a key that would read as more than
/// one step: how a problem names a member of an object whose keys are the
/// snapshot's own (seat ids, attribute names).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn member(parent: &str, key: &str) -> String {
    let mut out = parent.to_owned();
    push_member(&mut out, key);
    out
}

#[cfg_attr(rolegate_size, optimize(size))]
fn push_member(out: &mut String, key: &str) {
    if key.is_empty() || key.contains(['.', '[', ']', '"']) {
        out.push('[');
        super::write::string(out, key);
        out.push(']');
    } else {
        out.push('.');
        out.push_str(key);
    }
}

#[cfg_attr(rolegate_size, optimize(size))]
fn plain(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_')
}
