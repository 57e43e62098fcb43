//! Conversions between JS values and the core's types. Values enter as JSON
//! text for the core's one reader (a snapshot by `JSON.stringify`; contexts
//! and targets by [`json_text`], which refuses with its path what
//! `JSON.stringify` would silently change) and leave by `JSON.parse`.

use crate::json::{self, ToJson};
use crate::problem::{Problem, SnapshotError};
use crate::slice::SliceError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Deepest nesting [`json_text`] follows (a cyclic value ends here too).
const MAX_DEPTH: usize = 32;

/// A JS string as Rust text; `None` for anything else, and for a string
/// that is not well-formed UTF-16 (it could never equal a snapshot name).
pub fn name(value: &JsValue) -> Option<String> {
    let s = value.dyn_ref::<js_sys::JsString>()?;
    s.is_valid_utf16().then(|| String::from(s))
}

/// An id argument as [`name`], else `""` (no snapshot has an empty id): a
/// decision on any other value denies as "unknown" instead of throwing.
pub fn id(value: &JsValue) -> String {
    name(value).unwrap_or_default()
}

/// A Rust value as a plain JS value (`null` if its JSON does not parse).
pub fn to_js<T: ToJson + ?Sized>(value: &T) -> JsValue {
    js_sys::JSON::parse(&value.to_json()).unwrap_or(JsValue::NULL)
}

/// An optional argument read by `from_json` (the default for `undefined`
/// and `null`); the error says what is wrong and where.
pub fn read<T: Default>(
    value: &JsValue,
    from_json: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, String> {
    json_text(value)?.map_or(Ok(T::default()), |text| from_json(&text))
}

/// An optional argument as JSON text: `None` for `undefined` and `null`;
/// the error names the offending value's path and what it is.
fn json_text(value: &JsValue) -> Result<Option<String>, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let mut out = String::new();
    let mut path = Vec::new();
    write(value, &mut out, &mut path).map_err(|what| match path.is_empty() {
        true => what,
        false => format!("{}: {what}", path.concat().trim_start_matches('.')),
    })?;
    Ok(Some(out))
}

/// Writes `value` as JSON into `out`; on refusal, `path` is where.
fn write(value: &JsValue, out: &mut String, path: &mut Vec<String>) -> Result<(), String> {
    if path.len() > MAX_DEPTH {
        return Err("nested too deeply".to_owned());
    }
    if value.is_null() {
        out.push_str("null");
    } else if let Some(b) = value.as_bool() {
        out.push_str(if b { "true" } else { "false" });
    } else if let Some(n) = value.as_f64() {
        let text = js_sys::JSON::stringify(value)
            .map(String::from)
            .unwrap_or_default();
        if !n.is_finite() {
            return Err("expected a finite number".to_owned());
        }
        out.push_str(&text); // written by JS: no float formatting in the wasm
    } else if value.is_string() {
        let s = name(value).ok_or("a string that is not well-formed UTF-16")?;
        json::string(out, &s);
    } else if let Some(items) = value.dyn_ref::<js_sys::Array>() {
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            path.push(format!("[{i}]"));
            write(&item, out, path)?;
            path.pop();
        }
        out.push(']');
    } else if is_plain_object(value) {
        write_object(value, out, path)?;
    } else {
        return Err(format!("expected plain data, found {}", kind(value)));
    }
    Ok(())
}

/// Writes a plain object's own enumerable members (skipping `undefined`
/// ones, as `JSON.stringify` does).
fn write_object(value: &JsValue, out: &mut String, path: &mut Vec<String>) -> Result<(), String> {
    out.push('{');
    let mut first = true;
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let k = name(&key).ok_or("a key that is not well-formed UTF-16")?;
        let member = js_sys::Reflect::get(value, &key).map_err(|_| {
            path.push(format!(".{k}"));
            "a member that cannot be read".to_owned()
        })?;
        if member.is_undefined() {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        json::string(out, &k);
        out.push(':');
        path.push(format!(".{k}"));
        write(&member, out, path)?;
        path.pop();
    }
    out.push('}');
    Ok(())
}

/// An object whose prototype is `Object.prototype` or `null`.
fn is_plain_object(value: &JsValue) -> bool {
    if !value.is_object() || value.is_function() {
        return false;
    }
    let proto = js_sys::Object::get_prototype_of(value);
    proto.is_null() || js_sys::Object::get_prototype_of(&proto).is_null()
}

/// What a value that is not plain data is, in words.
fn kind(value: &JsValue) -> String {
    let of = value.js_typeof().as_string().unwrap_or_default();
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).ok();
    let class = get(value, "constructor").and_then(|c| get(&c, "name")?.as_string());
    match of.as_str() {
        "object" => match class.filter(|n| !n.is_empty() && n != "Object") {
            Some(n) => format!("an instance of `{n}`"),
            None => "an object that is not plain (it has a prototype of its own)".to_owned(),
        },
        "bigint" => "a BigInt".to_owned(),
        "undefined" => "undefined".to_owned(),
        other => format!("a {other}"),
    }
}

/// The snapshot argument of `Core.load` as JSON text.
pub fn snapshot_text(value: &JsValue) -> Result<String, SnapshotError> {
    let object = value.is_object() && !js_sys::Array::is_array(value);
    let text = object.then(|| js_sys::JSON::stringify(value).ok()?.as_string());
    text.flatten().ok_or_else(|| SnapshotError {
        problems: vec![Problem::new(
            "$",
            "expected a snapshot object `{ model, org }`",
        )],
    })
}

/// A [`SnapshotError`] as a JS `Error` named `SnapshotError` with its
/// `problems` (`js/gate.js` gives it the `SnapshotError` class).
pub fn snapshot_error(error: &SnapshotError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("SnapshotError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &to_js(&error.problems));
    js.into()
}

/// A [`SliceError`] as a JS `Error` named `SliceError` with its `kind`
/// (`js/slice-error.js` gives it the `SliceError` class).
pub fn slice_error(error: &SliceError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("SliceError");
    let kind = match error {
        SliceError::NotASlice => "not_a_slice",
        SliceError::Version { .. } => "version",
        SliceError::Truncated { .. } => "truncated",
        SliceError::Corrupt => "corrupt",
        SliceError::Malformed(_) => "malformed",
        SliceError::UnknownUser(_) => "unknown_user",
    };
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    js.into()
}
