//! The context buffer: how a check's context crosses from JS as numbers.
//!
//! Each engine owns one buffer of `f64`s in wasm memory. For a check, the
//! JS layer writes the context's names as indexes (from
//! [`super::Gate::lookup`], cached on the JS side) and the record
//! attributes that conditions read as slots, then calls
//! [`super::Gate::check`] with [`BUFFER`]. The layout below is published
//! to JS by [`super::Gate::layout`], so the two sides cannot drift apart:
//!
//! | position | holds |
//! |---|---|
//! | `UNIT`, `TEAM` | the context's unit and team |
//! | `RECORD` | 1 when the check is about a record, else 0 |
//! | `OWNER`, `RECORD_TEAM`, `RECORD_UNIT` | the record's owner, team, unit |
//! | `ATTRIBUTES + 2k`, `+ 2k + 1` | the kind and value of record key `k` |
//!
//! A name is its index, [`ABSENT`] when not given, or [`UNKNOWN`] for a
//! name the engine does not know (every check of it then denies). A slot's
//! kind is 0 absent, 1 false, 2 true, 3 the number in its value, 4 the
//! string whose index is its value (an index at or above the engine's
//! string count stands for a string the snapshot lacks, equal only to
//! itself). The JS layer writes nothing it cannot express exactly; such a
//! context goes to [`super::Gate::check_value`] instead.

use crate::compile::condition::{RecordAttrs, Slot};
use crate::decide::resolve::{ContextIds, RecordIds};
use crate::index::NONE;
use std::cell::Cell;

/// Position of the context's unit.
pub(crate) const UNIT: usize = 0;
/// Position of the context's team.
pub(crate) const TEAM: usize = 1;
/// Position of the "about a record" flag.
pub(crate) const RECORD: usize = 2;
/// Position of the record's owner.
pub(crate) const OWNER: usize = 3;
/// Position of the record's team.
pub(crate) const RECORD_TEAM: usize = 4;
/// Position of the record's unit.
pub(crate) const RECORD_UNIT: usize = 5;
/// Position of the first record attribute slot (kind, then value).
pub(crate) const ATTRIBUTES: usize = 6;
/// A name that was not given.
pub(crate) const ABSENT: f64 = -1.0;
/// A name the engine does not know.
pub(crate) const UNKNOWN: f64 = -2.0;
/// The `context` argument of a check without context.
pub(crate) const NO_CONTEXT: u32 = 0;
/// The `context` argument of a check whose context is in the buffer.
pub(crate) const BUFFER: u32 = 1;

/// The buffer's length for `keys` record attribute keys.
pub(crate) fn length(keys: usize) -> usize {
    ATTRIBUTES + 2 * keys
}

/// An index as written by JS: a whole number in `0..2^32-1`, else `None`
/// ("absent" for [`ABSENT`], "unknown" otherwise).
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

/// Reads the buffer into `slots` (one per record key) and the context ids
/// that borrow them.
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
