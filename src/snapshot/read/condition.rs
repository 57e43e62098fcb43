//! Conditions and attribute values.

use crate::json::read::{describe, Reader};
use crate::json::{Path, Value};
use crate::snapshot::{AttrValue, Condition};
use std::collections::BTreeMap;

const CONDITION: &[&str] = &[
    "all", "any", "not", "attr", "eq", "in", "present", "eqAttr", "inAttr",
];

/// A condition. Its depth is bounded by the document's nesting limit.
pub(crate) fn condition(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Condition> {
    let members = r.object(v, at)?;
    let mut c = Condition::default();
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "all" => c.all = r.optional(v, &at, |r, v, at| r.list(v, at, condition)),
            "any" => c.any = r.optional(v, &at, |r, v, at| r.list(v, at, condition)),
            "not" => c.not = r.optional(v, &at, condition).map(Box::new),
            "attr" => c.attr = r.optional_string(v, &at),
            "eq" => c.eq = r.optional(v, &at, attr_value),
            "in" => c.one_of = r.optional(v, &at, |r, v, at| r.list(v, at, attr_value)),
            "present" => c.present = r.optional(v, &at, Reader::boolean),
            "eqAttr" => c.eq_attr = r.optional_string(v, &at),
            "inAttr" => c.in_attr = r.optional_string(v, &at),
            _ => r.unknown(key, CONDITION, &at),
        }
    }
    Some(c)
}

const ATTR_VALUE: &str = "a string, a number, a boolean or a list of strings";

/// An attribute value: a boolean, a number, a string or a list of strings.
pub(crate) fn attr_value(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<AttrValue> {
    match v {
        Value::Bool(b) => Some(AttrValue::Bool(b)),
        Value::Num(n, _) => Some(AttrValue::Num(n)),
        Value::Str(s) => Some(AttrValue::Str(s.to_owned())),
        Value::Array(items) => {
            let mut list = Vec::with_capacity(items.len());
            let mut bad = false;
            for (i, item) in items.enumerate() {
                match item {
                    Value::Str(s) => list.push(s.to_owned()),
                    other => {
                        r.report(
                            &at.index(i),
                            format!(
                                "expected a string (a list attribute holds strings only), found {}",
                                describe(other)
                            ),
                        );
                        bad = true;
                    }
                }
            }
            (!bad).then_some(AttrValue::List(list))
        }
        other => {
            r.expected(ATTR_VALUE, other, at);
            None
        }
    }
}

/// Attributes or settings by key. A malformed value leaves its key out.
pub(crate) fn attributes(
    r: &mut Reader,
    v: Value<'_>,
    at: &Path<'_>,
) -> Option<BTreeMap<String, AttrValue>> {
    map(r, v, at, attr_value)
}

/// An object read as a map, each value by `read`. A malformed value leaves
/// its key out; a repeated key keeps its last value, as `JSON.parse` does.
pub(crate) fn map<'d, T>(
    r: &mut Reader,
    v: Value<'d>,
    at: &Path<'_>,
    mut read: impl FnMut(&mut Reader, Value<'d>, &Path<'_>) -> Option<T>,
) -> Option<BTreeMap<String, T>> {
    let members = r.object(v, at)?;
    let mut out = BTreeMap::new();
    for (key, v) in members {
        match read(r, v, &at.key(key)) {
            Some(x) => {
                out.insert(key.to_owned(), x);
            }
            None => {
                out.remove(key);
            }
        }
    }
    Some(out)
}
