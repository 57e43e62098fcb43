//! JSON text to a typed [`Snapshot`], reporting every type error at once.

use super::{Problem, SnapshotError};
use crate::snapshot::{
    Feature, Permission, Plan, Restriction, Role, Seat, Snapshot, Team, Toggle, Unit, User,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Parses a JSON snapshot. The typed parse is tried first; when it fails, the
/// document is walked element by element so that every malformed element is
/// reported, not only the first.
pub fn decode(text: &str) -> Result<Snapshot, SnapshotError> {
    if text.trim().is_empty() {
        return Err(one(
            "$",
            "the snapshot is empty: expected a JSON object with `model` and `org`",
        ));
    }
    // The fast path: a plain typed parse. Paths are only tracked on failure.
    if let Ok(s) = serde_json::from_str::<Snapshot>(text) {
        return Ok(s);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let typed: Result<Snapshot, _> = serde_path_to_error::deserialize(&mut de);
    match typed {
        Ok(s) => match de.end() {
            Ok(()) => Ok(s),
            Err(e) => Err(one(
                "$",
                format!("not valid JSON: {}", clean(e.to_string())),
            )),
        },
        Err(first) => {
            let value: Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => return Err(one("$", format!("not valid JSON: {e}"))),
            };
            let mut problems = Vec::new();
            walk(&value, &mut problems);
            if problems.is_empty() {
                problems.push(from_path_error(&first, ""));
            }
            Err(SnapshotError { problems })
        }
    }
}

fn one(path: &str, message: impl Into<String>) -> SnapshotError {
    SnapshotError {
        problems: vec![Problem::new(path, message)],
    }
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
    let path = match (prefix.is_empty(), inner == ".") {
        (true, true) => "$".to_owned(),
        (true, false) => inner,
        (false, true) => prefix.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{prefix}{inner}"),
        (false, false) => format!("{prefix}.{inner}"),
    };
    Problem::new(path, clean(e.inner().to_string()))
}

/// Checks one element of a list field, pushing its problems.
type ElementCheck = fn(&Value, &str, &mut Vec<Problem>);

fn check<T: DeserializeOwned>(value: &Value, path: &str, out: &mut Vec<Problem>) {
    if let Err(e) = serde_path_to_error::deserialize::<_, T>(value) {
        out.push(from_path_error(&e, path));
    }
}

/// Checks `obj` as a `T` with its list fields emptied, then each element of
/// each list field on its own.
fn object<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    path: &str,
    lists: &[(&str, ElementCheck)],
    out: &mut Vec<Problem>,
) {
    let mut shell = obj.clone();
    for (key, elem) in lists {
        let Some(v) = obj.get(*key) else { continue };
        shell.insert((*key).to_owned(), Value::Array(Vec::new()));
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    elem(item, &format!("{path}.{key}[{i}]"), out);
                }
            }
            other => out.push(Problem::new(
                format!("{path}.{key}"),
                format!("expected an array, found {}", kind(other)),
            )),
        }
    }
    check::<T>(&Value::Object(shell), path, out);
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

fn walk(root: &Value, out: &mut Vec<Problem>) {
    let Value::Object(top) = root else {
        out.push(Problem::new(
            "$",
            format!(
                "expected an object with `model` and `org`, found {}",
                kind(root)
            ),
        ));
        return;
    };
    for key in top.keys() {
        if key != "model" && key != "org" {
            out.push(Problem::new(
                format!("$.{key}"),
                format!("unknown field `{key}`, expected `model` or `org`"),
            ));
        }
    }
    match top.get("model") {
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
        Some(other) => out.push(Problem::new(
            "model",
            format!("expected an object, found {}", kind(other)),
        )),
        None => out.push(Problem::new("$", "missing field `model`")),
    }
    match top.get("org") {
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
        Some(other) => out.push(Problem::new(
            "org",
            format!("expected an object, found {}", kind(other)),
        )),
        None => out.push(Problem::new("$", "missing field `org`")),
    }
}
