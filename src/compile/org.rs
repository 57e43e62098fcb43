//! Compiling the organisation: users, their assignments, teams and trees.

use super::compiled::{Assignment, Origin, Place, Span, User};
use super::Engine;
use crate::compile::tree::Tree;
use crate::index::NONE;
use crate::snapshot::Snapshot;

impl Engine {
    pub(super) fn build_users(&mut self, s: &Snapshot) {
        let unit_parent: Vec<u32> = s
            .org
            .units
            .iter()
            .map(|u| {
                u.parent
                    .as_deref()
                    .and_then(|p| self.names.units.get(p))
                    .unwrap_or(NONE)
            })
            .collect();
        self.units = Tree::build(&unit_parent);
        let managers: Vec<u32> = s
            .org
            .users
            .iter()
            .map(|u| {
                u.manager
                    .as_deref()
                    .and_then(|m| self.names.users.get(m))
                    .unwrap_or(NONE)
            })
            .collect();
        self.reports = Tree::build(&managers);

        // Teams each user manages.
        let mut managed: Vec<Vec<u32>> = vec![Vec::new(); s.org.users.len()];
        for (ti, t) in s.org.teams.iter().enumerate() {
            for m in &t.managers {
                if let Some(list) = self
                    .names
                    .users
                    .get(m)
                    .and_then(|u| managed.get_mut(u as usize))
                {
                    list.push(ti as u32);
                }
            }
        }

        self.users.reserve(s.org.users.len());
        self.seat_holders = vec![Vec::new(); s.model.seats.len()];
        let mut held = Vec::new();
        for ((u, manager), managed) in s.org.users.iter().zip(managers).zip(managed) {
            let mut uc = User {
                manager,
                ..User::default()
            };

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
                uc.seats |= self.role_seats.get(role as usize).copied().unwrap_or(0);
                held.extend(self.closure.get(role as usize).into_iter().flatten());
            }
            uc.assigns = Span::of(start, self.assigns.len());

            held.sort_unstable();
            held.dedup();
            let start = self.held.len();
            self.held.extend(&held);
            uc.held = Span::of(start, self.held.len());

            let start = self.team_lists.len();
            self.team_lists
                .extend(u.teams.iter().filter_map(|t| self.names.teams.get(t)));
            uc.teams = Span::of(start, self.team_lists.len());
            let start = self.team_lists.len();
            self.team_lists.extend(managed);
            uc.managed = Span::of(start, self.team_lists.len());

            let mut direct = Vec::new();
            for t in &u.toggles {
                let Some(ti) = self.names.toggles.get(t) else {
                    continue;
                };
                let Some(toggle) = s.model.toggles.get(ti as usize) else {
                    continue;
                };
                for g in &toggle.grants {
                    self.compile_grant(s, g, Origin::Toggle(ti), &mut direct);
                }
            }
            for g in &u.grants {
                self.compile_grant(s, g, Origin::Direct, &mut direct);
            }
            direct.sort_by_key(|g| g.perm);
            let start = self.direct.len();
            self.direct.extend(direct);
            uc.direct = Span::of(start, self.direct.len());

            for (seat, holders) in self.seat_holders.iter_mut().enumerate() {
                if uc.seats & 1u64.checked_shl(seat as u32).unwrap_or(0) != 0 {
                    holders.push(self.users.len() as u32);
                }
            }
            self.users.push(uc);
        }
    }
}
