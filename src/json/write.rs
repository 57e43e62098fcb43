//! Values as JSON text, exactly as `serde_json::to_string` writes their serde
//! form (same field order, same escapes), without serde_json.

use crate::problem::{Problem, SnapshotError};

/// A value that writes itself as compact JSON text, as `serde_json::to_string`
/// would write it.
pub trait ToJson {
    /// Appends the JSON text of `self` to `out`.
    fn write_json(&self, out: &mut String);

    /// The JSON text of `self`.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

impl ToJson for str {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for String {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        string(out, self);
    }
}

impl ToJson for bool {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for u32 {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl<T: ToJson> ToJson for [T] {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// JSON text already written, written as it is.
pub(crate) struct Raw<'a>(pub &'a str);

impl ToJson for Raw<'_> {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

/// Writes an object's fields in order: `{"a":1,"b":2}`.
pub(crate) struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Object<'o> {
    /// Opens an object.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn open(out: &'o mut String) -> Self {
        out.push('{');
        Object { out, empty: true }
    }

    /// A field.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn field(&mut self, name: &str, value: &(impl ToJson + ?Sized)) -> &mut Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        string(self.out, name);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// A field left out when `None` (serde's `skip_serializing_if = "Option::is_none"`).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn optional(&mut self, name: &str, value: &Option<impl ToJson>) -> &mut Self {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }

    /// Closes the object.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn close(&mut self) {
        self.out.push('}');
    }
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters
/// escaped as serde_json escapes them, everything else as it is.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub(crate) fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            for nibble in [b >> 4, b & 0xf] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| char::from(h)));
            }
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

// The problems of a snapshot, as the binding hands them to JavaScript.

impl ToJson for Problem {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("path", &self.path)
            .field("message", &self.message)
            .close();
    }
}

impl ToJson for SnapshotError {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out).field("problems", &self.problems).close();
    }
}
