//! The hashing of every table built from a snapshot's names. Names come from
//! whoever wrote the snapshot, so the hash is keyed with a secret the author
//! cannot know (foldhash, seeded per table): names crafted to collide, which
//! would turn each lookup into a scan (hash flooding), cannot be computed in
//! advance. Natively the secret comes from the operating system (through
//! `std`'s `RandomState`); in wasm, where `std` has no randomness, the binding
//! sets it from JavaScript at start ([`set_secret`]).

use foldhash::fast::SeedableRandomState;
use foldhash::SharedSeed;
use std::collections::HashMap;
#[cfg(not(target_arch = "wasm32"))]
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// A hash map keyed by [`table_hasher`].
pub(crate) type NameMap<V> = HashMap<String, V, SeedableRandomState>;

/// A secret from the embedder (0: none given).
static SECRET: AtomicU64 = AtomicU64::new(0);
/// Counts tables, so that each gets a seed of its own.
static TABLES: AtomicU64 = AtomicU64::new(0);

/// Sets the secret mixed into every table's seed (the JS binding calls it
/// once, with randomness from JavaScript).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
pub(crate) fn set_secret(secret: u64) {
    SECRET.store(secret, Relaxed);
}

/// The hasher of a new table: a seed of its own, from the secret, the
/// operating system's randomness (where `std` has it) and a counter.
pub(crate) fn table_hasher() -> SeedableRandomState {
    let n = TABLES.fetch_add(1, Relaxed);
    // wasm's `std` has no randomness (the binding's secret stands in).
    #[cfg(not(target_arch = "wasm32"))]
    let os = std::collections::hash_map::RandomState::new().hash_one(n);
    #[cfg(target_arch = "wasm32")]
    let os = 0u64;
    let seed = os ^ SECRET.load(Relaxed).rotate_left(17) ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    SeedableRandomState::with_seed(seed, SharedSeed::global_fixed())
}

/// An empty name map with its own hasher and room for `n` names.
pub(crate) fn name_map<V>(n: usize) -> NameMap<V> {
    HashMap::with_capacity_and_hasher(n, table_hasher())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_hashes_the_same_name_differently() {
        let (a, b) = (table_hasher(), table_hasher());
        let name = "a name chosen by the snapshot's author";
        assert_ne!(a.hash_one(name), b.hash_one(name));
        assert_eq!(a.hash_one(name), a.hash_one(name));
    }
}
