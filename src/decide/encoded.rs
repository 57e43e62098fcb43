//! A check's context as numbers, for a caller that looks names up once and
//! then passes numbers only: the JavaScript binding. Its JS side writes a
//! context into a buffer of `f64`s laid out as below and publishes nothing of
//! its own: [`Engine::layout`] is sent to it, so the two cannot drift apart.
//!
//! | position | holds |
//! |---|---|
//! | `UNIT`, `TEAM` | the context's unit and team |
//! | `RECORD` | 1 when the check is about a record, else 0 |
//! | `OWNER`, `RECORD_TEAM`, `RECORD_UNIT` | the record's owner, team, unit |
//! | `ATTRIBUTES + 2k`, `+ 2k + 1` | the kind and value of record key `k` |
//!
//! A name is its index ([`Engine::lookup`]), [`ABSENT`] when not given, or
//! [`UNKNOWN`] (any value that is not an index) for a name the engine does
//! not know: every check of it then denies. A slot's kind is 0 absent, 1
//! false, 2 true, 3 the number in its value, 4 the string whose index is its
//! value (an index at or above the engine's string count stands for a string
//! the snapshot lacks, equal only to itself).

use super::context::{Context, Record};
use super::resolve::{ContextIds, RecordIds};
use crate::compile::condition::{RecordAttrs, Slot};
use crate::compile::Engine;
use crate::index::NONE;
use crate::json::{Object, Raw, ToJson};
use std::cell::Cell;

const UNIT: usize = 0;
const TEAM: usize = 1;
const RECORD: usize = 2;
const OWNER: usize = 3;
const RECORD_TEAM: usize = 4;
const RECORD_UNIT: usize = 5;
const ATTRIBUTES: usize = 6;
/// A name that was not given.
pub(crate) const ABSENT: f64 = -1.0;
/// A name the engine does not know (any value that is not an index reads so).
const UNKNOWN: f64 = -2.0;
/// What [`Engine::lookup`] looks up, by number.
const KINDS: [&str; 5] = ["user", "permission", "unit", "team", "string"];

/// The layout of the buffer for one engine, as its JS side reads it.
pub(crate) struct Layout<'e> {
    keys: &'e [String],
    strings: u32,
}

impl Layout<'_> {
    /// The buffer's length in `f64`s.
    pub(crate) fn length(&self) -> usize {
        ATTRIBUTES + 2 * self.keys.len()
    }
}

impl ToJson for Layout<'_> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        let mut positions = String::new();
        Object::open(&mut positions)
            .field("unit", &(UNIT as u32))
            .field("team", &(TEAM as u32))
            .field("record", &(RECORD as u32))
            .field("owner", &(OWNER as u32))
            .field("recordTeam", &(RECORD_TEAM as u32))
            .field("recordUnit", &(RECORD_UNIT as u32))
            .field("attributes", &(ATTRIBUTES as u32))
            .close();
        let keys: Vec<&str> = self.keys.iter().map(String::as_str).collect();
        let (absent, unknown) = ((ABSENT as i32).to_string(), (UNKNOWN as i32).to_string());
        Object::open(out)
            .field("positions", &Raw(&positions))
            .field("length", &(self.length() as u32))
            .field("kinds", &KINDS[..])
            .field("contextKeys", Context::FIELDS)
            .field("recordKeys", Record::FIELDS)
            .field("attributeKeys", &keys)
            .field("strings", &self.strings)
            .field("absent", &Raw(&absent))
            .field("unknown", &Raw(&unknown))
            .close();
    }
}

/// Every user, team and unit name a context may hold, as
/// [`Engine::lookup`] resolves them (`names[i]` resolves to `i`; `""` where
/// no name does), and what every other well-formed name resolves to
/// (`other`: a slice's stand-in, or -1). For a slice, whose tables are small
/// and complete, the JS layer then resolves names without asking the engine.
pub(crate) struct NameTables<'e> {
    engine: &'e Engine,
}

/// One kind's table of [`NameTables`].
struct Table<'e> {
    names: Vec<&'e str>,
    other: i64,
}

impl ToJson for Table<'_> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        let other = self.other.to_string();
        Object::open(out)
            .field("names", &self.names)
            .field("other", &Raw(&other))
            .close();
    }
}

/// Kind `kind`'s table of `e`, from the names of its snapshot in order.
#[cfg_attr(rolegate_size, optimize(size))]
fn table<'a>(e: &Engine, kind: u32, ids: impl Iterator<Item = &'a str>) -> Table<'a> {
    let names = ids
        .enumerate()
        .map(|(i, n)| match e.lookup(kind, n) == Some(i as u32) {
            true => n,
            false => "",
        })
        .collect();
    // "" is no snapshot's id: it resolves as any name not in the table.
    let other = e.lookup(kind, "").map_or(-1, i64::from);
    Table { names, other }
}

impl ToJson for NameTables<'_> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        let e = self.engine;
        let org = &e.snap.org;
        let users = table(e, 0, org.users.iter().map(|u| u.id.as_str()));
        let units = table(e, 2, org.units.iter().map(|u| u.id.as_str()));
        let teams = table(e, 3, org.teams.iter().map(|t| t.id.as_str()));
        Object::open(out)
            .field("user", &users)
            .field("unit", &units)
            .field("team", &teams)
            .close();
    }
}

impl Engine {
    /// The layout of this engine's context buffer.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub(crate) fn layout(&self) -> Layout<'_> {
        Layout {
            keys: self.record_keys(),
            strings: self.string_count(),
        }
    }

    /// The name tables of a slice (see [`NameTables`]).
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "client")), allow(dead_code))]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub(crate) fn name_tables(&self) -> NameTables<'_> {
        NameTables { engine: self }
    }

    /// The index of `name` among the things of `kind` (a position in the
    /// layout's `kinds`).
    pub(crate) fn lookup(&self, kind: u32, name: &str) -> Option<u32> {
        // (The users' table serves the user and record owners; in a slice,
        // whose user is fixed, only owners.)
        match kind {
            0 => self.owner_id(name),
            1 => self.names.perms.get(name),
            2 => self.unit_id(name),
            3 => self.team_id(name),
            4 => self.string_index(name),
            _ => None,
        }
    }
}

/// An index as written: a whole number below `NONE`.
fn index(value: f64) -> Option<u32> {
    (value >= 0.0 && value < f64::from(NONE) && value.fract() == 0.0).then_some(value as u32)
}

/// A name's id: its index, `NONE` when absent, and an id no table holds
/// (so the check denies) when unknown or malformed.
fn name(value: f64) -> u32 {
    match index(value) {
        Some(i) => i,
        None if value == ABSENT => NONE,
        None => NONE - 1,
    }
}

/// Reads a buffer into `slots` (one per record key) and the context ids
/// that borrow them. Any content reads as some context: malformed numbers
/// are unknown names (deny) or absent attributes.
pub(crate) fn read<'s>(buffer: &[Cell<f64>], slots: &'s mut [Slot]) -> ContextIds<'s> {
    let at = |i: usize| buffer.get(i).map_or(ABSENT, Cell::get);
    for (k, slot) in slots.iter_mut().enumerate() {
        let (kind, value) = (at(ATTRIBUTES + 2 * k), at(ATTRIBUTES + 2 * k + 1));
        *slot = match kind as u32 {
            1 => Slot::Bool(false),
            2 => Slot::Bool(true),
            3 => Slot::Num(value),
            // A malformed string index is a string no snapshot holds.
            4 => Slot::Str(index(value).unwrap_or(NONE - 1)),
            _ => Slot::Absent,
        };
    }
    let record = (at(RECORD) == 1.0).then(|| RecordIds {
        owner: name(at(OWNER)),
        team: name(at(RECORD_TEAM)),
        unit: name(at(RECORD_UNIT)),
        attributes: RecordAttrs::Slots(slots),
    });
    ContextIds {
        unit: name(at(UNIT)),
        team: name(at(TEAM)),
        record,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer(values: &[f64]) -> Vec<Cell<f64>> {
        values.iter().copied().map(Cell::new).collect()
    }

    #[test]
    fn names_read_as_ids_absent_or_unknown() {
        let b = buffer(&[3.0, -1.0, 1.0, -2.0, 0.5, f64::NAN, 4.0, 7.0]);
        let mut slots = [Slot::Absent];
        let ids = read(&b, &mut slots);
        assert_eq!((ids.unit, ids.team), (3, NONE));
        let r = ids.record.expect("a record");
        assert_eq!((r.owner, r.team, r.unit), (NONE - 1, NONE - 1, NONE - 1));
        assert!(matches!(r.attributes, RecordAttrs::Slots([Slot::Str(7)])));
    }

    #[test]
    fn a_short_buffer_reads_as_no_context() {
        let mut slots = [Slot::Bool(true)];
        let ids = read(&[], &mut slots);
        assert_eq!((ids.unit, ids.team), (NONE, NONE));
        assert!(ids.record.is_none());
        assert_eq!(slots, [Slot::Absent]);
    }
}
