//! Conversions between JS values and the core's Rust types.
//!
//! Structured values cross as JSON text: `JSON.stringify` on the way in and
//! `JSON.parse` on the way out, so the snapshot has one parser (serde_json)
//! on every platform and the package carries no second (de)serializer.

use crate::decide::{Code, ContextData, Explanation};
use crate::validate::{Problem, SnapshotError};
use serde::{Deserialize, Serialize};
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

/// Who receives a role in `canAssign`: a user (absent for an invitation) at
/// an optional unit or team.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignTargetData {
    /// The user who would receive the role; absent for a new, invited user.
    #[serde(default)]
    pub user: Option<String>,
    /// The unit the role would be held at.
    #[serde(default)]
    pub unit: Option<String>,
    /// The team the role would be held for.
    #[serde(default)]
    pub team: Option<String>,
}

/// `JSON.stringify(value)` as Rust text; `None` for `undefined`, functions,
/// cycles and BigInts.
pub fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
}

/// A Rust value as a plain JS value (`null` if it cannot be serialized,
/// which the core's answer types never do).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// Reads an optional JS argument (`undefined` / `null` -> the default).
pub fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: Option<&JsValue>,
) -> Result<T, String> {
    match value {
        None => Ok(T::default()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(T::default()),
        Some(v) => {
            // serde reads a struct from a sequence too: `[]` is not a context.
            if !v.is_object() || js_sys::Array::is_array(v) {
                return Err("expected a plain object".to_string());
            }
            let text = stringify(v).ok_or_else(|| "expected a plain object".to_string())?;
            serde_json::from_str(&text).map_err(|e| e.to_string())
        }
    }
}

/// Reads the optional `context` argument of a check.
pub fn context(value: Option<ContextArg>) -> Result<ContextData, String> {
    from_js(value.as_ref().map(|v| v.as_ref())).map_err(|e| format!("invalid context: {e}"))
}

/// The denial for a context that is not `{ unit?, team?, record? }`:
/// decisions never throw.
pub fn invalid_context(message: String) -> Explanation {
    Explanation {
        allowed: false,
        code: Code::UnknownContext,
        message,
        role: None,
        unit: None,
        team: None,
        toggle: None,
        restriction: None,
        seat: None,
        feature: None,
    }
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
