//! JSON text to a typed [`Snapshot`], reporting every type error at once.

use super::{Problem, SnapshotError};
use crate::snapshot::{
    Feature, Permission, Plan, Restriction, Role, Seat, Snapshot, Team, Toggle, Unit, User,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use serde_path_to_error::Segment;

/// Deepest JSON nesting a rejected document is walked to (conditions nest
/// up to 32 levels inside about 6 levels of snapshot).
const MAX_NESTING: usize = 64;

/// Parses a JSON snapshot. The typed parse is tried first; when it fails, the
/// document is walked element by element so that every malformed element is
/// reported, not only the first.
pub fn decode(text: &str) -> Result<Snapshot, SnapshotError> {
    decode_all(text).map_err(|(problems, _)| SnapshotError { problems })
}

/// [`decode`], and on failure also the snapshot that remains once every
/// malformed value is dropped (when one remains), so that the other checks
/// can still run and report their problems alongside the type errors.
pub(crate) fn decode_all(text: &str) -> Result<Snapshot, (Vec<Problem>, Option<Box<Snapshot>>)> {
    let fail = |path: &str, message: String| (vec![Problem::new(path, message)], None);
    if text.trim().is_empty() {
        return Err(fail(
            "$",
            "the snapshot is empty: expected a JSON object with `model` and `org`".into(),
        ));
    }
    // The fast path: a plain typed parse. Paths are only tracked on failure.
    if let Ok(s) = serde_json::from_str::<Snapshot>(text) {
        return Ok(s);
    }
    if nesting(text) > MAX_NESTING {
        return Err(fail(
            "$",
            format!("the document nests deeper than {MAX_NESTING} levels"),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let first = match serde_path_to_error::deserialize::<_, Snapshot>(&mut de) {
        Ok(s) => {
            return match de.end() {
                Ok(()) => Ok(s),
                Err(e) => Err(fail("$", format!("not valid JSON: {e}"))),
            }
        }
        Err(first) => first,
    };
    let mut value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // A number JSON values cannot hold: the typed parse knows where.
            let message = e.to_string();
            let at = if message.contains("number out of range") {
                from_path_error(&first, "").path
            } else {
                "$".to_owned()
            };
            return Err(fail(&at, format!("not valid JSON: {message}")));
        }
    };
    let mut found = Found::default();
    walk(&mut value, &mut found);
    if found.problems.is_empty() {
        found.problems.push(from_path_error(&first, ""));
    }
    let repaired = if found.lossy {
        None
    } else {
        serde_json::from_value::<Snapshot>(value).ok().map(Box::new)
    };
    Err((found.problems, repaired))
}

/// The deepest nesting of arrays and objects in `text` (strings skipped).
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Strips serde_json's " at line L column C" (meaningless for a JS object).
fn clean(message: String) -> String {
    match message.find(" at line ") {
        Some(i) => message.get(..i).map(str::to_owned).unwrap_or(message),
        None => message,
    }
}

fn from_path_error(e: &serde_path_to_error::Error<serde_json::Error>, prefix: &str) -> Problem {
    let inner = e.path().to_string();
    let root = inner == "." || inner == "?";
    let path = match (prefix.is_empty(), root) {
        (true, true) => "$".to_owned(),
        (true, false) => inner,
        (false, true) => prefix.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{prefix}{inner}"),
        (false, false) => format!("{prefix}.{inner}"),
    };
    Problem::new(path, clean(e.inner().to_string()))
}

/// What the walk over a rejected document found.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    /// A whole element or object could not be mended and was dropped, so the
    /// rest of the document no longer says what its author meant.
    lossy: bool,
}

/// Checks one element of a list field, recording its problems; false when
/// the element has to be dropped.
type ElementCheck = fn(&mut Value, &str, &mut Found) -> bool;

/// Most type errors reported for one element.
const MAX_ERRORS_PER_ELEMENT: usize = 16;

/// Checks `value` as a `T`. Each type error is reported and the offending
/// value removed, until it parses (true) or cannot be mended (false).
fn check<T: DeserializeOwned>(value: &mut Value, path: &str, out: &mut Found) -> bool {
    let mut removed_any = false;
    for _ in 0..MAX_ERRORS_PER_ELEMENT {
        let e = match serde_path_to_error::deserialize::<_, T>(&*value) {
            Ok(_) => return true,
            Err(e) => e,
        };
        let message = e.inner().to_string();
        if removed_any && message.starts_with("missing field") {
            // Caused by a removal of ours: the element cannot be mended.
            out.lossy = true;
            return false;
        }
        out.problems.push(from_path_error(&e, path));
        let segments: Vec<&Segment> = e.path().iter().collect();
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
            .map(str::to_owned);
        let removed = match unknown {
            // The path names the object holding the unknown key.
            Some(key) => at(value, &segments)
                .and_then(Value::as_object_mut)
                .and_then(|o| o.remove(&key))
                .is_some(),
            None => match segments.split_last() {
                Some((last, parent)) => match (at(value, parent), last) {
                    (Some(Value::Object(o)), Segment::Map { key }) => o.remove(key).is_some(),
                    (Some(Value::Array(a)), Segment::Seq { index }) if *index < a.len() => {
                        a.remove(*index);
                        true
                    }
                    _ => false,
                },
                None => false,
            },
        };
        if !removed {
            out.lossy = true;
            return false;
        }
        removed_any = true;
    }
    out.lossy = true;
    false
}

/// The value at `segments` below `root`.
fn at<'v>(root: &'v mut Value, segments: &[&Segment]) -> Option<&'v mut Value> {
    let mut v = root;
    for s in segments {
        v = match (v, s) {
            (Value::Object(o), Segment::Map { key }) => o.get_mut(key)?,
            (Value::Array(a), Segment::Seq { index }) => a.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(v)
}

/// Checks `obj` as a `T` with its list fields set aside, then each element of
/// each list field on its own, dropping the elements that cannot be mended.
fn object<T: DeserializeOwned>(
    obj: &mut Map<String, Value>,
    path: &str,
    lists: &[(&str, ElementCheck)],
    out: &mut Found,
) {
    let mut kept = Vec::new();
    for (key, elem) in lists {
        let Some(v) = obj.remove(*key) else { continue };
        match v {
            Value::Array(items) => {
                let mut good = Vec::with_capacity(items.len());
                for (i, mut item) in items.into_iter().enumerate() {
                    if elem(&mut item, &format!("{path}.{key}[{i}]"), out) {
                        good.push(item);
                    }
                }
                kept.push(((*key).to_owned(), Value::Array(good)));
            }
            other => {
                out.problems.push(Problem::new(
                    format!("{path}.{key}"),
                    format!("expected an array, found {}", kind(&other)),
                ));
                out.lossy = true;
                kept.push(((*key).to_owned(), Value::Array(Vec::new())));
            }
        }
    }
    // The object itself, with its lists present but empty.
    let mut shell = Value::Object(std::mem::take(obj));
    if let Value::Object(o) = &mut shell {
        for (key, _) in &kept {
            o.insert(key.clone(), Value::Array(Vec::new()));
        }
    }
    check::<T>(&mut shell, path, out);
    if let Value::Object(mut o) = shell {
        o.extend(kept);
        *obj = o;
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn walk(root: &mut Value, out: &mut Found) {
    let Value::Object(top) = root else {
        out.problems.push(Problem::new(
            "$",
            format!(
                "expected an object with `model` and `org`, found {}",
                kind(root)
            ),
        ));
        return;
    };
    top.retain(|key, _| {
        let known = key == "model" || key == "org";
        if !known {
            let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_');
            out.problems.push(Problem::new(
                if plain {
                    key.clone()
                } else {
                    format!("$[{key:?}]")
                },
                format!("unknown field `{key}`, expected `model` or `org`"),
            ));
        }
        known
    });
    match top.get_mut("model") {
        Some(Value::Object(m)) => object::<crate::snapshot::Model>(
            m,
            "model",
            &[
                ("permissions", check::<Permission>),
                ("features", check::<Feature>),
                ("plans", check::<Plan>),
                ("seats", check::<Seat>),
                ("roles", check::<Role>),
                ("toggles", check::<Toggle>),
                ("restrictions", check::<Restriction>),
            ],
            out,
        ),
        Some(other) => out.problems.push(Problem::new(
            "model",
            format!("expected an object, found {}", kind(other)),
        )),
        None => out
            .problems
            .push(Problem::new("$", "missing field `model`")),
    }
    match top.get_mut("org") {
        Some(Value::Object(o)) => object::<crate::snapshot::Org>(
            o,
            "org",
            &[
                ("units", check::<Unit>),
                ("teams", check::<Team>),
                ("users", check::<User>),
            ],
            out,
        ),
        Some(other) => out.problems.push(Problem::new(
            "org",
            format!("expected an object, found {}", kind(other)),
        )),
        None => out.problems.push(Problem::new("$", "missing field `org`")),
    }
}
