//! Compiling the organisation: the units and reporting trees, and each
//! user's assignments, held roles, teams, seats and direct grants.

use super::compiled::{Assignment, Grant, Origin, Place, Span, User};
use super::Engine;
use crate::compile::tree::Tree;
use crate::index::NONE;
use crate::snapshot::{self, Snapshot};

impl Engine {
    /// Compiles the trees and every user, in snapshot order.
    pub(super) fn build_users(&mut self, s: &Snapshot) {
        let managers = self.build_trees(s);
        let managed = self.managed_teams(s);
        self.users.reserve(s.org.users.len());
        self.seat_holders = vec![Vec::new(); s.model.seats.len()];
        self.holder_counts = vec![0; self.roles];
        let mut held = Vec::new();
        for ((u, manager), managed) in s.org.users.iter().zip(managers).zip(managed) {
            let mut user = User {
                manager,
                ..User::default()
            };
            self.build_assignments(u, &mut user, &mut held);
            let start = self.team_lists.len();
            let teams = u.teams.iter().filter_map(|t| self.names.teams.get(t));
            self.team_lists.extend(teams);
            user.teams = Span::of(start, self.team_lists.len());
            let start = self.team_lists.len();
            self.team_lists.extend(managed);
            user.managed = Span::of(start, self.team_lists.len());
            user.direct = self.build_direct_grants(s, u);
            let index = self.users.len() as u32;
            for (seat, holders) in (0..).zip(self.seat_holders.iter_mut()) {
                if user.seats & 1u64.checked_shl(seat).unwrap_or(0) != 0 {
                    holders.push(index);
                }
            }
            self.users.push(user);
        }
    }

    /// Numbers the units tree and the reporting tree; returns each user's
    /// manager (`NONE`: none).
    fn build_trees(&mut self, s: &Snapshot) -> Vec<u32> {
        let id = |name: &Option<String>, ids: &crate::index::Ids| {
            name.as_deref().and_then(|n| ids.get(n)).unwrap_or(NONE)
        };
        let unit_parent: Vec<u32> = s
            .org
            .units
            .iter()
            .map(|u| id(&u.parent, &self.names.units))
            .collect();
        self.units = Tree::build(&unit_parent);
        let managers: Vec<u32> = s
            .org
            .users
            .iter()
            .map(|u| id(&u.manager, &self.names.users))
            .collect();
        self.reports = Tree::build(&managers);
        self.first_report = vec![NONE; managers.len()];
        self.next_report = vec![NONE; managers.len()];
        for (u, &m) in (0..managers.len() as u32).zip(&managers).rev() {
            if let Some(first) = self.first_report.get_mut(m as usize) {
                if let Some(next) = self.next_report.get_mut(u as usize) {
                    *next = *first;
                }
                *first = u;
            }
        }
        managers
    }

    /// The teams each user manages, by user.
    fn managed_teams(&self, s: &Snapshot) -> Vec<Vec<u32>> {
        let mut managed: Vec<Vec<u32>> = vec![Vec::new(); s.org.users.len()];
        for (t, team) in (0..).zip(&s.org.teams) {
            for m in &team.managers {
                let list = self
                    .names
                    .users
                    .get(m)
                    .and_then(|u| managed.get_mut(u as usize));
                if let Some(list) = list {
                    list.push(t);
                }
            }
        }
        managed
    }

    /// A user's role assignments (those that resolve), the seats they carry
    /// and every role held anywhere, includes resolved; `held` is scratch.
    fn build_assignments(&mut self, u: &snapshot::User, user: &mut User, held: &mut Vec<u32>) {
        let start = self.assigns.len();
        held.clear();
        for a in &u.roles {
            let Some(role) = self.names.roles.get(&a.role) else {
                continue;
            };
            let place = match (a.unit.as_deref(), a.team.as_deref()) {
                (Some(unit), _) => self.names.units.get(unit).map(Place::Unit),
                (None, Some(team)) => self.names.teams.get(team).map(Place::Team),
                (None, None) => Some(Place::Org),
            };
            let Some(place) = place else { continue };
            self.assigns.push(Assignment { role, place });
            user.seats |= self.role_seats.get(role as usize).copied().unwrap_or(0);
        }
        user.assigns = Span::of(start, self.assigns.len());
        // Each role this user holds directly counts one holder.
        held.extend(
            self.assigns
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .map(|a| a.role),
        );
        crate::index::sort_ids(held);
        held.dedup();
        for &role in held.iter() {
            if let Some(n) = self.holder_counts.get_mut(role as usize) {
                *n += 1;
            }
        }
        held.clear();
        for a in self.assigns.get(start..).unwrap_or(&[]) {
            held.extend(self.closure.of(a.role));
        }
        crate::index::sort_ids(held);
        held.dedup();
        let start = self.held.len();
        self.held.extend(held.iter());
        user.held = Span::of(start, self.held.len());
    }

    /// A user's toggles' grants and own grants, sorted by permission.
    fn build_direct_grants(&mut self, s: &Snapshot, u: &snapshot::User) -> Span {
        let mut direct = Vec::new();
        for t in &u.toggles {
            let Some(ti) = self.names.toggles.get(t) else {
                continue;
            };
            for g in s
                .model
                .toggles
                .get(ti as usize)
                .map_or(&[][..], |t| &t.grants)
            {
                self.compile_grant(s, g, Origin::Toggle(ti), &mut direct);
            }
        }
        for g in &u.grants {
            self.compile_grant(s, g, Origin::Direct, &mut direct);
        }
        // Sorted by permission, ties in snapshot order (the crate's one
        // small sort, instead of a stable sort instantiated for grants).
        let mut order: Vec<u32> = (0..direct.len() as u32).collect();
        let perm = |i: u32| direct.get(i as usize).map_or(u32::MAX, |g| g.perm);
        crate::index::merge_sort(&mut order, |a, b| perm(a) < perm(b));
        let mut slots: Vec<Option<Grant>> = direct.into_iter().map(Some).collect();
        let start = self.direct.len();
        let sorted = order
            .iter()
            .filter_map(|&i| slots.get_mut(i as usize)?.take());
        self.direct.extend(sorted);
        Span::of(start, self.direct.len())
    }
}
