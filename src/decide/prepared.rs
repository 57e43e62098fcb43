//! Prepared contexts: a context whose names and record attributes are
//! resolved once, for a record that is checked against several permissions
//! or users (a list row with view, edit and delete buttons).

use super::answer::{Context, ContextData, IndexedContext};
use crate::compile::condition::Slot;
use crate::compile::Engine;
use crate::index::NONE;
use crate::snapshot::AttrValue;

/// A context resolved against one engine by [`Engine::prepare`].
#[derive(Debug, Clone)]
pub struct PreparedContext {
    resolved: Resolution,
    unit: u32,
    team: u32,
    record: bool,
    owner: u32,
    record_team: u32,
    record_unit: u32,
    slots: Vec<Slot>,
}

#[derive(Debug, Clone)]
enum Resolution {
    /// Every name and attribute is an index.
    Indexed,
    /// A name the engine does not know: every check denies.
    Unknown,
    /// An attribute only the named path reads (a list): checked by name.
    Named(ContextData),
}

impl PreparedContext {
    /// The context as indices, for [`Engine::check_indexed`].
    fn indexed(&self) -> IndexedContext<'_> {
        IndexedContext {
            unit: self.unit,
            team: self.team,
            record: self.record,
            owner: self.owner,
            record_team: self.record_team,
            record_unit: self.record_unit,
            attributes: &self.slots,
        }
    }
}

impl Engine {
    /// Resolves `ctx` once for many checks with [`Engine::check_prepared`].
    /// A prepared context belongs to this engine; it answers the same as
    /// `ctx` would.
    pub fn prepare(&self, ctx: &ContextData) -> PreparedContext {
        let mut p = PreparedContext {
            resolved: Resolution::Indexed,
            unit: NONE,
            team: NONE,
            record: false,
            owner: NONE,
            record_team: NONE,
            record_unit: NONE,
            slots: Vec::new(),
        };
        let index = |name: &Option<String>, find: &dyn Fn(&str) -> Option<u32>| match name {
            None => Some(NONE),
            Some(n) => find(n),
        };
        let units = |n: &str| self.unit_index(n);
        let teams = |n: &str| self.team_index(n);
        let users = |n: &str| self.user_index(n);
        let found = (|| {
            p.unit = index(&ctx.unit, &units)?;
            p.team = index(&ctx.team, &teams)?;
            if let Some(r) = &ctx.record {
                p.record = true;
                p.owner = index(&r.owner, &users)?;
                p.record_team = index(&r.team, &teams)?;
                p.record_unit = index(&r.unit, &units)?;
            }
            Some(())
        })();
        if found.is_none() {
            p.resolved = Resolution::Unknown;
            return p;
        }
        let Some(record) = &ctx.record else { return p };
        let mut strangers: Vec<&str> = Vec::new();
        for key in self.record_keys() {
            let slot = match record.attributes.get(key) {
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
                Some(AttrValue::List(_)) => {
                    p.resolved = Resolution::Named(ctx.clone());
                    return p;
                }
            };
            p.slots.push(slot);
        }
        p
    }

    /// [`Engine::check`] with a prepared context: no names, no hashing.
    #[inline]
    pub fn check_prepared(&self, user: u32, perm: u32, ctx: &PreparedContext) -> bool {
        match &ctx.resolved {
            Resolution::Indexed => self.check_indexed(user, perm, &ctx.indexed()),
            Resolution::Unknown => false,
            Resolution::Named(data) => self.check(user, perm, &data.as_context()),
        }
    }

    /// Whether `ctx` names a unit, team or user this engine does not know.
    pub fn prepared_is_unknown(&self, ctx: &PreparedContext) -> bool {
        matches!(ctx.resolved, Resolution::Unknown)
    }

    /// A [`Context`] is what most callers hold; this prepares one.
    pub fn prepare_context(&self, ctx: &Context<'_>) -> PreparedContext {
        let owned = ContextData {
            unit: ctx.unit.map(str::to_owned),
            team: ctx.team.map(str::to_owned),
            record: ctx.record.map(|r| super::answer::RecordData {
                owner: r.owner.map(str::to_owned),
                team: r.team.map(str::to_owned),
                unit: r.unit.map(str::to_owned),
                attributes: r.attributes.cloned().unwrap_or_default(),
            }),
        };
        self.prepare(&owned)
    }
}
