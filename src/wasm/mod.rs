//! The JavaScript binding: the only code that knows about JavaScript. It
//! converts values and errors and calls the core, nothing more.
//!
//! - [`engine::Gate`] (JS `Core`, wrapped by the package's `Rolegate` class
//!   in `js/gate.js`) holds a compiled [`crate::Engine`];
//! - [`buffer`] is the one protocol for a check's context: the JS side
//!   writes names as indexes (looked up once, then cached) and record
//!   attributes as numbers into a buffer whose layout this module publishes,
//!   so a check crosses with three integers;
//! - [`interop`] reads any other JS value (explanations, prepared contexts,
//!   contexts the buffer cannot hold) into the core's types, refusing what
//!   `JSON.stringify` would silently change, and writes answers back.
//!
//! The module is public (on `wasm32` only) so that the `wasm-bindgen-test`
//! tests in `tests/wasm_*.rs` call exactly what the JS layer calls.

mod buffer;
mod engine;
mod interop;

pub use engine::Gate;
pub use interop::SnapshotArg;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs once when the module is instantiated: a Rust panic (a bug; bad input
/// never panics) is reported on the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
