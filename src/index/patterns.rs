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
        merge_sort(&mut all, |a, b| id(&a) < id(&b));
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
                sort_ids(&mut found);
                found
            }
            None => names.perms.get(pattern).into_iter().collect(),
        }
    }

    /// The permissions `pattern` matches (as [`Patterns::matching`], no
    /// seat-bound one through a pattern) that no pattern of `except` matches,
    /// in ascending order. Work: O(log n + matches) per pattern.
    pub(crate) fn matching_except(
        &self,
        pattern: &str,
        except: &[String],
        s: &Snapshot,
        names: &Names,
    ) -> Vec<u32> {
        let mut found = self.matching(pattern, s, names, false);
        if except.is_empty() {
            return found;
        }
        let mut out: Vec<u32> = except
            .iter()
            .flat_map(|x| self.matching(x, s, names, false))
            .collect();
        sort_ids(&mut out);
        found.retain(|p| out.binary_search(p).is_err());
        found
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

/// Whether `pattern` (an id or `"prefix*"`) names permission `id`.
pub(crate) fn covers(pattern: &str, id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    }
}

/// Sorts `items` by `less`, stably: a small bottom-up merge sort, O(n log
/// n). (The standard sorts, instantiated for this string comparison, were
/// 15 KB of the wasm.)
pub(crate) fn merge_sort(items: &mut [u32], less: impl Fn(u32, u32) -> bool) {
    if items.len() <= 16 {
        // Insertion sort: short lists (a user's roles) allocate nothing.
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 {
                match (items.get(j - 1).copied(), items.get(j).copied()) {
                    (Some(x), Some(y)) if less(y, x) => items.swap(j - 1, j),
                    _ => break,
                }
                j -= 1;
            }
        }
        return;
    }
    let mut width = 1;
    let mut out = Vec::with_capacity(items.len());
    while width < items.len() {
        out.clear();
        for chunk in items.chunks(width.saturating_mul(2)) {
            let (a, b) = chunk.split_at(width.min(chunk.len()));
            let (mut a, mut b) = (a.iter().copied().peekable(), b.iter().copied().peekable());
            loop {
                let next = match (a.peek(), b.peek()) {
                    (Some(&x), Some(&y)) if less(y, x) => b.next(),
                    (Some(_), _) => a.next(),
                    (None, _) => b.next(),
                };
                match next {
                    Some(x) => out.push(x),
                    None => break,
                }
            }
        }
        items.copy_from_slice(&out);
        width = width.saturating_mul(2);
    }
}

/// Sorts `items` stably by the key `key` gives each item's index (with
/// [`merge_sort`] on the indices, then moving each item once).
pub(crate) fn sort_by_index_key<T, K: PartialOrd>(items: &mut Vec<T>, key: impl Fn(usize) -> K) {
    let keys: Vec<K> = (0..items.len()).map(key).collect();
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    merge_sort(&mut order, |a, b| {
        keys.get(a as usize) < keys.get(b as usize)
    });
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&i| taken.get_mut(i as usize)?.take()),
    );
}

/// Sorts dense ids in ascending order (with [`merge_sort`]: one small sort
/// for the whole crate instead of one instantiation of the standard sort).
pub(crate) fn sort_ids(ids: &mut [u32]) {
    merge_sort(ids, |a, b| a < b);
}

#[cfg(test)]
mod tests {
    use super::{merge_sort, sort_ids};

    #[test]
    fn merge_sort_sorts_stably() {
        let keys = [5, 3, 5, 1, 3, 9, 0, 5];
        let mut items: Vec<u32> = (0..keys.len() as u32).collect();
        merge_sort(&mut items, |a, b| keys[a as usize] < keys[b as usize]);
        assert_eq!(items, [6, 3, 1, 4, 0, 2, 7, 5]);
        let mut long: Vec<u32> = (0..100).map(|i| (i * 37) % 101).collect();
        sort_ids(&mut long);
        assert!(long.windows(2).all(|w| w[0] < w[1]));
        let mut empty: Vec<u32> = Vec::new();
        merge_sort(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
}
