//! A naive evaluator of a record filter's JSON (`Engine::filter`), written
//! from the documented format: what a database query built from the filter
//! must select.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rolegate::snapshot::AttrValue;
use rolegate::Record;
use serde_json::Value;

/// Whether `record` matches the filter `f` (its JSON); panics on a form the
/// README does not describe.
pub fn matches(f: &Value, record: &Record) -> bool {
    match f {
        Value::Bool(b) => *b,
        Value::Object(m) => {
            if let Some(Value::Array(fs)) = m.get("any") {
                return fs.iter().any(|f| matches(f, record));
            }
            if let Some(Value::Array(fs)) = m.get("all") {
                return fs.iter().all(|f| matches(f, record));
            }
            if let Some(g) = m.get("not") {
                return !matches(g, record);
            }
            for (field, value) in [
                ("owner", &record.owner),
                ("team", &record.team),
                ("unit", &record.unit),
            ] {
                if let Some(test) = m.get(field) {
                    return field_test(test, value.as_deref());
                }
            }
            let key = m["attr"].as_str().expect("an attribute test names its key");
            attr_test(m, record.attributes.get(key), record)
        }
        other => panic!("not a filter: {other}"),
    }
}

fn field_test(test: &Value, value: Option<&str>) -> bool {
    if let Some(Value::Array(ids)) = test.get("in") {
        return value.is_some_and(|v| ids.iter().any(|id| id.as_str() == Some(v)));
    }
    match test.get("present") {
        Some(Value::Bool(p)) => value.is_some() == *p,
        _ => panic!("not a field test: {test}"),
    }
}

fn attr_value(v: &Value) -> AttrValue {
    serde_json::from_value(v.clone()).expect("an attribute value")
}

fn attr_test(m: &serde_json::Map<String, Value>, a: Option<&AttrValue>, record: &Record) -> bool {
    if let Some(v) = m.get("eq") {
        return a.is_some_and(|a| *a == attr_value(v));
    }
    if let Some(Value::Array(vs)) = m.get("in") {
        let vs: Vec<AttrValue> = vs.iter().map(attr_value).collect();
        return a.is_some_and(|a| match a {
            AttrValue::List(items) => items
                .iter()
                .any(|i| vs.iter().any(|v| *v == AttrValue::Str(i.clone()))),
            a => vs.iter().any(|v| a == v),
        });
    }
    if let Some(Value::Bool(p)) = m.get("present") {
        return a.is_some() == *p;
    }
    let other = |k: &str| record.attributes.get(m[k].as_str().unwrap());
    if m.contains_key("eqAttr") {
        return matches!((a, other("eqAttr")), (Some(a), Some(b)) if a == b);
    }
    if m.contains_key("inAttr") {
        return match (a, other("inAttr")) {
            (Some(AttrValue::List(xs)), Some(AttrValue::List(items))) => {
                xs.iter().any(|x| items.contains(x))
            }
            (Some(a), Some(AttrValue::List(items))) => {
                items.iter().any(|i| *a == AttrValue::Str(i.clone()))
            }
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
    }
    panic!("not an attribute test: {m:?}")
}
