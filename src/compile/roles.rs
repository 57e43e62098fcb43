//! Compiling the roles: each role's grants per permission, and the seats
//! and assignable roles it carries, with its includes resolved. The work is
//! bounded by the limits of `crate::index::limits`, which validation checks
//! on the plain snapshot first.

use super::compiled::{Assignable, Grant, Origin, Span};
use super::Engine;
use crate::snapshot::Snapshot;

impl Engine {
    /// Compiles every role.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn build_roles(&mut self, s: &Snapshot) {
        let nr = s.model.roles.len();
        let np = s.model.permissions.len();
        self.roles = nr;
        // Resolved by validation (which rejects a snapshot whose includes are
        // too costly to resolve); taken while the roles are compiled.
        let closure = std::mem::take(&mut self.closure);
        // Grants stated by each role, then merged along the includes closure.
        let mut own: Vec<Vec<Grant>> = Vec::with_capacity(nr);
        for (ri, r) in (0u32..).zip(&s.model.roles) {
            let mut out = Vec::new();
            for g in &r.grants {
                self.compile_grant(s, g, Origin::Role(ri), &mut out);
            }
            own.push(out);
        }
        // INVARIANT: validation caps roles x permissions before compiling.
        let mut buckets: Vec<Vec<Grant>> = vec![Vec::new(); nr.saturating_mul(np)];
        self.role_seats = vec![0; nr];
        self.role_assigns = Vec::with_capacity(nr);
        let mut targets = Vec::new();
        for (ri, reach) in closure.iter().enumerate() {
            targets.clear();
            let mut all = false;
            for &inc in reach {
                for g in own.get(inc as usize).into_iter().flatten() {
                    let cell = ri
                        .checked_mul(np)
                        .and_then(|row| row.checked_add(g.perm as usize));
                    if let Some(b) = cell.and_then(|i| buckets.get_mut(i)) {
                        b.push(g.clone());
                    }
                }
                let Some(inc_role) = s.model.roles.get(inc as usize) else {
                    continue;
                };
                if let Some(seat) = inc_role
                    .seat
                    .as_deref()
                    .and_then(|x| self.names.seats.get(x))
                {
                    if let Some(m) = self.role_seats.get_mut(ri) {
                        *m |= 1u64.checked_shl(seat).unwrap_or(0);
                    }
                }
                for target in &inc_role.assigns {
                    all |= target == "*";
                    targets.extend(self.names.roles.get(target));
                }
            }
            crate::index::sort_ids(&mut targets);
            targets.dedup();
            let start = self.assignable.len();
            if !all {
                self.assignable.extend(&targets);
            }
            self.role_assigns.push(Assignable {
                all,
                roles: Span::of(start, self.assignable.len()),
            });
        }
        for b in buckets {
            let start = self.grants.len();
            self.grants.extend(b);
            self.role_grants.push(Span::of(start, self.grants.len()));
        }
        self.closure = closure;
    }

    /// Whether holders of role `by` may assign role `r`.
    pub(crate) fn may_assign(&self, by: u32, r: u32) -> bool {
        self.role_assigns.get(by as usize).is_some_and(|a| {
            a.all
                || self
                    .assignable
                    .get(a.roles.range())
                    .is_some_and(|list| list.binary_search(&r).is_ok())
        })
    }
}
