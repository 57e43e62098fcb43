//! Conditions over user, record, org and team attributes.

use serde::{Deserialize, Serialize};

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
