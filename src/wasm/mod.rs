//! The JavaScript binding: the only code that knows about JavaScript. It
//! converts values and errors and calls the core, nothing more.
//!
//! - [`engine::Gate`] (JS `Core`, wrapped by the package's `Rolegate` class
//!   in `js/gate.js`) holds a compiled [`crate::Engine`] and its context
//!   buffer: a check's context crosses as numbers laid out by
//!   `crate::decide::encoded`, so a check is one call with three integers;
//! - [`interop`] reads any other JS value (explanations, prepared contexts,
//!   contexts the buffer cannot hold) into the core's types, refusing what
//!   `JSON.stringify` would silently change, and writes answers back.
//!
//! The module is public (on `wasm32` only) so that the `wasm-bindgen-test`
//! tests in `tests/wasm_*.rs` call exactly what the JS layer calls.

mod engine;
mod interop;

pub use engine::Gate;

/// Runs when the module is instantiated: a panic (a bug) goes to the console.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    // (The client build aborts at once on a panic: no hook runs.)
    #[cfg(not(feature = "client"))]
    console_error_panic_hook::set_once();
    // The hashing secret (`crate::index::hashing`): wasm has no randomness but
    // JS's. (The client build's name tables are sorted, not hashed.)
    #[cfg(not(feature = "client"))]
    {
        let bits = |x: f64| (x * 4_503_599_627_370_496.0) as u64; // 52 random bits
        crate::index::hashing::set_secret(
            bits(js_sys::Math::random()) << 12 ^ bits(js_sys::Math::random()),
        );
    }
}
