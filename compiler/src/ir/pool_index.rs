//! The interning index of a function's constant and name pools: finds the id of an entry
//! already in a pool from the entry's hash, without keeping a second copy of it.
//!
//! A `HashMap<Const, ConstId>` beside the pool cloned every new constant (a `String` for
//! most) to use it as a key, and each time the map grew it hashed every key again. This
//! index keys on the hash alone (folded to 32 bits and packed with the entry's id into one
//! word), so growing it moves integers, and the pool itself settles whether a candidate is
//! really equal. Distinct entries with the same folded hash sit side by side in the table,
//! which keeps the index exact however rare such collisions are.
//!
//! The table is a flat array probed linearly, as the scope builder's `SymbolIndex` is,
//! rather than a general hash map: every function interns a few names and constants, and
//! the map's first allocation and its probing were a tenth of the cost of lowering a name.

use std::hash::{BuildHasher, Hash, Hasher};

/// The slots a pool's table starts with (it holds up to half as many entries). Zeroed
/// memory costs little more for 64 slots than for 32, and at 64 fewer code objects regrow
/// their tables (measured over the standard library; 16 and 128 cost more).
const INITIAL_SLOTS: usize = 64;

/// Pools with fewer entries than this have no table: they are searched linearly from the
/// end. Most code objects intern only a handful of names and constants, and for those a
/// table (a zeroed allocation per pool per code object, freed again with the function)
/// cost more than comparing the few entries directly.
const LINEAR_ENTRIES: usize = 16;

/// An empty slot. A full one holds an entry's [`PoolIndex::fold`]ed hash in its high half
/// and its pool id plus one in its low half, so an empty table is all zero bytes, which
/// clearing writes at memset speed.
const EMPTY: u64 = 0;

/// Hash → pool id, over the entries of one pool (see the module docs).
#[derive(Debug, Clone, Default)]
pub(super) struct PoolIndex {
    /// A power-of-two number of slots (see [`EMPTY`]), at most half of them full, or none
    /// before the first insertion.
    slots: Vec<u64>,
    len: usize,
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

    /// The 32 bits of `hash` a slot keeps: both halves take part, so hashes differing only
    /// in their high bits still spread over a small table. Hashes that fold alike are
    /// told apart by `is_equal`, as equal hashes are.
    #[inline]
    fn fold(hash: u64) -> u32 {
        (hash ^ (hash >> 32)) as u32
    }

    /// The slot holding pool id `id` under folded hash `folded`.
    #[inline]
    fn slot(folded: u32, id: u32) -> u64 {
        let id = id.checked_add(1).expect("pool ids fit in u32");
        (u64::from(folded) << 32) | u64::from(id)
    }

    /// The pool id in full slot `slot`.
    #[inline]
    fn id(slot: u64) -> u32 {
        (slot as u32).wrapping_sub(1)
    }

    /// The first slot to probe for folded hash `folded`.
    #[inline]
    fn home(&self, folded: u32) -> usize {
        folded as usize & (self.slots.len() - 1)
    }

    /// The id of the entry with `hash` for which `is_equal` holds, if any.
    pub(super) fn find(&self, hash: u64, mut is_equal: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let folded = Self::fold(hash);
        let mask = self.slots.len() - 1;
        let mut i = self.home(folded);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY {
                return None;
            }
            if (slot >> 32) as u32 == folded && is_equal(Self::id(slot)) {
                return Some(Self::id(slot));
            }
            i = (i + 1) & mask;
        }
    }

    /// Interns into `pool`: the id of the entry that `is_equal` accepts, or else the id of
    /// `make()`, appended to `pool`. `hash` is the entry's hash, asked for only once the
    /// pool has outgrown a linear search (see [`LINEAR_ENTRIES`]).
    #[inline]
    pub(super) fn intern<T: Hash + PartialEq>(
        &mut self,
        pool: &mut Vec<T>,
        hash: impl FnOnce() -> u64,
        is_equal: impl Fn(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> u32 {
        match self.find_or_file(pool, hash, is_equal) {
            Ok(id) => id,
            Err(id) => {
                pool.push(make());
                id
            }
        }
    }

    /// [`PoolIndex::intern`] without the appending, for an entry that cannot be built while
    /// `pool` is borrowed (one made from other entries): `Ok` with the id of the entry
    /// `is_equal` accepts, or else `Err` with the id the new entry is filed under, which
    /// the caller must then append to `pool`.
    #[inline]
    pub(super) fn find_or_file<T: Hash + PartialEq>(
        &mut self,
        pool: &[T],
        hash: impl FnOnce() -> u64,
        is_equal: impl Fn(&T) -> bool,
    ) -> Result<u32, u32> {
        let new_id = u32::try_from(pool.len()).expect("pool ids fit in u32");
        if self.slots.is_empty() {
            if pool.len() < LINEAR_ENTRIES {
                return match pool.iter().rposition(is_equal) {
                    Some(id) => Ok(id as u32),
                    None => Err(new_id),
                };
            }
            self.index_entries(pool);
        }
        self.find_or_insert(hash(), |id| is_equal(&pool[id as usize]), new_id)
    }

    /// [`PoolIndex::intern`] of an entry the caller already owns, moved into `pool` when
    /// it is new; `same` tells equal entries apart.
    #[inline]
    pub(super) fn intern_owned<T: PartialEq + Hash>(
        &mut self,
        pool: &mut Vec<T>,
        value: T,
        same: impl Fn(&T, &T) -> bool,
    ) -> u32 {
        let new_id = u32::try_from(pool.len()).expect("pool ids fit in u32");
        if self.slots.is_empty() {
            if pool.len() < LINEAR_ENTRIES {
                if let Some(id) = pool.iter().rposition(|entry| same(entry, &value)) {
                    return id as u32;
                }
                pool.push(value);
                return new_id;
            }
            self.index_entries(pool);
        }
        let hash = Self::hash(&value);
        match self.find_or_insert(hash, |id| same(&pool[id as usize], &value), new_id) {
            Ok(id) => id,
            Err(id) => {
                pool.push(value);
                id
            }
        }
    }

    /// Appends `value`, which the caller knows `pool` lacks, and files it; returns its id.
    #[inline]
    pub(super) fn push_new<T: Hash>(&mut self, pool: &mut Vec<T>, value: T) -> u32 {
        let id = u32::try_from(pool.len()).expect("pool ids fit in u32");
        // A pool without a table is indexed in full once it outgrows the linear search.
        if !self.slots.is_empty() {
            self.insert(Self::hash(&value), id);
        }
        pool.push(value);
        id
    }

    /// The id of the entry with `hash` for which `is_equal` holds; when there is none,
    /// `new_id` is filed under `hash` (the caller then appends that entry to the pool) and
    /// `Err(new_id)` returned. One walk of the probe sequence either way.
    pub(super) fn find_or_insert(
        &mut self,
        hash: u64,
        mut is_equal: impl FnMut(u32) -> bool,
        new_id: u32,
    ) -> Result<u32, u32> {
        self.reserve_one();
        let folded = Self::fold(hash);
        let mask = self.slots.len() - 1;
        let mut i = self.home(folded);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY {
                self.slots[i] = Self::slot(folded, new_id);
                self.len += 1;
                return Err(new_id);
            }
            if (slot >> 32) as u32 == folded && is_equal(Self::id(slot)) {
                return Ok(Self::id(slot));
            }
            i = (i + 1) & mask;
        }
    }

    /// Files entry `id` under `hash`; the caller has checked that no equal entry is filed.
    pub(super) fn insert(&mut self, hash: u64, id: u32) {
        self.reserve_one();
        self.place(Self::slot(Self::fold(hash), id));
        self.len += 1;
    }

    /// Makes room for one more entry, keeping the table at most half full so probe
    /// sequences stay short and always reach an empty slot.
    #[inline]
    fn reserve_one(&mut self) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
    }

    /// Puts `slot` in the first empty slot of its probe sequence.
    fn place(&mut self, slot: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home((slot >> 32) as u32);
        while self.slots[i] != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    /// Doubles the table. (Entries with the same hash are told apart by `is_equal`, so the
    /// order they end up in does not matter.)
    #[cold]
    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(INITIAL_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; capacity]);
        for &slot in &old {
            if slot != EMPTY {
                self.place(slot);
            }
        }
    }

    /// Clears the index and files `entries`; of equal entries the last one wins, as it
    /// did when the pools were indexed by a map collected from them. A pool short enough
    /// to be searched linearly is left without a table (the search, from the end, also
    /// finds the last of equal entries).
    pub(super) fn rebuild<T: Hash + PartialEq>(&mut self, entries: &[T]) {
        self.slots.clear();
        self.len = 0;
        if entries.len() >= LINEAR_ENTRIES {
            self.index_entries(entries);
        }
    }

    /// Files `entries` into the empty index, the last of equal entries winning.
    #[cold]
    #[inline(never)]
    fn index_entries<T: Hash + PartialEq>(&mut self, entries: &[T]) {
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
    use super::{LINEAR_ENTRIES, PoolIndex};

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
        // Long enough to be indexed rather than searched.
        let mut pool = vec!["x".to_owned(), "y".to_owned()];
        pool.extend((0..LINEAR_ENTRIES).map(|i| i.to_string()));
        pool.push("x".to_owned());
        let mut index = PoolIndex::default();
        index.rebuild(&pool);
        let hash = PoolIndex::hash("x");
        let last = pool.len() as u32 - 1;
        assert_eq!(index.find(hash, |i| pool[i as usize] == "x"), Some(last));
    }

    #[test]
    fn short_pools_are_searched_from_the_end() {
        let mut pool = vec!["x".to_owned(), "y".to_owned(), "x".to_owned()];
        let mut index = PoolIndex::default();
        index.rebuild(&pool);
        let id = index.intern(&mut pool, || unreachable!(), |n| n == "x", String::new);
        assert_eq!(id, 2);
        let id = index.intern(
            &mut pool,
            || unreachable!(),
            |n| n == "z",
            || "z".to_owned(),
        );
        assert_eq!((id, pool.len()), (3, 4));
    }
}
