//! Admin-screen views of the model: seats used vs purchased, and the role x
//! permission matrix.

use super::answer::{Access, Matrix, MatrixCell, Named, SeatUsage};
use crate::compile::{level, Engine};
use crate::index::NONE;
use crate::snapshot::ScopeLevel;

impl Engine {
    /// Seats of each type: how many are used (users holding a role that
    /// carries the seat) and how many were purchased.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn seats(&self) -> Vec<SeatUsage> {
        self.snap
            .model
            .seats
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let holders: Vec<String> = self
                    .seat_holders
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter_map(|&u| self.snap.org.users.get(u as usize))
                    .map(|u| u.id.clone())
                    .collect();
                SeatUsage {
                    seat: s.id.clone(),
                    label: s.label.clone().unwrap_or_else(|| s.id.clone()),
                    used: holders.len() as u32,
                    purchased: self.snap.org.seats.get(&s.id).copied(),
                    holders,
                }
            })
            .collect()
    }

    /// The role x permission matrix of the model (includes resolved; plan,
    /// restrictions and org data not applied).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn matrix(&self) -> Matrix {
        let m = &self.snap.model;
        let named = |id: &str, label: &Option<String>| Named {
            id: id.to_owned(),
            label: label.clone().unwrap_or_else(|| id.to_owned()),
        };
        let np = self.perms.len();
        let cells = (0..np)
            .map(|p| {
                (0..self.roles)
                    .map(|r| {
                        let span = self.role_grant_span(r as u32, p as u32);
                        let grants = self.grants.get(span.range()).unwrap_or(&[]);
                        let seat = m.permissions.get(p).and_then(|x| x.seat.clone());
                        let mut cell = MatrixCell {
                            access: Access::None,
                            scope: Vec::new(),
                            seat: None,
                            note: None,
                        };
                        if grants.is_empty() {
                            return cell;
                        }
                        cell.seat = seat;
                        if grants.iter().any(|g| g.scope.is_all() && g.cond == NONE) {
                            cell.access = Access::Full;
                        } else if let Some(g) = grants.iter().find(|g| g.cond == NONE) {
                            cell.access = Access::Scoped;
                            cell.scope = levels(g.scope.mask);
                        } else {
                            cell.access = Access::Conditional;
                            cell.note = grants.iter().find_map(|g| g.because.clone());
                        }
                        cell
                    })
                    .collect()
            })
            .collect();
        Matrix {
            roles: m.roles.iter().map(|r| named(&r.id, &r.label)).collect(),
            permissions: m
                .permissions
                .iter()
                .map(|p| named(&p.id, &p.label))
                .collect(),
            cells,
        }
    }
}

#[cfg_attr(rolegate_size, optimize(size))]
fn levels(mask: u8) -> Vec<ScopeLevel> {
    [
        (level::OWN, ScopeLevel::Own),
        (level::SUBORDINATES, ScopeLevel::Subordinates),
        (level::PEERS, ScopeLevel::Peers),
        (level::MANAGER, ScopeLevel::Manager),
        (level::TEAM, ScopeLevel::Team),
        (level::MANAGED_TEAMS, ScopeLevel::ManagedTeams),
    ]
    .into_iter()
    .filter(|(bit, _)| mask & bit != 0)
    .map(|(_, l)| l)
    .collect()
}
