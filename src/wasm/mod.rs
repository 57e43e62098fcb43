//! The JavaScript binding: the only code that knows about JavaScript.
//!
//! It converts values and errors and calls the core, nothing more:
//! [`gate::Gate`] (JS `Rolegate`) wraps a compiled [`crate::Engine`],
//! [`user::UserHandle`] (JS `UserGate`) is the bound handle for one user and
//! [`interop`] holds every conversion between JS values and Rust types.
//! The npm package's `index.js` adds a JS-side name cache on top, so the hot
//! path (`user.can(permission)`) passes integers, not strings.
//!
//! The module is public (on `wasm32` only) so that the `wasm-bindgen-test`
//! tests in `tests/wasm_*.rs` call exactly what JavaScript calls.

mod gate;
mod interop;
mod prepared;
mod user;

pub use gate::Gate;
pub use interop::{AssignTargetArg, ContextArg, SnapshotArg};
pub use prepared::Prepared;
pub use user::UserHandle;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs once when the module is instantiated: a Rust panic (a bug; bad input
/// never panics) is reported on the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
