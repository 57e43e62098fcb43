//! Decisions over a compiled [`crate::Engine`]: `can`, `explain`, prepared
//! contexts, the bound user handle, role assignment, seats and the role x
//! permission matrix.
//!
//! A check flows through three steps, each in one place: the [`Context`]
//! (the one input type, [`context`]) has its names looked up and is
//! resolved to the place it is decided at ([`resolve`]), then decided
//! ([`check`]: restrictions, plan, seat, grants) and, for `explain`, put
//! into words ([`explain`]).

mod admin;
mod answer;
mod assign;
mod assign_rules;
pub(crate) mod check;
mod context;
#[cfg(not(feature = "client"))]
mod diff;
// Used by the JavaScript binding only (and by its unit tests natively).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod encoded;
mod explain;
mod filter;
mod gate;
mod json;
mod prepared;
mod record_filter;
pub(crate) mod resolve;
mod some_record;

pub use answer::{Access, Code, Explanation, Matrix, MatrixCell, Named, SeatUsage};
pub use context::{AssignTarget, Context, Record};
#[cfg(not(feature = "client"))]
pub use diff::{Diff, ScopeDiff, SummaryLine, UnitDiff, UserDiff, UserStatus};
pub use filter::{AttrTest, Field, Filter};
pub use gate::UserGate;
pub use prepared::PreparedContext;
#[cfg(target_arch = "wasm32")]
pub(crate) use prepared::PreparedStore;
