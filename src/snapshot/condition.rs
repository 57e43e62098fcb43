//! Conditions over user, record, org and team attributes.

use super::shape::{boxed, list, map, shape};
use crate::json::{Path, Reader, Value};
use crate::messages::Msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An attribute value: a string, a number, a boolean or a list of strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(untagged)]
pub enum AttrValue {
    /// `true` / `false`.
    Bool(bool),
    /// Any JSON number.
    Num(f64),
    /// A string.
    Str(String),
    /// A list of strings (for `inAttr` membership, e.g. a user's staff groups).
    List(Vec<String>),
}

impl AttrValue {
    /// Reads a value: a boolean, a number, a string or a list of strings.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub(crate) fn read(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<AttrValue> {
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
                            let what = r.words().template(Msg::AListString).to_owned();
                            r.expected_words(&what, other, &at.index(i));
                            bad = true;
                        }
                    }
                }
                (!bad).then_some(AttrValue::List(list))
            }
            other => {
                r.expected(Msg::AnAttribute, other, at);
                None
            }
        }
    }
}

/// Attributes or settings by key. A malformed value leaves its key out.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub(crate) fn attributes(
    r: &mut Reader,
    v: Value<'_>,
    at: &Path<'_>,
) -> Option<BTreeMap<String, AttrValue>> {
    map(AttrValue::read)(r, v, at)
}

/// A condition. Exactly one form per object:
///
/// - `{"all": [c, ...]}`, `{"any": [c, ...]}`, `{"not": c}`;
/// - `{"attr": "user.crmAccess", "eq": true}`: equality with a literal;
/// - `{"attr": "record.status", "in": ["open", "won"]}`: membership in literals
///   (when the attribute is a list, any of its items);
/// - `{"attr": "user.staff", "present": true}`: presence;
/// - `{"attr": "record.staff", "eqAttr": "user.staff"}`: equality of two attributes;
/// - `{"attr": "record.group", "inAttr": "user.groups"}`: membership in another
///   attribute's list.
///
/// An attribute path is `user.<key>` (the checking user's attributes),
/// `record.<key>` (the record in the check's context), `org.<key>` (the org's
/// settings) or `team.<key>` (the settings of the record's team, else the
/// context's team). A missing attribute is never equal to anything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    /// Every sub-condition holds (true when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Condition>>,
    /// At least one sub-condition holds (false when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<Condition>>,
    /// The sub-condition does not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Condition>>,
    /// The attribute path a comparison reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
    /// Equal to this literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eq: Option<AttrValue>,
    /// Equal to one of these literals.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<AttrValue>>,
    /// Present (`true`) or absent (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
    /// Equal to the value of this other attribute path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eq_attr: Option<String>,
    /// Contained in the list held by this other attribute path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_attr: Option<String>,
}

// Read recursively: the depth is bounded by the document's nesting limit.
shape!(Condition {
    all: optional("all", list(Condition::read)),
    any: optional("any", list(Condition::read)),
    not: optional("not", boxed(Condition::read)),
    attr: optional("attr", Reader::string),
    eq: optional("eq", AttrValue::read),
    one_of: optional("in", list(AttrValue::read)),
    present: optional("present", Reader::boolean),
    eq_attr: optional("eqAttr", Reader::string),
    in_attr: optional("inAttr", Reader::string),
});
