//! Name -> dense id tables, one per kind of thing a snapshot names.

#[cfg(not(feature = "client"))]
use super::hashing::{name_map, NameMap};
#[cfg(feature = "client")]
use super::SortedNames;

/// Dense ids for one kind of name, in snapshot order. The first occurrence of
/// a duplicated name wins (validation reports the duplicate).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    #[cfg(not(feature = "client"))]
    map: NameMap<u32>,
    /// The client build's table: sorted, no hashing (`SortedNames`).
    #[cfg(feature = "client")]
    map: SortedNames,
    /// Positions whose name was already taken by an earlier one.
    pub duplicates: Vec<u32>,
}

impl Ids {
    /// Numbers `names` in order.
    #[cfg(not(feature = "client"))]
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

    /// Numbers `names` in order (the client build's sorted table).
    #[cfg(feature = "client")]
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn new<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Ids {
        let names: Vec<&str> = names.collect();
        let (map, duplicates) = SortedNames::new(&names);
        Ids { map, duplicates }
    }

    /// The id of `name`, if declared.
    #[inline]
    pub fn get(&self, name: &str) -> Option<u32> {
        #[cfg(not(feature = "client"))]
        return self.map.get(name).copied();
        #[cfg(feature = "client")]
        return self.map.get(name);
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
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn of(s: &crate::snapshot::Snapshot) -> Names {
        Names {
            patterns: super::Patterns::of(s),
            ..Names::ids_of(s)
        }
    }

    /// Every name table but the patterns (which only compiling reads).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
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
