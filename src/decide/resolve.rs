//! The one resolver: a context's names become dense ids
//! ([`Engine::context_ids`]), and ids become the [`Resolved`] place a
//! decision reads ([`Engine::resolve`]). Every way of asking (by name,
//! prepared, or encoded as numbers by the JavaScript binding) goes through
//! [`Engine::resolve`].

use super::context::Context;
use crate::compile::condition::RecordAttrs;
use crate::compile::Engine;
use crate::index::NONE;

/// A context with every name replaced by its dense id (`NONE` when absent),
/// not yet checked against the engine's tables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContextIds<'a> {
    pub unit: u32,
    pub team: u32,
    pub record: Option<RecordIds<'a>>,
}

/// A check's record by id (`NONE` when absent).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordIds<'a> {
    pub owner: u32,
    pub team: u32,
    pub unit: u32,
    pub attributes: RecordAttrs<'a>,
}

/// A check's context as a decision reads it: ids known to be in range, and
/// the effective place worked out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved<'a> {
    /// The effective unit: the record's, else the context's (`NONE`: none).
    pub unit: u32,
    /// The effective team: the record's, else the context's (`NONE`: none).
    pub team: u32,
    /// Whether the check is about a record.
    pub has_record: bool,
    /// The record's owner (`NONE`: none).
    pub owner: u32,
    /// The record's team: its own, else its owner's primary team (`NONE`: none).
    pub record_team: u32,
    /// The record's attributes.
    pub attrs: RecordAttrs<'a>,
}

impl ContextIds<'_> {
    /// No unit, no team, no record.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
    pub const EMPTY: ContextIds<'static> = ContextIds {
        unit: NONE,
        team: NONE,
        record: None,
    };
}

impl Engine {
    /// Looks a context's names up; `None` when one names nothing known.
    pub(crate) fn context_ids<'a>(&self, ctx: &'a Context) -> Option<ContextIds<'a>> {
        let id = |name: &Option<String>, of: IdOf| match name {
            None => Some(NONE),
            Some(n) => of(self, n),
        };
        let record = match &ctx.record {
            None => None,
            Some(rec) => Some(RecordIds {
                owner: id(&rec.owner, Engine::owner_id)?,
                team: id(&rec.team, Engine::team_id)?,
                unit: id(&rec.unit, Engine::unit_id)?,
                attributes: RecordAttrs::Map(&rec.attributes),
            }),
        };
        Some(ContextIds {
            unit: id(&ctx.unit, Engine::unit_id)?,
            team: id(&ctx.team, Engine::team_id)?,
            record,
        })
    }

    /// The id of a record's owner named `name`: the user's, else (in a
    /// slice, which decides a name it does not hold as its stand-in) the
    /// stand-in user's.
    pub(crate) fn owner_id(&self, name: &str) -> Option<u32> {
        or_stand_in(self.names.users.get(name), self.elsewhere.user)
    }

    /// The id of team `name`, else the stand-in team's ([`Engine::owner_id`]).
    pub(crate) fn team_id(&self, name: &str) -> Option<u32> {
        or_stand_in(self.names.teams.get(name), self.elsewhere.team)
    }

    /// The id of unit `name`, else the stand-in unit's ([`Engine::owner_id`]).
    pub(crate) fn unit_id(&self, name: &str) -> Option<u32> {
        or_stand_in(self.names.units.get(name), self.elsewhere.unit)
    }

    /// [`Engine::context_ids`] then [`Engine::resolve`]: a context by name,
    /// resolved; `None` when it names something unknown.
    pub(crate) fn resolve_named<'a>(&self, ctx: &'a Context) -> Option<Resolved<'a>> {
        self.context_ids(ctx).and_then(|ids| self.resolve(&ids))
    }

    /// The place a check is decided at: `None` when an id is out of range
    /// (a name the engine does not know). The record's unit and team win over
    /// the context's, and a record without a team belongs to its owner's
    /// primary team.
    #[inline]
    pub(crate) fn resolve<'a>(&self, ids: &ContextIds<'a>) -> Option<Resolved<'a>> {
        let known = |i: u32, n: usize| i == NONE || (i as usize) < n;
        let (units, teams) = (self.snap.org.units.len(), self.snap.org.teams.len());
        if !known(ids.unit, units) || !known(ids.team, teams) {
            return None;
        }
        let mut r = Resolved {
            unit: ids.unit,
            team: ids.team,
            has_record: false,
            owner: NONE,
            record_team: NONE,
            attrs: RecordAttrs::Any,
        };
        if let Some(rec) = ids.record {
            let in_range = known(rec.owner, self.users.len())
                && known(rec.team, teams)
                && known(rec.unit, units);
            if !in_range {
                return None;
            }
            r.has_record = true;
            r.owner = rec.owner;
            r.record_team = match rec.team {
                NONE => self.primary_team(rec.owner),
                team => team,
            };
            if rec.unit != NONE {
                r.unit = rec.unit;
            }
            if r.record_team != NONE {
                r.team = r.record_team;
            }
            r.attrs = rec.attributes;
        }
        Some(r)
    }

    /// A record without a team belongs to its owner's primary (first) team.
    pub(crate) fn primary_team(&self, owner: u32) -> u32 {
        let teams = self
            .users
            .get(owner as usize)
            .and_then(|o| self.team_lists.get(o.teams.range()));
        teams.and_then(|t| t.first()).copied().unwrap_or(NONE)
    }

    /// The record attribute keys conditions read: the slots of a record's
    /// attributes given by index, in order.
    pub(crate) fn record_keys(&self) -> &[String] {
        &self.record_keys.list
    }

    /// The index of a string a record attribute may hold, for
    /// [`Slot::Str`]; `None` when no snapshot value or literal equals it.
    pub(crate) fn string_index(&self, s: &str) -> Option<u32> {
        self.strings.get(s)
    }

    /// How many strings [`Engine::string_index`] knows; indices at or above
    /// it stand for other strings (equal strings, equal indices).
    pub(crate) fn string_count(&self) -> u32 {
        self.strings.list.len() as u32
    }
}

/// One of [`Engine::owner_id`], [`Engine::team_id`], [`Engine::unit_id`].
pub(crate) type IdOf = fn(&Engine, &str) -> Option<u32>;

/// `found`, else `stand_in` unless it is `NONE` (a full engine has none).
fn or_stand_in(found: Option<u32>, stand_in: u32) -> Option<u32> {
    found.or((stand_in != NONE).then_some(stand_in))
}
