//! Permission patterns (`"calls.view"`, `"calls.*"`, `"*"`) resolved through
//! the permission ids in sorted order: a pattern's permissions are found in
//! O(log n + matches), however many permissions and patterns a snapshot has.

use super::Names;
use crate::snapshot::Snapshot;

/// The permissions by id, sorted: all of them, and those bound to no seat.
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    all: Vec<u32>,
    seatless: Vec<u32>,
}

impl Patterns {
    /// Sorts the permissions of `s` by id.
    pub(crate) fn of(s: &Snapshot) -> Patterns {
        let perms = &s.model.permissions;
        let id = |i: &u32| perms.get(*i as usize).map_or("", |p| p.id.as_str());
        let mut all: Vec<u32> = (0..perms.len() as u32).collect();
        all.sort_unstable_by(|a, b| id(a).cmp(id(b)).then(a.cmp(b)));
        let seatless = all
            .iter()
            .copied()
            .filter(|&i| perms.get(i as usize).is_some_and(|p| p.seat.is_none()))
            .collect();
        Patterns { all, seatless }
    }

    /// The permissions whose id starts with `prefix` (a range of `sorted`).
    fn prefixed<'a>(&self, s: &Snapshot, sorted: &'a [u32], prefix: &str) -> &'a [u32] {
        let id = |i: &u32| {
            s.model
                .permissions
                .get(*i as usize)
                .map_or("", |p| p.id.as_str())
        };
        let start = sorted.partition_point(|i| id(i) < prefix);
        let rest = sorted.get(start..).unwrap_or(&[]);
        let len = rest.partition_point(|i| id(i).starts_with(prefix));
        rest.get(..len).unwrap_or(&[])
    }

    /// The permissions `pattern` matches, by index in ascending order: an
    /// exact id, or `"prefix*"` (every id starting with the prefix). With
    /// `seats` false, a pattern does not match seat-bound permissions (a
    /// wildcard grant never covers a seat); an exact id always matches.
    pub(crate) fn matching(
        &self,
        pattern: &str,
        s: &Snapshot,
        names: &Names,
        seats: bool,
    ) -> Vec<u32> {
        match pattern.strip_suffix('*') {
            Some(prefix) => {
                let sorted = if seats { &self.all } else { &self.seatless };
                let mut found = self.prefixed(s, sorted, prefix).to_vec();
                found.sort_unstable();
                found
            }
            None => names.perms.get(pattern).into_iter().collect(),
        }
    }

    /// How many permissions [`Patterns::matching`] would give, in O(log n).
    pub(crate) fn count(&self, pattern: &str, s: &Snapshot, names: &Names, seats: bool) -> usize {
        match pattern.strip_suffix('*') {
            Some(prefix) => {
                let sorted = if seats { &self.all } else { &self.seatless };
                self.prefixed(s, sorted, prefix).len()
            }
            None => usize::from(names.perms.get(pattern).is_some()),
        }
    }
}
