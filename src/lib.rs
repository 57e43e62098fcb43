#![doc = include_str!("../README.md")]
//!
//! # Layout
//!
//! The modules follow the pipeline a snapshot goes through:
//! [`snapshot`] (plain serde types) -> [`validate`] (every problem, with its
//! JSON path) -> [`compile`] (dense ids, bitsets, tree intervals: the
//! [`Engine`]) -> [`decide`] (checks, explanations, assignment, seats, matrix).
//! The `wasm` module (only on `wasm32`) is the JavaScript binding and the only
//! code that knows about JavaScript. JSON text is read and written by a small
//! hand-written `json` module (no serde_json): see [`ToJson`] and
//! [`ContextData::from_json`].

mod compile;
mod decide;
mod index;
mod json;
mod load;
mod problem;
pub mod snapshot;
mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use compile::Engine;
pub use decide::{
    Access, AssignTarget, Code, Context, Explanation, Matrix, MatrixCell, Named, PreparedContext,
    Record, SeatUsage, UserGate,
};
pub use json::ToJson;
pub use problem::{Problem, SnapshotError};
pub use snapshot::Snapshot;
