//! Name -> dense id tables, one per kind of thing a snapshot names.

use super::hashing::{name_map, NameMap};

/// Dense ids for one kind of name, in snapshot order. The first occurrence of
/// a duplicated name wins (validation reports the duplicate).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    map: NameMap<u32>,
    /// Positions whose name was already taken by an earlier one.
    pub duplicates: Vec<u32>,
}

impl Ids {
    /// Numbers `names` in order.
    pub fn new<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Ids {
        let mut map = name_map(names.len());
        let mut duplicates = Vec::new();
        for (i, n) in names.enumerate() {
            if map.contains_key(n) {
                duplicates.push(i as u32);
            } else {
                map.insert(n.to_owned(), i as u32);
            }
        }
        Ids { map, duplicates }
    }

    /// The id of `name`, if declared.
    #[inline]
    pub fn get(&self, name: &str) -> Option<u32> {
        self.map.get(name).copied()
    }
}

/// Every name table of a snapshot.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    pub perms: Ids,
    pub features: Ids,
    pub plans: Ids,
    pub seats: Ids,
    pub roles: Ids,
    pub toggles: Ids,
    pub units: Ids,
    pub teams: Ids,
    pub users: Ids,
    /// The permissions in id order, for patterns.
    pub patterns: super::Patterns,
}

impl Names {
    /// Builds every table from a snapshot.
    pub fn of(s: &crate::snapshot::Snapshot) -> Names {
        Names {
            patterns: super::Patterns::of(s),
            ..Names::ids_of(s)
        }
    }

    /// Every name table but the patterns (which only compiling reads).
    pub fn ids_of(s: &crate::snapshot::Snapshot) -> Names {
        let m = &s.model;
        let o = &s.org;
        Names {
            perms: Ids::new(m.permissions.iter().map(|x| x.id.as_str())),
            features: Ids::new(m.features.iter().map(|x| x.id.as_str())),
            plans: Ids::new(m.plans.iter().map(|x| x.id.as_str())),
            seats: Ids::new(m.seats.iter().map(|x| x.id.as_str())),
            roles: Ids::new(m.roles.iter().map(|x| x.id.as_str())),
            toggles: Ids::new(m.toggles.iter().map(|x| x.id.as_str())),
            units: Ids::new(o.units.iter().map(|x| x.id.as_str())),
            teams: Ids::new(o.teams.iter().map(|x| x.id.as_str())),
            users: Ids::new(o.users.iter().map(|x| x.id.as_str())),
            patterns: super::Patterns::default(),
        }
    }
}
