//! Name -> dense id tables, one per kind of thing a snapshot names.

use rustc_hash::FxHashMap;

/// Dense ids for one kind of name, in snapshot order. The first occurrence of
/// a duplicated name wins (validation reports the duplicate).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    map: FxHashMap<String, u32>,
    /// Positions whose name was already taken by an earlier one.
    pub duplicates: Vec<u32>,
}

impl Ids {
    /// Numbers `names` in order.
    pub fn new<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Ids {
        let mut map = FxHashMap::default();
        map.reserve(names.len());
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
}

impl Names {
    /// Builds every table from a snapshot.
    pub fn of(s: &crate::snapshot::Snapshot) -> Names {
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
        }
    }
}

/// Permission ids matched by a grant's permission pattern: an exact id, `"*"`
/// (every permission not bound to a seat) or `"prefix.*"` (those under the
/// prefix, not bound to a seat).
pub(crate) fn matching(pattern: &str, s: &crate::snapshot::Snapshot, names: &Names) -> Vec<u32> {
    if let Some(prefix) = pattern.strip_suffix('*') {
        s.model
            .permissions
            .iter()
            .enumerate()
            .filter(|(_, p)| p.seat.is_none() && p.id.starts_with(prefix))
            .map(|(i, _)| i as u32)
            .collect()
    } else {
        names.perms.get(pattern).into_iter().collect()
    }
}

/// Like [`matching`], but patterns also match seat-bound permissions (a
/// restriction on `calls.*` binds recording too).
pub(crate) fn matching_any(
    pattern: &str,
    s: &crate::snapshot::Snapshot,
    names: &Names,
) -> Vec<u32> {
    match pattern.strip_suffix('*') {
        Some(prefix) => s
            .model
            .permissions
            .iter()
            .enumerate()
            .filter(|(_, p)| p.id.starts_with(prefix))
            .map(|(i, _)| i as u32)
            .collect(),
        None => names.perms.get(pattern).into_iter().collect(),
    }
}
