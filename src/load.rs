//! Loading: JSON text or a [`Snapshot`] becomes an [`Engine`], or a
//! [`SnapshotError`] with every problem found, each at its JSON path.
//!
//! The pipeline, in order: read the text ([`crate::snapshot::read`]: type
//! errors), validate the structure ([`crate::validate`]: names, references,
//! cycles, conditions, limits), compile ([`crate::compile`]), and check the
//! organisation's rules on the compiled organisation. Compilation skips what
//! does not resolve and cuts cycles, so every stage runs even on a broken
//! snapshot and all the problems are reported at once.

use crate::compile::{fnv, Engine, FNV_START};
use crate::index::hashing::{self, NameMap};
use crate::index::Names;
use crate::index::{sort_by_index_key, sort_ids};
use crate::json::{self, Dropped, DroppedId};
use crate::problem::{Problem, SnapshotError};
use crate::snapshot::read::{self, Unread};
use crate::snapshot::Snapshot;
use crate::validate::{self, Unknown};

impl Engine {
    /// Parses, validates and compiles a JSON snapshot: the one way to load
    /// one. On failure the error lists every problem found, each with its
    /// JSON path, in document order.
    pub fn from_json(text: &str) -> Result<Engine, SnapshotError> {
        reserve(text.len())?;
        let loaded = match read::read_all(text) {
            Ok(snap) => load(snap).map_err(|f| SnapshotError {
                problems: f.problems,
            }),
            Err(unread) => Err(rest_of(unread)),
        };
        let loaded = loaded.map(|mut e| {
            e.fingerprint = fnv(FNV_START, text.as_bytes());
            e
        });
        loaded.map_err(|mut e| {
            in_document_order(text, &mut e.problems);
            e
        })
    }

    /// Validates and compiles a snapshot already in memory. Without a
    /// document to order them by, its problems come stage by stage (the
    /// model's structure, the organisation's, then the organisation's rules).
    pub fn from_snapshot(snap: Snapshot) -> Result<Engine, SnapshotError> {
        let digest = content_digest(&snap);
        let mut engine = load(snap).map_err(|f| SnapshotError {
            problems: f.problems,
        })?;
        engine.fingerprint = digest;
        Ok(engine)
    }
}

/// [`fnv`] of a snapshot's `Debug` text (every field, maps in key order),
/// written straight into the hash: its content's digest.
fn content_digest(snap: &Snapshot) -> u64 {
    struct Hasher(u64);
    impl std::fmt::Write for Hasher {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 = fnv(self.0, s.as_bytes());
            Ok(())
        }
    }
    let mut h = Hasher(FNV_START);
    let _ = std::fmt::Write::write_fmt(&mut h, format_args!("{snap:?}"));
    h.0
}

/// The problems of a load, and which of them report an unknown name.
struct Failed {
    problems: Vec<Problem>,
    unknown: Vec<Unknown>,
}

/// [`Engine::from_snapshot`]: its problems are in the model's locale.
fn load(snap: Snapshot) -> Result<Engine, Failed> {
    let names = Names::of(&snap);
    let messages = snap.model.messages();
    let structure = validate::structure(&snap, &names, &messages);
    let mut problems = structure.problems;
    let unknown = structure.unknown;
    if structure.too_large {
        // Compiling would take more work or memory than the snapshot's
        // size allows: say so without compiling.
        return Err(Failed { problems, unknown });
    }
    let mut engine = Engine::build(snap, names, structure.closure, messages);
    let (errors, warnings) = engine.org_rules();
    problems.extend(errors);
    if !problems.is_empty() {
        return Err(Failed { problems, unknown });
    }
    engine.warnings = warnings;
    Ok(engine)
}

impl Engine {}

/// The most memory a load takes at its peak, in bytes per byte of JSON,
/// whatever the snapshot's shape: [`Engine::from_json`] makes sure this
/// much is free before it starts. An ordinary org takes about 6; the most
/// is taken by lists of tiny items (`{"id":"r1"}`), each a whole struct
/// (tests/cost.rs measures every shape against this bound).
pub const MEMORY_PER_BYTE: usize = 48;

/// Fails with a problem, before anything is allocated, when the memory a
/// load of `len` bytes of JSON needs is not there: in wasm, where memory is
/// at most 4 GiB and running out would trap and leave the instance unusable,
/// this turns "out of memory" into an error the caller can act on. The memory
/// is allocated and given back at once, so the load finds it free; pages
/// that are never written are only address space, not RAM.
fn reserve(len: usize) -> Result<(), SnapshotError> {
    let need = len.saturating_mul(MEMORY_PER_BYTE);
    let mut probe: Vec<u8> = Vec::new();
    match probe.try_reserve_exact(need) {
        Ok(()) => Ok(()),
        Err(_) => Err(SnapshotError {
            problems: vec![Problem::new(
                "$",
                format!(
                    "not enough memory to load {len} bytes of JSON (about {} MB needed): free() the engines no longer in use",
                    need / 1_000_000 + 1
                ),
            )],
        }),
    }
}

/// The problems of a snapshot that could not be read as written: its type
/// errors first, then what the rest of it breaks, at the paths as written.
/// Problems at, above or below a type error, or naming an item left out,
/// follow from it (its value was left out), so only the others are added.
fn rest_of(unread: Unread) -> SnapshotError {
    let Unread {
        mut problems,
        repaired,
        dropped,
    } = unread;
    if let Some(Err(rest)) = repaired.map(|s| load(*s)) {
        let left_out = LeftOut::new(dropped);
        let typed = Typed::new(&problems);
        let mut unknown = rest.unknown.iter().peekable();
        let rest: Vec<Problem> = (0..)
            .zip(rest.problems)
            .filter_map(|(i, mut p)| {
                let name = unknown.next_if(|u| u.problem == i);
                p.path = left_out.restore(&p.path);
                let derived = typed.related(&p.path) || name.is_some_and(|u| left_out.follows(u));
                (!derived).then_some(p)
            })
            .collect();
        problems.extend(rest);
    }
    SnapshotError { problems }
}

/// A set of strings: a name table with no values. (The failed-load paths
/// use the name tables' one hash map, not a sort or a set of their own: the
/// wasm stays small.)
struct Set(NameMap<u32>);

impl Set {
    fn new() -> Set {
        Set(hashing::name_map(0))
    }

    fn insert(&mut self, s: &str) {
        self.0.insert(s.to_owned(), 0);
    }

    fn has(&self, s: &str) -> bool {
        self.0.contains_key(s)
    }
}

/// The paths of the type errors, to tell the problems that follow from
/// them: those at, above or below one of them. Work: O(length of the paths).
struct Typed {
    at: Set,
    /// Every path a type error is below.
    above: Set,
}

impl Typed {
    fn new(problems: &[Problem]) -> Typed {
        let (mut at, mut above) = (Set::new(), Set::new());
        for p in problems {
            at.insert(&p.path);
            json::ancestors(&p.path).for_each(|a| above.insert(a));
        }
        Typed { at, above }
    }

    fn related(&self, path: &str) -> bool {
        self.at.has(path) || self.above.has(path) || json::ancestors(path).any(|a| self.at.has(a))
    }
}

/// What leaving out the dropped items changed: where the items after them
/// moved, and which names no longer resolve because of them.
struct LeftOut {
    /// For each array that lost items (by path), its index in `lost`.
    lists: NameMap<u32>,
    /// The indices each such array lost, sorted.
    lost: Vec<Vec<u32>>,
    /// The ids the items had.
    names: Set,
    /// The kinds ("user" for `org.users`) of items whose id was unreadable.
    kinds: Set,
}

impl LeftOut {
    fn new(dropped: Vec<Dropped>) -> LeftOut {
        let mut out = LeftOut {
            lists: hashing::name_map(0),
            lost: Vec::new(),
            names: Set::new(),
            kinds: Set::new(),
        };
        for d in dropped {
            match &d.id {
                DroppedId::None => {}
                DroppedId::Named(id) => out.names.insert(id),
                DroppedId::Unreadable => {
                    let list = d.list.rsplit(['.', '[']).next().unwrap_or_default();
                    out.kinds.insert(list.strip_suffix('s').unwrap_or(list));
                }
            }
            let next = out.lost.len() as u32;
            let at = *out.lists.entry(d.list).or_insert(next);
            match out.lost.get_mut(at as usize) {
                Some(lost) => lost.push(d.index),
                None => out.lost.push(vec![d.index]),
            }
        }
        out.lost.iter_mut().for_each(|l| sort_ids(l));
        out
    }

    /// Whether a problem that reports name `u` as unknown ("unknown user
    /// `bob`") only follows from leaving items out: one of them had it, or
    /// might have had it (any name of its kind, when its id was unreadable).
    fn follows(&self, u: &Unknown) -> bool {
        self.kinds.has(u.kind) || self.names.has(&u.name)
    }

    /// `path`, a path in the document with the dropped items left out, as
    /// a path in the document as written: each index into an array that
    /// lost items counts the lost ones before it. Work: O(steps x log lost).
    fn restore(&self, path: &str) -> String {
        if self.lost.is_empty() {
            return path.to_owned();
        }
        let mut out = String::with_capacity(path.len() + 4);
        let mut rest = path;
        while let Some(open) = json::next_index(rest) {
            let (Some(before), Some(after)) = (rest.get(..open), rest.get(open..)) else {
                break;
            };
            let Some(close) = after.find(']') else { break };
            out.push_str(before);
            let index: usize = after
                .get(1..close)
                .and_then(|d| d.parse().ok())
                .unwrap_or(0);
            let lost = self
                .lists
                .get(out.as_str())
                .and_then(|&l| self.lost.get(l as usize))
                .map_or(&[][..], Vec::as_slice);
            // Item `index` of what remains is item `index + j` as written,
            // `j` the lost items before it: those with `lost[i] - i <= index`
            // (`lost[i] - i` never decreases).
            let (mut j, mut end) = (0, lost.len());
            while j < end {
                let mid = j + (end - j) / 2;
                match lost.get(mid) {
                    Some(&l) if (l as usize).saturating_sub(mid) <= index => j = mid + 1,
                    _ => end = mid,
                }
            }
            out.push('[');
            out.push_str(&(index + j).to_string());
            out.push(']');
            rest = after.get(close + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

/// Sorts `problems` by where they are in the document `text` (see
/// [`json::document_positions`]), stably: problems at one place keep the
/// order they were found in. Work: O(n + p log p).
pub(crate) fn in_document_order(text: &str, problems: &mut Vec<Problem>) {
    if problems.len() < 2 {
        return;
    }
    let Some(at) = json::document_positions(text, problems) else {
        return;
    };
    sort_by_index_key(problems, |i| at.get(i).copied().unwrap_or(usize::MAX));
}
