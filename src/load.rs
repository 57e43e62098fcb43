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
use crate::problem::SnapshotError;
use crate::snapshot::{read, Snapshot};
use crate::validate;

impl Engine {
    /// Parses, validates and compiles a JSON snapshot: the one way to load
    /// one. On failure the error lists every problem found, each with its
    /// JSON path.
    pub fn from_json(text: &str) -> Result<Engine, SnapshotError> {
        match read::read_all(text) {
            Ok(snap) => Engine::from_snapshot(snap),
            Err((mut problems, repaired)) => {
                // Type errors first, then what the rest of the snapshot breaks.
                // Problems at or around a type error follow from it (its value
                // was left out), so only the others are added.
                if let Some(Err(rest)) = repaired.map(|s| Engine::from_snapshot(*s)) {
                    let typed: Vec<String> = problems.iter().map(|p| p.path.clone()).collect();
                    let related = |p: &str| typed.iter().any(|t| nested(t, p) || nested(p, t));
                    problems.extend(rest.problems.into_iter().filter(|p| !related(&p.path)));
                }
                Err(SnapshotError { problems })
            }
        }
    }

    /// Validates and compiles a snapshot already in memory.
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

/// Whether JSON path `inner` is `outer` or below it.
fn nested(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}
