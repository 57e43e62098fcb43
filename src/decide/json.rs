//! The decision types as JSON text: contexts and assignment targets read
//! from it, answers written to it (exactly as serde_json writes their serde
//! form), without serde_json.

use super::answer::{Code, Explanation, Matrix, MatrixCell, Named, SeatUsage};
use super::context::{AssignTarget, Context, Record};
use crate::json::Reader;
use crate::json::{self, Document, Object, Path, ToJson, Value};
use crate::snapshot::read::attributes;
use crate::snapshot::shape::shape;
use crate::snapshot::ScopeLevel;

impl Context {
    /// Reads a context from JSON text, `{"unit"?, "team"?, "record"?}`, with
    /// a record `{"owner"?, "team"?, "unit"?, "attributes"?}`; `null` fields
    /// are absent. On failure, every problem in one line, each at its JSON path.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn from_json(text: &str) -> Result<Context, String> {
        read(text, Context::read)
    }

    /// [`Context::from_json`] of a document built from a value (the
    /// binding's JavaScript contexts), with the same answers.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn from_document(doc: &Document<'_>) -> Result<Context, String> {
        read_document(doc, Context::read)
    }
}

impl AssignTarget {
    /// Reads an assignment target from JSON text, `{"user"?, "unit"?,
    /// "team"?}`; `null` fields are absent. On failure, every problem in one
    /// line, each at its JSON path.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn from_json(text: &str) -> Result<AssignTarget, String> {
        read(text, AssignTarget::read)
    }

    /// [`AssignTarget::from_json`] of a document built from a value.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn from_document(doc: &Document<'_>) -> Result<AssignTarget, String> {
        read_document(doc, AssignTarget::read)
    }
}

/// Parses `text` and reads its value with `read`; the problems in one line.
#[cfg_attr(rolegate_size, optimize(size))]
fn read<T>(
    text: &str,
    read: impl FnOnce(&mut Reader, Value<'_>, &Path<'_>) -> Option<T>,
) -> Result<T, String> {
    let doc = json::parse(text).map_err(|e| match e.path() {
        "$" => e.to_string(),
        path => format!("{path}: {e}"),
    })?;
    read_document(&doc, read)
}

/// Reads the value of `doc` with `read`; the problems in one line.
#[cfg_attr(rolegate_size, optimize(size))]
fn read_document<T>(
    doc: &Document<'_>,
    read: impl FnOnce(&mut Reader, Value<'_>, &Path<'_>) -> Option<T>,
) -> Result<T, String> {
    let mut r = Reader::default();
    match read(&mut r, doc.root(), &Path::Root) {
        Some(value) if r.problems.is_empty() => Ok(value),
        _ => {
            let lines: Vec<String> = r
                .problems
                .iter()
                .map(|p| match p.path.as_str() {
                    "$" => p.message.clone(),
                    _ => p.to_string(),
                })
                .collect();
            Err(lines.join("; "))
        }
    }
}

// The JSON shapes of the input types (see `crate::snapshot::shape`).

shape!(Context {
    unit: optional("unit", Reader::string),
    team: optional("team", Reader::string),
    record: optional("record", Record::read),
});

shape!(Record {
    owner: optional("owner", Reader::string),
    team: optional("team", Reader::string),
    unit: optional("unit", Reader::string),
    attributes: defaulted("attributes", nullable_attributes),
});

/// A record's attributes; `null` is none, as for every field of a context.
#[cfg_attr(rolegate_size, optimize(size))]
fn nullable_attributes(
    r: &mut Reader,
    v: Value<'_>,
    at: &Path<'_>,
) -> Option<std::collections::BTreeMap<String, crate::snapshot::AttrValue>> {
    match v {
        Value::Null => Some(Default::default()),
        v => attributes(r, v, at),
    }
}

shape!(AssignTarget {
    user: optional("user", Reader::string),
    unit: optional("unit", Reader::string),
    team: optional("team", Reader::string),
});

impl ToJson for Code {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        json::string(out, self.as_str());
    }
}

impl ToJson for ScopeLevel {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        json::string(out, self.as_str());
    }
}

impl ToJson for Explanation {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("allowed", &self.allowed)
            .field("code", &self.code)
            .field("message", &self.message)
            .optional("role", &self.role)
            .optional("wouldBeGrantedBy", &self.would_be_granted_by)
            .optional("unit", &self.unit)
            .optional("team", &self.team)
            .optional("toggle", &self.toggle)
            .optional("restriction", &self.restriction)
            .optional("seat", &self.seat)
            .optional("feature", &self.feature)
            .optional("onSomeRecords", &self.on_some_records)
            .close();
    }
}

impl ToJson for SeatUsage {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("seat", &self.seat)
            .field("label", &self.label)
            .field("used", &self.used)
            .optional("purchased", &self.purchased)
            .field("holders", &self.holders)
            .close();
    }
}

impl ToJson for Named {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("id", &self.id)
            .field("label", &self.label)
            .close();
    }
}

impl ToJson for MatrixCell {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        let mut o = Object::open(out);
        o.field("access", self.access.as_str());
        if !self.scope.is_empty() {
            o.field("scope", &self.scope);
        }
        o.optional("seat", &self.seat)
            .optional("note", &self.note)
            .close();
    }
}

impl ToJson for Matrix {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("roles", &self.roles)
            .field("permissions", &self.permissions)
            .field("cells", &self.cells)
            .close();
    }
}
