//! Decisions: `can`, `explain`, the bound user handle, role assignment, seats
//! and the role x permission matrix.

mod admin;
mod answer;
mod assign;
pub(crate) mod check;
mod explain;
mod gate;

pub use answer::{
    Access, AssignTarget, Code, Context, ContextData, Explanation, Matrix, MatrixCell, Named,
    Record, RecordData, SeatUsage,
};
pub use gate::UserGate;
