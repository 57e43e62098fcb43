//! Conversions between JS values and the core's types. A snapshot enters as
//! JSON text (by `JSON.stringify`) for the core's parser; contexts and
//! targets as the document the core's readers read, built from the value by
//! [`read`] (which refuses with its path what `JSON.stringify` would
//! silently change), so the same readers give the same answers with no text
//! to parse. Answers leave by `JSON.parse`.

use crate::json::{Builder, Document, ToJson};
use crate::problem::{Problem, SnapshotError};
use crate::slice::SliceError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Deepest nesting [`json_text`] follows (a cyclic value ends here too).
const MAX_DEPTH: usize = 32;

/// A JS string as Rust text; `None` for anything else, and for a string
/// that is not well-formed UTF-16 (it could never equal a snapshot name).
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub fn name(value: &JsValue) -> Option<String> {
    let s = value.dyn_ref::<js_sys::JsString>()?;
    s.is_valid_utf16().then(|| String::from(s))
}

/// An id argument as [`name`], else `""` (no snapshot has an empty id): a
/// decision on any other value denies as "unknown" instead of throwing.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub fn id(value: &JsValue) -> String {
    name(value).unwrap_or_default()
}

/// A Rust value as a plain JS value (`null` if its JSON does not parse).
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub fn to_js<T: ToJson + ?Sized>(value: &T) -> JsValue {
    js_sys::JSON::parse(&value.to_json()).unwrap_or(JsValue::NULL)
}

/// An optional argument read by `from` (the default for `undefined` and
/// `null`) from the document of the value; the error says what is wrong
/// and where.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub fn read<T: Default>(
    value: &JsValue,
    from: impl FnOnce(&Document<'_>) -> Result<T, String>,
) -> Result<T, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let mut doc = Builder::default();
    let mut path = Vec::new();
    build(value, "", &mut doc, &mut path).map_err(|what| match path.is_empty() {
        true => what,
        false => format!("{}: {what}", path.concat().trim_start_matches('.')),
    })?;
    from(&doc.finish())
}

/// Adds `value` (at `key` of its object, `""` elsewhere) to `doc`; on
/// refusal, `path` is where. Only what `JSON.stringify` would keep as it is.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
fn build(
    value: &JsValue,
    key: &str,
    doc: &mut Builder,
    path: &mut Vec<String>,
) -> Result<(), String> {
    if path.len() > MAX_DEPTH {
        return Err("nested too deeply".to_owned());
    }
    if value.is_null() {
        doc.null(key);
    } else if let Some(b) = value.as_bool() {
        doc.bool(key, b);
    } else if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            return Err("expected a finite number".to_owned());
        }
        // Its text (for messages) written by JS: no float formatting in the wasm.
        let text = js_sys::JSON::stringify(value)
            .map(String::from)
            .unwrap_or_default();
        // -0 as `JSON.stringify` writes it: 0.
        doc.number(key, if n == 0.0 { 0.0 } else { n }, &text);
    } else if value.is_string() {
        let s = name(value).ok_or("a string that is not well-formed UTF-16")?;
        doc.string(key, &s);
    } else if let Some(items) = value.dyn_ref::<js_sys::Array>() {
        doc.open(key, false);
        for (i, item) in items.iter().enumerate() {
            path.push(format!("[{i}]"));
            build(&item, "", doc, path)?;
            path.pop();
        }
        doc.close();
    } else if is_plain_object(value) {
        build_object(value, key, doc, path)?;
    } else {
        return Err(format!("expected plain data, found {}", kind(value)));
    }
    Ok(())
}

/// Adds a plain object's own enumerable members (skipping `undefined`
/// ones, as `JSON.stringify` does).
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
fn build_object(
    value: &JsValue,
    key: &str,
    doc: &mut Builder,
    path: &mut Vec<String>,
) -> Result<(), String> {
    doc.open(key, true);
    for k in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let name = name(&k).ok_or("a key that is not well-formed UTF-16")?;
        let member = js_sys::Reflect::get(value, &k).map_err(|_| {
            path.push(format!(".{name}"));
            "a member that cannot be read".to_owned()
        })?;
        if member.is_undefined() {
            continue;
        }
        path.push(format!(".{name}"));
        build(&member, &name, doc, path)?;
        path.pop();
    }
    doc.close();
    Ok(())
}

/// An object whose prototype is `Object.prototype` or `null`.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
fn is_plain_object(value: &JsValue) -> bool {
    if !value.is_object() || value.is_function() {
        return false;
    }
    let proto = js_sys::Object::get_prototype_of(value);
    proto.is_null() || js_sys::Object::get_prototype_of(&proto).is_null()
}

/// What a value that is not plain data is, in words.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
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
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
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
#[cfg_attr(rolegate_size, optimize(size))]
pub fn snapshot_error(error: &SnapshotError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("SnapshotError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &to_js(&error.problems));
    js.into()
}

/// A [`SliceError`] as a JS `Error` named `SliceError` with its `kind`
/// (`js/slice-error.js` gives it the `SliceError` class).
#[cfg_attr(rolegate_size, optimize(size))]
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
