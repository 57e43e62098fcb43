//! Conversions between JS values and the core's Rust types.
//!
//! Structured values cross as JSON text: `JSON.stringify` on the way in and
//! `JSON.parse` on the way out, so the snapshot has one parser (the core's)
//! on every platform and the package carries no second (de)serializer.

use crate::decide::{AssignTargetData, Code, ContextData, Explanation};
use crate::json::ToJson;
use crate::problem::{Problem, SnapshotError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CONTEXT_TS: &str = r#"
/** Where a check is asked: at a unit, for a team, about a record. */
export type Context = ContextData;
"#;

#[wasm_bindgen]
extern "C" {
    /// A check's context, `{ unit?, team?, record? }` or a `Prepared` one,
    /// typed for TypeScript.
    #[wasm_bindgen(typescript_type = "Context | Prepared")]
    pub type ContextArg;
    /// A snapshot object `{ model, org }`, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "Snapshot")]
    pub type SnapshotArg;
    /// The target of `canAssign`, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "AssignTargetData")]
    pub type AssignTargetArg;
}

/// `JSON.stringify(value)` as Rust text; `None` for `undefined`, functions,
/// cycles and BigInts.
pub fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
}

/// A Rust value as a plain JS value (`null` if its JSON does not parse,
/// which the core's writers never produce).
pub fn to_js<T: ToJson + ?Sized>(value: &T) -> JsValue {
    js_sys::JSON::parse(&value.to_json()).unwrap_or(JsValue::NULL)
}

/// An optional JS argument as JSON text: `None` for `undefined` / `null`.
fn argument_text(value: Option<&JsValue>) -> Result<Option<String>, String> {
    match value {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => {
            if !v.is_object() || js_sys::Array::is_array(v) {
                return Err("expected a plain object".to_string());
            }
            stringify(v)
                .map(Some)
                .ok_or_else(|| "expected a plain object".to_string())
        }
    }
}

/// Reads the optional `target` argument of `canAssign`.
pub fn assign_target(value: Option<&JsValue>) -> Result<AssignTargetData, String> {
    match argument_text(value)? {
        None => Ok(AssignTargetData::default()),
        Some(text) => AssignTargetData::from_json(&text),
    }
}

/// Reads the optional `context` argument of a check.
pub fn context(value: Option<ContextArg>) -> Result<ContextData, String> {
    let text = argument_text(value.as_ref().map(|v| v.as_ref()))
        .map_err(|e| format!("invalid context: {e}"))?;
    match text {
        None => Ok(ContextData::default()),
        Some(text) => ContextData::from_json(&text).map_err(|e| format!("invalid context: {e}")),
    }
}

/// The denial for a context that is not `{ unit?, team?, record? }`:
/// decisions never throw.
pub fn invalid_context(message: String) -> Explanation {
    Explanation::new(Code::UnknownContext, message)
}

/// The snapshot argument of `Rolegate.load` as JSON text.
pub fn snapshot_text(value: &JsValue) -> Result<String, SnapshotError> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        if let Some(text) = stringify(value) {
            return Ok(text);
        }
    }
    Err(SnapshotError {
        problems: vec![Problem::new(
            "$",
            "expected a snapshot object `{ model, org }`",
        )],
    })
}

/// A [`SnapshotError`] as a JS `Error` named `SnapshotError` with its
/// `problems` (`index.js` gives it the `SnapshotError` class).
pub fn snapshot_error(error: &SnapshotError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("SnapshotError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &to_js(&error.problems));
    js.into()
}
