//! The client build's name -> id tables: the names sorted once, found by
//! binary search. The lean client wasm then holds no hash table (hashbrown
//! and foldhash were 7 KB of its code). A slice's names come from the
//! server that cut it, and a search costs O(log n) whatever they are, so
//! there is nothing to flood. The full engine keeps its keyed hash tables
//! ([`super::hashing`]), which a load of a whole org needs for speed.

use super::merge_sort;

/// Names sorted, each with its id (the position of its first occurrence).
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's
pub(crate) struct SortedNames {
    sorted: Vec<(String, u32)>,
}

#[cfg_attr(not(feature = "client"), allow(dead_code))] // the client's
impl SortedNames {
    /// Numbers `names` in order, and the positions whose name an earlier
    /// one already has (ascending). O(n log n). Not generic: one copy of the
    /// sort in the wasm, whatever the names come from.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn new(names: &[&str]) -> (SortedNames, Vec<u32>) {
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        let name = |i: u32| names.get(i as usize).copied().unwrap_or_default();
        // Stable: equal names stay in position order, the first one wins.
        merge_sort(&mut order, |a, b| name(a) < name(b));
        let mut sorted: Vec<(String, u32)> = Vec::with_capacity(order.len());
        let mut repeated = Vec::new();
        for i in order {
            match sorted.last() {
                Some((last, _)) if last.as_str() == name(i) => repeated.push(i),
                _ => sorted.push((name(i).to_owned(), i)),
            }
        }
        super::sort_ids(&mut repeated);
        (SortedNames { sorted }, repeated)
    }

    /// What an interner of `list` holds: its distinct strings in first-seen
    /// order, each numbered by its position there. O(n log n), also when a
    /// crafted slice repeats a string many times.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn interned(mut list: Vec<String>) -> (SortedNames, Vec<String>) {
        let names: Vec<&str> = list.iter().map(String::as_str).collect();
        let (mut map, repeated) = SortedNames::new(&names);
        if repeated.is_empty() {
            return (map, list);
        }
        // Without the repeats (`repeated` is ascending), each first
        // occurrence moves down by the repeats before it.
        for (_, id) in &mut map.sorted {
            *id -= repeated.partition_point(|&r| r < *id) as u32;
        }
        let mut drop = repeated.iter().peekable();
        let mut at = 0u32;
        list.retain(|_| {
            let repeat = drop.next_if_eq(&&at).is_some();
            at += 1;
            !repeat
        });
        (map, list)
    }

    /// Adds `name` with id `id` unless it is there: O(n), for the code the
    /// client build compiles but never runs (the compiler's interning).
    pub fn insert(&mut self, name: &str, id: u32) {
        if let Err(at) = self.find(name) {
            self.sorted.insert(at, (name.to_owned(), id));
        }
    }

    /// The id of `name`, if it is there.
    pub fn get(&self, name: &str) -> Option<u32> {
        let at = self.find(name).ok()?;
        self.sorted.get(at).map(|&(_, i)| i)
    }

    /// Where `name` is in the sorted list, or where it would go.
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.sorted.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }
}

#[cfg(test)]
mod tests {
    use super::SortedNames;

    #[test]
    fn finds_each_name_at_its_first_position() {
        let names = ["u3", "u1", "", "u2", "u1", "é", "u3", "u10"];
        let (t, later) = SortedNames::new(&names);
        assert_eq!(later, [4, 6]);
        for (name, id) in [
            ("u3", 0),
            ("u1", 1),
            ("", 2),
            ("u2", 3),
            ("é", 5),
            ("u10", 7),
        ] {
            assert_eq!(t.get(name), Some(id), "{name}");
        }
        for absent in ["u", "u4", "u11", "U1", "e"] {
            assert_eq!(t.get(absent), None, "{absent}");
        }
        assert_eq!(SortedNames::default().get("x"), None);
    }

    #[test]
    fn interned_keeps_the_first_of_each_string_in_order() {
        let list = ["b", "a", "b", "c", "a", "b"].map(String::from).to_vec();
        let (t, list) = SortedNames::interned(list);
        assert_eq!(list, ["b", "a", "c"]);
        for (i, s) in list.iter().enumerate() {
            assert_eq!(t.get(s), Some(i as u32));
        }
        // A crafted slice's many repeats take one pass, not one per repeat.
        let (t, list) = SortedNames::interned(vec!["x".to_owned(); 200_000]);
        assert_eq!((list.len(), t.get("x")), (1, Some(0)));
    }

    #[test]
    fn many_names_sort_in_n_log_n() {
        let names: Vec<String> = (0..5000).rev().map(|i| format!("user-{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (t, later) = SortedNames::new(&names);
        assert!(later.is_empty());
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.get(n), Some(i as u32));
        }
    }
}
