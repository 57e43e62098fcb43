//! Checks by dense index: names resolved once by the caller, no hashing and
//! no strings per check.

use super::answer::{Context, IndexedContext};
use super::check::{RecordIds, Resolved};
use crate::compile::condition::RecordAttrs;
use crate::compile::Engine;
use crate::index::NONE;

impl Engine {
    /// The dense index of a unit, for [`IndexedContext`].
    pub fn unit_index(&self, id: &str) -> Option<u32> {
        self.names.units.get(id)
    }

    /// The dense index of a team, for [`IndexedContext`].
    pub fn team_index(&self, id: &str) -> Option<u32> {
        self.names.teams.get(id)
    }

    /// The record attribute keys conditions read, in slot order.
    pub fn record_keys(&self) -> &[String] {
        &self.record_keys.list
    }

    /// The index of a string a record attribute may hold, for
    /// [`crate::Slot::Str`]; `None` when no snapshot value or literal equals it.
    pub fn string_index(&self, s: &str) -> Option<u32> {
        self.strings.get(s)
    }

    /// How many strings [`Engine::string_index`] knows; indices at or above
    /// it stand for other strings.
    pub fn string_count(&self) -> u32 {
        self.strings.list.len() as u32
    }

    /// [`Engine::check`] with the context given by indices. Allocates
    /// nothing and hashes nothing.
    #[inline]
    pub fn check_indexed(&self, user: u32, perm: u32, ctx: &IndexedContext<'_>) -> bool {
        match self.resolve_indexed(ctx) {
            Some(c) => self.decide(user, perm, &c).allowed(),
            None => false,
        }
    }

    fn resolve_indexed<'a>(&self, ctx: &IndexedContext<'a>) -> Option<Resolved<'a>> {
        let known = |i: u32, n: usize| i == NONE || (i as usize) < n;
        let (units, teams, users) = (
            self.snap.org.units.len(),
            self.snap.org.teams.len(),
            self.users.len(),
        );
        if !known(ctx.unit, units) || !known(ctx.team, teams) {
            return None;
        }
        let record = if ctx.record {
            if !known(ctx.owner, users)
                || !known(ctx.record_team, teams)
                || !known(ctx.record_unit, units)
            {
                return None;
            }
            Some(RecordIds {
                owner: ctx.owner,
                team: ctx.record_team,
                unit: ctx.record_unit,
                attrs: RecordAttrs::Slots(ctx.attributes),
            })
        } else {
            None
        };
        Some(self.place(ctx.unit, ctx.team, record))
    }

    /// Every permission `user` holds in `ctx`, as a bitset: bit `p % 32` of
    /// word `p / 32` is set when permission index `p` is allowed. A bound
    /// handle computes it once for the empty context, so that plain checks
    /// become a bit test.
    pub fn permission_mask(&self, user: u32, ctx: &Context<'_>) -> Vec<u32> {
        let mut words = vec![0u32; self.perms.len().div_ceil(32)];
        if let Some(c) = self.resolve(ctx) {
            for p in 0..self.perms.len() as u32 {
                if self.decide(user, p, &c).allowed() {
                    if let Some(w) = words.get_mut(p as usize / 32) {
                        *w |= 1 << (p % 32);
                    }
                }
            }
        }
        words
    }
}
