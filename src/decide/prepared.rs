//! Prepared contexts: a context resolved once, for a record that is checked
//! against several permissions or users (a list row with view, edit and
//! delete buttons). A check of one is [`Engine::check`]: no names, no hashing.

use super::context::Context;
use super::resolve::{ContextIds, RecordIds};
use crate::compile::condition::{RecordAttrs, Slot};
use crate::compile::Engine;
use crate::index::NONE;
use crate::snapshot::AttrValue;

/// How many record attribute slots a prepared context holds in itself.
const INLINE: usize = 4;

/// A prepared record's attribute slots: up to [`INLINE`] in the context
/// itself, so that a check of it follows no pointer (a list view checks
/// many prepared rows in turn, each a cache miss away), else on the heap.
#[derive(Debug, Clone)]
enum Slots {
    Inline([Slot; INLINE], u8),
    Heap(Vec<Slot>),
}

impl Slots {
    fn as_slice(&self) -> &[Slot] {
        match self {
            Slots::Inline(slots, n) => slots.get(..usize::from(*n)).unwrap_or(&[]),
            Slots::Heap(slots) => slots,
        }
    }
}

impl From<Vec<Slot>> for Slots {
    fn from(v: Vec<Slot>) -> Slots {
        if v.len() > INLINE {
            return Slots::Heap(v);
        }
        let mut slots = [Slot::Absent; INLINE];
        for (to, from) in slots.iter_mut().zip(&v) {
            *to = *from;
        }
        Slots::Inline(slots, v.len() as u8)
    }
}

/// A context resolved against one engine by [`Engine::prepare`]: its names
/// are dense ids and its record attributes are slots. It answers exactly as
/// the context it was made from; with another engine, it denies.
#[derive(Debug, Clone)]
pub struct PreparedContext {
    /// The context as it was given (for explanations).
    source: Context,
    /// The context names something the engine does not know: every check
    /// denies.
    unknown: bool,
    unit: u32,
    team: u32,
    record: Option<(u32, u32, u32)>,
    /// One slot per record key; `None` when an attribute is a list, which
    /// the engine then reads by name from `source`.
    slots: Option<Slots>,
    /// The [`Engine`] that prepared it (its load number).
    engine: u64,
}

impl PreparedContext {
    /// The context this was prepared from.
    pub fn context(&self) -> &Context {
        &self.source
    }

    /// Whether the context names a unit, team or user the engine does not
    /// know (every check of it denies).
    pub fn is_unknown(&self) -> bool {
        self.unknown
    }

    /// The context as ids, or `None` when it names something unknown.
    pub(crate) fn ids(&self) -> Option<ContextIds<'_>> {
        if self.unknown {
            return None;
        }
        let record = self.record.map(|(owner, team, unit)| RecordIds {
            owner,
            team,
            unit,
            attributes: match (&self.slots, &self.source.record) {
                (Some(slots), _) => RecordAttrs::Slots(slots.as_slice()),
                (None, Some(r)) => RecordAttrs::Map(&r.attributes),
                (None, None) => RecordAttrs::Any,
            },
        });
        Some(ContextIds {
            unit: self.unit,
            team: self.team,
            record,
        })
    }
}

impl Engine {
    /// Resolves `ctx` once for many checks with [`Engine::check`]. A
    /// prepared context belongs to this engine; it answers the same as `ctx`.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn prepare(&self, ctx: &Context) -> PreparedContext {
        let mut p = PreparedContext {
            source: ctx.clone(),
            unknown: true,
            unit: NONE,
            team: NONE,
            record: None,
            slots: None,
            engine: self.id,
        };
        let Some(ids) = self.context_ids(ctx) else {
            return p;
        };
        p.unknown = false;
        p.unit = ids.unit;
        p.team = ids.team;
        p.record = ids.record.map(|r| (r.owner, r.team, r.unit));
        if let Some(record) = &ctx.record {
            p.slots = self.slots(&record.attributes).map(Slots::from);
        }
        p
    }

    /// A record's attributes as one slot per record key; `None` when one of
    /// them is a list (read by name instead).
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    fn slots(
        &self,
        attributes: &std::collections::BTreeMap<String, AttrValue>,
    ) -> Option<Vec<Slot>> {
        let mut strangers: Vec<&str> = Vec::new();
        let mut slots = Vec::with_capacity(self.record_keys().len());
        for key in self.record_keys() {
            slots.push(match attributes.get(key) {
                None => Slot::Absent,
                Some(AttrValue::Bool(b)) => Slot::Bool(*b),
                Some(AttrValue::Num(n)) => Slot::Num(*n),
                Some(AttrValue::Str(s)) => Slot::Str(self.string_index(s).unwrap_or_else(|| {
                    // A string the snapshot lacks equals only itself.
                    let k = strangers.iter().position(|x| x == s).unwrap_or_else(|| {
                        strangers.push(s);
                        strangers.len() - 1
                    });
                    self.string_count().saturating_add(k as u32)
                })),
                Some(AttrValue::List(_)) => return None,
            });
        }
        Some(slots)
    }

    /// Whether user index `user` may do permission index `perm` in a
    /// prepared context: the fastest check (ids from [`Engine::user_index`]
    /// and [`Engine::permission_index`]; out-of-range ids deny).
    #[inline]
    pub fn check(&self, user: u32, perm: u32, ctx: &PreparedContext) -> bool {
        if ctx.engine != self.id {
            return false;
        }
        ctx.ids()
            .is_some_and(|ids| self.check_ids(user, perm, &ids))
    }
}

/// Prepared contexts kept for a caller that refers to them by number (the
/// JavaScript binding): a slab, so a check finds one with one index. A
/// number is only good for the store that gave it, until it is removed (the
/// JS side never passes a freed number, nor another engine's).
#[derive(Debug, Default)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
pub(crate) struct PreparedStore {
    slots: Vec<Option<PreparedContext>>,
    free: Vec<u32>,
}

/// The first number [`PreparedStore::insert`] gives: 0 and 1 are never ids.
const FIRST: u32 = 2;

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
impl PreparedStore {
    /// Keeps `context`; returns its number.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn insert(&mut self, context: PreparedContext) -> u32 {
        if let Some(slot) = self.free.pop() {
            if let Some(cell) = self.slots.get_mut(slot as usize) {
                *cell = Some(context);
                return slot + FIRST;
            }
        }
        self.slots.push(Some(context));
        (self.slots.len() as u32 - 1).saturating_add(FIRST)
    }

    /// The context of number `id`, if kept here.
    #[inline]
    pub(crate) fn get(&self, id: u32) -> Option<&PreparedContext> {
        let slot = id.checked_sub(FIRST)?;
        self.slots.get(slot as usize)?.as_ref()
    }

    /// Forgets number `id` (its slot is reused).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn remove(&mut self, id: u32) {
        let Some(slot) = id.checked_sub(FIRST) else {
            return;
        };
        if let Some(cell) = self.slots.get_mut(slot as usize) {
            if cell.take().is_some() {
                self.free.push(slot);
            }
        }
    }
}
