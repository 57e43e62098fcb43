//! The JSON shape of each object-shaped snapshot type, declared once with
//! [`shape!`], right below the struct: for each field, its JSON name, how
//! its value is read and whether it is required. From it come
//!
//! - `T::FIELDS`, the JSON names of the fields in order, which an "unknown
//!   field" message lists (as serde's own message would);
//! - `T::read`, which reads a `T` from a parsed JSON object, member by member.
//!
//! A field is written `name: kind("jsonName", reader)`. The reader reads
//! the value: any `fn(&mut Reader, Value, &Path) -> Option<V>` that reports
//! its own problems, such as `Reader::string`, `Grant::read`, or [`list`],
//! [`map`] and [`boxed`] around one. The kind says how the field is stored:
//!
//! - `required`: the field is `V`. When the key is absent, "missing field
//!   `jsonName`" is reported, after the object's other problems and in
//!   field order; when it is absent or its value is malformed, the object is
//!   left out (`read` returns `None`).
//! - `optional`: the field is `Option<V>`; an absent key, `null` or a
//!   malformed value is `None`.
//! - `defaulted`: the field is `V: Default`; an absent key or a malformed
//!   value is the default.
//!
//! A key that is not a field is reported as unknown, and a field given
//! twice is reported as a duplicate key at its path (two JSON readers, one
//! keeping the first value and one the last, would otherwise read two
//! different snapshots); reading goes on with the last value. Every problem
//! is reported once, at its JSON path, and reading goes on, so one pass
//! finds them all.
//!
//! What keeps the shape and the struct together: the reader builds the
//! struct with every field named and no `..`, so a field missing from the
//! shape, or one the struct does not have, does not compile, and each
//! reader's type must be the field's; `src/snapshot/tests.rs` checks that
//! the JSON names are serde's and that serde requires the same fields.
//!
//! Why the struct is not written inside the macro too: a doc comment that
//! goes through `macro_rules!` reaches derive macros as a raw string
//! (`r"..."`), which tsify-next 0.5 copies as is into the TypeScript
//! declarations.
//!
//! # Example
//!
//! ```text
//! shape!(Assignment {
//!     role: required("role", Reader::string),
//!     unit: optional("unit", Reader::string),
//!     grants: defaulted("grants", list(Grant::read)),
//! });
//! ```
//!
//! below `struct Assignment { role: String, unit: Option<String>, grants:
//! Vec<Grant> }` gives `Assignment::FIELDS == ["role", "unit", "grants"]`
//! and an `Assignment::read` that does, in effect:
//!
//! ```text
//! let members = r.object(v, at)?;
//! let (mut role, mut unit, mut grants) = (None, None, Vec::default());
//! for (key, v) in members {
//!     let at = at.key(key);
//!     match key {
//!         "role" => role = Some(Reader::string(r, v, &at)),
//!         "unit" => unit = r.optional(v, &at, Reader::string),
//!         "grants" => grants = list(Grant::read)(r, v, &at).unwrap_or_default(),
//!         _ => r.unknown(key, Assignment::FIELDS, &at),
//!     }
//! }
//! let role = r.required(role, "role", at);
//! Some(Assignment { role: role?, unit, grants })
//! ```

use crate::json::{Path, Reader, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Declares the JSON shape of a snapshot type, its `FIELDS` and its
/// `read`: see the [module documentation](self).
macro_rules! shape {
    // What a field holds before its key is met.
    (@absent required) => { None };
    (@absent optional) => { None };
    (@absent defaulted) => { Default::default() };
    (@absent $kind:ident) => {
        compile_error!(concat!(
            "unknown field kind `",
            stringify!($kind),
            "`: expected `required`, `optional` or `defaulted`"
        ))
    };
    // What a field holds once its key is met with the value `$v`.
    (@value required $r:ident $v:ident $at:ident $read:expr) => { Some($read($r, $v, &$at)) };
    (@value optional $r:ident $v:ident $at:ident $read:expr) => { $r.optional($v, &$at, $read) };
    (@value defaulted $r:ident $v:ident $at:ident $read:expr) => {
        $read($r, $v, &$at).unwrap_or_default()
    };
    // After every member: a missing required field is reported.
    (@check required $r:ident $slots:ident $field:ident $key:literal $at:ident) => {
        let $field = $r.required($slots.$field, $key, $at);
    };
    (@check $kind:ident $r:ident $slots:ident $field:ident $key:literal $at:ident) => {};
    // The field's value in the struct: a required one that is missing or
    // malformed leaves the struct out.
    (@field required $slots:ident $field:ident) => { $field? };
    (@field $kind:ident $slots:ident $field:ident) => { $slots.$field };

    // `cold`: a type of the model (read once per load, never per user):
    // its reader is optimised for size in the npm package's wasm (src/lib.rs).
    (cold $name:ident { $($body:tt)* }) => {
        $crate::snapshot::shape::shape!(#[cfg_attr(rolegate_size, optimize(size))] $name { $($body)* });
    };
    ($(#[$attr:meta])* $name:ident { $($field:ident: $kind:ident($key:literal, $read:expr)),* $(,)? }) => {
        impl $name {
            /// The JSON names of its fields, in order, as an "unknown field"
            /// message lists them.
            pub(crate) const FIELDS: &'static [&'static str] = &[$($key),*];

            /// Reads one from a JSON object, reporting each problem at its
            /// path; `None` when `v` is not an object or a required field is
            /// missing or malformed.
            $(#[$attr])*
            pub(crate) fn read(
                r: &mut $crate::json::Reader,
                v: $crate::json::Value<'_>,
                at: &$crate::json::Path<'_>,
            ) -> Option<Self> {
                // The fields as read so far, each of its own inferred type.
                // A struct rather than locals named after the fields, which
                // would hide a reader of the same name (`attributes`).
                #[allow(non_camel_case_types)]
                struct Slots<$($field),*> {
                    $( $field: $field, )*
                }
                let members = r.object(v, at)?;
                let mut slots = Slots {
                    $( $field: $crate::snapshot::shape::shape!(@absent $kind), )*
                };
                // One bit per field met so far, to find a field given twice.
                let mut seen = 0u64;
                for (key, v) in members {
                    let at = at.key(key);
                    match key {
                        $( $key => {
                            const BIT: u64 =
                                1 << $crate::snapshot::shape::field_index($name::FIELDS, $key);
                            if seen & BIT != 0 {
                                r.duplicate(key, &at);
                            }
                            seen |= BIT;
                            slots.$field =
                                $crate::snapshot::shape::shape!(@value $kind r v at $read);
                        } )*
                        _ => r.unknown(key, Self::FIELDS, &at),
                    }
                }
                $( $crate::snapshot::shape::shape!(@check $kind r slots $field $key at); )*
                Some(Self {
                    $( $field: $crate::snapshot::shape::shape!(@field $kind slots $field), )*
                })
            }
        }
    };
}

pub(crate) use shape;

/// Reads an array, each item with `item` ([`Reader::list`]: a malformed
/// item is left out and makes the walk lossy).
pub(crate) fn list<'d, T>(
    item: impl FnMut(&mut Reader, Value<'d>, &Path<'_>) -> Option<T>,
) -> impl FnOnce(&mut Reader, Value<'d>, &Path<'_>) -> Option<Vec<T>> {
    move |r, v, at| r.list(v, at, item)
}

/// Reads an object as a map, each value with `value`. A malformed value
/// leaves its key out; a repeated key is reported as a duplicate key at its
/// path. Work: O(n log n) for n keys.
pub(crate) fn map<'d, T>(
    mut value: impl FnMut(&mut Reader, Value<'d>, &Path<'_>) -> Option<T>,
) -> impl FnOnce(&mut Reader, Value<'d>, &Path<'_>) -> Option<BTreeMap<String, T>> {
    move |r, v, at| {
        let members = r.object(v, at)?;
        let mut out = BTreeMap::new();
        // The keys of malformed values, left out of `out`.
        let mut malformed = BTreeSet::new();
        for (key, v) in members {
            let at = at.key(key);
            if out.contains_key(key) || malformed.contains(key) {
                r.duplicate(key, &at);
            }
            match value(r, v, &at) {
                Some(x) => {
                    out.insert(key.to_owned(), x);
                }
                None => {
                    out.remove(key);
                    malformed.insert(key);
                }
            }
        }
        Some(out)
    }
}

/// The position of `key` in `fields`, for the duplicate check of
/// [`shape!`] (evaluated at compile time: a key that is not there, or past
/// the 64th field, does not compile).
pub(crate) const fn field_index(fields: &[&str], key: &str) -> u32 {
    let mut rest = fields;
    let mut i = 0;
    while let Some((first, more)) = rest.split_first() {
        if same(first.as_bytes(), key.as_bytes()) {
            return i;
        }
        rest = more;
        i += 1;
    }
    u32::MAX
}

/// `a == b`, in a `const fn`.
const fn same(mut a: &[u8], mut b: &[u8]) -> bool {
    loop {
        match (a.split_first(), b.split_first()) {
            (None, None) => return true,
            (Some((x, more_a)), Some((y, more_b))) if *x == *y => {
                a = more_a;
                b = more_b;
            }
            _ => return false,
        }
    }
}

/// Reads a value with `read`, boxed (a condition inside a condition).
pub(crate) fn boxed<'d, T>(
    read: impl FnOnce(&mut Reader, Value<'d>, &Path<'_>) -> Option<T>,
) -> impl FnOnce(&mut Reader, Value<'d>, &Path<'_>) -> Option<Box<T>> {
    move |r, v, at| read(r, v, at).map(Box::new)
}
