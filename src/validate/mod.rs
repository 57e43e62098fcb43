//! Validation: a snapshot that breaks the model is rejected with every
//! problem at once, each with its JSON path.
//!
//! Three passes: [`decode()`] (JSON text to typed data; type errors),
//! [`structure`] (names, references, cycles, condition shapes, plan features)
//! and [`org_rules`] (role cardinality, required roles and attributes, roles
//! per user, seats), which runs on the compiled engine.

pub(crate) mod decode;
mod problem;
mod rules;
mod structure;

pub use decode::decode;
pub(crate) use decode::decode_all;
pub use problem::{Problem, SnapshotError};
pub(crate) use rules::org_rules;
pub(crate) use structure::{structure, MAX_ROLE_PERMISSION_PAIRS};
