//! Each type's declared JSON shape agrees with its serde form: the same
//! field names in the same order, and the same fields required.

use super::{
    Assignment, Condition, Count, Feature, Grant, Holders, Holding, Model, Org, Permission, Plan,
    ReportingRule, Requirement, Restriction, Role, Seat, Snapshot, Team, TeamManagers, Toggle,
    Unit, Unless, User,
};
use crate::json::{self, Path, Reader, Value};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::Serialize;
use std::fmt;

/// A deserializer that only records the field names serde asks a struct
/// for (its `FIELDS`: the JSON names, renames applied, in order).
#[derive(Default)]
struct FieldNames(Option<&'static [&'static str]>);

/// The error that ends every [`FieldNames`] walk.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for &mut FieldNames {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.0 = Some(fields);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The JSON field names serde reads `T` with.
fn serde_fields<T: Deserialize<'static>>() -> &'static [&'static str] {
    let mut names = FieldNames::default();
    let _ = T::deserialize(&mut names);
    names.0.unwrap_or_default()
}

/// A type's reader, as `shape!` declares it.
type Read<T> = fn(&mut Reader, Value<'_>, &Path<'_>) -> Option<T>;

/// `$check(name, T::FIELDS, T::read, value)` for every type declared with
/// `shape!`, with a value of it (its default, where it has one).
macro_rules! every_shape {
    ($check:ident) => {
        let snapshot = Snapshot {
            model: Model::default(),
            org: Org::default(),
        };
        $check("Snapshot", Snapshot::FIELDS, Snapshot::read, snapshot);
        every_shape!(
            $check: Model, Permission, Feature, Seat, Plan, Count, Role, Requirement, Grant,
            Toggle, Restriction, Unless, Org, Unit, Team, User, Assignment, Condition, Holders,
            Holding, ReportingRule, TeamManagers
        )
    };
    ($check:ident: $($t:ident),*) => {
        $( $check(stringify!($t), $t::FIELDS, $t::read, $t::default()); )*
    };
}

#[test]
fn declared_json_names_are_serde_field_names() {
    fn check<T: for<'de> Deserialize<'de>>(name: &str, fields: &[&str], _: Read<T>, _: T) {
        assert_eq!(fields, serde_fields::<T>(), "{name}");
    }
    every_shape!(check);
}

#[test]
fn declared_required_fields_are_what_serde_requires() {
    // The value as serde writes it (every field but the `None`s), then
    // without each of its fields in turn, then `{}`: both sides read the
    // same value, or both miss the same field first.
    fn check<T>(name: &str, _: &[&str], read: Read<T>, value: T)
    where
        T: for<'de> Deserialize<'de> + Serialize + PartialEq + fmt::Debug,
    {
        let whole = serde_json::to_value(&value).unwrap();
        let serde_json::Value::Object(members) = &whole else {
            panic!("{name} is not written as an object");
        };
        let mut texts = vec![whole.to_string(), "{}".to_owned()];
        for key in members.keys() {
            let mut without = members.clone();
            without.remove(key);
            texts.push(serde_json::Value::Object(without).to_string());
        }
        for text in texts {
            let doc = json::parse(&text).unwrap();
            let mut r = Reader::default();
            let ours = read(&mut r, doc.root(), &Path::Root);
            match serde_json::from_str::<T>(&text) {
                Ok(theirs) => {
                    assert_eq!(ours.as_ref(), Some(&theirs), "{name} {text}");
                    assert!(r.problems.is_empty(), "{name} {text}: {:?}", r.problems);
                }
                Err(e) => {
                    assert_eq!(ours, None, "{name} {text}");
                    let first = r.problems.first().map(|p| p.message.as_str());
                    assert!(
                        first.is_some_and(|m| e.to_string().starts_with(m)),
                        "{name} {text}: {e} vs {:?}",
                        r.problems
                    );
                }
            }
        }
    }
    every_shape!(check);
}
