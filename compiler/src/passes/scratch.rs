//! Working memory the passes reuse from one function to the next: bit sets and lists that
//! keep their allocations in a per-thread slot, so a pass over a small function (most of
//! them) allocates nothing.

use std::cell::Cell;

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

    /// Whether every member of `self` is a member of `other` (both reset to one length).
    pub(crate) fn is_subset(&self, other: &BitSet) -> bool {
        self.words
            .iter()
            .zip(&other.words)
            .all(|(&mine, &theirs)| mine & !theirs == 0)
    }

    /// Calls `f` with each member of `self` that is not a member of `other` (both reset
    /// to one length), in increasing order.
    pub(crate) fn for_each_missing_from(&self, other: &BitSet, mut f: impl FnMut(usize)) {
        for (index, (&mine, &theirs)) in self.words.iter().zip(&other.words).enumerate() {
            let mut missing = mine & !theirs;
            while missing != 0 {
                f(index * 64 + missing.trailing_zeros() as usize);
                missing &= missing - 1;
            }
        }
    }
}

/// The bit sets and lists one pass run needs, handed out together: one thread-local access
/// per function rather than one per set, which matters when the average function has a
/// few dozen instructions.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Emptied and sized by [`BitSet::reset`] before use.
    pub(crate) sets: [BitSet; 5],
    /// Cleared before use.
    pub(crate) lists: [Vec<u32>; 5],
}

thread_local! {
    /// Boxed, so that taking it out and putting it back moves a pointer, not ten
    /// vector headers.
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// Runs `f` with the thread's scratch space (its allocations kept from the last run), then
/// hands it back for the next one. A nested call gets fresh, empty space.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = SCRATCH.take().unwrap_or_default();
    let result = f(&mut scratch);
    SCRATCH.set(Some(scratch));
    result
}
