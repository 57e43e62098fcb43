//! JSON text to a typed [`Snapshot`], reporting every type error at once.
//!
//! The text is parsed into a tree ([`crate::json`]), then read field by
//! field ([`crate::json::Reader`], with the reader each type's `shape!`
//! gives): a value of the wrong type, an unknown field or a missing one is
//! reported at its JSON path, the value is left out and the reading goes
//! on, so one pass finds every problem. Paths are only written out when a
//! problem is reported.

pub(crate) use super::condition::attributes;
use crate::json::{self, Dropped, Path, Reader, Value};
use crate::messages::Msg;
use crate::problem::{Problem, SnapshotError};
use crate::snapshot::Snapshot;

impl Snapshot {
    /// Reads a snapshot from JSON text, reporting every type error (a value
    /// of the wrong type, an unknown or a missing field) at its JSON path.
    /// Nothing else is checked: [`crate::Engine::from_json`] is the way to
    /// load a snapshot, and this is its first step.
    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        read_all(text).map_err(|u| SnapshotError {
            problems: u.problems,
        })
    }
}

/// A snapshot that could not be read as written.
pub(crate) struct Unread {
    /// Its type errors.
    pub problems: Vec<Problem>,
    /// What remains once every malformed value is left out, so that the
    /// other checks can still run and report their problems alongside the
    /// type errors. None remains when a value that should be an array was
    /// not ([`Reader::lossy`]).
    pub repaired: Option<Box<Snapshot>>,
    /// The array items left out of `repaired`.
    pub dropped: Vec<Dropped>,
}

impl Unread {
    fn new(problems: Vec<Problem>) -> Unread {
        Unread {
            problems,
            repaired: None,
            dropped: Vec::new(),
        }
    }
}

/// [`Snapshot::from_json`], and on failure what could be read.
pub(crate) fn read_all(text: &str) -> Result<Snapshot, Unread> {
    if text.trim().is_empty() {
        let empty = "the snapshot is empty: expected a JSON object with `model` and `org`";
        return Err(Unread::new(vec![Problem::new("$", empty)]));
    }
    let doc = match json::parse(text) {
        Ok(doc) => doc,
        Err(e) => return Err(Unread::new(vec![Problem::new(e.path(), e.to_string())])),
    };
    let mut r = Reader {
        messages: super::locale::peek(doc.root()),
        ..Reader::default()
    };
    let snapshot = match doc.root() {
        root @ Value::Object(_) => Snapshot::read(&mut r, root, &Path::Root),
        other => {
            r.expected(Msg::ASnapshot, other, &Path::Root);
            None
        }
    };
    match snapshot {
        Some(s) if r.problems.is_empty() => Ok(s),
        snapshot => {
            if r.problems.is_empty() {
                // Unreachable: whatever is left out is reported.
                let message = r.words().template(Msg::NotASnapshot).to_owned();
                r.report(&Path::Root, message);
            }
            Err(Unread {
                repaired: snapshot.filter(|_| !r.lossy).map(Box::new),
                problems: r.problems,
                dropped: r.dropped,
            })
        }
    }
}
