//! Loading: JSON text or a [`Snapshot`] becomes an [`Engine`], or a
//! [`SnapshotError`] with every problem found, each at its JSON path.
//!
//! The pipeline, in order: read the text ([`crate::snapshot::read`]: type
//! errors), validate the structure ([`crate::validate`]: names, references,
//! cycles, conditions, limits), compile ([`crate::compile`]), and check the
//! organisation's rules on the compiled organisation. Compilation skips what
//! does not resolve and cuts cycles, so every stage runs even on a broken
//! snapshot and all the problems are reported at once.

use crate::compile::Engine;
use crate::index::Names;
use crate::json::{self, LeftOut};
use crate::problem::{Problem, SnapshotError};
use crate::snapshot::read::{self, Unread};
use crate::snapshot::Snapshot;
use crate::validate;
use std::collections::HashSet;

impl Engine {
    /// Parses, validates and compiles a JSON snapshot: the one way to load
    /// one. On failure the error lists every problem found, each with its
    /// JSON path, in document order.
    pub fn from_json(text: &str) -> Result<Engine, SnapshotError> {
        reserve(text.len())?;
        let loaded = match read::read_all(text) {
            Ok(snap) => Engine::from_snapshot(snap),
            Err(unread) => Err(rest_of(unread)),
        };
        loaded.map_err(|mut e| {
            json::in_document_order(text, &mut e.problems);
            e
        })
    }

    /// Validates and compiles a snapshot already in memory. Without a
    /// document to order them by, its problems come stage by stage (the
    /// model's structure, the organisation's, then the organisation's rules).
    pub fn from_snapshot(snap: Snapshot) -> Result<Engine, SnapshotError> {
        let names = Names::of(&snap);
        let structure = validate::structure(&snap, &names);
        let mut problems = structure.problems;
        if structure.too_large {
            // Compiling would take more work or memory than the snapshot's
            // size allows: say so without compiling.
            return Err(SnapshotError { problems });
        }
        let mut engine = Engine::build(snap, names, structure.closure);
        let (errors, warnings) = engine.org_rules();
        problems.extend(errors);
        if !problems.is_empty() {
            return Err(SnapshotError { problems });
        }
        engine.warnings = warnings;
        Ok(engine)
    }
}

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
    if let Some(Err(rest)) = repaired.map(|s| Engine::from_snapshot(*s)) {
        let left_out = LeftOut::new(dropped);
        let typed = Typed::new(&problems);
        let rest: Vec<Problem> = rest
            .problems
            .into_iter()
            .filter_map(|mut p| {
                p.path = left_out.restore(&p.path);
                let derived = typed.related(&p.path) || left_out.follows(&p.message);
                (!derived).then_some(p)
            })
            .collect();
        problems.extend(rest);
    }
    SnapshotError { problems }
}

/// The paths of the type errors, to tell the problems that follow from
/// them: those at, above or below one of them. Work: O(length of the paths).
struct Typed<'p> {
    at: HashSet<&'p str>,
    /// Every path a type error is below.
    above: HashSet<&'p str>,
}

impl<'p> Typed<'p> {
    fn new(problems: &'p [Problem]) -> Typed<'p> {
        let at: HashSet<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        let above = at.iter().flat_map(|p| json::ancestors(p)).collect();
        Typed { at, above }
    }

    fn related(&self, path: &str) -> bool {
        self.at.contains(path)
            || self.above.contains(path)
            || json::ancestors(path).any(|a| self.at.contains(a))
    }
}
