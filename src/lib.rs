#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// The npm package's wasm builds set `--cfg rolegate_size` (scripts/build-pkg.sh):
// code off the check path (slices, explanations, messages, admin views, the
// model's reading and validation) is then optimised for size, the checks and
// the load of an org's users for speed. Other builds ignore it.
#![cfg_attr(rolegate_size, feature(optimize_attribute))]
// The client build (feature `client`: the `rolegate/client` wasm) leaves the
// loader, validator, compiler and slicer unused on purpose: the linker drops them.
#![cfg_attr(feature = "client", allow(dead_code, unused_imports))]
//!
//! # Layout
//!
//! The modules follow the pipeline a snapshot goes through (see
//! `docs/architecture.md`): `json` (the parser, the typed reader, the
//! writer) -> [`snapshot`] (plain types, read from JSON with every type
//! error at its path) -> `index` (names, role closure, cycles) -> `validate`
//! (structural problems) and `compile` (dense ids, bitsets, tree intervals:
//! the [`Engine`]) -> `decide` (checks, explanations, assignment, seats,
//! matrix) -> `load` ([`Engine::from_json`], the one reader). The `wasm`
//! module (only on `wasm32`) is the JavaScript binding and the only code
//! that knows about JavaScript.

mod compile;
mod decide;
mod index;
mod json;
mod load;
mod messages;
mod problem;
mod slice;
pub mod snapshot;
mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use compile::Engine;
pub use decide::{
    Access, AssignTarget, AttrTest, Code, Context, Explanation, Field, Filter, Matrix, MatrixCell,
    Named, PreparedContext, Record, SeatUsage, UserGate,
};
#[cfg(not(feature = "client"))]
pub use decide::{Diff, ScopeDiff, SummaryLine, UnitDiff, UserDiff, UserStatus};
pub use json::ToJson;
pub use load::MEMORY_PER_BYTE;
pub use messages::Locale;
pub use problem::{Problem, SnapshotError};
pub use slice::{ClientGate, SliceError, SLICE_VERSION};
pub use snapshot::Snapshot;
