//! Working memory the passes reuse from one function to the next: bit sets and lists that
//! keep their allocations in a per-thread pool, so a pass over a small function (most of
//! them) allocates nothing.

use std::cell::RefCell;

/// A set of small integers (block, value or pool indexes), one bit each.
#[derive(Debug, Default)]
pub(crate) struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    /// Empties the set and makes room for members `0..len`.
    pub(crate) fn reset(&mut self, len: usize) {
        self.words.clear();
        self.words.resize(len.div_ceil(64), 0);
    }

    #[inline]
    pub(crate) fn insert(&mut self, index: usize) {
        self.words[index / 64] |= 1 << (index % 64);
    }

    /// Adds the even `index` and `index + 1` (one word holds both).
    #[inline]
    pub(crate) fn insert_pair(&mut self, index: usize) {
        debug_assert!(index.is_multiple_of(2));
        self.words[index / 64] |= 0b11 << (index % 64);
    }

    /// Adds `index`, returning whether it was absent.
    #[inline]
    pub(crate) fn insert_new(&mut self, index: usize) -> bool {
        let word = &mut self.words[index / 64];
        let bit = 1 << (index % 64);
        let absent = *word & bit == 0;
        *word |= bit;
        absent
    }

    #[inline]
    pub(crate) fn contains(&self, index: usize) -> bool {
        self.words[index / 64] & (1 << (index % 64)) != 0
    }

    /// The number of members.
    pub(crate) fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

thread_local! {
    static POOL: RefCell<Vec<BitSet>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `N` bit sets from the thread's pool (each emptied and sized by `reset`
/// before use), then returns them to the pool.
pub(crate) fn with_bitsets<const N: usize, R>(f: impl FnOnce(&mut [BitSet; N]) -> R) -> R {
    let mut sets: [BitSet; N] =
        POOL.with_borrow_mut(|pool| std::array::from_fn(|_| pool.pop().unwrap_or_default()));
    let result = f(&mut sets);
    POOL.with_borrow_mut(|pool| pool.extend(sets));
    result
}

thread_local! {
    static LISTS: RefCell<Vec<Vec<u32>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `N` empty lists from the thread's pool, then returns them to the pool.
pub(crate) fn with_lists<const N: usize, R>(f: impl FnOnce(&mut [Vec<u32>; N]) -> R) -> R {
    let mut lists: [Vec<u32>; N] = LISTS.with_borrow_mut(|pool| {
        std::array::from_fn(|_| {
            let mut list = pool.pop().unwrap_or_default();
            list.clear();
            list
        })
    });
    let result = f(&mut lists);
    LISTS.with_borrow_mut(|pool| pool.extend(lists));
    result
}
