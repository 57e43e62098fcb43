//! Decisions: `can`, `explain`, the bound user handle, role assignment, seats
//! and the role x permission matrix.

mod admin;
mod answer;
mod assign;
pub(crate) mod check;
mod explain;
mod gate;
mod indexed;
mod json;
mod prepared;

pub use answer::{
    Access, AssignTarget, AssignTargetData, Code, Context, ContextData, Explanation,
    IndexedContext, Matrix, MatrixCell, Named, Record, RecordData, SeatUsage,
};
pub use gate::UserGate;
pub use prepared::PreparedContext;
