//! The interning index of a function's constant and name pools: finds the id of an entry
//! already in a pool from the entry's hash, without keeping a second copy of it.
//!
//! A `HashMap<Const, ConstId>` beside the pool cloned every new constant (a `String` for
//! most) to use it as a key, and each time the map grew it hashed every key again. This
//! index keys on the 64-bit hash alone, so growing it moves integers, and the pool itself
//! settles whether a candidate is really equal. Distinct entries with the same hash are
//! chained, which keeps the index exact however rare such collisions are.

use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash, Hasher};

/// The room a pool's table starts with.
const INITIAL_CAPACITY: usize = 28;

/// Hash → pool id, over the entries of one pool (see the module docs).
#[derive(Debug, Clone, Default)]
pub(super) struct PoolIndex {
    /// The first entry with each hash.
    first: FxHashMap<u64, u32>,
    /// For an entry whose hash an earlier entry already had: the next entry with that
    /// hash after it. Empty unless two distinct entries collide.
    next: FxHashMap<u32, u32>,
}

impl PoolIndex {
    /// The hash the index files `value` under.
    pub(super) fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(value)
    }

    /// The hash of whatever `feed` writes, for finding an entry without building it:
    /// equal to [`PoolIndex::hash`] of a value whose `Hash` writes the same.
    pub(super) fn hash_with(feed: impl FnOnce(&mut rustc_hash::FxHasher)) -> u64 {
        let mut state = rustc_hash::FxBuildHasher.build_hasher();
        feed(&mut state);
        state.finish()
    }

    /// The id of the entry with `hash` for which `is_equal` holds, if any.
    pub(super) fn find(&self, hash: u64, mut is_equal: impl FnMut(u32) -> bool) -> Option<u32> {
        let mut id = *self.first.get(&hash)?;
        loop {
            if is_equal(id) {
                return Some(id);
            }
            id = *self.next.get(&id)?;
        }
    }

    /// Interns into `pool`: the id of the entry with `hash` that `is_equal` accepts, or
    /// else the id of `make()`, appended to `pool` and filed under `hash`.
    #[inline]
    pub(super) fn intern<T>(
        &mut self,
        pool: &mut Vec<T>,
        hash: u64,
        is_equal: impl Fn(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> u32 {
        let new_id = u32::try_from(pool.len()).expect("pool ids fit in u32");
        match self.find_or_insert(hash, |id| is_equal(&pool[id as usize]), new_id) {
            Ok(id) => id,
            Err(id) => {
                pool.push(make());
                id
            }
        }
    }

    /// [`PoolIndex::intern`] of an entry the caller already owns, moved into `pool` when
    /// it is new.
    #[inline]
    pub(super) fn intern_owned<T: PartialEq>(
        &mut self,
        pool: &mut Vec<T>,
        hash: u64,
        value: T,
    ) -> u32 {
        let new_id = u32::try_from(pool.len()).expect("pool ids fit in u32");
        match self.find_or_insert(hash, |id| pool[id as usize] == value, new_id) {
            Ok(id) => id,
            Err(id) => {
                pool.push(value);
                id
            }
        }
    }

    /// The id of the entry with `hash` for which `is_equal` holds; when there is none,
    /// `new_id` is filed under `hash` (the caller then appends that entry to the pool) and
    /// `Err(new_id)` returned. One probe of the table either way.
    pub(super) fn find_or_insert(
        &mut self,
        hash: u64,
        mut is_equal: impl FnMut(u32) -> bool,
        new_id: u32,
    ) -> Result<u32, u32> {
        if self.first.capacity() == 0 {
            self.first.reserve(INITIAL_CAPACITY);
        }
        let mut id = match self.first.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(new_id);
                return Err(new_id);
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        loop {
            if is_equal(id) {
                return Ok(id);
            }
            match self.next.get(&id) {
                Some(&next) => id = next,
                None => {
                    self.next.insert(id, new_id);
                    return Err(new_id);
                }
            }
        }
    }

    /// Files entry `id` under `hash`; the caller has checked that no equal entry is filed.
    pub(super) fn insert(&mut self, hash: u64, id: u32) {
        if self.first.capacity() == 0 {
            // Most pools hold a few dozen entries: growing the table from its smallest size
            // rehashed it four times on the way.
            self.first.reserve(INITIAL_CAPACITY);
        }
        let first = match self.first.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(id);
                return;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        let mut last = first;
        while let Some(&next) = self.next.get(&last) {
            last = next;
        }
        self.next.insert(last, id);
    }

    /// Clears the index and files `entries`; of equal entries the last one wins, as it
    /// did when the pools were indexed by a map collected from them.
    pub(super) fn rebuild<T: Hash + PartialEq>(&mut self, entries: &[T]) {
        self.first.clear();
        self.next.clear();
        for (id, entry) in entries.iter().enumerate().rev() {
            let hash = Self::hash(entry);
            if self
                .find(hash, |other| entries[other as usize] == *entry)
                .is_none()
            {
                self.insert(hash, id as u32);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PoolIndex;

    #[test]
    fn colliding_entries_are_chained_and_found() {
        let pool = ["a", "b", "c"];
        let mut index = PoolIndex::default();
        // Every entry under one hash, as if all three collided.
        for id in 0..3 {
            index.insert(7, id);
        }
        for (id, name) in pool.iter().enumerate() {
            assert_eq!(
                index.find(7, |i| pool[i as usize] == *name),
                Some(id as u32)
            );
        }
        assert_eq!(index.find(7, |i| pool[i as usize] == "d"), None);
        assert_eq!(index.find(8, |_| true), None);
    }

    #[test]
    fn rebuild_keeps_the_last_of_equal_entries() {
        let pool = ["x", "y", "x"];
        let mut index = PoolIndex::default();
        index.rebuild(&pool);
        let hash = PoolIndex::hash("x");
        assert_eq!(index.find(hash, |i| pool[i as usize] == "x"), Some(2));
    }
}
